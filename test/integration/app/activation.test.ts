import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Activation from the admin's side: /impor hands out the codes of the people it imported as a
 * CSV, `/aktivasi NIP` replaces one, and `/aktivasi` verifies people who registered without one,
 * merging the HR record that had their NIP.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
const clock = new Date("2026-12-04T03:00:00Z");
let app: App;
const { cmd, text, press, all, csvFile, onboard } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const ADMIN = tg(10); // admin of Dinas Kesehatan Jambi
const CODE = /([A-Z2-9]{5}-[A-Z2-9]{5})/;

const PEOPLE = [
  "nip;nama;unit",
  "198203142008012005;Sri Wahyuni;jambi.dinkes.yankes",
  "199001012015031004;Bayu Saputra;jambi.dinkes.p2p",
].join("\n");

/** Sends `csv` to /impor as the admin; returns the reply. */
async function importAsAdmin(csv: string): Promise<Outbound[]> {
  app.files.register("telegram", async () => new TextEncoder().encode(csv));
  await cmd(ADMIN, "impor");
  return csvFile(ADMIN, "pegawai.csv", csv.length);
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  const admin = await ctx.repos.people.create({
    name: "Admin Dinkes",
    nip: "197001011995031001",
    timeZone: "Asia/Jakarta",
    unitId: "jambi.dinkes",
    instansiId: "jambi",
    onboardedAt: clock,
    roles: [{ role: "admin", unitId: "jambi.dinkes", grantedAt: clock }],
  });
  await ctx.repos.identities.bind({ id: ADMIN.id, channel: "telegram", personId: admin._id, now: clock });
});

describe("activation codes handed out by an admin", () => {
  it("sends the codes of a people import as a CSV by unit, once", async () => {
    const [reply] = await importAsAdmin(PEOPLE);
    expect(reply!.text).toContain(id("import-people-codes", { count: 2 }));
    expect(reply!.media).toMatchObject({ kind: "document", mime: "text/csv" });
    // The admin writes in Indonesian: fields separated by ";", as a spreadsheet set to Indonesian
    // reads them (TextDecoder drops the byte order mark).
    const rows = new TextDecoder().decode(reply!.media!.bytes).trim().split("\n");
    expect(rows[0]).toBe("unit_kerja;nip;nama;kode_aktivasi");
    // Sorted by unit: Bidang Pelayanan Kesehatan before Bidang Pencegahan…
    expect(rows.slice(1).map((r) => r.split(";").slice(0, 3).join(","))).toEqual([
      "Bidang Pelayanan Kesehatan,198203142008012005,Sri Wahyuni",
      "Bidang Pencegahan dan Pengendalian Penyakit,199001012015031004,Bayu Saputra",
    ]);
    expect(rows[1]).toMatch(CODE);
    // Only hashes are stored: no code appears in the database.
    const stored = JSON.stringify(await ctx.db.models.ActivationCode.find().lean().exec());
    expect(stored).not.toContain(CODE.exec(rows[1]!)![1]!.replace("-", ""));
    // The same file again hands out nothing new: codes already given stay valid.
    const [again] = await importAsAdmin(PEOPLE);
    expect(again!.media).toBeUndefined();
    expect(again!.text).toContain("0 pegawai baru, 0 diperbarui, 2 tidak berubah");
  });

  it("replaces one person's code with /aktivasi NIP, shown once and audited; the old one stops working", async () => {
    const sri = (await ctx.repos.nipClaims.ownerOf("198203142008012005"))!;
    const before = (await ctx.repos.activationCodes.forPerson(sri))!.hash;
    const said = all(await cmd(ADMIN, "aktivasi", "19820314 200801 2 005"));
    expect(said).toContain("Kode aktivasi baru untuk Sri Wahyuni");
    const code = CODE.exec(said)![1]!;
    expect((await ctx.repos.activationCodes.forPerson(sri))!.hash).not.toBe(before);
    expect((await ctx.repos.audit.list({ action: "activation.issued" }))[0]).toMatchObject({
      outcome: "ok",
      targetId: sri,
    });
    // A NIP outside the admin's units reads like an unknown one.
    expect(all(await cmd(ADMIN, "aktivasi", "197911232005011004"))).toContain(id("activation-nip-unknown"));
    expect(all(await cmd(ADMIN, "aktivasi", "12345"))).toContain(id("activation-nip-invalid"));
    // Sri registers with the new code.
    await cmd(tg(1), "start");
    for (const a of ["ya", "Sri Wahyuni", "198203142008012005", "ya"]) await text(tg(1), a);
    expect(all(await text(tg(1), code))).toContain("Apa jabatan Anda");
    // Typing part of the jabatan searches; the second time picks it.
    if (/Apa jabatan/.test(all(await text(tg(1), "Kepala Seksi")))) await text(tg(1), "Kepala Seksi");
    for (const a of ["ya", "Bahasa Indonesia"]) await text(tg(1), a);
    expect(all(await text(tg(1), "1,2"))).toContain("Pendaftaran selesai");
    expect((await ctx.repos.identities.get(tg(1).id))!.personId).toBe(sri);
  });

  it("lists people who registered without a code in the admin's units, and verifies one", async () => {
    await onboard(tg(2), "Dewi Anggraini", "198507172010012003", { verified: false });
    await onboard(tg(3), "Orang Mataram", "198801012012011001", {
      verified: false,
      instansi: "Pemerintah Kota Mataram",
      unit: "Kecamatan Ampenan",
      jabatan: "Camat Ampenan",
    });
    const listed = await cmd(ADMIN, "aktivasi");
    expect(all(listed)).toContain("Dewi Anggraini, NIP 19850717 201001 2 003, Bidang Pelayanan Kesehatan");
    expect(all(listed)).not.toContain("Orang Mataram");
    const dewi = (await ctx.repos.identities.get(tg(2).id))!.personId;
    // Not yet verified: not counted in her unit's summary.
    const counted = async () => {
      await app.summaries.settle();
      return (await ctx.repos.summaries.membersOf("jambi.dinkes.yankes")).map((m) => m._id);
    };
    expect(await counted()).not.toContain(dewi);
    const verify = listed[0]!.choices!.flat()[0]!.data;
    expect(all(await press(ADMIN, verify))).toContain(
      id("activation-verified", { name: "Dewi Anggraini", nip: "19850717 201001 2 003" }),
    );
    const after = (await ctx.repos.people.get(dewi))!;
    expect(after).toMatchObject({ nip: "198507172010012003" });
    expect(after.unverified).toBeUndefined();
    expect(await ctx.repos.nipClaims.ownerOf("198507172010012003")).toBe(dewi);
    expect(await counted()).toContain(dewi);
    // She is told, and a second press decides nothing.
    const { waiting } = await ctx.repos.deliveries.ofPerson(dewi);
    expect(waiting.map((d) => d.message.text)).toContain(id("activation-you-are-verified"));
    expect(all(await press(ADMIN, verify))).toContain(id("activation-verify-gone"));
  });

  it("verifies someone whose NIP HR imported by giving them the HR record, which goes", async () => {
    const bayuRecord = (await ctx.repos.nipClaims.ownerOf("199001012015031004"))!;
    await onboard(tg(4), "Bayu S", "199001012015031004", { verified: false });
    const bayu = (await ctx.repos.identities.get(tg(4).id))!.personId;
    const listed = await cmd(ADMIN, "aktivasi");
    const row = listed[0]!.choices!.flat().find((c) => c.data.endsWith(bayu))!;
    expect(all(await press(ADMIN, row.data))).toContain(
      id("activation-verified-merged", { name: "Bayu Saputra", nip: "19900101 201503 1 004" }),
    );
    expect(await ctx.repos.people.get(bayu)).toMatchObject({
      name: "Bayu Saputra",
      unitId: "jambi.dinkes.p2p",
      nip: "199001012015031004",
    });
    expect(await ctx.repos.people.get(bayuRecord)).toBeNull();
    expect(await ctx.repos.activationCodes.forPerson(bayuRecord)).toBeNull();
    expect(await ctx.repos.nipClaims.ownerOf("199001012015031004")).toBe(bayu);
  });

  it("refuses to verify someone whose NIP a registered employee holds", async () => {
    await onboard(tg(5), "Peniru Sri", "198203142008012005", { verified: false });
    const impostor = (await ctx.repos.identities.get(tg(5).id))!.personId;
    const listed = await cmd(ADMIN, "aktivasi");
    const row = listed[0]!.choices!.flat().find((c) => c.data.endsWith(impostor))!;
    expect(all(await press(ADMIN, row.data))).toContain(
      id("activation-verify-nip-taken", { nip: "19820314 200801 2 005" }),
    );
    expect((await ctx.repos.people.get(impostor))!.unverified).toBe(true);
    const entries = await ctx.repos.audit.list({ action: "person.verified" });
    expect(entries.filter((e) => e.outcome === "refused")).toEqual([
      expect.objectContaining({ targetId: impostor, details: { reason: "nip-taken" } }),
    ]);
  });
});
