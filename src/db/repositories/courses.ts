import type { Models, StoredCourse } from "../models/index.js";

/** Fields that make a course what it is, in a fixed order, to tell a real change from a re-import. */
const fingerprint = (c: Omit<StoredCourse, "updatedAt">): string =>
  JSON.stringify([
    c._id,
    c.title,
    c.provider,
    c.method,
    c.kind,
    c.jp,
    c.competencies.map((x) => [x.code, x.from, x.to]),
    c.mode,
    c.regionId ?? null,
    c.location ?? null,
    c.url ?? null,
    c.sessions.map((s) => [
      s._id,
      new Date(s.startsAt).getTime(),
      new Date(s.endsAt).getTime(),
      s.timeZone,
      s.quota,
    ]),
  ]);

/** The course catalog: read whole (it is served from memory), written by upsert on import. */
export function coursesRepository({ Course }: Pick<Models, "Course">) {
  return {
    /** Every course; the catalog cache loads this. */
    async all(): Promise<StoredCourse[]> {
      return Course.find({}).lean<StoredCourse[]>().exec();
    },
    /** One course by id. */
    async get(id: string): Promise<StoredCourse | null> {
      return Course.findById(id).lean<StoredCourse>().exec();
    },
    /** How many courses there are. */
    async count(): Promise<number> {
      return Course.countDocuments({}).exec();
    },
    /**
     * Inserts new courses and replaces changed ones; identical ones are not written at all, so a
     * re-import of the same file changes nothing.
     */
    async upsertMany(
      courses: Omit<StoredCourse, "updatedAt">[],
      now: Date,
    ): Promise<{ created: number; updated: number; unchanged: number }> {
      const existing = new Map((await this.all()).map((c) => [c._id, fingerprint(c)]));
      const ops = [];
      let created = 0;
      let updated = 0;
      for (const c of courses) {
        const before = existing.get(c._id);
        if (before === fingerprint(c)) continue;
        if (before === undefined) created++;
        else updated++;
        ops.push({
          replaceOne: { filter: { _id: c._id }, replacement: { ...c, updatedAt: now }, upsert: true },
        });
      }
      for (let i = 0; i < ops.length; i += 500)
        await Course.bulkWrite(ops.slice(i, i + 500), { ordered: true });
      return { created, updated, unchanged: courses.length - created - updated };
    },
  };
}
export type CoursesRepository = ReturnType<typeof coursesRepository>;
