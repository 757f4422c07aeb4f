import type { FlowRun } from "../db/models/index.js";
import type { Locale } from "../i18n/locales.js";
import type { FlowCatalog } from "./catalog.js";
import { evaluate } from "./conditions.js";
import type { RunStore } from "./run-cache.js";
import type { Flow, Step } from "./schema.js";
import { resolveText, type Translate } from "./text.js";
import type { Choice, Conversation, Inbound, IncomingFile, Outbound, Profile } from "./types.js";
import { validateInput } from "./validate-input.js";

/** What a compute step's service returns. */
export interface ComputeResult {
  outbound?: Outbound[];
  /** Continue at this step instead of the compute step's `next`. */
  goto?: string;
  setAnswers?: Record<string, unknown>;
  /** The run now belongs to this person (onboarding created them). */
  subjectId?: string;
  /** The profile after the service changed it, for later branches and texts. */
  profile?: Profile;
  /** Speak this language for the rest of this run (before the person is stored, e.g. onboarding). */
  locale?: Locale;
}

/** Answers key holding a run's own language (not a step id: step ids never start with "_"). */
const RUN_LOCALE = "_locale";

/** A named service a flow calls from a `compute` step. It runs once per transition (guarded). */
export type ComputeService = (ctx: {
  runId: string;
  conversation: Conversation;
  answers: Record<string, unknown>;
  flow: Flow;
  now: Date;
}) => Promise<ComputeResult>;

export interface OptionItem {
  id: string;
  label: string;
}

/** A named list of options computed at run time (org tree, jabatan…), optionally filtered by words. */
export type OptionSource = (ctx: {
  conversation: Conversation;
  answers: Record<string, unknown>;
  query?: string;
}) => Promise<OptionItem[]>;

export interface EngineDeps {
  catalog: FlowCatalog;
  runs: RunStore;
  translate: Translate;
  services: Record<string, ComputeService>;
  optionSources: Record<string, OptionSource>;
  now: () => Date;
  /** Told how many steps (other than branches) a conversation of a flow moved through (metrics). */
  onSteps?: (flowId: string, count: number) => void;
}

type QuestionStep = Extract<Step, { kind: "choice" | "multi" | "likert" | "input" | "confirm" | "file" }>;
const QUESTION_KINDS = new Set(["choice", "multi", "likert", "input", "confirm", "file"]);
const isQuestion = (s: Step): s is QuestionStep => QUESTION_KINDS.has(s.kind);

/** The locale-key suffix for what a file step accepts, in a fixed order: photo-pdf, csv… */
const acceptKey = (accept: readonly string[]) =>
  ["photo", "pdf", "csv", "document"].filter((k) => accept.includes(k)).join("-");

/** Dynamic lists longer than this ask the person to type words to search. */
export const MAX_BUTTON_OPTIONS = 8;
const MAX_HOPS = 200;

interface RunSnapshot {
  id: string;
  seq: number;
  subjectId: string;
  answers: Record<string, unknown>;
  trail: string[];
  offered: OptionItem[];
  stepId: string;
}

type Decision =
  | { kind: "invalid"; key: string; args?: Record<string, string | number> }
  | { kind: "answer"; value: unknown; echo?: string; next: string }
  | { kind: "back"; to?: string }
  | { kind: "skip"; next: string }
  | { kind: "rerender"; setAnswers?: Record<string, unknown>; offered?: OptionItem[] };

const snapshot = (run: FlowRun): RunSnapshot => ({
  id: run._id,
  seq: run.seq,
  subjectId: run.personId,
  answers: { ...(run.answers ?? {}) },
  trail: [...(run.trail ?? [])],
  offered: (run.offered ?? []).map((o) => ({ id: o.id, label: o.label })),
  stepId: run.stepId,
});

/** Button data the engine issues: `a|<run id>|<seq>|<token>`; nothing else is ever trusted from it. */
export function buttonData(runId: string, seq: number, token: string): string {
  return `a|${runId}|${seq}|${token}`;
}

/** Splits button data issued by `buttonData`; undefined for anything else. */
export function parseButtonData(data: string): { runId: string; seq: number; token: string } | undefined {
  const m = /^a\|([a-z0-9]{1,40})\|(\d{1,9})\|([a-z0-9]{1,12})$/.exec(data);
  return m ? { runId: m[1]!, seq: Number(m[2]), token: m[3]! } : undefined;
}

const YES = new Set(["ya", "y", "iya", "yes", "ok", "oke", "setuju"]);
const NO = new Set(["tidak", "t", "tdk", "no", "n", "nggak", "gak", "enggak"]);
const BACK = new Set(["kembali", "back", "<"]);
const SKIP = new Set(["lewati", "skip"]);
const DONE = new Set(["selesai", "done"]);

/** The flow engine: starts flows, takes answers, and says what to send back. Channel-agnostic. */
export function createEngine(deps: EngineDeps) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  const stepOf = (flow: Flow, id: string): Step => {
    const step = flow.steps.find((s) => s.id === id);
    if (!step) throw new Error(`flow ${flow.id} has no step ${id}`);
    return step;
  };

  const textVars = (answers: Record<string, unknown>) => {
    const vars: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(answers))
      if (typeof v === "string" || typeof v === "number") vars[k] = v;
    return vars;
  };

  const stepText = (conv: Conversation, step: Step, answers: Record<string, unknown>): string =>
    "text" in step && step.text
      ? resolveText(step.text, conv.profile.locale, deps.translate, textVars(answers))
      : "";

  /** How many questions are left on the path the current answers and profile lead to. */
  function remainingQuestions(
    flow: Flow,
    from: string,
    answers: Record<string, unknown>,
    profile: Profile,
  ): number {
    const seen = new Set<string>();
    let count = 0;
    let id: string | undefined = from;
    while (id && !seen.has(id) && seen.size < MAX_HOPS) {
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

  function staticOptions(
    conv: Conversation,
    step: QuestionStep,
    answers: Record<string, unknown>,
  ): OptionItem[] {
    if (step.kind === "likert") {
      return step.scale.map((label, i) => ({
        id: String(i + 1),
        label: resolveText(label, conv.profile.locale, deps.translate),
      }));
    }
    if ((step.kind === "choice" || step.kind === "multi") && Array.isArray(step.options)) {
      return step.options.map((o) => ({
        id: o.id,
        label: resolveText(o.label, conv.profile.locale, deps.translate, textVars(answers)),
      }));
    }
    return [];
  }

  async function dynamicOptions(
    conv: Conversation,
    step: QuestionStep,
    answers: Record<string, unknown>,
    query?: string,
  ): Promise<OptionItem[] | undefined> {
    if ((step.kind !== "choice" && step.kind !== "multi") || Array.isArray(step.options)) return undefined;
    const source = deps.optionSources[step.options.source];
    if (!source) throw new Error(`no option source named ${step.options.source}`);
    return source({ conversation: conv, answers, query });
  }

  /** The options a step offers right now: static ones, or the stored dynamic list. */
  const optionsOf = (
    conv: Conversation,
    step: QuestionStep,
    run: Pick<RunSnapshot, "answers" | "offered">,
  ) =>
    (step.kind === "choice" || step.kind === "multi") && !Array.isArray(step.options)
      ? run.offered
      : staticOptions(conv, step, run.answers);

  /** Renders a question with its buttons, for a run that will be at `seq` once written. */
  function present(
    conv: Conversation,
    flow: Flow,
    step: QuestionStep,
    run: Pick<RunSnapshot, "id" | "answers" | "trail" | "offered">,
    seq: number,
    note?: string,
  ): Outbound {
    const lines: string[] = [];
    if (note) lines.push(note, "");
    const total = flow.progress
      ? run.trail.length + remainingQuestions(flow, step.id, run.answers, conv.profile)
      : 0;
    if (flow.progress && total > 1) lines.push(t(conv, "flow-progress", { n: run.trail.length + 1, total }));
    lines.push(stepText(conv, step, run.answers));
    const rows: Choice[][] = [];
    const options = optionsOf(conv, step, run);
    const selected = step.kind === "multi" ? ((run.answers[step.id] as string[] | undefined) ?? []) : [];
    if (step.kind === "confirm") {
      rows.push([
        { data: buttonData(run.id, seq, "y"), label: t(conv, "nav-yes") },
        { data: buttonData(run.id, seq, "n"), label: t(conv, "nav-no") },
      ]);
    } else if (step.kind === "likert") {
      rows.push(options.map((o, i) => ({ data: buttonData(run.id, seq, `o${i}`), label: o.label })));
    } else {
      options.slice(0, MAX_BUTTON_OPTIONS).forEach((o, i) => {
        const mark = step.kind === "multi" && selected.includes(o.id) ? "✅ " : "";
        rows.push([{ data: buttonData(run.id, seq, `o${i}`), label: `${mark}${o.label}` }]);
      });
      if ((step.kind === "choice" || step.kind === "multi") && !Array.isArray(step.options)) {
        if (options.length === 0) lines.push("", t(conv, "search-no-results"));
        else if (options.length > MAX_BUTTON_OPTIONS || step.options.searchable)
          lines.push("", t(conv, "search-hint"));
      }
      if (step.kind === "multi") {
        rows.push([{ data: buttonData(run.id, seq, "done"), label: t(conv, "nav-done"), nav: "done" }]);
      }
    }
    if (step.kind === "input")
      lines.push("", t(conv, `input-hint-${step.validate.nip ? "nip" : step.input}`));
    if (step.kind === "file") lines.push("", t(conv, `input-hint-file-${acceptKey(step.accept)}`));
    const nav: Choice[] = [];
    if (run.trail.length > 0) {
      nav.push({ data: buttonData(run.id, seq, "back"), label: t(conv, "nav-back"), nav: "back" });
    }
    if (step.skippable)
      nav.push({ data: buttonData(run.id, seq, "skip"), label: t(conv, "nav-skip"), nav: "skip" });
    if (nav.length > 0) rows.push(nav);
    return { text: lines.join("\n").trim(), choices: rows.length > 0 ? rows : undefined };
  }

  /** Interprets a button token or typed text at a question step. */
  async function decide(
    conv: Conversation,
    step: QuestionStep,
    run: RunSnapshot,
    input: { token: string } | { text: string } | { file: IncomingFile },
  ): Promise<Decision> {
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
    const options = optionsOf(conv, step, run);
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
          echo: t(conv, yes ? "nav-yes" : "nav-no"),
          next: yes ? step.yes : step.no,
        };
      }
      case "likert":
      case "choice": {
        const i = pickIndex();
        const option = i !== undefined ? options[i] : undefined;
        if (!option) {
          const dynamic = step.kind === "choice" && !Array.isArray(step.options);
          if (dynamic && text && text.length >= 2 && !/^\d+$/.test(text)) {
            const found = (await dynamicOptions(conv, step, run.answers, text)) ?? [];
            return { kind: "rerender", offered: found };
          }
          return {
            kind: "invalid",
            key: step.kind === "likert" ? "flow-expect-likert" : "flow-expect-choice",
          };
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
        const r = validateInput(step, text, deps.now());
        if (!r.ok) return { kind: "invalid", key: r.problem.key, args: r.problem.args };
        return { kind: "answer", value: r.value, next: step.next };
      }
    }
  }

  function nextAfter(step: QuestionStep, optionId: string | undefined): string {
    if (step.kind === "choice") {
      const opt = Array.isArray(step.options) ? step.options.find((o) => o.id === optionId) : undefined;
      return opt?.next ?? step.next!;
    }
    if (step.kind === "confirm") return step.yes;
    return step.next;
  }

  /**
   * Walks from `target` through automatic steps to the next question (or the end), writing the
   * run once, guarded by its seq. Returns null when the guard fails: someone else moved it first.
   */
  async function proceed(
    conv: Conversation,
    flow: Flow,
    run: RunSnapshot,
    target: string,
    change: { setAnswers?: Record<string, unknown>; unsetAnswers?: string[]; trail: string[] },
    out: Outbound[],
  ): Promise<Outbound[] | null> {
    const answers = { ...run.answers, ...change.setAnswers };
    for (const k of change.unsetAnswers ?? []) delete answers[k];
    let pendingSet = { ...change.setAnswers };
    let pendingUnset = [...(change.unsetAnswers ?? [])];
    let seq = run.seq;
    let subjectId: string | undefined;
    let conversation = conv;
    let stepId = target;
    let moved = 0;
    // Counted only once the walk is written: a walk that lost its guard took no step.
    const taken = (result: Outbound[]) => {
      if (moved > 0) deps.onSteps?.(flow.id, moved);
      return result;
    };

    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const step = stepOf(flow, stepId);
      if (step.kind !== "branch") moved++;
      switch (step.kind) {
        case "message":
          out.push({ text: stepText(conversation, step, answers) });
          stepId = step.next;
          continue;
        case "branch":
          stepId =
            step.cases.find((c) => evaluate(c.when, answers, conversation.profile))?.next ?? step.default;
          continue;
        case "compute": {
          if (!step.pure) {
            // Claim the transition first, so the service runs once even when an answer arrives twice.
            const claimed = await deps.runs.advance(
              run.id,
              seq,
              {
                stepId: step.id,
                trail: change.trail,
                setAnswers: pendingSet,
                unsetAnswers: pendingUnset,
                personId: subjectId,
              },
              deps.now(),
            );
            if (!claimed) return null;
            seq++;
            pendingSet = {};
            pendingUnset = [];
            subjectId = undefined;
          }
          const service = deps.services[step.service];
          if (!service) throw new Error(`flow ${flow.id} calls unknown service ${step.service}`);
          const result = await service({ runId: run.id, conversation, answers, flow, now: deps.now() });
          out.push(...(result.outbound ?? []));
          Object.assign(answers, result.setAnswers);
          Object.assign(pendingSet, result.setAnswers);
          if (result.subjectId) {
            subjectId = result.subjectId;
            conversation = { ...conversation, subjectId: result.subjectId };
          }
          if (result.profile) conversation = { ...conversation, profile: result.profile };
          if (result.locale) {
            pendingSet[RUN_LOCALE] = result.locale;
            answers[RUN_LOCALE] = result.locale;
            conversation = { ...conversation, profile: { ...conversation.profile, locale: result.locale } };
          }
          const next = result.goto ?? step.next;
          if (!next) {
            await deps.runs.end(run.id, seq);
            return taken(out);
          }
          stepId = next;
          continue;
        }
        case "end": {
          const text = stepText(conversation, step, answers);
          if (!(await deps.runs.end(run.id, seq))) return null;
          if (text) out.push({ text });
          return taken(out);
        }
        default: {
          const offered = (await dynamicOptions(conversation, step, answers)) ?? [];
          const next = { id: run.id, answers, trail: change.trail, offered };
          const rendered = present(conversation, flow, step, next, seq + 1);
          const advanced = await deps.runs.advance(
            run.id,
            seq,
            {
              stepId,
              trail: change.trail,
              setAnswers: pendingSet,
              unsetAnswers: pendingUnset,
              offered,
              personId: subjectId,
            },
            deps.now(),
          );
          if (!advanced) return null;
          out.push(rendered);
          return taken(out);
        }
      }
    }
    throw new Error(`flow ${flow.id} loops without asking anything`);
  }

  /** Ends a run whose flow version is gone, politely, with a button to start again. */
  async function versionGone(conv: Conversation, run: FlowRun): Promise<Outbound[]> {
    await deps.runs.end(run._id);
    return [
      {
        text: t(conv, "flow-version-gone"),
        choices: [[{ data: `start|${run.flowId}`, label: t(conv, "flow-restart") }]],
      },
    ];
  }

  /** Applies an input to a live run at its current step. */
  async function apply(
    conv: Conversation,
    flow: Flow,
    doc: FlowRun,
    input: { token: string } | { text: string } | { file: IncomingFile },
  ): Promise<Outbound[] | null> {
    const run = snapshot(doc);
    conv = withRunLocale(conv, run.answers);
    const step = stepOf(flow, run.stepId);
    if (!isQuestion(step)) {
      // A crash between claiming a compute step and finishing it: carry on from there.
      return proceed(conv, flow, run, run.stepId, { trail: run.trail }, []);
    }
    const decision = await decide(conv, step, run, input);
    const byButton = "token" in input;
    switch (decision.kind) {
      case "invalid":
        return [{ text: t(conv, decision.key, decision.args) }, present(conv, flow, step, run, run.seq)];
      case "rerender": {
        const offered = decision.offered ?? run.offered;
        const answers = { ...run.answers, ...decision.setAnswers };
        const rendered = present(conv, flow, step, { ...run, answers, offered }, run.seq + 1);
        const ok = await deps.runs.advance(
          run.id,
          run.seq,
          { stepId: step.id, trail: run.trail, setAnswers: decision.setAnswers, offered },
          deps.now(),
        );
        return ok ? [{ ...rendered, replacesPrompt: byButton }] : null;
      }
      case "back": {
        const trail = run.trail.slice(0, -1);
        const previous = run.trail[run.trail.length - 1]!;
        const echo = byButton ? [{ text: stepText(conv, step, run.answers), replacesPrompt: true }] : [];
        if (decision.to) return proceed(conv, flow, run, decision.to, { trail }, echo);
        return proceed(conv, flow, run, previous, { trail, unsetAnswers: [previous] }, echo);
      }
      case "skip": {
        const echo = byButton
          ? [
              {
                text: `${stepText(conv, step, run.answers)}\n\n${t(conv, "flow-skipped")}`,
                replacesPrompt: true,
              },
            ]
          : [];
        return proceed(
          conv,
          flow,
          run,
          decision.next,
          { trail: [...run.trail, step.id], unsetAnswers: [step.id] },
          echo,
        );
      }
      case "answer": {
        const echo =
          byButton && decision.echo !== undefined
            ? [{ text: `${stepText(conv, step, run.answers)}\n\n✅ ${decision.echo}`, replacesPrompt: true }]
            : [];
        return proceed(
          conv,
          flow,
          run,
          decision.next,
          { trail: [...run.trail, step.id], setAnswers: { [step.id]: decision.value } },
          echo,
        );
      }
    }
  }

  const flowFor = (run: FlowRun) => deps.catalog.getVersion(run.flowId, run.flowVersion);

  const withRunLocale = (conv: Conversation, answers: Record<string, unknown>): Conversation => {
    const locale = answers[RUN_LOCALE];
    return locale === "id" || locale === "en" ? { ...conv, profile: { ...conv.profile, locale } } : conv;
  };

  async function handleOnce(
    conv: Conversation,
    inbound: Exclude<Inbound, { kind: "command" }>,
    parsed: ReturnType<typeof parseButtonData>,
    fresh: boolean,
  ): Promise<Outbound[] | undefined | null> {
    if (parsed) {
      const run = await deps.runs.get(parsed.runId);
      if (!run) return fresh ? [{ text: t(conv, "flow-button-expired") }] : null;
      if (run.personId !== conv.subjectId && run.identityId !== conv.identityId) {
        return [{ text: t(conv, "flow-not-yours") }];
      }
      conv = withRunLocale(conv, run.answers ?? {});
      const flow = flowFor(run);
      if (!flow) return versionGone(conv, run);
      if (run.seq !== parsed.seq) {
        if (!fresh && run.seq < parsed.seq) return null;
        const step = stepOf(flow, run.stepId);
        if (!isQuestion(step)) return [];
        return [present(conv, flow, step, snapshot(run), run.seq, t(conv, "flow-button-stale"))];
      }
      return apply(conv, flow, run, { token: parsed.token });
    }
    const [run] = await deps.runs.listForPerson(conv.subjectId);
    if (!run) return fresh ? undefined : null;
    conv = withRunLocale(conv, run.answers ?? {});
    const flow = flowFor(run);
    if (!flow) return versionGone(conv, run);
    if (inbound.kind === "unsupported") {
      const step = stepOf(flow, run.stepId);
      if (!isQuestion(step)) return [];
      return [
        { text: t(conv, "flow-unsupported-input", { what: inbound.what }) },
        present(conv, flow, step, snapshot(run), run.seq),
      ];
    }
    if (inbound.kind === "file") return apply(conv, flow, run, { file: inbound.file });
    if (inbound.kind !== "text") return undefined;
    return apply(conv, flow, run, { text: inbound.text });
  }

  return {
    /** Starts a flow, or resumes the person's live run of it where they left off. */
    async start(conv: Conversation, flowId: string): Promise<Outbound[]> {
      const flow = deps.catalog.get(flowId);
      if (!flow) throw new Error(`unknown flow ${flowId}`);
      const now = deps.now();
      const { run, resumed } = await deps.runs.start({
        personId: conv.subjectId,
        identityId: conv.identityId,
        flowId,
        flowVersion: flow.version,
        stepId: flow.start,
        answers: {},
        trail: [],
        offered: [],
        startedAt: now,
        updatedAt: now,
      });
      if (!resumed) return (await proceed(conv, flow, snapshot(run), flow.start, { trail: [] }, [])) ?? [];
      conv = withRunLocale(conv, run.answers ?? {});
      const current = flowFor(run);
      if (!current) return versionGone(conv, run);
      const step = stepOf(current, run.stepId);
      if (!isQuestion(step) || run.seq === 0) {
        return (await proceed(conv, current, snapshot(run), run.stepId, { trail: run.trail }, [])) ?? [];
      }
      return [present(conv, current, step, snapshot(run), run.seq, t(conv, "flow-resumed"))];
    },

    /**
     * Takes a message for the person's live conversation. Returns undefined when no live run
     * wants it (the caller then treats it as a command or small talk).
     */
    async handle(conv: Conversation, inbound: Inbound): Promise<Outbound[] | undefined> {
      if (inbound.kind === "command") return undefined;
      const parsed = inbound.kind === "button" ? parseButtonData(inbound.data) : undefined;
      if (inbound.kind === "button" && !parsed) return undefined;
      // A cached run may be behind another instance: on a conflict, read it again and retry once.
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) deps.runs.forget?.(conv.subjectId);
        const out = await handleOnce(conv, inbound, parsed, attempt > 0);
        if (out !== null) return out;
      }
      return [];
    },

    /** Cancels the person's most recent live conversation (/batal). */
    async cancel(conv: Conversation): Promise<Outbound[]> {
      const [run] = await deps.runs.listForPerson(conv.subjectId);
      if (!run) return [{ text: t(conv, "flow-nothing-to-cancel") }];
      await deps.runs.end(run._id);
      const title = deps.catalog.get(run.flowId)?.title;
      return [
        {
          text: t(conv, "flow-cancelled", {
            flow: title ? resolveText(title, conv.profile.locale, deps.translate) : run.flowId,
          }),
        },
      ];
    },

    /** The current question of the person's live conversation again (e.g. after /menu). */
    async current(conv: Conversation): Promise<Outbound[] | undefined> {
      const [run] = await deps.runs.listForPerson(conv.subjectId);
      if (!run) return undefined;
      conv = withRunLocale(conv, run.answers ?? {});
      const flow = flowFor(run);
      if (!flow) return versionGone(conv, run);
      const step = stepOf(flow, run.stepId);
      return isQuestion(step) ? [present(conv, flow, step, snapshot(run), run.seq)] : [];
    },
  };
}
export type Engine = ReturnType<typeof createEngine>;
