import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Broadcast } from "../../../src/db/models/index.js";
import { broadcastButton } from "../../../src/features/broadcasts/broadcasts.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 6 of the security review (issue "Trust"): "Views that ignore scope: `/audit` shows the
 * whole organisation to any admin; any admin lists and can cancel every instansi's broadcasts;
 * `/survei hasil` shows every instansi to any koordinator or supervisor; any coordinator may post
 * to any Slack channel the bot is in."
 *
 * The attackers are an admin of Dinas Kesehatan Jambi (telegram:2) and a coordinator of DKI
 * (telegram:3, also on Slack). Each reads, cancels or posts outside their scope as they would; they
 * see only their own scope, the cancel reads as "not found", and the attempts on someone else's
 * broadcast or person are in the audit log.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const { cmd, text, all, onboard, press } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const refused = async (action: string) =>
  (await ctx.repos.audit.list({ action, limit: 10 })).filter((a) => a.outcome === "refused");
const NOW = new Date("2027-03-10T03:00:00Z");

/** telegram:2 is an admin of Dinas Kesehatan Jambi only; telegram:3 a coordinator of DKI. */
const ids: Record<string, string> = {};

function broadcast(id: string, createdBy: string, scopeRoots: string[] | undefined, text: string): Broadcast {
  return {
    _id: id,
    createdBy,
    createdByIdentity: "telegram:0",
    text,
    audience: { kind: "all" },
    ...(scopeRoots ? { scopeRoots } : {}),
    recipients: 10,
    dueAt: new Date(NOW.getTime() + 86_400_000),
    status: "scheduled",
    createdAt: NOW,
  };
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    adminIds: ["telegram:1"],
    now: () => NOW,
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(2), "Rina Marlina", "198203142008012005");
  await onboard(tg(3), "Dewi Anggraini", "198507172010012003", {
    instansi: "Pemerintah Provinsi DKI Jakarta",
    unit: "Badan Kepegawaian Daerah › Bidang Pengembangan Karier dan Kompetensi",
  });
  await onboard(tg(4), "Ahmad Fauzi", "199001012015031004");
  for (const n of [2, 3, 4]) ids[n] = (await ctx.repos.identities.get(`telegram:${n}`))!.personId;
  await ctx.repos.people.setRoles(ids[2]!, [{ role: "admin", unitId: "jambi.dinkes", grantedAt: NOW }]);
  await ctx.repos.people.setRoles(ids[3]!, [{ role: "koordinator", unitId: "dki", grantedAt: NOW }]);
  await ctx.repos.people.setRoles(ids[4]!, [{ role: "koordinator", unitId: "jambi.dinkes", grantedAt: NOW }]);
});

describe("/audit shows an admin only what touches their scope", () => {
  beforeAll(async () => {
    const entry = (action: string, extra: Record<string, string>) =>
      ctx.repos.audit.append({ at: NOW, action, outcome: "ok", ...extra });
    await entry("export.people", { actorPersonId: ids[3]!, scopeUnitId: "dki" });
    await entry("role.grant", {
      actorPersonId: ids[3]!,
      targetKind: "person",
      targetId: ids[3]!,
      scopeUnitId: "dki.bkd",
    });
    await entry("broadcast.create", { actorPersonId: ids[4]! });
  });

  it("hides another instansi's entries from a unit admin and shows their own unit's", async () => {
    const said = all(await cmd(tg(2), "audit"));
    expect(said).toContain(id("audit-title-scoped"));
    expect(said).toContain("broadcast.create");
    expect(said).toContain("Ahmad Fauzi");
    expect(said).not.toContain("export.people");
    expect(said).not.toContain("Dewi Anggraini");
  });

  it("does not reveal a person outside scope when asked by NIP", async () => {
    expect(all(await cmd(tg(2), "audit", "198507172010012003"))).toBe(id("audit-empty"));
    // Looking a DKI employee up is on record, for DKI's admins to see.
    expect((await refused("audit.read")).at(0)).toMatchObject({
      actorPersonId: ids[2],
      targetKind: "person",
      targetId: ids[3],
    });
  });

  it("shows everything to a bootstrap admin", async () => {
    await onboard(tg(1), "Admin Utama", "197001011995031001");
    const said = all(await cmd(tg(1), "audit"));
    expect(said).toContain("export.people");
    expect(said).toContain("broadcast.create");
  });
});

describe("/siaran lists and cancels only broadcasts in scope", () => {
  beforeAll(async () => {
    await ctx.repos.broadcasts.create(broadcast("b-dki", ids[3]!, ["dki"], "Pengumuman BKD DKI"));
    await ctx.repos.broadcasts.create(
      broadcast("b-dinkes", ids[4]!, ["jambi.dinkes"], "Pengumuman Dinkes Jambi"),
    );
    await ctx.repos.broadcasts.create(broadcast("b-all", ids[3]!, undefined, "Pengumuman untuk semua"));
  });

  it("shows a unit admin the broadcasts aimed inside their scope, not another instansi's or the whole organisation's", async () => {
    const out = await cmd(tg(2), "siaran");
    const said = all(out);
    expect(said).toContain("Pengumuman Dinkes Jambi");
    expect(said).not.toContain("Pengumuman BKD DKI");
    expect(said).not.toContain("Pengumuman untuk semua");
  });

  it("refuses a cancel button for another instansi's broadcast, as if it were gone", async () => {
    // The button a DKI coordinator would get, pressed (or forged) by the Jambi admin.
    const data = broadcastButton.pack("cancel", shortKey("b-dki"));
    expect(all(await press(tg(2), data))).toBe(id("brd-gone"));
    expect((await ctx.repos.broadcasts.get("b-dki"))!.status).toBe("scheduled");
    expect(await refused("broadcast.cancel")).toEqual([
      expect.objectContaining({ actorPersonId: ids[2], targetKind: "broadcast", targetId: "b-dki" }),
    ]);
    // A button for a broadcast that never was is no attempt on anyone's: nothing to audit.
    expect(all(await press(tg(2), broadcastButton.pack("cancel", shortKey("b-none"))))).toBe(id("brd-gone"));
    expect(await refused("broadcast.cancel")).toHaveLength(1);
    expect(all(await press(tg(3), data))).not.toContain(id("brd-gone"));
    expect((await ctx.repos.broadcasts.get("b-dki"))!.status).toBe("cancelled");
  });
});

describe("/survei hasil counts only answers from units in the reader's scope", () => {
  beforeAll(async () => {
    const answer = (n: number, instansiId: string, unitId: string, score: number) =>
      ctx.repos.surveys.respond({
        _id: `resp-${unitId}-${n}`,
        surveyId: "pasca-pelatihan",
        occurrence: "s-1",
        answers: Array.from({ length: 5 }, () => score),
        instansiId,
        unitId,
        answeredOn: "2027-03-01",
      });
    for (let n = 0; n < 6; n++) await answer(n, "dki", "dki.bkd.pengembangan", 4);
    for (let n = 0; n < 6; n++) await answer(n, "jambi", "jambi.dinkes.yankes", 2);
  });

  it("shows a DKI coordinator DKI's answers only", async () => {
    const said = all(await cmd(tg(3), "survei", "hasil"));
    expect(said).toContain(id("srv-results-title-scoped"));
    expect(said).toContain("Pemerintah Provinsi DKI Jakarta");
    expect(said).not.toContain("Pemerintah Provinsi Jambi");
  });
});

describe("a coordinator posts only to the Slack channels listed for units in their scope", () => {
  it("offers a DKI coordinator DKI's channel only, and finds no other channel the bot is in", async () => {
    const onSlack: IncomingIdentity = { id: "slack:T01:UDKI", channel: "slack" };
    await ctx.repos.identities.bind({ id: onSlack.id, channel: "slack", personId: ids[3]!, now: NOW });
    // The channels Pandu was invited to, and the admins' list per unit.
    app.broadcasts.useSlackChannels(async () => [
      { id: "C0DKI", name: "dki-info" },
      { id: "C0JAMBI", name: "jambi-umum" },
      { id: "C0RANDOM", name: "random" },
    ]);
    await ctx.db.models.OrgUnit.updateOne({ _id: "dki" }, { $set: { slackChannels: ["C0DKI"] } }).exec();
    await ctx.db.models.OrgUnit.updateOne({ _id: "jambi" }, { $set: { slackChannels: ["C0JAMBI"] } }).exec();
    await cmd(onSlack, "umumkan");
    await text(onSlack, "Rapat koordinasi diundur.");
    await text(onSlack, "lewati");
    await text(onSlack, "Semua orang dalam cakupan saya");
    const offered = await text(onSlack, "Ya, pilih kanalnya");
    const labels = offered
      .flatMap((o) => o.choices ?? [])
      .flat()
      .map((c) => c.label);
    expect(labels).toContain("#dki-info");
    expect(labels).not.toContain("#jambi-umum");
    expect(labels).not.toContain("#random");
    // Typed by name, another instansi's channel is not found either.
    const typed = await text(onSlack, "#jambi-umum");
    expect(
      typed
        .flatMap((o) => o.choices ?? [])
        .flat()
        .map((c) => c.label),
    ).not.toContain("#jambi-umum");
    expect(all(typed)).toContain(id("search-no-match", { query: "#jambi-umum" }));
    await cmd(onSlack, "batal");
    expect(await ctx.db.models.Delivery.countDocuments({ address: "C0JAMBI" }).exec()).toBe(0);
  });
});
