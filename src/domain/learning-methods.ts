import { z } from "zod";
import { bilingualTextSchema } from "./competency.js";
import { JP_STATUSES, type JpRules, jpRuleSchema } from "./jp.js";
import { parseWith } from "./validation.js";

/**
 * Forms of competency development (Peraturan LAN No. 10 Tahun 2018): pelatihan klasikal (in a
 * classroom) and nonklasikal (coaching, e-learning, secondment…). The ids are stable data keys.
 */

export const KLASIKAL_METHODS = [
  "pelatihan-dasar",
  "pelatihan-struktural",
  "pelatihan-manajerial",
  "pelatihan-teknis",
  "pelatihan-fungsional",
  "pelatihan-sosial-kultural",
  "seminar",
  "workshop",
  "kursus",
  "penataran",
  "bimtek",
  "sosialisasi",
] as const;

export const NONKLASIKAL_METHODS = [
  "coaching",
  "mentoring",
  "e-learning",
  "jarak-jauh",
  "detasering",
  "alam-terbuka",
  "patok-banding",
  "pertukaran",
  "belajar-mandiri",
  "komunitas-belajar",
  "bimbingan-di-tempat-kerja",
  "magang",
] as const;

export const METHODS = [...KLASIKAL_METHODS, ...NONKLASIKAL_METHODS] as const;
export type Method = (typeof METHODS)[number];
export type MethodKind = "klasikal" | "nonklasikal";

/** True when `s` is a known method id. */
export function isMethod(s: unknown): s is Method {
  return typeof s === "string" && (METHODS as readonly string[]).includes(s);
}

/** Klasikal or nonklasikal. */
export function kindOf(method: Method): MethodKind {
  return (KLASIKAL_METHODS as readonly string[]).includes(method) ? "klasikal" : "nonklasikal";
}

/** The learning preference (onboarding's `learningModes`) a method belongs to, for the ranking. */
export function preferenceOf(method: Method): string {
  switch (method) {
    case "e-learning":
    case "belajar-mandiri":
      return "e-learning";
    case "jarak-jauh":
      return "jarak-jauh";
    case "coaching":
    case "mentoring":
    case "bimbingan-di-tempat-kerja":
    case "komunitas-belajar":
      return "coaching";
    case "magang":
    case "detasering":
    case "patok-banding":
    case "pertukaran":
    case "alam-terbuka":
      return "magang";
    default:
      return "klasikal";
  }
}

/**
 * jp-rules.yaml: the yearly rule of each status kepegawaian, the length of a JP, and the JP credited
 * per self-reported nonklasikal activity; all differ by agency, so they are configuration.
 */
export interface JpCreditRules extends JpRules {
  label: { id: string; en: string };
  minutesPerJp: number;
  nonklasikal: Partial<Record<Method, number>>;
}

export const jpCreditRulesSchema = z.strictObject({
  label: bilingualTextSchema,
  minutesPerJp: z.number().positive().max(120),
  byStatus: z.strictObject({ CPNS: jpRuleSchema, PNS: jpRuleSchema, PPPK: jpRuleSchema }),
  unknownStatus: z.enum(JP_STATUSES),
  nonklasikal: z.partialRecord(z.enum(NONKLASIKAL_METHODS), z.number().positive().max(200)),
});

/** Validates jp-rules.yaml; throws naming the path of each problem. */
export function parseJpCreditRules(raw: unknown): JpCreditRules {
  return parseWith(jpCreditRulesSchema, raw);
}
