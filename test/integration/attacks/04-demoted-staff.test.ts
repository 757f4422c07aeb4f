import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 4 of the security review (issue "Trust"): "Staff flows are authorised only when they
 * start: the import handler has no role check of its own, conversations never expire, typed
 * answers go to the flow with no role check, so a demoted admin with an open `/impor` keeps
 * importing and a demoted coordinator at the confirm step still posts."
 *
 * The attacker opened a staff conversation while they held the role and finishes it after losing
 * it (the role taken away in the database directly, as another instance would, or by /peran cabut),
 * or after leaving it for days. Nothing is saved, they are told why, and the refusal is audited.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2027-02-01T02:00:00Z");
const { cmd, text, all, csvFile, onboard } = chatDriver(() => app);
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

const personId = async () => (await ctx.repos.identities.get("telegram:5"))!.personId;
const refusedAudit = async (action: string) =>
  (await ctx.repos.audit.list({ action, limit: 5 })).filter((a) => a.outcome === "refused");

describe("a demoted staff member finishing a conversation opened with the role", () => {
  it("an admin whose role went while /impor waited for the file imports nothing", async () => {
    const me = await personId();
    await ctx.repos.people.setRoles(me, [{ role: "admin", unitId: "jambi", grantedAt: clock }]);
    const csv = "nip;nama;unit\n199305052021031001;Citra Lestari;jambi.dinkes.p2p";
    app.files.register("telegram", async () => new TextEncoder().encode(csv));
    await cmd(tg(5), "impor");
    await ctx.repos.people.setRoles(me, []);
    const said = all(await csvFile(tg(5), "p.csv", csv.length));
    expect(said).toContain(id("flow-role-lost", { command: "/impor" }));
    expect(await ctx.repos.nipClaims.ownerOf("199305052021031001")).toBeNull();
    expect((await refusedAudit("command.impor")).at(0)).toMatchObject({ actorPersonId: me });
    // The conversation is over: another file is not taken as the answer.
    expect(await ctx.repos.flowRuns.listForPerson(me)).toEqual([]);
  });

  it("a coordinator whose role went at the confirm step of /umumkan posts nothing", async () => {
    const me = await personId();
    await ctx.repos.people.setRoles(me, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
    await cmd(tg(5), "umumkan");
    await text(tg(5), "Rapat koordinasi pelatihan hari Senin.");
    await text(tg(5), "Lewati");
    await text(tg(5), "Semua orang dalam cakupan saya");
    await text(tg(5), "Tidak perlu dijawab");
    const asked = all(await text(tg(5), "Kirim sekarang"));
    expect(asked).toMatch(/Kirim sekarang ke \d+ orang\?/);
    await ctx.repos.people.setRoles(me, []);
    const said = all(await text(tg(5), "ya"));
    expect(said).toContain(id("flow-role-lost", { command: "/umumkan" }));
    expect(await ctx.db.models.Broadcast.countDocuments({}).exec()).toBe(0);
    expect(await ctx.db.models.Delivery.countDocuments({ purpose: /^broadcast\./ }).exec()).toBe(0);
    expect((await refusedAudit("command.umumkan")).at(0)).toMatchObject({ actorPersonId: me });
    expect(await ctx.repos.flowRuns.listForPerson(me)).toEqual([]);
    await ctx.repos.people.setRoles(me, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
  });
});

describe("a conversation opened by a staff command", () => {
  it("ends when it sat idle longer than STAFF_CONVERSATION_IDLE_HOURS, saving nothing", async () => {
    await cmd(tg(5), "umumkan");
    hours(25);
    const said = all(await text(tg(5), "Rapat koordinasi pelatihan hari Senin."));
    expect(said).toContain(id("flow-staff-expired", { command: "/umumkan" }));
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
