import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const ids: Record<string, string> = {};

async function person(key: string, timeZone: string, jp: number, reminders?: object, extra: object = {}) {
  const p = await ctx.repos.people.create({
    name: key,
    timeZone,
    onboardedAt: new Date("2026-01-05T00:00:00Z"),
    ...(reminders ? { reminders } : {}),
    ...extra,
  });
  await ctx.repos.people.setStatus(p._id, { jpYear: 2026, jpTotal: jp });
  await ctx.repos.identities.bind({
    id: `telegram:${Object.keys(ids).length + 300}`,
    channel: "telegram",
    personId: p._id,
    now: new Date(),
  });
  ids[key] = p._id;
}

const outbox = async () =>
  (await ctx.db.models.Delivery.find({ purpose: "nudge.jp" }).lean<Delivery[]>().exec()).sort((a, b) =>
    a._id.localeCompare(b._id),
  );

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator) });
  await person("Baiq", "Asia/Makassar", 2);
  await person("Lalu", "Asia/Makassar", 19);
  await person("Dewi", "Asia/Makassar", 0, { nudges: "off" });
  await person("Made", "Asia/Makassar", 0, { nudgesPausedUntil: new Date("2026-12-15T00:00:00Z") });
  await person("Rahmat", "Asia/Jakarta", 0);
  // A PPPK far "behind" 20 JP: their rule is a ceiling per contract year, not a target.
  await person("Wayan", "Asia/Makassar", 2, undefined, { employment: "PPPK", contractStart: "2025-04-01" });
});

describe("the monthly JP nudge", () => {
  it("goes only to people of the zone below the pro-rated 20 JP, at 08.00 their time", async () => {
    // 1 December 2026, 08.00 WITA: on pace is 20 × 335/365 ≈ 18.4 JP.
    const result = await app.jpNudge.run("Asia/Makassar", new Date("2026-12-01T00:00:00Z"));
    expect(result).toEqual({ scheduled: 1, onPace: 1, underCeiling: 1 });
    const [nudge] = await outbox();
    expect(nudge!.personId).toBe(ids.Baiq);
    expect(nudge!.dueAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    const stored = await ctx.repos.deliveries.get(nudge!._id);
    expect(stored!.message.text).toContain("sudah mencatat 2 dari 20 JP");
    expect(stored!.message.text).toContain("sekitar 19 JP");
    expect(stored!.message.choices!.flat().map((b) => b.data)).toEqual(["cmd|rekomendasi", "cmd|pengingat"]);
    // The same month again adds nothing.
    expect((await app.jpNudge.run("Asia/Makassar", new Date("2026-12-01T00:00:00Z"))).scheduled).toBe(0);
  });

  it("moves off a holiday to the next working morning", async () => {
    await ctx.db.models.Delivery.deleteMany({}).exec();
    // 1 January 2027 is a holiday: the nudge waits for Saturday the 2nd, 08.00 WITA.
    await app.jpNudge.run("Asia/Makassar", new Date("2027-01-01T00:00:00Z"));
    const due = (await outbox()).map((d) => [d.personId, d.dueAt.toISOString()]);
    // A new year: everyone is at 0 JP of 2027 and the pace is 20 × 1/365, so even Lalu is behind.
    expect(due).toContainEqual([ids.Baiq, "2027-01-02T00:00:00.000Z"]);
    expect(due).toContainEqual([ids.Lalu, "2027-01-02T00:00:00.000Z"]);
    // Paused until mid-December only: Made hears from Pandu again in January; Dewi turned it off;
    // Wayan (PPPK) is never pushed toward a number.
    expect(due.map(([p]) => p).sort()).toEqual([ids.Baiq, ids.Lalu, ids.Made].sort());
  });
});
