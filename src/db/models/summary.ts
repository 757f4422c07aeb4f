import { Schema } from "mongoose";
import type {
  Contribution,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
} from "../../domain/summary.js";

export type {
  Contribution,
  TreeHeadcount,
  TreeYearTotals,
  UnitHeadcount,
  UnitYearTotals,
} from "../../domain/summary.js";

/**
 * Something the summary totals have not taken in yet. The writers of facts only insert these
 * (a unique insert: a second mark for the same thing is a no-op); the one folder holding the
 * summary lease takes them in and deletes them. `_id` says what changed:
 * `p|<person>` (recompute the person), `u|<unit>|<year>` (a survey answer there),
 * `r|<delivery>` (a reminder finished), `x|rebuild` (recompute everything from the facts).
 */
export interface SummaryMark {
  _id: string;
  kind: "person" | "unit" | "reminder" | "rebuild";
  personId?: string;
  unitId?: string;
  year?: number;
  ok?: boolean;
  at: Date;
  /** Changed each time the mark is set again, so the folder removes only what it took in. */
  v: string;
}

export const summaryMarkSchema = new Schema<SummaryMark>(
  {
    _id: { type: String, required: true },
    kind: { type: String, enum: ["person", "unit", "reminder", "rebuild"], required: true },
    personId: String,
    unitId: String,
    year: Number,
    ok: Boolean,
    at: { type: Date, required: true },
    v: { type: String, required: true },
  },
  { collection: "summary_marks", versionKey: false },
);

export const contributionSchema = new Schema<Contribution>(
  {
    _id: { type: String, required: true },
    personId: { type: String, required: true },
    year: { type: Number, required: true },
    unitId: String,
    assessmentId: String,
    results: {
      type: [new Schema({ competency: String, assessed: Number, required: Number }, { _id: false })],
      default: [],
    },
    jp: { type: Number, required: true },
    reachedGoal: { type: Boolean, required: true },
    trainings: { type: Number, required: true },
    gapsClosed: { type: Number, required: true },
    reminders: { type: [new Schema({ id: String, ok: Boolean }, { _id: false })], default: [] },
  },
  { collection: "summary_contributions", versionKey: false },
);
contributionSchema.index({ personId: 1 });
contributionSchema.index({ unitId: 1, year: 1 });

/** Where the folder last counted a person: a move must recount the unit they left. */
export interface SummaryMember {
  /** The person id. */
  _id: string;
  unitId?: string;
  registered: boolean;
  /** Their JP rule is a ceiling (PPPK); absent means a minimum. */
  underCeiling?: boolean;
}

export const summaryMemberSchema = new Schema<SummaryMember>(
  {
    _id: { type: String, required: true },
    unitId: String,
    registered: { type: Boolean, required: true },
    underCeiling: Boolean,
  },
  { collection: "summary_members", versionKey: false },
);
summaryMemberSchema.index({ unitId: 1 });

const totalsFields = {
  _id: { type: String, required: true },
  unitId: { type: String, required: true },
  year: { type: Number, required: true },
  assessed: Number,
  competencies: {
    type: [
      new Schema(
        { competency: String, people: Number, assessedSum: Number, requiredSum: Number, below: Number },
        { _id: false },
      ),
    ],
    default: [],
  },
  jpSum: Number,
  reachedGoal: Number,
  trainings: Number,
  gapsClosed: Number,
  remindersSent: Number,
  remindersFailed: Number,
  ikmRespondents: Number,
  ikmScoreSum: Number,
  ikmAnswers: Number,
};

export const unitTotalsSchema = new Schema<UnitYearTotals>(totalsFields, {
  collection: "unit_totals",
  versionKey: false,
});
unitTotalsSchema.index({ year: 1 });

export const treeTotalsSchema = new Schema<TreeYearTotals>(
  { ...totalsFields, parentId: { type: String, default: null } },
  { collection: "tree_totals", versionKey: false },
);
treeTotalsSchema.index({ parentId: 1, year: 1 });

const headcountFields = {
  _id: { type: String, required: true },
  headcount: Number,
  registered: Number,
  underCeiling: Number,
};

export const unitHeadcountSchema = new Schema<UnitHeadcount>(headcountFields, {
  collection: "unit_headcounts",
  versionKey: false,
});

export const treeHeadcountSchema = new Schema<TreeHeadcount>(
  { ...headcountFields, parentId: { type: String, default: null } },
  { collection: "tree_headcounts", versionKey: false },
);
treeHeadcountSchema.index({ parentId: 1 });
