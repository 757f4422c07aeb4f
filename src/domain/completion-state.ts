/**
 * Which recorded trainings count toward JP. A catalog course the person enrolled in, and a
 * nonklasikal activity at exactly the JP the agency credits for its kind, count at once. Anything
 * else a person reports (a training outside the catalog, or more JP than the agency's default for
 * the kind) waits for a koordinator to verify it, and counts only once verified; a koordinator may
 * instead return it with a reason, and then it never counts (the person records it again).
 */

export const COMPLETION_STATES = ["pending", "verified", "returned"] as const;
/** `pending`: waits for a koordinator; `verified`: counts; `returned`: sent back with a reason. */
export type CompletionState = (typeof COMPLETION_STATES)[number];

/**
 * The JP a person may state from a certificate: more than nothing (a tenth of a JP is four and a
 * half minutes, less is no training) and at most what the longest leadership trainings give.
 */
export const STATED_JP = { min: 0.1, max: 1000 } as const;

/** What the rules read of a record: how it was recorded, its form, and its JP. */
export interface RecordFacts {
  source: "course" | "self";
  kind: "klasikal" | "nonklasikal";
  method: string;
  jp: number;
}

/**
 * The state a new record starts in: `pending` when a koordinator must verify it, undefined when it
 * counts at once (the state old records have too). `defaults` are the agency's JP per nonklasikal
 * method; a method without one (every klasikal method) has no default, so it always waits.
 */
export function initialState(
  record: RecordFacts,
  defaults: Readonly<Partial<Record<string, number>>>,
): "pending" | undefined {
  if (record.source === "course") return undefined;
  const credited = record.kind === "nonklasikal" ? defaults[record.method] : undefined;
  return credited !== undefined && record.jp === credited ? undefined : "pending";
}

/** The state of a stored record; one recorded before verification existed has none and counts. */
export function stateOf(record: { state?: string | null }): CompletionState | "unknown" {
  if (record.state === undefined || record.state === null) return "verified";
  return (COMPLETION_STATES as readonly string[]).includes(record.state)
    ? (record.state as CompletionState)
    : "unknown";
}

/**
 * The one rule for what enters JP totals, the person's status, achievements, unit summaries and
 * the SIASN export: a verified record, or one that never needed verifying (no state).
 */
export function countsTowardJp(record: { state?: string | null }): boolean {
  return stateOf(record) === "verified";
}

/** True when `jp` is a JP a certificate may state (the flow asks within the same bounds). */
export function isStatedJp(jp: unknown): jp is number {
  return typeof jp === "number" && Number.isFinite(jp) && jp >= STATED_JP.min && jp <= STATED_JP.max;
}
