import type { Database } from "../../src/db/connection.js";
import type { Person, Role } from "../../src/db/models/index.js";
import type { Repositories } from "../../src/db/repositories/index.js";

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

/**
 * Registers one staff member reachable on Telegram chat `chat`, holding `role` on each of `units`
 * (the first is their own unit and instansi), as an admin's grant would leave them.
 */
export async function seedStaffMember(
  repos: Pick<Repositories, "people" | "identities">,
  opts: { name: string; chat: number | string; role: Role; units: readonly string[]; at: Date },
): Promise<Person> {
  const home = opts.units[0]!;
  const person = await repos.people.create({
    name: opts.name,
    timeZone: "Asia/Jakarta",
    unitId: home,
    instansiId: home,
    onboardedAt: opts.at,
    roles: opts.units.map((unitId) => ({ role: opts.role, unitId, grantedAt: opts.at })),
  });
  await repos.identities.bind({
    id: `telegram:${opts.chat}`,
    channel: "telegram",
    personId: person._id,
    now: opts.at,
  });
  return person;
}
