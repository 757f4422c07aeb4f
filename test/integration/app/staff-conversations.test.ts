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
let clock = new Date("2027-02-01T02:00:00Z");
const { cmd, text, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const hours = (h: number) => {
  clock = new Date(clock.getTime() + h * 3_600_000);
};

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    staffIdleHours: 24,
    adminIds: ["telegram:9"],
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(5), "Yulia Rahman", "198203142008012005");
  const me = (await ctx.repos.identities.get("telegram:5"))!.personId;
  await ctx.repos.people.setRoles(me, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
});

describe("a conversation opened by a staff command", () => {
  it("ends when it sat idle longer than STAFF_CONVERSATION_IDLE_HOURS, saving nothing", async () => {
    await cmd(tg(5), "umumkan");
    hours(25);
    const said = all(await text(tg(5), "Rapat koordinasi pelatihan hari Senin."));
    expect(said).toContain("terlalu lama tidak dilanjutkan");
    expect(said).toContain("/umumkan");
    expect(
      await ctx.repos.flowRuns.listForPerson((await ctx.repos.identities.get("telegram:5"))!.personId),
    ).toEqual([]);
  });

  it("goes on when the person answers within the idle time", async () => {
    await cmd(tg(5), "umumkan");
    hours(23);
    const said = all(await text(tg(5), "Rapat koordinasi pelatihan hari Senin."));
    expect(said).not.toContain("terlalu lama");
  });
});

describe("revoking a role", () => {
  it("closes the staff conversations it opened at once", async () => {
    const me = (await ctx.repos.identities.get("telegram:5"))!.personId;
    hours(1);
    await cmd(tg(5), "umumkan");
    const flows = async () => (await ctx.repos.flowRuns.listForPerson(me)).map((r) => r.flowId).sort();
    expect(await flows()).toContain("umumkan");
    const said = all(await cmd(tg(9), "peran", "cabut 198203142008012005 koordinator jambi"));
    expect(said).toMatch(/dicabut/);
    // The event's listener runs beside the reply: give it a moment.
    for (let i = 0; i < 50 && (await flows()).includes("umumkan"); i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(await flows()).not.toContain("umumkan");
    await ctx.repos.people.setRoles(me, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
  });
});

describe("a person's own conversation", () => {
  it("waits for them: the assessment resumes at the same statement after days", async () => {
    hours(1);
    const asked = all(await cmd(tg(5), "asesmen"));
    expect(asked).toContain("Mulai sekarang?");
    const first = all(await text(tg(5), "ya"));
    hours(72);
    const later = all(await text(tg(5), "3"));
    expect(later).not.toContain("terlalu lama");
    expect(later).not.toBe(first);
    expect(later).toMatch(/Kompetensi \d+ dari \d+/);
  });
});
