import type { Database } from "../../src/db/connection.js";

/**
 * Bulk-inserts `count` registered people (consented, onboarded, in one unit of the demo tree),
 * `<idPrefix><n>` for n from 1, each reachable on Telegram chat `firstChat + n`.
 */
export async function seedRegisteredPeople(
  database: Database,
  opts: { count: number; idPrefix: string; name: string; firstChat: number },
): Promise<void> {
  const now = new Date();
  for (let start = 0; start < opts.count; start += 1000) {
    const ns = Array.from({ length: Math.min(1000, opts.count - start) }, (_, j) => start + j + 1);
    await database.models.Person.insertMany(
      ns.map((n) => ({
        _id: `${opts.idPrefix}${n}`,
        name: `${opts.name} ${n}`,
        timeZone: "Asia/Jakarta",
        locale: "id",
        instansiId: "jambi",
        unitId: "jambi.dinkes.yankes",
        tier: "pelaksana",
        learningModes: ["e-learning"],
        roles: [],
        status: {},
        consent: { givenAt: now, textVersion: "onboarding-1" },
        onboardedAt: now,
      })),
      { ordered: false },
    );
    await database.models.Identity.insertMany(
      ns.map((n) => ({
        _id: `telegram:${opts.firstChat + n}`,
        channel: "telegram",
        personId: `${opts.idPrefix}${n}`,
        linkedAt: now,
      })),
      { ordered: false },
    );
  }
}
