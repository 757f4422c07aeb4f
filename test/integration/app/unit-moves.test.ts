import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { StoredDeliveryMessage } from "../../../src/db/models/delivery.js";
import type { Role } from "../../../src/db/models/index.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * A verified person's unit comes from HR data: choosing another unit in /profil files a move
 * request for the admins of that unit and changes nothing; one of them approves (the person moves)
 * or declines, and the person is told. Admins outside the target unit, and decisions already
 * taken, are refused and audited. A person HR has not verified still sets their own unit.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-09-01T02:00:00Z");
const { cmd, text, press, all } = chatDriver(() => app);

const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const ANI = tg(1);
const ADMIN_BAPPEDA = tg(2);
const ADMIN_DINKES = tg(3);
const DEWI = tg(4);
const ROOT = tg(9); // a bootstrap admin (ADMIN_IDS) who never registered
const ids: Record<string, string> = {};

async function person(
  key: string,
  who: IncomingIdentity,
  unitId: string,
  opts: { roles?: { role: Role; unitId: string }[]; unverified?: boolean } = {},
) {
  const p = await ctx.repos.people.create({
    name: key,
    timeZone: "Asia/Jakarta",
    instansiId: unitId.split(".")[0]!,
    unitId,
    regionId: "jambi",
    onboardedAt: clock,
    roles: (opts.roles ?? []).map((r) => ({ ...r, grantedAt: clock })),
  });
  // The lead's onboarding marks self-registered people; here the flag is set as it would be stored.
  if (opts.unverified) await ctx.db.models.Person.updateOne({ _id: p._id }, { $set: { unverified: true } });
  await ctx.repos.identities.bind({ id: who.id, channel: "telegram", personId: p._id, now: clock });
  ids[key] = p._id;
}

const unitOf = async (key: string) => (await ctx.repos.people.get(ids[key]!))?.unitId;
const idOf = (key: string) => ids[key]!;
/** Messages the outbox holds, as stored (rows of buttons wrapped), whoever they go to. */
const sent = (filter: Record<string, unknown>) =>
  ctx.db.models.Delivery.find(filter).lean<{ identityId: string; message: StoredDeliveryMessage }[]>().exec();
const buttonOf = (out: { choices?: Outbound["choices"] }, label: string) => {
  const b = (out.choices ?? []).flat().find((x) => x.label === label);
  if (!b) throw new Error(`no button "${label}"`);
  return b.data;
};
/** Asks, in /profil, to be in the unit typed (the instansi first). */
async function chooseUnit(who: IncomingIdentity, instansi: string, unit: string) {
  await cmd(who, "profil");
  await text(who, "Instansi dan unit kerja");
  await text(who, instansi);
  return all(await text(who, unit));
}
const audits = (action: string) => ctx.repos.audit.list({ action });

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [ROOT.id],
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await person("Ani Lestari", ANI, "jambi.dinkes.yankes");
  await person("Admin Bappeda", ADMIN_BAPPEDA, "jambi.bappeda", {
    roles: [{ role: "admin", unitId: "jambi.bappeda" }],
  });
  await person("Admin Dinkes", ADMIN_DINKES, "jambi.dinkes", {
    roles: [{ role: "admin", unitId: "jambi.dinkes" }],
  });
  await person("Dewi Sartika", DEWI, "jambi.dinkes.yankes", { unverified: true });
  ids.ani = idOf("Ani Lestari");
});

describe("moving a verified person to another unit", () => {
  it("files a request, tells the target unit's admins, and moves the person once one approves", async () => {
    const reply = await chooseUnit(ANI, "Pemerintah Provinsi Jambi", "Badan Perencanaan Pembangunan Daerah");
    expect(reply).toContain("profil Anda belum berubah");
    expect(reply).toContain("admin unit tersebut");
    expect(reply).toContain("Apa yang ingin Anda ubah?");
    await cmd(ANI, "batal");
    expect(await unitOf("Ani Lestari")).toBe("jambi.dinkes.yankes");
    const [requested] = await audits("person.unit-move-requested");
    expect(requested).toMatchObject({ outcome: "ok", targetId: idOf("ani"), scopeUnitId: "jambi.bappeda" });

    // The admin of the unit she wants to join and the bootstrap admin are told; the admin of her
    // own unit is not (the move is the new unit's to accept).
    const told = await sent({ purpose: "unit-move.request" });
    expect(told.map((d) => d.identityId).sort()).toEqual([ADMIN_BAPPEDA.id, ROOT.id]);
    const card = told.find((d) => d.identityId === ADMIN_BAPPEDA.id)!.message;
    expect(card.text).toContain("Ani Lestari");
    expect(card.text).toContain("Bidang Pelayanan Kesehatan (Pemerintah Provinsi Jambi)");
    const approve = buttonOf({ choices: card.rows?.map((r) => r.buttons) }, "Setujui");

    // An admin whose scope does not cover the target unit is refused, and it is audited.
    expect(all(await press(ADMIN_DINKES, approve))).toContain("di luar cakupan peran admin Anda");
    expect(await unitOf("Ani Lestari")).toBe("jambi.dinkes.yankes");
    const [outOfScope] = await audits("person.unit-moved");
    expect(outOfScope).toMatchObject({
      outcome: "refused",
      actorPersonId: idOf("Admin Dinkes"),
      targetId: idOf("ani"),
      details: { reason: "out-of-scope" },
    });

    const done = all(await press(ADMIN_BAPPEDA, approve));
    expect(done).toContain("Disetujui: Ani Lestari kini tercatat di Badan Perencanaan Pembangunan Daerah");
    expect(done).toContain("sudah diberi tahu");
    expect(await ctx.repos.people.get(idOf("ani"))).toMatchObject({
      unitId: "jambi.bappeda",
      instansiId: "jambi",
      regionId: "jambi",
    });
    const moved = (await audits("person.unit-moved")).find((e) => e.outcome === "ok");
    expect(moved).toMatchObject({
      actorPersonId: idOf("Admin Bappeda"),
      targetId: idOf("ani"),
      scopeUnitId: "jambi.bappeda",
    });
    const [news] = await sent({ purpose: "unit-move.approved", personId: idOf("ani") });
    expect(news!.message.text).toContain("Kini Anda tercatat di Badan Perencanaan Pembangunan Daerah");
    // The unit summaries count her in the new unit (the hook a profile save fires); /profil shows it.
    await app.summaries.settle();
    const member = await ctx.db.models.SummaryMember.findById(idOf("ani")).lean().exec();
    expect(member?.unitId).toBe("jambi.bappeda");
    expect(all(await cmd(ANI, "profil"))).toContain("Unit kerja: Badan Perencanaan Pembangunan Daerah");
    await cmd(ANI, "batal");

    // A second admin pressing the same button changes nothing, and is told and audited.
    expect(all(await press(ROOT, approve))).toContain("sudah diputuskan");
    expect((await audits("person.unit-moved")).filter((e) => e.outcome === "refused")).toHaveLength(2);
  });

  it("keeps one request waiting per person, changes nothing for the same unit, and tells a decline", async () => {
    expect(
      await chooseUnit(ANI, "Pemerintah Provinsi Jambi", "Badan Perencanaan Pembangunan Daerah"),
    ).toContain("Anda sudah tercatat di Badan Perencanaan Pembangunan Daerah");
    await cmd(ANI, "batal");
    clock = new Date(clock.getTime() + 60_000);
    await chooseUnit(ANI, "Pemerintah Provinsi Jambi", "Dinas Kesehatan › Bidang Pelayanan Kesehatan");
    await cmd(ANI, "batal");
    const first = (await ctx.repos.unitMoves.pendingOf(idOf("ani")))[0]!;
    clock = new Date(clock.getTime() + 60_000);
    const again = await chooseUnit(ANI, "Pemerintah Provinsi Jambi", "Dinas Komunikasi dan Informatika");
    await cmd(ANI, "batal");
    expect(again).toContain("Permintaan pindah Anda sebelumnya ke Bidang Pelayanan Kesehatan");
    const pending = await ctx.repos.unitMoves.pendingOf(idOf("ani"));
    expect(pending.map((m) => m.toUnitId)).toEqual(["jambi.diskominfo"]);
    expect((await ctx.repos.unitMoves.get(first._id))?.state).toBe("withdrawn");

    // The withdrawn request's button decides nothing any more.
    expect(all(await press(ADMIN_DINKES, `umv|a|${first._id}`))).toContain("dibatalkan sebelumnya");
    expect(await unitOf("Ani Lestari")).toBe("jambi.bappeda");

    // /pindah lists what waits in the admin's scope: everything for the bootstrap admin, nothing
    // for the admin of Dinas Kesehatan.
    expect(all(await cmd(ADMIN_DINKES, "pindah"))).toContain("Tidak ada permintaan pindah unit");
    const list = await cmd(ROOT, "pindah");
    expect(all(list)).toContain("menunggu keputusan Anda: 1");
    const row = list.find((o) => o.text.includes("Ani Lestari"))!;
    expect(row.text).toContain("ke Dinas Komunikasi dan Informatika (Pemerintah Provinsi Jambi)");
    expect(all(await press(ROOT, buttonOf(row, "Tolak")))).toContain(
      "Ditolak: Ani Lestari tetap di unit semula",
    );
    expect(await unitOf("Ani Lestari")).toBe("jambi.bappeda");
    const [declined] = await sent({ purpose: "unit-move.declined", personId: idOf("ani") });
    expect(declined!.message.text).toContain("tidak disetujui");
    expect((await audits("person.unit-move-declined"))[0]).toMatchObject({
      outcome: "ok",
      targetId: idOf("ani"),
    });
  });

  it("refuses an admin whose role was revoked since the button was sent", async () => {
    // Back to Dinas Kesehatan, whose admin then loses the role (written straight to the database,
    // as another instance would: this instance's cached roles still say admin).
    await chooseUnit(ANI, "Pemerintah Provinsi Jambi", "Dinas Kesehatan › Bidang Pelayanan Kesehatan");
    await cmd(ANI, "batal");
    const [move] = await ctx.repos.unitMoves.pendingOf(idOf("ani"));
    expect(all(await cmd(ADMIN_DINKES, "pindah"))).toContain("Ani Lestari");
    await ctx.repos.people.setRoles(idOf("Admin Dinkes"), []);
    expect(all(await press(ADMIN_DINKES, `umv|a|${move!._id}`))).toContain("tidak lagi memegang peran admin");
    expect(await unitOf("Ani Lestari")).toBe("jambi.bappeda");
    expect((await audits("person.unit-moved")).find((e) => e.details?.reason === "not-admin")).toBeDefined();
  });

  it("lets a person HR has not verified set their own unit, with no request", async () => {
    await chooseUnit(DEWI, "Pemerintah Provinsi Jambi", "Badan Perencanaan Pembangunan Daerah");
    expect(await unitOf("Dewi Sartika")).toBe("jambi.bappeda");
    expect(await ctx.repos.unitMoves.forPerson(idOf("Dewi Sartika"))).toEqual([]);
  });

  it("lists the requests in /dataku and erases them with the person", async () => {
    const [file] = (await cmd(ANI, "dataku")).filter((o) => o.media);
    const data = JSON.parse(new TextDecoder().decode(file!.media!.bytes)) as {
      unitMoves: { to: { id: string; name: string }; state: string }[];
    };
    expect(data.unitMoves.map((m) => `${m.to.id}:${m.state}`).sort()).toEqual([
      "jambi.bappeda:approved",
      "jambi.dinkes.yankes:pending",
      "jambi.dinkes.yankes:withdrawn",
      "jambi.diskominfo:declined",
    ]);
    const requests = await ctx.repos.unitMoves.forPerson(idOf("ani"));
    const [ask] = await cmd(ANI, "hapusdata");
    expect(all(await press(ANI, ask!.choices![0]![0]!.data))).toContain("sudah dihapus");
    expect(await ctx.repos.unitMoves.forPerson(idOf("ani"))).toEqual([]);
    for (const r of requests) expect(await ctx.repos.leases.keyHolder(`unit-move:${r._id}`)).toBeUndefined();
  });
});
