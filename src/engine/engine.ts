import type { FlowRun } from "../db/models/index.js";
import { midSentence } from "../i18n/format.js";
import type { Locale } from "../i18n/locales.js";
import { type FlowCatalog, FlowFileError } from "./catalog.js";
import { evaluate } from "./conditions.js";
import { type AnswerInput, type Decision, decideAnswer } from "./decide-answer.js";
import { checkFlowHooks } from "./flow-hooks.js";
import { answeredPrompt, parseButtonData, presentQuestion, writtenText } from "./present-step.js";
import type { RunStore } from "./run-cache.js";
import type { Flow, Step } from "./schema.js";
import { isQuestion, MAX_HOPS, type OptionItem, type QuestionStep, type RunView, stepOf } from "./steps.js";
import { resolveText, type Translate } from "./text.js";
import type { Conversation, Inbound, Outbound, Profile, Progress } from "./types.js";

export { buttonData, MAX_BUTTON_OPTIONS, parseButtonData } from "./present-step.js";
export type { OptionItem } from "./steps.js";

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

/**
 * Asked before each step of a live run whether it may go on: undefined to go on, or what to say
 * when it may not (the run is then ended).
 */
export type RunGuard = (
  conv: Conversation,
  run: Pick<FlowRun, "flowId" | "updatedAt">,
) => Promise<Outbound[] | undefined>;

/** Typed words quoted back in a reply are cut to this length. */
const MAX_QUOTED = 40;

/** Answers key holding a run's own language (not a step id: step ids never start with "_"). */
const RUN_LOCALE = "_locale";

/** A named service a flow calls from a `compute` step. It runs once per transition (guarded). */
export type ComputeService = (ctx: {
  runId: string;
  conversation: Conversation;
  answers: Record<string, unknown>;
  flow: Flow;
  now: Date;
  /** The channel's way to say something before the step's replies (slow work's progress). */
  progress?: Progress;
}) => Promise<ComputeResult>;

/** A named list of options computed at run time (org tree, jabatan…), optionally filtered by words. */
export type OptionSource = (ctx: {
  conversation: Conversation;
  answers: Record<string, unknown>;
  query?: string;
}) => Promise<OptionItem[]>;

/**
 * A named step text computed each time the step is shown (`text: { from: name }`), in `locale`,
 * the person's language at that moment: runs then store ids, never a sentence in one language.
 */
export type TextSource = (ctx: {
  conversation: Conversation;
  answers: Record<string, unknown>;
  locale: Locale;
}) => string | Promise<string>;

export interface EngineDeps {
  catalog: FlowCatalog;
  runs: RunStore;
  translate: Translate;
  services: Record<string, ComputeService>;
  optionSources: Record<string, OptionSource>;
  textSources?: Record<string, TextSource>;
  now: () => Date;
  /** Told the flow of every write that moved a run on (metrics). */
  onStep?: (flowId: string) => void;
  /**
   * A conversation left longer than this is not continued by whatever is typed next: the person
   * is told they are resuming and sees the question again (staff conversations end instead, by
   * the caller's guard). Undefined: never.
   */
  idleMs?: number;
}

/** A press or form field's answer, with the run and seq it names. */
interface Addressed {
  runId: string;
  seq: number;
  input: AnswerInput;
}

interface RunSnapshot extends RunView {
  seq: number;
  subjectId: string;
  stepId: string;
}

const snapshot = (run: FlowRun): RunSnapshot => ({
  id: run._id,
  seq: run.seq,
  subjectId: run.personId,
  answers: { ...(run.answers ?? {}) },
  trail: [...(run.trail ?? [])],
  offered: (run.offered ?? []).map((o) => ({ id: o.id, label: o.label })),
  stepId: run.stepId,
});

/**
 * The flow engine: starts flows, takes answers, and says what to send back. Channel-agnostic.
 * Throws FlowFileError when a flow names a service or source that `deps` does not provide.
 */
export function createEngine(deps: EngineDeps) {
  const missing = checkFlowHooks(deps.catalog.all(), deps);
  if (missing.length > 0) throw new FlowFileError("", missing);

  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  /** Moves a run on, guarded by its seq; true when this write won. */
  async function advance(flow: Flow, ...args: Parameters<RunStore["advance"]>): Promise<boolean> {
    const moved = await deps.runs.advance(...args);
    if (moved) deps.onStep?.(flow.id);
    return moved;
  }

  /** A step's text in the person's language now: written in the flow, or from its text source. */
  async function stepText(conv: Conversation, step: Step, answers: Record<string, unknown>): Promise<string> {
    if (!("text" in step) || !step.text) return "";
    if (!("from" in step.text)) return writtenText(step.text, conv.profile.locale, deps.translate, answers);
    const source = deps.textSources?.[step.text.from];
    if (!source) throw new Error(`no text source named ${step.text.from}`);
    return source({ conversation: conv, answers, locale: conv.profile.locale });
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

  /** Renders a question with its buttons, for a run that will be at `seq` once written. */
  async function present(
    conv: Conversation,
    flow: Flow,
    step: QuestionStep,
    run: RunView,
    seq: number,
    note?: string,
  ): Promise<Outbound> {
    const text = await stepText(conv, step, run.answers);
    return presentQuestion(
      { flow, step, run, seq, text, note },
      { profile: conv.profile, translate: deps.translate },
    );
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
    progress?: Progress,
  ): Promise<Outbound[] | null> {
    const answers = { ...run.answers, ...change.setAnswers };
    for (const k of change.unsetAnswers ?? []) delete answers[k];
    let seq = run.seq;
    let subjectId: string | undefined;
    let conversation = conv;
    let stepId = target;

    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const step = stepOf(flow, stepId);
      switch (step.kind) {
        case "message":
          out.push({ text: await stepText(conversation, step, answers) });
          stepId = step.next;
          continue;
        case "branch":
          stepId =
            step.cases.find((c) => evaluate(c.when, answers, conversation.profile))?.next ?? step.default;
          continue;
        case "compute": {
          if (!step.pure) {
            // Claim the transition first, so the service runs once even when an answer arrives twice.
            const claimed = await advance(
              flow,
              run.id,
              seq,
              // A copy: the service's answers join `answers` after this write.
              { stepId: step.id, trail: change.trail, answers: { ...answers }, personId: subjectId },
              deps.now(),
            );
            if (!claimed) return null;
            seq++;
            subjectId = undefined;
          }
          const service = deps.services[step.service];
          if (!service) throw new Error(`flow ${flow.id} calls unknown service ${step.service}`);
          const result = await service({
            runId: run.id,
            conversation,
            answers,
            flow,
            now: deps.now(),
            ...(progress ? { progress } : {}),
          });
          out.push(...(result.outbound ?? []));
          Object.assign(answers, result.setAnswers);
          if (result.subjectId) {
            subjectId = result.subjectId;
            conversation = { ...conversation, subjectId: result.subjectId };
          }
          if (result.profile) conversation = { ...conversation, profile: result.profile };
          if (result.locale) {
            answers[RUN_LOCALE] = result.locale;
            conversation = { ...conversation, profile: { ...conversation.profile, locale: result.locale } };
          }
          const next = result.goto ?? step.next;
          if (!next) {
            await deps.runs.end(run.id, seq);
            return out;
          }
          stepId = next;
          continue;
        }
        case "end": {
          const text = await stepText(conversation, step, answers);
          if (!(await deps.runs.end(run.id, seq))) return null;
          if (text) out.push({ text });
          return out;
        }
        default: {
          const offered = (await dynamicOptions(conversation, step, answers)) ?? [];
          const next = { id: run.id, answers, trail: change.trail, offered };
          const rendered = await present(conversation, flow, step, next, seq + 1);
          const moved = await advance(
            flow,
            run.id,
            seq,
            { stepId, trail: change.trail, answers, offered, personId: subjectId },
            deps.now(),
          );
          if (!moved) return null;
          out.push(rendered);
          return out;
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

  /** What an answer decides; a search in a dynamic list is the one part that reads. */
  async function decide(
    conv: Conversation,
    step: QuestionStep,
    run: RunSnapshot,
    input: AnswerInput,
  ): Promise<Exclude<Decision, { kind: "search" }>> {
    const decision = decideAnswer(step, run, input, {
      locale: conv.profile.locale,
      translate: deps.translate,
      now: deps.now(),
    });
    if (decision.kind !== "search") return decision;
    const found = (await dynamicOptions(conv, step, run.answers, decision.query)) ?? [];
    if (found.length > 0) return { kind: "rerender", offered: found };
    // Nothing matched: the whole list comes back with a word on it, so the person is never left at
    // a question without buttons to press.
    return {
      kind: "rerender",
      offered: (await dynamicOptions(conv, step, run.answers)) ?? [],
      note: { key: "search-no-match", args: { query: decision.query.slice(0, MAX_QUOTED) } },
    };
  }

  /** Applies an input to a live run at its current step. */
  async function apply(
    conv: Conversation,
    flow: Flow,
    doc: FlowRun,
    input: AnswerInput,
    progress?: Progress,
  ): Promise<Outbound[] | null> {
    const run = snapshot(doc);
    conv = withRunLocale(conv, run.answers);
    const step = stepOf(flow, run.stepId);
    if (!isQuestion(step)) {
      // A crash between claiming a compute step and finishing it: carry on from there.
      return proceed(conv, flow, run, run.stepId, { trail: run.trail }, [], progress);
    }
    const decision = await decide(conv, step, run, input);
    const byButton = "token" in input;
    const answered = async (outcome: Parameters<typeof answeredPrompt>[1]) => [
      answeredPrompt(await stepText(conv, step, run.answers), outcome, conv.profile.locale, deps.translate),
    ];
    switch (decision.kind) {
      case "invalid": {
        const problem = t(conv, decision.key, decision.args);
        const again = await present(conv, flow, step, run, run.seq);
        // A form shows the problem on its field; a chat reads the message before the question.
        return [
          { text: problem },
          { ...again, ...(again.asks ? { asks: { ...again.asks, refused: problem } } : {}) },
        ];
      }
      case "rerender": {
        const offered = decision.offered ?? run.offered;
        const answers = { ...run.answers, ...decision.setAnswers };
        const note = decision.note ? t(conv, decision.note.key, decision.note.args) : undefined;
        const rendered = await present(conv, flow, step, { ...run, answers, offered }, run.seq + 1, note);
        const ok = await advance(
          flow,
          run.id,
          run.seq,
          { stepId: step.id, trail: run.trail, answers, offered },
          deps.now(),
        );
        return ok ? [{ ...rendered, replacesPrompt: byButton }] : null;
      }
      case "back": {
        const trail = run.trail.slice(0, -1);
        const previous = run.trail[run.trail.length - 1]!;
        const echo = byButton ? await answered("back") : [];
        if (decision.to) return proceed(conv, flow, run, decision.to, { trail }, echo, progress);
        return proceed(conv, flow, run, previous, { trail, unsetAnswers: [previous] }, echo, progress);
      }
      case "skip": {
        const echo = byButton ? await answered("skipped") : [];
        return proceed(
          conv,
          flow,
          run,
          decision.next,
          { trail: [...run.trail, step.id], unsetAnswers: [step.id] },
          echo,
          progress,
        );
      }
      case "answer": {
        const echo = byButton && decision.echo !== undefined ? await answered({ echo: decision.echo }) : [];
        return proceed(
          conv,
          flow,
          run,
          decision.next,
          { trail: [...run.trail, step.id], setAnswers: { [step.id]: decision.value } },
          echo,
          progress,
        );
      }
    }
  }

  const flowFor = (run: FlowRun) => deps.catalog.getVersion(run.flowId, run.flowVersion);

  const withRunLocale = (conv: Conversation, answers: Record<string, unknown>): Conversation => {
    const locale = answers[RUN_LOCALE];
    return locale === "id" || locale === "en" ? { ...conv, profile: { ...conv.profile, locale } } : conv;
  };

  /** Ends `run` when the guard refuses to let it go on, with the guard's words. */
  async function stopped(conv: Conversation, run: FlowRun, guard: RunGuard | undefined) {
    const refusal = guard ? await guard(conv, run) : undefined;
    if (!refusal) return undefined;
    await deps.runs.end(run._id);
    return refusal;
  }

  /**
   * An edited message is the new answer only to the question still open: the person's latest
   * message, sent while the run waited at a typed question it has not left since (a refused NIP
   * corrected in place). Any other edit is not read, and the person is told to send it again.
   */
  async function editedAnswer(
    conv: Conversation,
    flow: Flow,
    run: FlowRun,
    edit: Extract<Inbound, { kind: "edit" }>,
    progress?: Progress,
  ): Promise<Outbound[] | null> {
    const step = stepOf(flow, run.stepId);
    const open =
      edit.text !== undefined &&
      edit.latest &&
      step.kind === "input" &&
      // The run last moved before the message was sent, so the message did not answer anything.
      run.updatedAt.getTime() < edit.sentAt.getTime();
    if (!open) return [{ text: t(conv, "edit-ignored") }];
    const out = await apply(conv, flow, run, { text: edit.text! }, progress);
    return out && [{ text: t(conv, "edit-taken") }, ...out];
  }

  /**
   * The run, seq and answer a button press or a form field is addressed to; undefined for other
   * messages, and for a press or form that names no run the engine could have issued.
   */
  function addressed(inbound: Inbound): Addressed | undefined {
    if (inbound.kind === "button") {
      const p = parseButtonData(inbound.data);
      return p && { runId: p.runId, seq: p.seq, input: { token: p.token } };
    }
    if (inbound.kind !== "form" || !/^[a-z0-9]{1,40}$/.test(inbound.runId)) return undefined;
    const { answer } = inbound;
    const input: AnswerInput =
      "skip" in answer
        ? { token: "skip" }
        : "picks" in answer
          ? { picks: answer.picks }
          : { text: answer.text };
    return { runId: inbound.runId, seq: inbound.seq, input };
  }

  async function handleOnce(
    conv: Conversation,
    inbound: Exclude<Inbound, { kind: "command" }>,
    parsed: Addressed | undefined,
    fresh: boolean,
    guard: RunGuard | undefined,
    progress?: Progress,
  ): Promise<Outbound[] | undefined | null> {
    if (parsed) {
      const run = await deps.runs.get(parsed.runId);
      if (!run) return fresh ? [{ text: t(conv, "flow-button-expired") }] : null;
      if (run.personId !== conv.subjectId && run.identityId !== conv.identityId) {
        return [{ text: t(conv, "flow-not-yours") }];
      }
      conv = withRunLocale(conv, run.answers ?? {});
      const refused = await stopped(conv, run, guard);
      if (refused) return refused;
      const flow = flowFor(run);
      if (!flow) return versionGone(conv, run);
      if (run.seq !== parsed.seq) {
        if (!fresh && run.seq < parsed.seq) return null;
        const step = stepOf(flow, run.stepId);
        if (!isQuestion(step)) return [];
        return [await present(conv, flow, step, snapshot(run), run.seq, t(conv, "flow-button-stale"))];
      }
      return apply(conv, flow, run, parsed.input, progress);
    }
    const [run] = await deps.runs.listForPerson(conv.subjectId);
    if (!run) return fresh ? undefined : null;
    conv = withRunLocale(conv, run.answers ?? {});
    const refused = await stopped(conv, run, guard);
    if (refused) return refused;
    const flow = flowFor(run);
    if (!flow) return versionGone(conv, run);
    if (inbound.kind === "unsupported") {
      const step = stepOf(flow, run.stepId);
      if (!isQuestion(step)) return [];
      return [
        { text: t(conv, "flow-unsupported-input", { what: t(conv, `media-${inbound.what}`) }) },
        await present(conv, flow, step, snapshot(run), run.seq),
      ];
    }
    if (inbound.kind === "edit") return editedAnswer(conv, flow, run, inbound, progress);
    if (inbound.kind !== "text" && inbound.kind !== "file") return undefined;
    const resumed = await resumeIdle(conv, flow, run);
    if (resumed) return resumed;
    if (inbound.kind === "file") return apply(conv, flow, run, { file: inbound.file }, progress);
    return apply(conv, flow, run, { text: inbound.text }, progress);
  }

  /**
   * A run idle beyond `idleMs` gets its question again with a word that it is being resumed,
   * rather than taking what was typed days later as the answer (the person may no longer know
   * what was asked). The run is touched, so the next answer counts; null when not idle (or
   * another instance moved it first).
   */
  async function resumeIdle(conv: Conversation, flow: Flow, run: FlowRun): Promise<Outbound[] | null> {
    if (deps.idleMs === undefined || deps.now().getTime() - run.updatedAt.getTime() <= deps.idleMs)
      return null;
    const step = stepOf(flow, run.stepId);
    if (!isQuestion(step)) return null;
    const still = { stepId: run.stepId, trail: run.trail, answers: run.answers, offered: run.offered };
    if (!(await deps.runs.advance(run._id, run.seq, still, deps.now()))) return null;
    return [await present(conv, flow, step, snapshot(run), run.seq + 1, t(conv, "flow-idle-resumed"))];
  }

  return {
    /**
     * Starts a flow, or resumes the person's live run of it where they left off. `seed` starts it
     * with answers the code already knows (the record a button was pressed on): such a run is about
     * that thing, so a live run of the same flow gives way to it instead of being resumed.
     */
    async start(conv: Conversation, flowId: string, seed?: Record<string, unknown>): Promise<Outbound[]> {
      const flow = deps.catalog.get(flowId);
      if (!flow) throw new Error(`unknown flow ${flowId}`);
      const now = deps.now();
      const fresh = () =>
        deps.runs.start({
          personId: conv.subjectId,
          identityId: conv.identityId,
          flowId,
          flowVersion: flow.version,
          stepId: flow.start,
          answers: { ...seed },
          trail: [],
          offered: [],
          startedAt: now,
          updatedAt: now,
        });
      let { run, resumed } = await fresh();
      if (resumed && seed) {
        await deps.runs.end(run._id);
        ({ run, resumed } = await fresh());
      }
      if (!resumed) return (await proceed(conv, flow, snapshot(run), flow.start, { trail: [] }, [])) ?? [];
      conv = withRunLocale(conv, run.answers ?? {});
      const current = flowFor(run);
      if (!current) return versionGone(conv, run);
      const step = stepOf(current, run.stepId);
      if (!isQuestion(step) || run.seq === 0) {
        return (await proceed(conv, current, snapshot(run), run.stepId, { trail: run.trail }, [])) ?? [];
      }
      return [await present(conv, current, step, snapshot(run), run.seq, t(conv, "flow-resumed"))];
    },

    /**
     * Takes a message for the person's live conversation. Returns undefined when no live run
     * wants it (the caller then treats it as a command or small talk). `guard` is asked on every
     * step whether the run may go on (the caller's role checks); a refusal ends the run.
     */
    async handle(
      conv: Conversation,
      inbound: Inbound,
      guard?: RunGuard,
      progress?: Progress,
    ): Promise<Outbound[] | undefined> {
      if (inbound.kind === "command") return undefined;
      const parsed = addressed(inbound);
      if ((inbound.kind === "button" || inbound.kind === "form") && !parsed) return undefined;
      // A cached run may be behind another instance: on a conflict, read it again and retry once.
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) deps.runs.forget?.(conv.subjectId);
        const out = await handleOnce(conv, inbound, parsed, attempt > 0, guard, progress);
        if (out !== null) return out;
      }
      return [];
    },

    /** Ends every live run of a person whose flow `which` names (a revoked role's conversations). */
    async endRunsOf(personId: string, which: (flowId: string) => boolean): Promise<number> {
      let ended = 0;
      for (const run of await deps.runs.listForPerson(personId))
        if (which(run.flowId) && (await deps.runs.end(run._id))) ended++;
      return ended;
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
            // The title sits mid-sentence ("Baik, asesmen kompetensi dibatalkan").
            flow: title ? midSentence(resolveText(title, conv.profile.locale, deps.translate)) : run.flowId,
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
      return isQuestion(step) ? [await present(conv, flow, step, snapshot(run), run.seq)] : [];
    },
  };
}
export type Engine = ReturnType<typeof createEngine>;
