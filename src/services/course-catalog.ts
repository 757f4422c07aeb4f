import { createHash } from "node:crypto";
import type { StoredCourse } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Level } from "../domain/competency.js";
import type { Course, CourseInput, CourseSession } from "../domain/course.js";
import { toCourse } from "../domain/course.js";
import { isMethod } from "../domain/learning-methods.js";
import { batchesOf, type ImportProgress } from "../imports/import-progress.js";
import { refreshingValue } from "./refreshing-value.js";

/** A short stable key for a course or session id: Telegram allows only 64 bytes of button data. */
export function shortKey(id: string): string {
  return createHash("sha1").update(id).digest("base64url").slice(0, 10);
}

const fromStored = (c: StoredCourse): Course | undefined => {
  if (!isMethod(c.method)) return undefined;
  return {
    id: c._id,
    title: c.title,
    provider: c.provider,
    ...(c.providerInstansiId ? { providerInstansiId: c.providerInstansiId } : {}),
    method: c.method,
    kind: c.kind,
    jp: c.jp,
    competencies: c.competencies.map((x) => ({ code: x.code, from: x.from as Level, to: x.to as Level })),
    mode: c.mode,
    ...(c.regionId ? { regionId: c.regionId } : {}),
    ...(c.location ? { location: c.location } : {}),
    ...(c.url ? { url: c.url } : {}),
    ...(c.reminders?.length ? { reminders: c.reminders } : {}),
    ...(c.eligibility ? { eligibility: c.eligibility } : {}),
    admission: c.admission ?? "open",
    ...(c.contact ? { contact: c.contact } : {}),
    sessions: c.sessions.map((s) => ({
      id: s._id,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      timeZone: s.timeZone,
      quota: s.quota,
    })),
  };
};

const toStored = (c: Course): Omit<StoredCourse, "updatedAt"> => ({
  _id: c.id,
  title: c.title,
  provider: c.provider,
  ...(c.providerInstansiId ? { providerInstansiId: c.providerInstansiId } : {}),
  method: c.method,
  kind: c.kind,
  jp: c.jp,
  competencies: c.competencies,
  mode: c.mode,
  ...(c.regionId ? { regionId: c.regionId } : {}),
  ...(c.location ? { location: c.location } : {}),
  ...(c.url ? { url: c.url } : {}),
  ...(c.reminders ? { reminders: c.reminders } : {}),
  ...(c.eligibility ? { eligibility: c.eligibility } : {}),
  admission: c.admission,
  ...(c.contact ? { contact: c.contact } : {}),
  sessions: c.sessions.map((s) => ({
    _id: s.id,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    timeZone: s.timeZone,
    quota: s.quota,
  })),
});

interface Snapshot {
  courses: Course[];
  byKey: Map<string, Course>;
  sessionByKey: Map<string, { course: Course; session: CourseSession }>;
}

/** The change stamp of the course catalog. */
const CATALOG_STAMP = "courses";

/**
 * The course catalog served from memory: ranking and search look at every course, so the catalog
 * is loaded once, loaded again (and waited for) after an import here, and checked in the
 * background once older than `ttlMs`: reloaded when its change stamp moved (an import on another
 * instance shows up within about that time).
 */
export function createCourseCatalog(deps: {
  repos: Pick<Repositories, "courses" | "changeStamps">;
  now: () => Date;
  ttlMs?: number;
}) {
  const cache = refreshingValue(load, {
    ttlMs: deps.ttlMs ?? 5 * 60_000,
    now: deps.now,
    stamp: () => deps.repos.changeStamps.token(CATALOG_STAMP),
  });

  async function load(): Promise<Snapshot> {
    const courses = (await deps.repos.courses.all())
      .map(fromStored)
      .filter((c): c is Course => c !== undefined)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const byKey = new Map(courses.map((c) => [shortKey(c.id), c]));
    const sessionByKey = new Map<string, { course: Course; session: CourseSession }>();
    for (const course of courses)
      for (const session of course.sessions) sessionByKey.set(shortKey(session.id), { course, session });
    return { courses, byKey, sessionByKey };
  }

  const current = () => cache.get();

  return {
    /** Every course. */
    async all(): Promise<Course[]> {
      return (await current()).courses;
    },
    /** A course by its short key (from a button). */
    async byKey(key: string): Promise<Course | undefined> {
      return (await current()).byKey.get(key);
    },
    /** A session and its course by the session's short key (from a button). */
    async sessionByKey(key: string): Promise<{ course: Course; session: CourseSession } | undefined> {
      return (await current()).sessionByKey.get(key);
    },
    /** A course by id. */
    async get(id: string): Promise<Course | undefined> {
      return (await current()).byKey.get(shortKey(id));
    },
    /** Stores validated courses (upsert by id) and reloads the catalog. */
    async save(inputs: CourseInput[], onProgress?: ImportProgress) {
      // In batches of at most 1,000 rows (a session is a row), so a long file reports as it goes.
      const rowsOf = (c: CourseInput) => Math.max(1, c.sessions.length);
      const total = inputs.reduce((n, c) => n + rowsOf(c), 0);
      const result = { created: 0, updated: 0, unchanged: 0 };
      let done = 0;
      await onProgress?.(0, total);
      for (const batch of batchesOf(inputs, rowsOf)) {
        const saved = await deps.repos.courses.upsertMany(batch.map(toCourse).map(toStored), deps.now());
        result.created += saved.created;
        result.updated += saved.updated;
        result.unchanged += saved.unchanged;
        done += batch.reduce((n, c) => n + rowsOf(c), 0);
        await onProgress?.(done, total);
      }
      // Other processes see the stamp move at their next check and load the catalog again.
      await deps.repos.changeStamps.touch(CATALOG_STAMP);
      cache.invalidate();
      return result;
    },
    /** Forgets the loaded catalog, so the next read loads it again. */
    invalidate() {
      cache.invalidate();
    },
  };
}
export type CourseCatalog = ReturnType<typeof createCourseCatalog>;
