import { validate as isCron } from "node-cron";
import { z } from "zod";
import type { BilingualText } from "./competency.js";
import { IKM_UNSUR } from "./ikm.js";
import { parseWith } from "./validation.js";

/**
 * Satisfaction surveys as data (`flows/surveys/*.yaml`): every item is answered 1–4, so the IKM
 * formula (mean of the item means × 25) and its grades apply to all of them.
 */

export interface SurveyItem {
  code: string;
  text: BilingualText;
  /** Labels of the answers 1, 2, 3, 4. */
  answers: { id: string[]; en: string[] };
}

interface SurveyBase {
  id: string;
  title: BilingualText;
  /** Responses stored without the person; results of a group shown only from `minGroup` answers. */
  anonymous: boolean;
  /** Days after opening when people who have not answered are reminded. */
  remindDays: number[];
  /** Days after opening when the survey closes. */
  closeDays: number;
  items: SurveyItem[];
}

export type SurveyDefinition = SurveyBase &
  (
    | { kind: "post-training"; afterHours: number }
    | { kind: "follow-up"; afterMonths: number }
    | {
        kind: "periodic";
        cron: string;
        timeZone: string;
        audience: { instansi?: string[]; tiers?: string[] };
      }
  );

/** The fewest answers for which a group's result of an anonymous survey is shown. */
export const MIN_GROUP = 5;

/**
 * The answers an anonymous survey's result counts: the first whole steps of MIN_GROUP, in order
 * of arrival (`rows` comes in that order). One more answer changes nothing until it completes a
 * step, so comparing a result before and after someone answered never shows what they answered;
 * and a group of 1–4 counts nobody, so it cannot be worked out from a larger result either.
 */
export function countedInSteps<T>(rows: readonly T[]): T[] {
  return rows.slice(0, rows.length - (rows.length % MIN_GROUP));
}

/** Compares anonymous responses by order of arrival; those from before it was kept come first, by day. */
export function byArrival(
  a: { seq?: number; answeredOn: string; _id: string },
  b: { seq?: number; answeredOn: string; _id: string },
): number {
  return (
    (a.seq ?? -1) - (b.seq ?? -1) || a.answeredOn.localeCompare(b.answeredOn) || a._id.localeCompare(b._id)
  );
}

const bilingual = z.strictObject({ id: z.string().min(3).max(400), en: z.string().min(3).max(400) });
const four = z.array(z.string().min(1).max(60)).length(4, "must list exactly 4 answers (1 to 4)");
const itemSchema = z.strictObject({
  code: z.string().regex(/^[A-Z][A-Z0-9.]{0,9}$/, "must be a short code such as P1"),
  text: bilingual,
  answers: z.strictObject({ id: four, en: four }),
});

const base = {
  id: z.string().regex(/^[a-z][a-z0-9-]{1,39}$/, "must be lowercase letters, digits and dashes"),
  title: bilingual,
  anonymous: z.boolean().default(false),
  remindDays: z.array(z.number().int().min(1).max(60)).max(5).default([1, 3]),
  closeDays: z.number().int().min(1).max(90).default(7),
  // `items: ikm-unsur` takes the nine unsur of PermenPANRB 14/2017 as they are.
  items: z.union([z.literal("ikm-unsur"), z.array(itemSchema).min(1).max(30)]),
};

const definitionSchema = z
  .discriminatedUnion("kind", [
    z.strictObject({
      ...base,
      kind: z.literal("post-training"),
      afterHours: z.number().min(0).max(240).default(2),
    }),
    z.strictObject({
      ...base,
      kind: z.literal("follow-up"),
      afterMonths: z.number().int().min(1).max(24).default(3),
    }),
    z.strictObject({
      ...base,
      kind: z.literal("periodic"),
      cron: z.string().refine((c) => isCron(c), "is not a cron expression (minute hour day month weekday)"),
      timeZone: z
        .enum(["Asia/Jakarta", "Asia/Pontianak", "Asia/Makassar", "Asia/Jayapura"])
        .default("Asia/Jakarta"),
      audience: z
        .strictObject({ instansi: z.array(z.string()).optional(), tiers: z.array(z.string()).optional() })
        .default({}),
    }),
  ])
  .superRefine((d, ctx) => {
    if (d.remindDays.some((r) => r >= d.closeDays))
      ctx.addIssue({
        code: "custom",
        path: ["remindDays"],
        message: "every reminder must come before closeDays",
      });
    if (Array.isArray(d.items)) {
      const codes = d.items.map((i) => i.code);
      if (new Set(codes).size !== codes.length)
        ctx.addIssue({ code: "custom", path: ["items"], message: "item codes must be different" });
    }
  });

/** Validates one survey file. */
export function parseSurveyDefinition(raw: unknown): SurveyDefinition {
  const d = parseWith(definitionSchema, raw);
  const items: SurveyItem[] =
    d.items === "ikm-unsur"
      ? IKM_UNSUR.map((u) => ({
          code: u.code,
          // The unsur by its official name, then its own question: a name pasted into one sentence
          // pattern read badly ("produk spesifikasi jenis pelayanan layanan …").
          text: { id: `${u.name.id}\n${u.question.id}`, en: `${u.name.en}\n${u.question.en}` },
          answers: { id: [...u.answers.id], en: [...u.answers.en] },
        }))
      : d.items;
  return { ...d, items } as SurveyDefinition;
}
