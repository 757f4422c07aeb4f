import type { Flow, Step } from "./schema.js";

/** A step that waits for the person; every other kind runs on without them. */
export type QuestionStep = Extract<
  Step,
  { kind: "choice" | "multi" | "likert" | "input" | "confirm" | "file" }
>;

const QUESTION_KINDS = new Set(["choice", "multi", "likert", "input", "confirm", "file"]);

/** True for the steps that wait for an answer. */
export const isQuestion = (s: Step): s is QuestionStep => QUESTION_KINDS.has(s.kind);

/** The step with this id; a missing one is a bug in a validated flow, so it throws. */
export function stepOf(flow: Flow, id: string): Step {
  const step = flow.steps.find((s) => s.id === id);
  if (!step) throw new Error(`flow ${flow.id} has no step ${id}`);
  return step;
}

/** One option a question offers: its id (the answer) and its label in the person's language. */
export interface OptionItem {
  id: string;
  label: string;
}

/** The part of a stored run that showing and answering a question read. */
export interface RunView {
  id: string;
  answers: Record<string, unknown>;
  /** Questions answered so far, for "Kembali" and the progress line. */
  trail: string[];
  /** The options a dynamic list offered when the question was shown. */
  offered: OptionItem[];
}

/** The locale-key suffix for what a file step accepts, in a fixed order: photo-pdf, csv… */
export const acceptKey = (accept: readonly string[]) =>
  ["photo", "pdf", "csv", "document"].filter((k) => accept.includes(k)).join("-");

/** Walks at most this many automatic steps before deciding a flow loops. */
export const MAX_HOPS = 200;
