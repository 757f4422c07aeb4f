import type { Locale } from "../i18n/locales.js";
import { hasDynamicOptions, optionsOf } from "./present-step.js";
import { acceptKey, type OptionItem, type QuestionStep, type RunView } from "./steps.js";
import type { Translate } from "./text.js";
import type { IncomingFile } from "./types.js";
import { validateInput } from "./validate-input.js";

/**
 * An answer to a question: a button token the engine issued, typed text, a file, or the option
 * tokens a form field held (several only at a multiple choice).
 */
export type AnswerInput = { token: string } | { text: string } | { file: IncomingFile } | { picks: string[] };

/** What an answer means for the run. */
export type Decision =
  /** Not an answer this question takes: say why (a locale key) and ask again. */
  | { kind: "invalid"; key: string; args?: Record<string, string | number> }
  /** Record `value` for the question and go on to `next`; `echo` is what was chosen, in words. */
  | { kind: "answer"; value: unknown; echo?: string; next: string }
  /** Back to the previous question, or to the step `to` when the question names one (onBack). */
  | { kind: "back"; to?: string }
  | { kind: "skip"; next: string }
  /**
   * Stay at the question and show it again, with these answers set (a multi choice toggled), these
   * options (a search), and a note above it (a locale key, e.g. why the list is the whole list).
   */
  | {
      kind: "rerender";
      setAnswers?: Record<string, unknown>;
      offered?: OptionItem[];
      note?: { key: string; args?: Record<string, string | number> };
    }
  /** Typed words at a dynamic list: look them up in its source, then show the question again. */
  | { kind: "search"; query: string };

/** What deciding needs besides the step: the person's language, words, and today (dates, NIP). */
export interface DecideContext {
  locale: Locale;
  translate: Translate;
  now: Date;
}

const YES = new Set(["ya", "y", "iya", "yes", "ok", "oke", "setuju"]);
const NO = new Set(["tidak", "t", "tdk", "no", "n", "nggak", "gak", "enggak"]);
const BACK = new Set(["kembali", "back", "<"]);
const SKIP = new Set(["lewati", "skip"]);
const DONE = new Set(["selesai", "done"]);

/** Where a question leads once answered (with `optionId` for a choice whose options branch). */
export function nextAfter(step: QuestionStep, optionId: string | undefined): string {
  if (step.kind === "choice") {
    const opt = Array.isArray(step.options) ? step.options.find((o) => o.id === optionId) : undefined;
    return opt?.next ?? step.next!;
  }
  if (step.kind === "confirm") return step.yes;
  return step.next;
}

/**
 * Interprets a button token, typed text or file at a question: yes/no words, back/skip/done words,
 * an option by its number or label, a validated input. Reads nothing; a search is left to the caller.
 */
export function decideAnswer(
  step: QuestionStep,
  run: Pick<RunView, "answers" | "trail" | "offered">,
  input: AnswerInput,
  ctx: DecideContext,
): Decision {
  if ("picks" in input) {
    if (step.kind === "multi") return decidePicks(step, run, input.picks, ctx);
    // One option picked in a form is the press of its button.
    const [only, ...more] = input.picks;
    if (only === undefined || more.length > 0)
      return { kind: "invalid", key: step.kind === "confirm" ? "flow-expect-confirm" : "flow-expect-choice" };
    input = { token: only };
  }
  if ("file" in input) {
    if (step.kind !== "file") return { kind: "invalid", key: "flow-file-not-expected" };
    const f = input.file;
    const accepted =
      (f.kind === "photo" && step.accept.includes("photo")) ||
      (f.mime === "application/pdf" && step.accept.includes("pdf")) ||
      ((f.mime.includes("csv") || /\.csv$/i.test(f.name ?? "")) && step.accept.includes("csv")) ||
      (f.kind === "document" && step.accept.includes("document"));
    if (!accepted) return { kind: "invalid", key: `flow-expect-file-${acceptKey(step.accept)}` };
    return { kind: "answer", value: { ...f }, next: step.next };
  }
  const token = "token" in input ? input.token : undefined;
  const text = "text" in input ? input.text.trim() : undefined;
  const lower = text?.toLowerCase();
  if (token === "back" || (lower && BACK.has(lower))) {
    if (step.onBack && run.trail.length > 0) return { kind: "back", to: step.onBack };
    return run.trail.length > 0 ? { kind: "back" } : { kind: "invalid", key: "flow-cannot-go-back" };
  }
  if (token === "skip" || (lower && SKIP.has(lower))) {
    if (!step.skippable) return { kind: "invalid", key: "flow-cannot-skip" };
    return { kind: "skip", next: nextAfter(step, undefined) };
  }
  const options = optionsOf(step, run, ctx.locale, ctx.translate);
  const pickIndex = (): number | undefined => {
    if (token?.startsWith("o")) return Number(token.slice(1));
    if (text && /^\d{1,3}$/.test(text)) return Number(text) - 1;
    if (lower) {
      const i = options.findIndex((o) => o.label.toLowerCase() === lower);
      return i >= 0 ? i : undefined;
    }
    return undefined;
  };

  switch (step.kind) {
    case "confirm": {
      const yes = token === "y" || (lower !== undefined && YES.has(lower));
      const no = token === "n" || (lower !== undefined && NO.has(lower));
      if (!yes && !no) return { kind: "invalid", key: "flow-expect-confirm" };
      return {
        kind: "answer",
        value: yes,
        echo: ctx.translate(ctx.locale, yes ? "nav-yes" : "nav-no"),
        next: yes ? step.yes : step.no,
      };
    }
    case "likert":
    case "choice": {
      const i = pickIndex();
      const option = i !== undefined ? options[i] : undefined;
      if (!option) {
        if (
          step.kind === "choice" &&
          hasDynamicOptions(step) &&
          text &&
          text.length >= 2 &&
          !/^\d+$/.test(text)
        ) {
          return { kind: "search", query: text };
        }
        return { kind: "invalid", key: step.kind === "likert" ? "flow-expect-likert" : "flow-expect-choice" };
      }
      const value = step.kind === "likert" ? Number(option.id) : option.id;
      return { kind: "answer", value, echo: option.label, next: nextAfter(step, option.id) };
    }
    case "multi": {
      const selected = new Set((run.answers[step.id] as string[] | undefined) ?? []);
      const finish = token === "done" || (lower !== undefined && DONE.has(lower));
      if (finish || (text && /^\d{1,3}(\s*,\s*\d{1,3})+$/.test(text))) {
        const chosen = finish
          ? [...selected]
          : text!
              .split(",")
              .map((n) => options[Number(n.trim()) - 1]?.id)
              .filter((x): x is string => !!x);
        if (chosen.length < step.min)
          return { kind: "invalid", key: "multi-too-few", args: { min: step.min } };
        if (step.max !== undefined && chosen.length > step.max) {
          return { kind: "invalid", key: "multi-too-many", args: { max: step.max } };
        }
        const labels = options.filter((o) => chosen.includes(o.id)).map((o) => o.label);
        return { kind: "answer", value: chosen, echo: labels.join(", ") || "—", next: step.next };
      }
      const i = pickIndex();
      const option = i !== undefined ? options[i] : undefined;
      if (!option) return { kind: "invalid", key: "flow-expect-multi" };
      if (selected.has(option.id)) selected.delete(option.id);
      else selected.add(option.id);
      return { kind: "rerender", setAnswers: { [step.id]: [...selected] } };
    }
    case "file":
      return { kind: "invalid", key: `flow-expect-file-${acceptKey(step.accept)}` };
    case "input": {
      if (text === undefined) return { kind: "invalid", key: "flow-expect-text" };
      const r = validateInput(step, text, ctx.now);
      if (!r.ok) return { kind: "invalid", key: r.problem.key, args: r.problem.args };
      return { kind: "answer", value: r.value, next: step.next };
    }
  }
}

/** The options of a multiple choice picked all at once in a form: checked against its bounds. */
function decidePicks(
  step: Extract<QuestionStep, { kind: "multi" }>,
  run: Pick<RunView, "answers" | "offered">,
  picks: readonly string[],
  ctx: DecideContext,
): Decision {
  const options = optionsOf(step, run, ctx.locale, ctx.translate);
  const picked = picks.map((p) => (/^o\d{1,3}$/.test(p) ? options[Number(p.slice(1))] : undefined));
  if (picked.some((o) => o === undefined)) return { kind: "invalid", key: "flow-expect-multi" };
  const chosen = [...new Set(picked.map((o) => o!.id))];
  if (chosen.length < step.min) return { kind: "invalid", key: "multi-too-few", args: { min: step.min } };
  if (step.max !== undefined && chosen.length > step.max)
    return { kind: "invalid", key: "multi-too-many", args: { max: step.max } };
  const labels = options.filter((o) => chosen.includes(o.id)).map((o) => o.label);
  return { kind: "answer", value: chosen, echo: labels.join(", ") || "—", next: step.next };
}
