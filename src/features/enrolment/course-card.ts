import type { Course, CourseSession } from "../../domain/course.js";
import type { JpStanding } from "../../domain/jp.js";
import type { Choice } from "../../engine/types.js";
import { shortKey } from "../../services/course-catalog.js";
import { courseButton, placeOf } from "./enrollment.js";

type T = (key: string, args?: Record<string, string | number>) => string;

/** A course as a short card, drawn by the same rules wherever courses are offered. */
export interface CourseCard {
  text: string;
  /** Daftar (open admission) or Ajukan (by request) for the session shown; absent when neither applies. */
  enrol?: Choice;
  detail: Choice;
}

/**
 * Draws a course card: heading, "provider · method · JP", the caller's notes (a recommendation's
 * reason), when and where, a warning when the course would go past a PPPK's JP ceiling, and for a
 * course by nomination whom to ask. Daftar or Ajukan only for a session the person can attend
 * (online, or in their province) of a course one gets into by oneself: BKPSDM nominates the
 * participants of the others, so those get Detail alone.
 */
export function courseCard(
  t: T,
  card: {
    course: Course;
    heading: string;
    /** The line saying when: the session's date, or that it is self-paced. */
    when: string;
    session?: CourseSession;
    /** The person can attend `session` (it is online, or in their province). */
    reachable: boolean;
    notes?: readonly string[];
    standing?: JpStanding;
    regions: readonly { id: string; name: string }[] | undefined;
  },
): CourseCard {
  const c = card.course;
  const where =
    c.mode === "online"
      ? t("course-online")
      : `${placeOf(c, card.regions, "")}${c.mode === "blended" ? ` (${t("course-blended")})` : ""}`;
  const lines = [
    card.heading,
    `${c.provider} · ${t(`method-${c.method}`)} · ${t("course-jp", { jp: String(c.jp) })}`,
    ...(card.notes ?? []),
    `📅 ${card.when} · ${where}`,
  ];
  const s = card.standing;
  // Under a ceiling (PPPK), say before enrolling when a course would go past it.
  if (s && s.rule.kind === "maximum" && c.jp > s.headroom)
    lines.push(
      t("rec-over-ceiling", { jp: String(c.jp), headroom: String(s.headroom), limit: String(s.rule.jp) }),
    );
  if (c.admission === "nomination")
    lines.push(t("course-by-nomination", { contact: c.contact ?? t("course-contact-default") }));
  const enrol =
    c.admission === "nomination" || !card.session || !card.reachable
      ? undefined
      : c.admission === "request"
        ? { data: courseButton.pack("request", shortKey(card.session.id)), label: t("rec-request") }
        : { data: courseButton.pack("enrol", shortKey(card.session.id)), label: t("rec-enrol") };
  return {
    text: lines.join("\n"),
    ...(enrol ? { enrol } : {}),
    detail: { data: courseButton.pack("detail", shortKey(c.id)), label: t("rec-detail") },
  };
}
