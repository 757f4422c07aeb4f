import { z } from "zod";

/**
 * The flow file format: a conversation as data. Validated at start-up and by `npm run flows:check`;
 * a file that does not pass never half-loads.
 */

const stepId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "step ids are lower-case letters, digits and _, starting with a letter");

/** A text written in the flow: Indonesian required, English optional (falls back to Indonesian). */
export const flowTextSchema = z.union([
  z.object({ id: z.string().min(1).max(3500), en: z.string().min(1).max(3500).optional() }).strict(),
  z.object({ textKey: z.string().regex(/^[a-z][a-zA-Z0-9-]*$/) }).strict(),
]);
export type FlowText = z.infer<typeof flowTextSchema>;

/** A hook's name as flows write it: `assessment.pick`, `org.units`… */
const hookName = z.string().regex(/^[a-z][a-zA-Z0-9_.-]*$/);

/**
 * A step's text: written in the flow, or `{ from: <text source> }`, produced each time the step is
 * shown, in the person's language then (so runs store ids, never a translated sentence).
 */
export const stepTextSchema = z.union([flowTextSchema, z.object({ from: hookName }).strict()]);
export type StepText = z.infer<typeof stepTextSchema>;

const optionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, "option ids are short lower-case identifiers"),
    label: flowTextSchema,
    next: stepId.optional(),
  })
  .strict();

/** Options listed in the file, or produced at run time by a named provider (org tree, jabatan…). */
const optionsSchema = z.union([
  z.array(optionSchema).min(1).max(50),
  z
    .object({ source: z.string().regex(/^[a-z][a-z0-9_.-]*$/), searchable: z.boolean().default(false) })
    .strict(),
]);

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
    z
      .object({
        answer: stepId,
        equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
        in: z.array(z.union([z.string(), z.number()])).optional(),
        exists: z.boolean().optional(),
        includes: z.string().optional(),
      })
      .strict(),
    z
      .object({
        profile: z.enum([
          "tier",
          "locale",
          "instansiId",
          "unitId",
          "jabatanId",
          "regionId",
          "hasNip",
          "onboarded",
        ]),
        equals: z.union([z.string(), z.number(), z.boolean()]).optional(),
        in: z.array(z.union([z.string(), z.number()])).optional(),
        exists: z.boolean().optional(),
      })
      .strict(),
  ]),
);
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | {
      answer: string;
      equals?: string | number | boolean;
      in?: (string | number)[];
      exists?: boolean;
      includes?: string;
    }
  | {
      profile:
        | "tier"
        | "locale"
        | "instansiId"
        | "unitId"
        | "jabatanId"
        | "regionId"
        | "hasNip"
        | "onboarded";
      equals?: string | number | boolean;
      in?: (string | number)[];
      exists?: boolean;
    };

const validatorSchema = z
  .object({
    minLength: z.number().int().min(0).optional(),
    maxLength: z.number().int().min(1).max(4000).optional(),
    regex: z.string().optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    integer: z.boolean().optional(),
    nip: z.boolean().optional(),
    notBefore: z.string().optional(),
    notAfter: z.string().optional(),
  })
  .strict()
  .refine((v) => v.regex === undefined || isValidRegex(v.regex), "regex does not compile");

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

const base = {
  id: stepId,
  text: stepTextSchema.optional(),
  /** Whether the person may skip this question (the answer is then absent). */
  skippable: z.boolean().default(false),
  /**
   * Where "Kembali" leads instead of the previous question: flows that loop over one step (an
   * adaptive test) go to a step that undoes the last answer.
   */
  onBack: stepId.optional(),
};

const messageStep = z
  .object({ ...base, kind: z.literal("message"), text: stepTextSchema, next: stepId })
  .strict();
const choiceStep = z
  .object({
    ...base,
    kind: z.literal("choice"),
    text: stepTextSchema,
    options: optionsSchema,
    next: stepId.optional(),
  })
  .strict();
const multiStep = z
  .object({
    ...base,
    kind: z.literal("multi"),
    text: stepTextSchema,
    options: optionsSchema,
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1).optional(),
    next: stepId,
  })
  .strict();
const likertStep = z
  .object({
    ...base,
    kind: z.literal("likert"),
    text: stepTextSchema,
    scale: z.array(flowTextSchema).min(2).max(7),
    next: stepId,
  })
  .strict();
const inputStep = z
  .object({
    ...base,
    kind: z.literal("input"),
    text: stepTextSchema,
    input: z.enum(["text", "number", "date"]),
    validate: validatorSchema.default({}),
    next: stepId,
  })
  .strict();
/**
 * Asks for a photo or a PDF (a certificate), a CSV (an import) or any document (an announcement's
 * attachment); the answer is the file reference.
 */
const fileStep = z
  .object({
    ...base,
    kind: z.literal("file"),
    text: stepTextSchema,
    accept: z
      .array(z.enum(["photo", "pdf", "csv", "document"]))
      .min(1)
      .default(["photo", "pdf"]),
    next: stepId,
  })
  .strict();
const confirmStep = z
  .object({ ...base, kind: z.literal("confirm"), text: stepTextSchema, yes: stepId, no: stepId })
  .strict();
const branchStep = z
  .object({
    id: stepId,
    kind: z.literal("branch"),
    cases: z.array(z.object({ when: condition, next: stepId }).strict()).min(1),
    default: stepId,
  })
  .strict();
const computeStep = z
  .object({
    id: stepId,
    kind: z.literal("compute"),
    service: hookName,
    /**
     * The service writes nothing (it may read): it needs no claim of its own (it may run again on
     * a retried answer), so the answer costs no extra round trips.
     */
    pure: z.boolean().default(false),
    next: stepId.optional(),
  })
  .strict();
const endStep = z.object({ id: stepId, kind: z.literal("end"), text: stepTextSchema.optional() }).strict();

export const stepSchema = z.discriminatedUnion("kind", [
  messageStep,
  choiceStep,
  multiStep,
  likertStep,
  inputStep,
  fileStep,
  confirmStep,
  branchStep,
  computeStep,
  endStep,
]);
export type Step = z.infer<typeof stepSchema>;
export type StepKind = Step["kind"];

export const flowSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    version: z.union([z.string(), z.number()]).transform(String),
    title: flowTextSchema,
    /** Commands that start this flow (without the slash). */
    commands: z.array(z.string().regex(/^[a-z]{2,32}$/)).default([]),
    /** Show "Pertanyaan n dari m"; off for flows that loop and show their own progress. */
    progress: z.boolean().default(true),
    start: stepId,
    steps: z.array(stepSchema).min(1),
  })
  .strict()
  .superRefine((flow, ctx) => {
    const ids = new Map<string, number>();
    flow.steps.forEach((s, i) => {
      if (ids.has(s.id))
        ctx.addIssue({ code: "custom", path: ["steps", i, "id"], message: `duplicate step id "${s.id}"` });
      ids.set(s.id, i);
    });
    const known = (target: string | undefined, path: (string | number)[]) => {
      if (target !== undefined && !ids.has(target)) {
        ctx.addIssue({ code: "custom", path, message: `points to unknown step "${target}"` });
      }
    };
    known(flow.start, ["start"]);
    flow.steps.forEach((s, i) => {
      const at = ["steps", i];
      if ("onBack" in s) known(s.onBack, [...at, "onBack"]);
      switch (s.kind) {
        case "message":
        case "multi":
        case "likert":
        case "input":
        case "file":
          known(s.next, [...at, "next"]);
          break;
        case "choice":
          if (Array.isArray(s.options)) {
            for (const [j, o] of s.options.entries()) known(o.next, [...at, "options", j, "next"]);
            if (!s.next && s.options.some((o) => !o.next)) {
              ctx.addIssue({
                code: "custom",
                path: [...at, "next"],
                message: "needs next, or next on every option",
              });
            }
          } else if (!s.next) {
            ctx.addIssue({
              code: "custom",
              path: [...at, "next"],
              message: "is required with dynamic options",
            });
          }
          known(s.next, [...at, "next"]);
          break;
        case "confirm":
          known(s.yes, [...at, "yes"]);
          known(s.no, [...at, "no"]);
          break;
        case "branch":
          for (const [j, c] of s.cases.entries()) known(c.next, [...at, "cases", j, "next"]);
          known(s.default, [...at, "default"]);
          break;
        case "compute":
          known(s.next, [...at, "next"]);
          break;
        case "end":
          break;
      }
    });
  });
export type Flow = z.output<typeof flowSchema>;
