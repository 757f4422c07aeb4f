/**
 * The coordinator's weekly digest, as figures: what happened in their scope during the week before
 * it (registrations, assessments) and the training sessions of the week ahead with the answers
 * their participants gave to the reminder. Pure: people and places come in already scoped.
 */

/** The week a digest looks back on and the week it looks ahead to, from the moment it is made. */
export interface DigestWindow {
  pastFrom: Date;
  now: Date;
  aheadTo: Date;
}

const WEEK_MS = 7 * 24 * 3_600_000;

/** The seven days before `now` and the seven after it. */
export function digestWindow(now: Date): DigestWindow {
  return { pastFrom: new Date(now.getTime() - WEEK_MS), now, aheadTo: new Date(now.getTime() + WEEK_MS) };
}

/** A session of the week ahead and how its participants in scope answered the reminder. */
export interface SessionAnswers {
  sessionId: string;
  title: string;
  startsAt: Date;
  timeZone: string;
  hadir: number;
  tidak: number;
  unanswered: number;
}

export interface DigestFigures {
  people: number;
  registeredThisWeek: number;
  assessedThisWeek: number;
  sessions: SessionAnswers[];
}

const within = (at: Date | undefined, from: Date, to: Date) =>
  at !== undefined && at.getTime() >= from.getTime() && at.getTime() < to.getTime();

/**
 * Counts the week's registrations and assessments among `people`, and groups the places of
 * `people` in sessions starting within the week ahead by session, soonest first.
 */
export function digestFigures(
  people: readonly { _id: string; onboardedAt?: Date; status: { assessedAt?: Date } }[],
  places: readonly {
    personId: string;
    sessionId: string;
    title: string;
    startsAt: Date;
    timeZone: string;
    attendance?: "hadir" | "tidak";
  }[],
  window: DigestWindow,
): DigestFigures {
  const inScope = new Set(people.map((p) => p._id));
  const bySession = new Map<string, SessionAnswers>();
  for (const place of places) {
    if (!inScope.has(place.personId) || !within(place.startsAt, window.now, window.aheadTo)) continue;
    const s = bySession.get(place.sessionId) ?? {
      sessionId: place.sessionId,
      title: place.title,
      startsAt: place.startsAt,
      timeZone: place.timeZone,
      hadir: 0,
      tidak: 0,
      unanswered: 0,
    };
    if (place.attendance === "hadir") s.hadir++;
    else if (place.attendance === "tidak") s.tidak++;
    else s.unanswered++;
    bySession.set(place.sessionId, s);
  }
  return {
    people: people.length,
    registeredThisWeek: people.filter((p) => within(p.onboardedAt, window.pastFrom, window.now)).length,
    assessedThisWeek: people.filter((p) => within(p.status.assessedAt, window.pastFrom, window.now)).length,
    sessions: [...bySession.values()].sort(
      (a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.title.localeCompare(b.title),
    ),
  };
}
