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

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const { cmd, all, onboard, press } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
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
    expect(said).toContain("wilayah kewenangan Anda");
    expect(said).toContain("broadcast.create");
    expect(said).toContain("Ahmad Fauzi");
    expect(said).not.toContain("export.people");
    expect(said).not.toContain("Dewi Anggraini");
  });

  it("does not reveal a person outside scope when asked by NIP", async () => {
    expect(all(await cmd(tg(2), "audit", "198507172010012003"))).toContain("Belum ada catatan audit");
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
    expect(all(await press(tg(2), data))).toContain(translator.t("id", "brd-gone"));
    expect((await ctx.repos.broadcasts.get("b-dki"))!.status).toBe("scheduled");
    expect(all(await press(tg(3), data))).not.toContain(translator.t("id", "brd-gone"));
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
    expect(said).toContain("wilayah kewenangan Anda");
    expect(said).toContain("Pemerintah Provinsi DKI Jakarta");
    expect(said).not.toContain("Pemerintah Provinsi Jambi");
  });
});
