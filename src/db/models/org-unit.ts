import { Schema } from "mongoose";

/** A node of the org tree: an instansi (root) or a unit kerja under it. */
export interface OrgUnit {
  _id: string;
  name: string;
  kind: "instansi" | "unit";
  parentId: string | null;
  /** The root instansi of this unit (itself for an instansi). */
  instansiId: string;
  /** Ancestor ids from the root down, so a subtree is one top-level query on FerretDB. */
  path: string[];
  regionId?: string;
  /**
   * Slack channels (ids such as C0123ABCD) this unit's coordinators may post broadcasts to: only
   * the channels of units in a coordinator's scope are offered.
   */
  slackChannels?: string[];
}

export const orgUnitSchema = new Schema<OrgUnit>(
  {
    _id: { type: String, required: true, match: /^[a-z0-9][a-z0-9._-]{0,79}$/ },
    name: { type: String, required: true, maxlength: 200 },
    kind: { type: String, enum: ["instansi", "unit"], required: true },
    parentId: { type: String, default: null },
    instansiId: { type: String, required: true },
    path: { type: [String], default: [] },
    regionId: String,
    slackChannels: { type: [String], default: undefined },
  },
  { collection: "org_units", versionKey: false },
);
orgUnitSchema.index({ parentId: 1 });
orgUnitSchema.index({ instansiId: 1 });
orgUnitSchema.index({ path: 1 });
