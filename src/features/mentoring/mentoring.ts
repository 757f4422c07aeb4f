import type { Assessment, MentorProfile, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { mentorsStamp } from "../../db/repositories/mentoring.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Competency } from "../../domain/competency.js";
import { countedLevel } from "../../domain/counted-level.js";
import { isUnverified } from "../../domain/membership.js";
import { afterQuiet, quietHoursOf } from "../../domain/reminder-time.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { shortKey } from "../../services/course-catalog.js";
import { type RefreshingValue, refreshingValue } from "../../services/refreshing-value.js";
import { type ButtonPress, buttonCodec } from "../feature.js";
import { commandButton } from "../help/buttons.js";
import { syncMentorProfile } from "./mentor-profile.js";

/** Mentoring buttons: offering oneself as a mentor, asking for one, and a mentor's answer. */
export const mentorButton = buttonCodec("mentoring", "mnt", {
  optIn: ["on", 0],
  optOut: ["off", 0],
  ask: ["r", 1],
  accept: ["a", 1],
  decline: ["d", 1],
});
type MentorAction = Parameters<typeof mentorButton.pack>[0];

/** A colleague who could mentor someone in one competency; no name until both have agreed. */
export interface MentorMatch {
  competency: string;
  mentor: Person;
  mentorLevel: number;
  menteeLevel: number;
  required: number;
}

/** How many of the largest gaps get a mentor suggestion. */
const MAX_SUGGESTIONS = 2;
/** How old the in-memory mentor profiles of an instansi may get before a background refresh. */
const PROFILE_TTL_MS = 5 * 60_000;

/**
 * Mentoring between colleagues of one instansi: an opted-in colleague whose level (the level that
 * counts: confirmed by an atasan, else self-assessed) is at least the required level + 1 is
 * suggested for a gap, anonymously. The mentee asks (their consent),
 * the mentor accepts (theirs); only then does either see the other's name.
 */
export function createMentoring(deps: {
  repos: Pick<Repositories, "people" | "assessments" | "mentoring" | "changeStamps">;
  competencies: readonly Competency[];
  translate: Translate;
  now: () => Date;
  /** Tells the other side at once (a mentor of a new request, a mentee of the answer). */
  outbox?: Pick<Outbox, "schedule">;
}) {
  const tr = (locale: Locale) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);
  const nameOf = (code: string, locale: Locale) =>
    deps.competencies.find((c) => c.code === code)?.name[locale] ?? code;

  // Mentor profiles per instansi, in memory: a large instansi has well over a thousand mentors,
  // too many to read on every /rekomendasi. Checked in the background after five minutes (read
  // again when the instansi's change stamp moved), and forgotten when this process changes one;
  // who is finally suggested is checked against their person document, so an opt-out or a move
  // is honoured at once everywhere.
  const profileCache = new Map<string, RefreshingValue<MentorProfile[]>>();
  const profilesIn = (instansiId: string) => {
    let cached = profileCache.get(instansiId);
    if (!cached) {
      cached = refreshingValue(() => deps.repos.mentoring.profilesIn(instansiId), {
        ttlMs: PROFILE_TTL_MS,
        now: deps.now,
        stamp: () => deps.repos.changeStamps.token(mentorsStamp(instansiId)),
      });
      profileCache.set(instansiId, cached);
    }
    return cached.get();
  };
  const forgetProfiles = () => {
    for (const cached of profileCache.values()) cached.invalidate();
  };

  /** Puts a notice for `to` in the outbox, with a button to /mentor (a no-op without an outbox). */
  async function notify(
    to: Person,
    purpose: string,
    occurrence: string,
    key: string,
    args: Record<string, string>,
  ) {
    if (!deps.outbox) return;
    const t = tr(to.locale);
    await deps.outbox.schedule({
      purpose,
      occurrence,
      personId: to._id,
      message: {
        text: t(key, args),
        choices: [[{ data: commandButton.pack("open", "mentor"), label: t("mentor-open") }]],
      },
      dueAt: afterQuiet(deps.now(), to.timeZone, quietHoursOf(to)),
    });
  }

  /**
   * Rewrites a person's mentor profile from their latest assessment, or removes it (see
   * syncMentorProfile); after opting in or out, and for a profile found stale.
   */
  async function refreshProfile(personId: string): Promise<void> {
    const person = await deps.repos.people.get(personId);
    if (!person) {
      await deps.repos.mentoring.removeProfile(personId);
    } else {
      const latest = person.status?.lastAssessmentId
        ? await deps.repos.assessments.get(person.status.lastAssessmentId)
        : null;
      await syncMentorProfile(deps.repos, person, latest, deps.now());
    }
    // After the write: whichever instansi they were or are in, its copy may hold them, and a load
    // begun before this point is not kept.
    forgetProfiles();
  }

  /**
   * Opted-in colleagues who could mentor `person` in each of their largest gaps, best first.
   * `known` is the person's latest assessment when the caller has already read it.
   */
  async function matches(person: Person, known?: Assessment): Promise<MentorMatch[]> {
    const latestId = person.status?.lastAssessmentId;
    // Mentors are colleagues of the instansi; someone not yet verified is not known to be one.
    if (!person.instansiId || !latestId || isUnverified(person)) return [];
    const latest = known?._id === latestId ? known : await deps.repos.assessments.get(latestId);
    // A stored gap already follows the level that counts (a confirmation recomputes it).
    const gaps = (latest?.results ?? []).filter((r) => r.gap > 0).sort((a, b) => b.gap - a.gap);
    if (gaps.length === 0) return [];
    const profiles = (await profilesIn(person.instansiId)).filter((m) => m._id !== person._id);
    const out: MentorMatch[] = [];
    for (const gap of gaps) {
      const ranked = profiles
        .map((p) => ({
          profile: p,
          level: p.levels.find((l) => l.competency === gap.competency)?.level ?? 0,
        }))
        // A mentor holds a level: 0 ("belum mencapai level 1") never qualifies, whatever the standard.
        .filter((x) => x.level >= 1 && x.level >= gap.required + 1)
        .sort((a, b) => b.level - a.level || (a.profile._id < b.profile._id ? -1 : 1));
      for (const candidate of ranked) {
        // The profile may be stale (moved to another instansi by an import, erased): the person decides.
        const mentor = await deps.repos.people.get(candidate.profile._id);
        if (!mentor?.mentorOptIn || mentor.instansiId !== person.instansiId || isUnverified(mentor)) {
          await refreshProfile(candidate.profile._id);
          continue;
        }
        out.push({
          competency: gap.competency,
          mentor,
          mentorLevel: candidate.level,
          menteeLevel: countedLevel(gap),
          required: gap.required,
        });
        break;
      }
      if (out.length >= MAX_SUGGESTIONS) break;
    }
    return out;
  }

  /** Suggestion cards for /rekomendasi: anonymous, with a button to ask. */
  async function suggestions(conv: Conversation, person: Person, latest?: Assessment): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const [found, mine] = await Promise.all([
      matches(person, latest),
      deps.repos.mentoring.forMentee(person._id),
    ]);
    const cards: Outbound[] = found.map((m) => {
      const open = mine.find((r) => r.competency === m.competency && r.status !== "declined");
      const competency = nameOf(m.competency, conv.profile.locale);
      if (open) {
        return {
          text: t(open.status === "accepted" ? "mentor-card-accepted" : "mentor-card-pending", {
            competency,
          }),
        };
      }
      return {
        text: t("mentor-card", { competency, level: m.mentorLevel }),
        // Named by competency: with two suggestions in one message, each button says which.
        choices: [
          [{ data: mentorButton.pack("ask", m.competency), label: `${competency} · ${t("mentor-ask")}` }],
        ],
      };
    });
    if (cards.length === 0) return [];
    // One message for all suggestions (a chat is not sent a burst of messages).
    return [{ text: cards.map((c) => c.text).join("\n\n"), choices: cards.flatMap((c) => c.choices ?? []) }];
  }

  async function ask(conv: Conversation, person: Person, competency: string): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const match = (await matches(person)).find((m) => m.competency === competency);
    if (!match) return [{ text: t("mentor-none") }];
    const opened = await deps.repos.mentoring.open({
      _id: `${person._id}|${competency}`,
      menteeId: person._id,
      mentorId: match.mentor._id,
      competency,
      ...(person.instansiId ? { instansiId: person.instansiId } : {}),
      status: "pending",
      createdAt: deps.now(),
    });
    const name = nameOf(competency, conv.profile.locale);
    if (opened) {
      const mentor = match.mentor;
      await notify(mentor, `mentoring.request`, `${person._id}|${competency}`, "mentor-notify-request", {
        competency: nameOf(competency, mentor.locale),
      });
    }
    return [
      {
        // A new message: the suggestion it answers shares its message with another one.
        text: t(opened ? "mentor-asked" : "mentor-already-asked", { competency: name }),
      },
    ];
  }

  /** /mentor: willingness to mentor, requests waiting for this person's answer, and agreed pairs with names. */
  async function overview(conv: Conversation): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = tr(locale);
    const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    if (!person) return [{ text: t("onboarding-needed") }];
    const [incoming, outgoing] = await Promise.all([
      deps.repos.mentoring.forMentor(person._id),
      deps.repos.mentoring.forMentee(person._id),
    ]);
    const lines = [t("mentor-title"), "", t(person.mentorOptIn ? "mentor-opted-in" : "mentor-opted-out")];
    const rows: Choice[][] = [
      [
        {
          data: mentorButton.pack(person.mentorOptIn ? "optOut" : "optIn"),
          label: t(person.mentorOptIn ? "mentor-opt-out" : "mentor-opt-in"),
        },
      ],
    ];
    const pending = incoming.filter((r) => r.status === "pending");
    if (pending.length > 0) lines.push("", t("mentor-incoming"));
    for (const r of pending) {
      const mentee = await deps.repos.people.get(r.menteeId);
      const latest = mentee?.status?.lastAssessmentId
        ? await deps.repos.assessments.get(mentee.status.lastAssessmentId)
        : null;
      const row = latest?.results.find((x) => x.competency === r.competency);
      lines.push(
        `• ${t("mentor-incoming-line", {
          competency: nameOf(r.competency, locale),
          level: row ? countedLevel(row) : "?",
          required: row?.required ?? "?",
          // The mentor weighs the request by the mentee's standard: say whose standard it is.
          source: latest?.standardSource === "skj" ? "skj" : "default",
        })}`,
      );
      const key = shortKey(r._id);
      rows.push([
        {
          data: mentorButton.pack("accept", key),
          label: t("mentor-accept", { competency: nameOf(r.competency, locale) }),
        },
        { data: mentorButton.pack("decline", key), label: t("mentor-decline") },
      ]);
    }
    const agreed = [
      ...incoming
        .filter((r) => r.status === "accepted")
        .map((r) => ({ r, other: r.menteeId, role: "mentee" })),
      ...outgoing
        .filter((r) => r.status === "accepted")
        .map((r) => ({ r, other: r.mentorId, role: "mentor" })),
    ];
    if (agreed.length > 0) lines.push("", t("mentor-agreed"));
    for (const a of agreed) {
      const other = await deps.repos.people.get(a.other);
      lines.push(
        `• ${t(`mentor-agreed-as-${a.role}`, { name: other?.name ?? "—", competency: nameOf(a.r.competency, locale) })}`,
      );
    }
    const waiting = outgoing.filter((r) => r.status === "pending");
    if (waiting.length > 0) {
      lines.push(
        "",
        t("mentor-waiting", { competencies: waiting.map((r) => nameOf(r.competency, locale)).join(", ") }),
      );
    }
    return [{ text: lines.join("\n"), choices: rows }];
  }

  async function decide(
    conv: Conversation,
    person: Person,
    key: string,
    accept: boolean,
  ): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const request = (await deps.repos.mentoring.forMentor(person._id)).find((r) => shortKey(r._id) === key);
    if (request?.status !== "pending") return [{ text: t("mentor-request-gone") }];
    // Only the mentor can answer their own request, so a repeated tap at worst writes the same answer.
    await deps.repos.mentoring.decide(request._id, person._id, accept ? "accepted" : "declined", deps.now());
    const competency = nameOf(request.competency, conv.profile.locale);
    const mentee = await deps.repos.people.get(request.menteeId);
    if (mentee) {
      await notify(
        mentee,
        accept ? "mentoring.accepted" : "mentoring.declined",
        request._id,
        accept ? "mentor-notify-accepted" : "mentor-notify-declined",
        { competency: nameOf(request.competency, mentee.locale), name: person.name },
      );
    }
    if (!accept) return [{ text: t("mentor-declined", { competency }), replacesPrompt: true }];
    return [{ text: t("mentor-accepted", { name: mentee?.name ?? "—", competency }), replacesPrompt: true }];
  }

  /** Writes every opted-in mentor's profile: once, when the profile collection has just been created. */
  async function backfillProfiles(): Promise<number> {
    const ids = await deps.repos.people.listMentorIds();
    for (const id of ids) await refreshProfile(id);
    return ids.length;
  }

  return {
    matches,
    refreshProfile,
    /**
     * A mentor profile may have been written elsewhere in this process (after any assessment or
     * confirmation): the lists whose change stamp moved are read again, the others kept, so an
     * assessment by someone who does not mentor costs a stamp read, not a reload of every list.
     */
    async profilesChanged(): Promise<void> {
      await Promise.all([...profileCache.values()].map((cached) => cached.invalidateIfChanged()));
    },
    backfillProfiles,
    suggestions,
    overview,
    /** Handles `mnt|…` buttons; undefined when the data is not one of ours. */
    async handleButton(
      conv: Conversation,
      press: ButtonPress<MentorAction>,
    ): Promise<Outbound[] | undefined> {
      const { action } = press;
      const arg = press.args[0];
      const t = tr(conv.profile.locale);
      const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (!person) return [{ text: t("onboarding-needed") }];
      switch (action) {
        case "optIn":
        case "optOut":
          await deps.repos.people.update(person._id, { mentorOptIn: action === "optIn" });
          await refreshProfile(person._id);
          return [{ text: t(action === "optIn" ? "mentor-now-in" : "mentor-now-out"), replacesPrompt: true }];
        case "ask":
          return ask(conv, person, arg!);
        case "accept":
        case "decline":
          return decide(conv, person, arg!, action === "accept");
      }
    },
  };
}
export type Mentoring = ReturnType<typeof createMentoring>;
