import type { CompetencyResult, Jabatan, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import {
  type AssessmentResponse,
  assessCompetencies,
  nextStatement,
  statementRange,
} from "../../domain/assessment.js";
import type { Competency } from "../../domain/competency.js";
import { compareCompetencyCodes, isLevel, type Level } from "../../domain/competency.js";
import { countedLevel } from "../../domain/counted-level.js";
import { asksAtasanConsent } from "../../domain/direct-report.js";
import type { Instrument } from "../../domain/instrument.js";
import { isJabatanTier, requiredLevels, type SkjDefaults } from "../../domain/skj.js";
import type { ComputeService, TextSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import type { AssessmentResults } from "../results/assessment-result.js";
import { consentChoices } from "../team/buttons.js";
import {
  isStandard,
  nextAssessmentAllowedAt,
  type RecordAssessment,
  resultRowsOf,
  standardOfJabatan,
} from "./assessment-record.js";

export interface AssessmentDeps {
  repos: Pick<Repositories, "people" | "jabatan">;
  competencies: readonly Competency[];
  skjDefaults: SkjDefaults;
  instrument: Instrument;
  intervalDays: number;
  record: RecordAssessment;
  results: AssessmentResults;
  translate: Translate;
}

type Required = { c: string; l: Level }[];
/** The statement being asked: competency, level, index within the level. */
type Current = { c: string; l: Level; i: number };

/** The run's answers, keeping only well-formed ones: a run parked by older code may hold anything. */
const asResponses = (v: unknown): AssessmentResponse[] =>
  Array.isArray(v)
    ? v.filter(
        (r): r is AssessmentResponse =>
          typeof r === "object" &&
          r !== null &&
          typeof r.c === "string" &&
          isLevel(r.l) &&
          Number.isInteger(r.i) &&
          r.i >= 0 &&
          typeof r.s === "number" &&
          r.s >= 1 &&
          r.s <= 4,
      )
    : [];
const asRequired = (v: unknown): Required => (Array.isArray(v) ? (v as Required) : []);
const toRecord = (required: Required): Record<string, Level> =>
  Object.fromEntries(required.map((r) => [r.c, r.l]));

/** What the result chart shows of the rows: the same key, the same picture. */
const chartKey = (rows: readonly CompetencyResult[]) =>
  rows
    .map((r) => `${r.competency}:${countedLevel(r)}:${r.required}:${r.gap}`)
    .sort()
    .join("|");

/**
 * The compute services of flows/asesmen.yaml. Everything but `save` only computes from the run's
 * answers (the adaptive state is the list of responses, replayed on every step), so a retried
 * answer can never double-count.
 */
export function createAssessment(deps: AssessmentDeps) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const nameOf = (code: string, locale: Locale) => {
    const c = deps.competencies.find((x) => x.code === code);
    return c ? (locale === "en" ? c.name.en : c.name.id) : code;
  };

  /** The required level of every competency this person is assessed on: SKJ of the jabatan, else defaults. */
  async function requiredFor(person: Person): Promise<Required> {
    return requiredWith(person, person.jabatanId ? await deps.repos.jabatan.get(person.jabatanId) : null);
  }

  /** requiredFor, with the person's jabatan already read. */
  function requiredWith(person: Person, jabatan: Jabatan | null): Required {
    const own: Record<string, Level> = {};
    for (const s of jabatan?.standard ?? []) if (isLevel(s.level)) own[s.competency] = s.level;
    const tierId = jabatan?.tier ?? person.tier;
    // Someone who gave no tier is measured against the entry level rather than not at all.
    const tier = isJabatanTier(tierId) ? tierId : "pelaksana";
    const standard = requiredLevels({
      jabatanStandard: own,
      tier,
      defaults: deps.skjDefaults,
      competencies: deps.competencies.filter((c) => c.type !== "teknis").map((c) => c.code),
    });
    const out: Required = Object.entries(standard).map(([c, r]) => ({ c, l: r.level }));
    const family = deps.instrument.families.find((f) => f.family === jabatan?.family);
    // An imported SKJ names its own teknis competencies; without one, the family's sample ones apply.
    const skj = jabatan?.standardSource === "skj";
    const teknis = skj ? Object.keys(own).filter((code) => code.startsWith("T.")) : (family?.codes ?? []);
    for (const code of teknis) {
      const level = own[code] ?? (skj ? undefined : family?.required[tier]);
      if (level !== undefined && deps.instrument.covers(code)) out.push({ c: code, l: level });
    }
    return out.sort((a, b) => compareCompetencyCodes(a.c, b.c));
  }

  const begin: ComputeService = async ({ conversation, now }) => {
    const person = conversation.profile.personId
      ? await deps.repos.people.get(conversation.profile.personId)
      : null;
    if (!person) return { outbound: [{ text: t(conversation, "onboarding-needed") }], goto: "stop" };
    const allowedAt = nextAssessmentAllowedAt(person.status?.assessedAt, deps.intervalDays);
    if (allowedAt && allowedAt > now) {
      const opts = { locale: conversation.profile.locale, timeZone: person.timeZone };
      return {
        setAnswers: {
          lastDate: formatDate(person.status.assessedAt!, opts),
          nextDate: formatDate(allowedAt, opts),
        },
        goto: "too_soon",
      };
    }
    const jabatan = person.jabatanId ? await deps.repos.jabatan.get(person.jabatanId) : null;
    const required = requiredWith(person, jabatan);
    const { minimum, maximum } = statementRange(required.length);
    return {
      setAnswers: {
        required,
        // The standard these levels come from, kept for the result, so saving reads no jabatan.
        standard: standardOfJabatan(jabatan),
        responses: [],
        count: String(required.length),
        minimum: String(minimum),
        maximum: String(maximum),
      },
    };
  };

  // Only ids go into the run: the sentence is looked up when shown, in the language of that moment.
  const pick: ComputeService = async ({ answers }) => {
    const required = toRecord(asRequired(answers.required));
    const next = nextStatement(required, asResponses(answers.responses), deps.instrument.count);
    if (!next) return { goto: "save" };
    return { setAnswers: { current: { c: next.competency, l: next.level, i: next.index } } };
  };

  /** The statement asked now, under "Kompetensi n dari m · name", from the ids pick stored. */
  const statementText: TextSource = ({ answers, locale }) => {
    const current = answers.current as Current | undefined;
    const statement = current && deps.instrument.statement(current.c, current.l, current.i);
    if (!current || !statement) {
      // Runs parked before statements were put into words when shown stored the sentences too:
      // when the instrument no longer has their statement, those beat an empty question.
      return [answers.progressLabel, answers.statement].filter((s) => typeof s === "string").join("\n\n");
    }
    const codes = Object.keys(toRecord(asRequired(answers.required))).sort(compareCompetencyCodes);
    const progress = deps.translate(locale, "assessment-progress", {
      n: String(codes.indexOf(current.c) + 1),
      total: String(codes.length),
      name: nameOf(current.c, locale),
    });
    return `${progress}\n\n${locale === "en" ? statement.en : statement.id}`;
  };

  const record: ComputeService = async ({ answers }) => {
    const current = answers.current as Current | undefined;
    const score = Number(answers.ask);
    if (!current || !(score >= 1 && score <= 4)) return {};
    return { setAnswers: { responses: [...asResponses(answers.responses), { ...current, s: score }] } };
  };

  const undo: ComputeService = async ({ answers }) => {
    const responses = asResponses(answers.responses);
    if (responses.length === 0) return { goto: "intro" };
    return { setAnswers: { responses: responses.slice(0, -1) } };
  };

  const save: ComputeService = async ({ runId, conversation, answers, now }) => {
    const personId = conversation.profile.personId;
    if (!personId) return { outbound: [{ text: t(conversation, "onboarding-needed") }], goto: "stop" };
    const required = toRecord(asRequired(answers.required));
    const responses = asResponses(answers.responses);
    const scores = Object.entries(assessCompetencies(required, responses, deps.instrument.count));
    const outcome = {
      id: `s-${runId}`,
      personId,
      assessed: Object.fromEntries(scores.map(([c, s]) => [c, s.level])),
      mixed: scores.filter(([, s]) => s.mixed).map(([c]) => c),
      required,
      statements: responses.length,
      completedAt: now,
      ...(isStandard(answers.standard) ? { standard: answers.standard } : {}),
    };
    // The chart is drawn (in its own thread) while the result is stored, from the rows it is
    // stored with. A retried step gets the result stored the first time: drawn again if an atasan
    // has confirmed a level since. Drawing never fails (there is no chart then).
    const rows = resultRowsOf(outcome);
    const drawing = deps.results.chartMessage(conversation, rows);
    const { assessment, previous, closedGaps, person } = await deps.record(outcome);
    const chart =
      chartKey(assessment.results) === chartKey(rows)
        ? await drawing
        : await deps.results.chartMessage(conversation, assessment.results);
    const out: Outbound[] = [
      deps.results.resultMessage(conversation, assessment.results, previous?.results ?? [], assessment),
      ...chart,
    ];
    if (closedGaps.length > 0) {
      out.push({
        text: t(conversation, "recognition-gap-closed", {
          competencies: closedGaps.map((c) => nameOf(c, conversation.profile.locale)).join(", "),
          count: closedGaps.length,
        }),
      });
    }
    // Asked once, after the first result: whether the direct atasan may see it (see /tim). The
    // person as the recorder read them a moment ago (recording changes no field this asks about).
    if (asksAtasanConsent(person))
      out.push({
        text: t(conversation, "team-consent-question"),
        choices: consentChoices((a) =>
          t(conversation, a === "y" ? "team-consent-allow" : "team-consent-deny"),
        ),
      });
    return { outbound: out };
  };

  return {
    requiredFor,
    services: {
      "assessment.begin": begin,
      "assessment.pick": pick,
      "assessment.record": record,
      "assessment.undo": undo,
      "assessment.save": save,
    } satisfies Record<string, ComputeService>,
    textSources: { "assessment.statement": statementText } satisfies Record<string, TextSource>,
  };
}
