import type { Models, StoredCourse } from "../models/index.js";
import { duplicateKeyPositions } from "./errors.js";

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
      const fresh: StoredCourse[] = [];
      const changed: StoredCourse[] = [];
      for (const c of courses) {
        const before = existing.get(c._id);
        if (before === fingerprint(c)) continue;
        (before === undefined ? fresh : changed).push({ ...c, updatedAt: now });
      }
      let created = fresh.length;
      // New courses are inserted in bulk: on FerretDB every replace-by-id reads the whole
      // collection, which made a first import of 5,000 courses take half a minute. One that
      // another import stored meanwhile (a duplicate key) is replaced like a changed one.
      for (let i = 0; i < fresh.length; i += 1000) {
        const batch = fresh.slice(i, i + 1000);
        try {
          await Course.insertMany(batch, { ordered: false });
        } catch (err) {
          const dupes = duplicateKeyPositions(err);
          if (!dupes) throw err;
          for (const at of dupes) changed.push(batch[at]!);
          created -= dupes.length;
        }
      }
      const ops = changed.map((c) => ({
        replaceOne: { filter: { _id: c._id }, replacement: c, upsert: true },
      }));
      for (let i = 0; i < ops.length; i += 500)
        await Course.bulkWrite(ops.slice(i, i + 500), { ordered: true });
      const updated = changed.length;
      return { created, updated, unchanged: courses.length - created - updated };
    },
  };
}
export type CoursesRepository = ReturnType<typeof coursesRepository>;
