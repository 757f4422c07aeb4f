import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-25T02:00:00Z");
const { cmd, text, press, all } = chatDriver(() => app);
const ADMIN: IncomingIdentity = { id: "telegram:1", channel: "telegram" };
const INJECTIONS = ['{"$gt": ""}', '{"$ne": null}', '{"$where": "1"}', "[$ne]=1"];

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [ADMIN.id],
    rateLimit: { updates: 5, windowSeconds: 10 },
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
});

describe("the front door", () => {
  it("answers a burst with one polite message, drops the rest, and listens again after the window", async () => {
    const who: IncomingIdentity = { id: "telegram:77", channel: "telegram" };
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(all(await cmd(who, "bantuan")));
    expect(replies.slice(0, 5).every((r) => r.includes("/asesmen"))).toBe(true);
    expect(replies[5]).toContain("terlalu cepat");
    expect(replies.slice(6)).toEqual(["", ""]);
    clock = new Date(clock.getTime() + 10_001);
    expect(all(await cmd(who, "bantuan"))).toContain("/asesmen");
  });

  it("refuses oversized input before any work", async () => {
    const who: IncomingIdentity = { id: "telegram:78", channel: "telegram" };
    expect(all(await text(who, "x".repeat(5_001)))).toContain("terlalu panjang");
    expect(all(await cmd(who, "ringkasan", "y".repeat(1_001)))).toContain("terlalu panjang");
    expect(all(await press(who, `a|${"z".repeat(80)}`))).toContain("sudah tidak berlaku");
  });
});

describe("query-looking input is only ever text", () => {
  it("matches nothing in the audit log, roles, summaries, buttons or the NIP", async () => {
    clock = new Date(clock.getTime() + 60_000);
    await ctx.repos.audit.append({
      at: clock,
      actorIdentityId: ADMIN.id,
      action: "role.grant",
      outcome: "ok",
    });
    for (const payload of INJECTIONS) {
      clock = new Date(clock.getTime() + 60_000); // stay under the rate limit
      const audit = all(await cmd(ADMIN, "audit", payload));
      expect(audit, payload).not.toContain("role.grant");
      expect(all(await cmd(ADMIN, "peran", `beri ${payload} koordinator jambi`)), payload).not.toContain(
        "kini memegang",
      );
      expect(all(await press(ADMIN, payload)), payload).toContain("sudah tidak berlaku");
      expect(all(await press(ADMIN, `rks|u|${payload}|2026`)), payload).not.toContain("Ringkasan");
    }
    // A NIP typed as a query object is refused by the NIP rules, and nothing is claimed.
    const who: IncomingIdentity = { id: "telegram:79", channel: "telegram" };
    await cmd(who, "start");
    await text(who, "ya");
    await text(who, "Nama Uji");
    expect(all(await text(who, '{"$gt": ""}'))).toMatch(/NIP/);
    expect(await ctx.db.models.NipClaim.countDocuments()).toBe(0);
  });
});
