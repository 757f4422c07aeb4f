import type { Locale } from "../i18n/locales.js";
import { evaluate } from "./conditions.js";
import type { Flow, FlowText } from "./schema.js";
import {
  acceptKey,
  isQuestion,
  MAX_HOPS,
  type OptionItem,
  type QuestionStep,
  type RunView,
  stepOf,
} from "./steps.js";
import { resolveText, type Translate } from "./text.js";
import type { Asking, Choice, Outbound, Profile } from "./types.js";

/** Dynamic lists longer than this ask the person to type words to search. */
export const MAX_BUTTON_OPTIONS = 8;

/** Button data the engine issues: `a|<run id>|<seq>|<token>`; nothing else is ever trusted from it. */
export function buttonData(runId: string, seq: number, token: string): string {
  return `a|${runId}|${seq}|${token}`;
}

/** Splits button data issued by `buttonData`; undefined for anything else. */
export function parseButtonData(data: string): { runId: string; seq: number; token: string } | undefined {
  const m = /^a\|([a-z0-9]{1,40})\|(\d{1,9})\|([a-z0-9]{1,12})$/.exec(data);
  return m ? { runId: m[1]!, seq: Number(m[2]), token: m[3]! } : undefined;
}

/** The answers a flow text may quote as `{step_id}`: only plain strings and numbers. */
function textVars(answers: Record<string, unknown>): Record<string, string | number> {
  const vars: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(answers))
    if (typeof v === "string" || typeof v === "number") vars[k] = v;
  return vars;
}

/** A text written in the flow, in the person's language, with `{answer}` placeholders filled. */
export function writtenText(
  text: FlowText,
  locale: Locale,
  translate: Translate,
  answers: Record<string, unknown>,
): string {
  return resolveText(text, locale, translate, textVars(answers));
}

/**
 * How many questions are left on the path the current answers and profile lead to. The walk stops
 * at a step in `stopAt` (a question already asked in this pass: the flow loops back there).
 */
export function remainingQuestions(
  flow: Flow,
  from: string,
  answers: Record<string, unknown>,
  profile: Profile,
  stopAt: ReadonlySet<string> = new Set(),
): number {
  const seen = new Set<string>();
  let count = 0;
  let id: string | undefined = from;
  while (id && !seen.has(id) && !(id !== from && stopAt.has(id)) && seen.size < MAX_HOPS) {
    seen.add(id);
    const step = stepOf(flow, id);
    if (isQuestion(step)) count++;
    switch (step.kind) {
      case "branch":
        id = step.cases.find((c) => evaluate(c.when, answers, profile))?.next ?? step.default;
        break;
      case "confirm":
        id = answers[step.id] === false ? step.no : step.yes;
        break;
      case "choice": {
        const chosen = Array.isArray(step.options)
          ? step.options.find((o) => o.id === answers[step.id])
          : undefined;
        id = chosen?.next ?? step.next ?? (Array.isArray(step.options) ? step.options[0]?.next : undefined);
        break;
      }
      case "end":
        id = undefined;
        break;
      default:
        id = step.next;
    }
  }
  return count;
}

/**
 * The questions answered in the current pass through a flow, for "Pertanyaan n dari m". A flow
 * that loops (the profile's "Apa yang ingin Anda ubah?" after each change) starts a new pass each
 * time it comes back to a question it asked before, so the count restarts instead of growing
 * with every round; a flow that never loops has one pass, the whole trail.
 */
export function currentPass(trail: readonly string[], current: string): string[] {
  let start = 0;
  let seen = new Set<string>();
  // A step met again within a pass begins the next one (the current step counts as met now).
  [...trail, current].forEach((id, i) => {
    if (seen.has(id)) {
      start = i;
      seen = new Set();
    }
    seen.add(id);
  });
  return trail.slice(start);
}

/** True for a choice whose options come from a named source at run time. */
export const hasDynamicOptions = (step: QuestionStep): boolean =>
  (step.kind === "choice" || step.kind === "multi") && !Array.isArray(step.options);

/**
 * The options a question offers right now, in the order they are numbered: the Likert scale, the
 * options written in the flow, or the dynamic list stored when the question was shown.
 */
export function optionsOf(
  step: QuestionStep,
  run: Pick<RunView, "answers" | "offered">,
  locale: Locale,
  translate: Translate,
): OptionItem[] {
  if (step.kind === "likert") {
    return step.scale.map((label, i) => ({
      id: String(i + 1),
      label: resolveText(label, locale, translate),
    }));
  }
  if (step.kind === "choice" || step.kind === "multi") {
    if (!Array.isArray(step.options)) return run.offered;
    return step.options.map((o) => ({
      id: o.id,
      label: writtenText(o.label, locale, translate, run.answers),
    }));
  }
  return [];
}

/** What showing a question needs besides the step: who asks (language, profile for branches) and words. */
export interface PresentContext {
  profile: Profile;
  translate: Translate;
}

/**
 * Renders a question with its buttons, for a run that will be at `seq` once written. `text` is the
 * step's text already resolved (a text source may have produced it); `note` goes above it.
 */
export function presentQuestion(
  q: { flow: Flow; step: QuestionStep; run: RunView; seq: number; text: string; note?: string },
  ctx: PresentContext,
): Outbound {
  const { flow, step, run, seq } = q;
  const t = (key: string, args?: Record<string, string | number>) =>
    ctx.translate(ctx.profile.locale, key, args);
  const lines: string[] = [];
  if (q.note) lines.push(q.note, "");
  const pass = flow.progress ? currentPass(run.trail, step.id) : [];
  const total = flow.progress
    ? pass.length + remainingQuestions(flow, step.id, run.answers, ctx.profile, new Set(pass))
    : 0;
  if (flow.progress && total > 1) lines.push(t("flow-progress", { n: pass.length + 1, total }));
  lines.push(q.text);
  // A form shows its own field: the chat's hints on how to type or press an answer stay out of it.
  const asked = lines.join("\n").trim();
  const rows: Choice[][] = [];
  const options = optionsOf(step, run, ctx.profile.locale, ctx.translate);
  const selected = step.kind === "multi" ? ((run.answers[step.id] as string[] | undefined) ?? []) : [];
  if (step.kind === "confirm") {
    rows.push([
      { data: buttonData(run.id, seq, "y"), label: t("nav-yes") },
      { data: buttonData(run.id, seq, "n"), label: t("nav-no") },
    ]);
  } else if (step.kind === "likert") {
    rows.push(options.map((o, i) => ({ data: buttonData(run.id, seq, `o${i}`), label: o.label })));
  } else {
    options.slice(0, MAX_BUTTON_OPTIONS).forEach((o, i) => {
      const mark = step.kind === "multi" && selected.includes(o.id) ? "✅ " : "";
      rows.push([{ data: buttonData(run.id, seq, `o${i}`), label: `${mark}${o.label}` }]);
    });
    if ((step.kind === "choice" || step.kind === "multi") && !Array.isArray(step.options)) {
      if (options.length === 0) lines.push("", t("search-no-results"));
      else if (options.length > MAX_BUTTON_OPTIONS || step.options.searchable)
        lines.push("", t("search-hint"));
    }
    if (step.kind === "multi") {
      rows.push([{ data: buttonData(run.id, seq, "done"), label: t("nav-done"), nav: "done" }]);
    }
  }
  if (step.kind === "input") lines.push("", t(`input-hint-${step.validate.nip ? "nip" : step.input}`));
  if (step.kind === "file") lines.push("", t(`input-hint-file-${acceptKey(step.accept)}`));
  const nav: Choice[] = [];
  if (run.trail.length > 0) {
    nav.push({ data: buttonData(run.id, seq, "back"), label: t("nav-back"), nav: "back" });
  }
  if (step.skippable) nav.push({ data: buttonData(run.id, seq, "skip"), label: t("nav-skip"), nav: "skip" });
  if (nav.length > 0) rows.push(nav);
  return {
    text: lines.join("\n").trim(),
    choices: rows.length > 0 ? rows : undefined,
    asks: { ...askingOf(flow, step, run.id, seq, options, ctx), text: asked },
  };
}

/** The question as a form field: its kind, its options by token, and what it allows. */
function askingOf(
  flow: Flow,
  step: QuestionStep,
  runId: string,
  seq: number,
  options: OptionItem[],
  ctx: PresentContext,
): Omit<Asking, "text"> {
  const { locale } = ctx.profile;
  const field: Asking["field"] =
    step.kind === "input"
      ? step.input
      : step.kind === "likert"
        ? "choice"
        : step.kind === "file"
          ? "file"
          : step.kind;
  const offered =
    step.kind === "confirm"
      ? [
          { token: "y", label: ctx.translate(locale, "nav-yes") },
          { token: "n", label: ctx.translate(locale, "nav-no") },
        ]
      : options.map((o, i) => ({ token: `o${i}`, label: o.label }));
  const maxLength = step.kind === "input" ? step.validate.maxLength : undefined;
  return {
    runId,
    seq,
    title: resolveText(flow.title, locale, ctx.translate),
    locale,
    field,
    options: offered,
    // As the chat's hint says: a long list from a source, or one declared searchable.
    searchable:
      (step.kind === "choice" || step.kind === "multi") &&
      !Array.isArray(step.options) &&
      (options.length > MAX_BUTTON_OPTIONS || step.options.searchable === true),
    skippable: step.skippable ?? false,
    ...(maxLength !== undefined ? { maxLength } : {}),
  };
}

/**
 * The question as it stays in the chat once answered by a button (it replaces the prompt, so no
 * stale buttons remain): with the chosen answer, marked skipped, or bare when the person went back.
 */
export function answeredPrompt(
  text: string,
  outcome: { echo: string } | "skipped" | "back",
  locale: Locale,
  translate: Translate,
): Outbound {
  if (outcome === "back") return { text, replacesPrompt: true };
  if (outcome === "skipped")
    return { text: `${text}\n\n${translate(locale, "flow-skipped")}`, replacesPrompt: true };
  return { text: `${text}\n\n✅ ${outcome.echo}`, replacesPrompt: true };
}
