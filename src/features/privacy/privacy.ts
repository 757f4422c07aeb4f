import { createHash, randomUUID } from "node:crypto";
import type { Delivery, ErasureRequest, Person, SurveyInvitation } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Competency } from "../../domain/competency.js";
import { stateOf } from "../../domain/completion-state.js";
import { quietHoursOf } from "../../domain/reminder-time.js";
import type { RunStore } from "../../engine/run-cache.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound, Progress } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { createAuditLog } from "../../services/audit-log.js";
import type { SummaryTotals } from "../../services/summary-totals.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { CONSENT_TEXT_VERSION } from "../onboarding/onboarding.js";

/** The confirmation buttons of /hapusdata: erase (valid for minutes after the stamp), or keep. */
export const eraseButton = buttonCodec("erase-confirm", "prv", { confirm: ["y", 1], keep: ["n", 0] });
type EraseAction = Parameters<typeof eraseButton.pack>[0];

/** The shape of the /dataku file; raise it when fields move, so a reader can tell versions apart. */
export const EXPORT_FORMAT = "pandu-dataku-1";

/** How long the confirmation button of /hapusdata stays valid: an old button erases nothing. */
const CONFIRM_VALID_MS = 30 * 60_000;

/** An erasure older than this with its marker still there was cut short; housekeeping finishes it. */
const INTERRUPTED_AFTER_MS = 10 * 60_000;

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export interface PrivacyDeps {
  repos: Pick<
    Repositories,
    | "people"
    | "identities"
    | "nipClaims"
    | "flowRuns"
    | "linkCodes"
    | "leases"
    | "assessments"
    | "completions"
    | "enrollments"
    | "achievements"
    | "mentoring"
    | "placeRequests"
    | "unitMoves"
    | "waitlist"
    | "surveys"
    | "deliveries"
    | "audit"
    | "broadcasts"
    | "broadcastAcks"
    | "campaigns"
    | "erasures"
    | "orgUnits"
    | "jabatan"
  >;
  /** The engine's live-run store: ending runs through it also drops them from its cache. */
  runs: Pick<RunStore, "listForPerson" | "end">;
  /** Unit summaries: a touched person who no longer exists has their contributions removed. */
  summaries: Pick<SummaryTotals, "touch">;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
  /** Told which chat identities stopped belonging to anyone (cached profiles are dropped). */
  onErased?: (identityIds: readonly string[]) => void;
  /**
   * An anonymous survey's answers so far sit apart from the invitation, under a keyed hash of its
   * token (`src/features/surveys/surveys.ts`): read for /dataku, deleted on erasure.
   */
  surveyDrafts?: {
    answersSoFar(inv: SurveyInvitation): Promise<number[]>;
    dropDraft(inv: SurveyInvitation): Promise<void>;
  };
}

/** What an erasure removed, by step. */
export type ErasureCounts = Record<string, number>;

/**
 * UU PDP rights in the chat: /dataku sends a person everything Pandu holds about them as a JSON
 * file; /hapusdata, once confirmed, erases it. Erasure is a marker (a unique insert), then steps
 * that are each safe to repeat, then the marker's removal, so an interrupted one is finished by
 * whoever finds the marker: a retried /hapusdata, a new /start, or the housekeeping job.
 */
export function createPrivacy(deps: PrivacyDeps) {
  const { repos } = deps;
  const audit = createAuditLog(deps);
  const tr = (locale: Locale) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);
  const competencyName = (code: string, locale: Locale) =>
    deps.competencies.find((c) => c.code === code)?.name[locale] ?? code;

  /** A delivery as the person may see it: what, when, how it went, and the text they were sent. */
  const deliveryView = (d: Delivery) => ({
    purpose: d.purpose,
    status: d.status,
    channel: d.channel,
    createdAt: d.createdAt,
    dueAt: d.dueAt,
    ...(d.sentAt ? { sentAt: d.sentAt } : {}),
    attempts: d.attempts,
    text: d.message.text,
  });

  /** Everything stored about one person, as a plain object for the /dataku file. */
  async function collect(person: Person, locale: Locale) {
    const t = tr(locale);
    const id = person._id;
    const [identities, assessments, completions, enrollments, achievements, asMentee, asMentor] =
      await Promise.all([
        repos.identities.listForPerson(id),
        repos.assessments.listForPerson(id, 100_000),
        repos.completions.listForPerson(id),
        repos.enrollments.listForPerson(id),
        repos.achievements.listForPerson(id),
        repos.mentoring.forMentee(id),
        repos.mentoring.forMentor(id),
      ]);
    const [
      invitations,
      responses,
      deliveries,
      placeRequests,
      unitMoves,
      auditEntries,
      runs,
      waiting,
      answers,
    ] = await Promise.all([
      repos.surveys.listForPerson(id),
      repos.surveys.responsesOfPerson(id),
      repos.deliveries.ofPerson(id),
      repos.placeRequests.forPerson(id),
      repos.unitMoves.forPerson(id),
      repos.audit.aboutPerson(id),
      deps.runs.listForPerson(id),
      repos.waitlist.listForPerson(id),
      repos.broadcastAcks.ofPerson(id),
    ]);
    const unitIds = [
      person.instansiId,
      person.unitId,
      ...person.roles.map((r) => r.unitId),
      ...unitMoves.flatMap((m) => [m.fromUnitId, m.toUnitId]),
    ];
    const units = new Map<string, string>();
    for (const u of unitIds) {
      if (!u || units.has(u)) continue;
      const unit = await repos.orgUnits.get(u);
      if (unit) units.set(u, unit.name);
    }
    const jabatan = person.jabatanId ? await repos.jabatan.get(person.jabatanId) : null;
    const named = (unitId: string | undefined) =>
      unitId ? { id: unitId, name: units.get(unitId) ?? null } : null;
    // The other side of a request is only named once the mentor accepted, as /mentor does.
    const others = await repos.people.byIds(
      [...asMentee, ...asMentor]
        .filter((r) => r.status === "accepted")
        .map((r) => (r.menteeId === id ? r.mentorId : r.menteeId)),
    );
    const mentoring = [
      ...asMentee.map((r) => ({ r, role: "mentee" as const, other: r.mentorId })),
      ...asMentor.map((r) => ({ r, role: "mentor" as const, other: r.menteeId })),
    ].map(({ r, role, other }) => ({
      role,
      competency: r.competency,
      competencyName: competencyName(r.competency, locale),
      status: r.status,
      createdAt: r.createdAt,
      ...(r.decidedAt ? { decidedAt: r.decidedAt } : {}),
      otherParty: r.status === "accepted" ? { name: others.get(other)?.name ?? null } : null,
    }));
    return {
      format: EXPORT_FORMAT,
      generatedAt: deps.now(),
      notes: [
        t("privacy-export-note-what"),
        t("privacy-export-note-anonymous"),
        t("privacy-export-note-mentoring"),
        t("privacy-export-note-kept"),
      ],
      profile: {
        id,
        name: person.name,
        nip: person.nip ?? null,
        instansi: named(person.instansiId),
        unit: named(person.unitId),
        jabatan: person.jabatanId ? { id: person.jabatanId, name: jabatan?.name ?? null } : null,
        tier: person.tier ?? null,
        employment: person.employment ?? null,
        employmentSource: person.employmentSource ?? null,
        contractStart: person.contractStart ?? null,
        regionId: person.regionId ?? null,
        timeZone: person.timeZone,
        language: person.locale,
        learningModes: person.learningModes,
        mentorOptIn: person.mentorOptIn ?? false,
        shareProgress: person.shareProgress ?? false,
        weeklySummary: person.weeklySummary ?? null,
        status: person.status,
        registeredAt: person.onboardedAt ?? null,
        createdAt: person.createdAt,
        updatedAt: person.updatedAt,
      },
      consent: person.consent
        ? {
            givenAt: person.consent.givenAt,
            textVersion: person.consent.textVersion,
            currentTextVersion: CONSENT_TEXT_VERSION,
          }
        : null,
      // Who granted a role is another person; the grant itself is this person's.
      roles: person.roles.map((r) => ({
        role: r.role,
        unit: named(r.unitId),
        grantedAt: r.grantedAt,
      })),
      identities: identities.map((i) => ({
        id: i._id,
        channel: i.channel,
        linkedAt: i.linkedAt,
        ...(i.unreachable ? { unreachable: i.unreachable } : {}),
      })),
      reminderPreferences: {
        stored: person.reminders ?? {},
        quietHours: quietHoursOf(person),
        trainingReminders: person.reminders?.training ?? true,
        jpNudge: person.reminders?.nudges ?? "on",
      },
      // A level an atasan confirmed is the person's record; who confirmed it is another person.
      // Who confirmed stays out: the confirmer is another person, named nowhere in this file.
      assessments: assessments.map(({ personId: _, confirmedBy: __, ...a }) => ({
        ...a,
        results: a.results.map(({ confirmation, ...r }) =>
          confirmation ? { ...r, confirmation: { level: confirmation.level, at: confirmation.at } } : r,
        ),
      })),
      // Every record says whether it counts: `verified` also for one that never needed verifying.
      completions: completions.map(({ personId: _, ...c }) => ({ ...c, state: stateOf(c) })),
      // Who marked attendance is another person (a koordinator).
      enrollments: enrollments.map(({ personId: _, seat: _s, checkedInBy: _c, ...e }) => e),
      // Places on waiting lists of full sessions, those left too.
      waitingLists: waiting.map(({ personId: _, member: _m, _id: _i, ...w }) => w),
      // Who decided is another person; the decision and its reason are this person's record.
      placeRequests: placeRequests.map(({ personId: _, decidedBy: _d, ...r }) => r),
      // Requests to move to another unit; who decided is another person, as above.
      unitMoves: unitMoves.map((m) => ({
        from: named(m.fromUnitId),
        to: named(m.toUnitId),
        requestedAt: m.requestedAt,
        state: m.state,
        ...(m.decidedAt ? { decidedAt: m.decidedAt } : {}),
      })),
      achievements: achievements.map(({ personId: _, ...a }) => a),
      mentoring,
      surveys: {
        // An anonymous survey's answers so far are the person's while the token ties them; the
        // token itself means nothing to them.
        invitations: await Promise.all(
          invitations.map(async (inv) => {
            const { personId: _, draft: _d, ...i } = inv;
            return { ...i, answers: (await deps.surveyDrafts?.answersSoFar(inv)) ?? i.answers };
          }),
        ),
        responses: responses.map(({ personId: _, ...r }) => r),
      },
      deliveries: {
        waiting: deliveries.waiting.map(deliveryView),
        sent: deliveries.logged.map(deliveryView),
      },
      // Their answers to announcements that asked for one ("Sudah dibaca", "Saya hadir"…).
      broadcastAnswers: answers,
      // What the person did as staff and what was done about them; the other party is named by
      // role only (made / about), as elsewhere in this file.
      audit: auditEntries.map((e) => ({
        at: e.at,
        action: e.action,
        outcome: e.outcome,
        ...(e.actorPersonId === id ? { made: true } : {}),
        ...(e.targetId === id ? { about: true } : {}),
        ...(e.scopeUnitId ? { unit: e.scopeUnitId } : {}),
        ...(e.details ? { details: e.details } : {}),
      })),
      // Conversations still open, with what was typed so far (internal keys left out).
      conversations: runs.map((r) => ({
        flow: r.flowId,
        step: r.stepId,
        startedAt: r.startedAt,
        updatedAt: r.updatedAt,
        answers: Object.fromEntries(Object.entries(r.answers ?? {}).filter(([k]) => !k.startsWith("_"))),
      })),
    };
  }

  /** Ids of de-identified copies: repeatable within one erasure, unlinkable once its token is gone. */
  const copyId = (req: ErasureRequest, id: string) => `anon-${sha256(`${req.token}|${id}`).slice(0, 32)}`;

  /** The erasure steps, in order; each may run again after a crash and removes only what is left. */
  const steps: [string, (req: ErasureRequest) => Promise<number>][] = [
    // First: the chat accounts stop being this person, so nothing new is routed to them.
    [
      "identities",
      async (req) => {
        const n = await repos.identities.removeForPerson(req._id);
        deps.onErased?.(req.identityIds);
        return n;
      },
    ],
    ["outbox", (req) => repos.deliveries.removeWaitingFor(req._id)],
    [
      "enrollments",
      async (req) => {
        // Deleting the enrolment is what frees its seat for the next person (as a cancel does).
        let n = 0;
        for (const e of await repos.enrollments.listForPerson(req._id))
          if (await repos.enrollments.cancel(e.sessionId, req._id)) n++;
        return n;
      },
    ],
    [
      "conversations",
      async (req) => {
        let n = 0;
        const runs = [
          ...(await deps.runs.listForPerson(req._id)),
          // Runs of an account before it registered are keyed by the account; one started after
          // the erasure began belongs to someone starting afresh and stays.
          ...(await Promise.all(req.identityIds.map((i) => deps.runs.listForPerson(i))))
            .flat()
            .filter((r) => r.startedAt <= req.requestedAt),
        ];
        for (const run of runs) {
          if (await deps.runs.end(run._id)) n++;
          await repos.flowRuns.purgeClaimsOfRun(run._id, run.seq);
        }
        n += await repos.linkCodes.removeForPerson(req._id);
        for (const i of req.identityIds) await repos.linkCodes.clearFailures(i);
        await repos.leases.removeKey(`adopt:${req._id}`);
        return n;
      },
    ],
    ["mentoring", (req) => repos.mentoring.removeInvolving(req._id)],
    // Announcements they wrote stay with their audience, without the author.
    ["broadcastAuthor", (req) => repos.broadcasts.forgetAuthor(req._id)],
    // Their answers to announcements go with them (the counts of those broadcasts drop by one).
    ["broadcastAcks", (req) => repos.broadcastAcks.removeForPerson(req._id)],
    // When they were reminded in /belum campaigns, and the campaigns they started no longer name them.
    ["campaigns", (req) => repos.campaigns.forgetPerson(req._id)],
    ["placeRequests", (req) => repos.placeRequests.removeForPerson(req._id)],
    ["waitlist", (req) => repos.waitlist.removeForPerson(req._id)],
    [
      "unitMoves",
      async (req) => {
        // Their decision keys hold only the request's id; dropped with the requests all the same.
        for (const m of await repos.unitMoves.forPerson(req._id))
          await repos.leases.removeKey(`unit-move:${m._id}`);
        return repos.unitMoves.removeForPerson(req._id);
      },
    ],
    [
      "surveys",
      async (req) => {
        // Anonymous answers so far first: the invitation holds the only way to them.
        for (const inv of await repos.surveys.listForPerson(req._id))
          if (inv.draft) await deps.surveyDrafts?.dropDraft(inv);
        let n = await repos.surveys.removeInvitationsForPerson(req._id);
        // Answers stay in the survey's results, like anonymous ones: without person or time.
        for (const r of await repos.surveys.responsesOfPerson(req._id)) {
          await repos.surveys.deidentifyResponse(r, copyId(req, r._id));
          n++;
        }
        return n;
      },
    ],
    ["assessments", (req) => repos.assessments.removeForPerson(req._id)],
    // Levels this person confirmed as an atasan stay with the people assessed, without this id.
    ["confirmations", (req) => repos.assessments.forgetConfirmer(req._id)],
    ["completions", (req) => repos.completions.removeForPerson(req._id)],
    ["achievements", (req) => repos.achievements.removeForPerson(req._id)],
    ["nip", (req) => repos.nipClaims.releaseForPerson(req._id)],
    ["person", async (req) => ((await repos.people.remove(req._id)) ? 1 : 0)],
    // After the person: a message that was in flight until now is in the log by then.
    ["deliveryLog", (req) => repos.deliveries.removeLoggedFor(req._id)],
    [
      "auditIdentities",
      async (req) => {
        await repos.audit.forgetIdentities(req.identityIds);
        return 0;
      },
    ],
    [
      "summaries",
      async (req) => {
        // The folder finds no person and removes their contributions from the unit totals.
        await deps.summaries.touch(req._id);
        return 0;
      },
    ],
  ];

  /**
   * Erases a person's data, or finishes an erasure under way. `stepsOnly` stops after that many
   * steps, as a crash would (tests). Returns what this run removed, or undefined when stopped.
   */
  async function erase(
    personId: string,
    opts: { stepsOnly?: number } = {},
  ): Promise<ErasureCounts | undefined> {
    const now = deps.now();
    const identities = await repos.identities.listForPerson(personId);
    const fresh: ErasureRequest = {
      _id: personId,
      token: randomUUID(),
      identityIds: identities.map((i) => i._id),
      requestedAt: now,
    };
    const began = await repos.erasures.begin(fresh);
    const req = began ? fresh : await repos.erasures.get(personId);
    // Another run finished it between the two reads: nothing is left to do.
    if (!req) return {};
    const counts: ErasureCounts = {};
    for (const [i, [name, step]] of steps.entries()) {
      if (opts.stepsOnly !== undefined && i >= opts.stepsOnly) return undefined;
      counts[name] = await step(req);
    }
    // Kept: that an erasure happened, under the opaque person id, with counts and no name or NIP.
    await repos.audit.appendOnce({
      _id: `erase-${sha256(req.token).slice(0, 24)}`,
      at: now,
      actorPersonId: personId,
      action: "privacy.erase",
      outcome: "ok",
      targetKind: "person",
      targetId: personId,
      details: { removed: counts, resumed: !began },
    });
    await repos.erasures.end(personId);
    return counts;
  }

  /** Finishes an interrupted erasure that involved this chat account; true when there was one. */
  async function finishFor(identityId: string): Promise<boolean> {
    const pending = (await repos.erasures.all()).filter((r) => r.identityIds.includes(identityId));
    for (const r of pending) await erase(r._id);
    return pending.length > 0;
  }

  /** Minutes since the epoch in base 36: the confirmation button's age, checked when pressed. */
  const stampOf = (d: Date) => Math.floor(d.getTime() / 60_000).toString(36);

  return {
    erase,
    finishFor,

    /** Finishes erasures whose marker is older than a few minutes (the housekeeping job). */
    async finishInterrupted(now: Date): Promise<number> {
      const stale = (await repos.erasures.all()).filter(
        (r) => now.getTime() - r.requestedAt.getTime() >= INTERRUPTED_AFTER_MS,
      );
      for (const r of stale) await erase(r._id);
      return stale.length;
    },

    /**
     * /dataku: the person's data as a JSON document, with a caption, and an audit entry. Gathering
     * it reads every collection: `progress` hears first that the file is being prepared.
     */
    async exportOwnData(conv: Conversation, progress?: Progress): Promise<Outbound[]> {
      const t = tr(conv.profile.locale);
      const person = conv.profile.personId ? await repos.people.get(conv.profile.personId) : null;
      if (!person) return [{ text: t("onboarding-needed") }];
      await progress?.({ text: t("privacy-export-preparing"), preparing: "document" });
      const data = await collect(person, conv.profile.locale);
      await audit(conv, person, "privacy.export", "ok", {
        target: { kind: "person", id: person._id },
        details: {
          assessments: data.assessments.length,
          completions: data.completions.length,
          deliveries: data.deliveries.sent.length + data.deliveries.waiting.length,
        },
      });
      const zone = { locale: conv.profile.locale, timeZone: person.timeZone };
      const consent = person.consent
        ? t("privacy-export-consent", {
            date: formatDate(person.consent.givenAt, zone),
            version: person.consent.textVersion,
          })
        : t("privacy-export-consent-none");
      const day = deps.now().toISOString().slice(0, 10);
      return [
        {
          text: `${t("privacy-export-caption")}\n\n${consent}`,
          media: {
            kind: "document",
            filename: `pandu-dataku-${day}.json`,
            mime: "application/json",
            bytes: new TextEncoder().encode(`${JSON.stringify(data, null, 2)}\n`),
          },
        },
      ];
    },

    /** /hapusdata: explains what goes and what stays, and asks for an explicit confirmation. */
    async askErasure(conv: Conversation): Promise<Outbound[]> {
      const t = tr(conv.profile.locale);
      if (!conv.profile.onboarded || !conv.profile.personId) {
        // A stranger now may be someone whose erasure was cut short after their account went.
        return [{ text: t((await finishFor(conv.identityId)) ? "privacy-erase-done" : "onboarding-needed") }];
      }
      const person = await repos.people.get(conv.profile.personId);
      if (!person) return [{ text: t("onboarding-needed") }];
      const parts = [t("privacy-erase-confirm")];
      if (person.roles.length > 0) {
        const units = await Promise.all(person.roles.map((r) => repos.orgUnits.get(r.unitId)));
        // Roles by the names people know them by ("atasan"), not their codes.
        const roles = person.roles
          .map((r, i) => `${t(`role-${r.role}`)} (${units[i]?.name ?? r.unitId})`)
          .join(", ");
        parts.push(t("privacy-erase-roles", { roles }));
      }
      parts.push(t("privacy-erase-question"));
      return [
        {
          text: parts.join("\n\n"),
          choices: [
            [
              { data: eraseButton.pack("confirm", stampOf(deps.now())), label: t("privacy-erase-yes") },
              { data: eraseButton.pack("keep"), label: t("privacy-erase-no") },
            ],
          ],
        },
      ];
    },

    /** The confirmation buttons of /hapusdata (`prv|y|<minute stamp>`, `prv|n`). */
    async handleButton(conv: Conversation, press: ButtonPress<EraseAction>): Promise<Outbound[] | undefined> {
      const t = tr(conv.profile.locale);
      if (press.action === "keep") return [{ text: t("privacy-erase-cancelled"), replacesPrompt: true }];
      const stamp = press.args[0]!;
      if (!/^[0-9a-z]{1,10}$/.test(stamp)) return undefined;
      const age = deps.now().getTime() - Number.parseInt(stamp, 36) * 60_000;
      if (age > CONFIRM_VALID_MS || age < -60_000)
        return [{ text: t("privacy-erase-expired"), replacesPrompt: true }];
      const personId = conv.profile.personId;
      if (!personId) return [{ text: t("onboarding-needed") }];
      await erase(personId);
      return [{ text: t("privacy-erase-done"), replacesPrompt: true }];
    },
  };
}
export type Privacy = ReturnType<typeof createPrivacy>;
