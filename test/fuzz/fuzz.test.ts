import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { useTestDatabase } from "../support/database.js";
import { createActorCheck } from "./actor-check.js";
import { runFuzz } from "./fuzz.js";

const ctx = useTestDatabase();

/** The slice of `npm run fuzz` that every CI run takes: a fixed seed, so a failure replays. */
const SEED = 20261125;

describe("random inputs to every flow", () => {
  it("never crash, never leave a conversation at a step its flow lacks, only send known messages, and never touch or show anyone out of the actor's scope", async () => {
    const result = await runFuzz({ database: ctx.db, seed: SEED, inputs: 1_000 });
    // A failure names its seed and step: FUZZ_SEED=<seed> npm run fuzz replays it.
    expect(result.failures).toEqual([]);
    expect(result.actorViolations).toBe(0);
    expect(result.replies).toBeGreaterThan(900);
    expect(Object.keys(result.byKind).sort()).toEqual(["button", "command", "file", "text", "unsupported"]);
  }, 600_000);

  it("the actor check sees another person's data changed and a sentinel named out of scope", async () => {
    const translator = loadTranslations(LOCALES_DIR);
    const now = new Date("2026-11-25T02:00:00Z");
    const app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => now });
    await app.repos.orgUnits.upsertMany(
      ["check-a", "check-b"].map((id) => ({
        _id: id,
        name: id,
        kind: "instansi" as const,
        parentId: null,
        instansiId: id,
        path: [],
      })),
    );
    const person = (name: string, unitId: string, role?: "admin") =>
      app.repos.people.create({
        name,
        timeZone: "Asia/Jakarta",
        unitId,
        instansiId: unitId,
        onboardedAt: now,
        roles: role ? [{ role, unitId, grantedAt: now }] : [],
      });
    const actor = await person("Admin Check A", "check-a", "admin");
    await app.repos.identities.bind({ id: "telegram:4242", channel: "telegram", personId: actor._id, now });
    const inScope = await person("Pegawai Check A", "check-a");
    const outside = await person("Sentinel Check B", "check-b");
    const check = createActorCheck({ app, database: ctx.db, bootstrapIds: [] });
    await check.start();
    const sentinels = [{ personId: outside._id, name: outside.name, nip: "199912312020121001" }];
    const identityId = "telegram:4242";
    const actorId = await check.personOf(identityId);
    // In scope: changed and named, and nothing is wrong.
    await app.repos.people.update(inScope._id, { tier: "pelaksana" });
    expect(await check.check({ identityId, actorId, replies: [{ text: inScope.name }], sentinels })).toEqual(
      [],
    );
    // Out of scope: both are.
    await app.repos.people.update(outside._id, { tier: "pelaksana" });
    expect(
      await check.check({ identityId, actorId, replies: [{ text: `Halo ${outside.name}` }], sentinels }),
    ).toEqual([`changed ${outside.name}'s Person`, `showed the name of ${outside.name}`]);
  });
});
