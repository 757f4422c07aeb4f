import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Completion } from "../../../src/db/models/index.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import type { IncomingFile, Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Training outside the catalog, recorded with /selesai at the JP its certificate states, waits for
 * a koordinator of the person's unit: it counts nowhere until verified in /verifikasi; a returned
 * one never counts and the person reads why. Staff of another instansi never see it, and a forged
 * button for it is refused and audited.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-06-15T02:00:00Z");
const { cmd, text, press, send, all } = chatDriver(() => app);

const who = (n: number): IncomingIdentity => ({ id: `telegram:${800 + n}`, channel: "telegram" });
const sari = who(1);
const koordinatorJambi = who(2);
const koordinatorMataram = who(3);
const ids: Record<string, string> = {};

const PEOPLE = [
  "NIP;Nama;Unit Kerja;Status",
  "198503012010011007;Sari Wulandari;jambi.bappeda;PNS",
  "198104102006042003;Rina Marlina;jambi.bkpsdm.bangkom;PNS",
  "197911232005011004;Lalu Ahmad;mataram.bkpsdm;PNS",
].join("\n");

const certificatePdf: IncomingFile = {
  kind: "document",
  channel: "telegram",
  fileId: "BQCertElearning",
  mime: "application/pdf",
  name: "sertifikat-elearning.pdf",
  size: 90_000,
};
const certificatePhoto: IncomingFile = {
  kind: "photo",
  channel: "telegram",
  fileId: "AgCertSeminar",
  mime: "image/jpeg",
  size: 70_000,
};

async function register(key: string, nip: string, identity: IncomingIdentity) {
  const id = (await ctx.repos.nipClaims.ownerOf(nip))!;
  await ctx.repos.people.update(id, { onboardedAt: clock, timeZone: "Asia/Jakarta" });
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: id, now: clock });
  ids[key] = id;
}

const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());
const buttonOf = (out: Outbound[], label: string) => {
  const b = buttons(out).find((x) => x.label.includes(label));
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(buttons(out).map((x) => x.label))}`);
  return b.data;
};
const sariRecords = () => ctx.repos.completions.listForPerson(ids.sari!);
const recordTitled = async (title: string): Promise<Completion> =>
  (await sariRecords()).find((c) => c.title === title)!;
const jpOf2026 = async (personId: string) =>
  (await ctx.repos.summaries.contributionsOfPerson(personId)).find((c) => c.year === 2026)?.jp ?? 0;
const messagesTo = async (personId: string) => {
  const { waiting, logged } = await ctx.repos.deliveries.ofPerson(personId);
  return [...waiting, ...logged];
};

/** Records a training outside the catalog through /selesai, as a person would, up to the certificate. */
async function reportOutside(opts: {
  group: string;
  method: string;
  title: string;
  date: string;
  jp: string;
}) {
  expect(all(await cmd(sari, "selesai"))).toContain("pelatihan di luar katalog");
  // Nothing enrolled: "another activity" is 1, "outside the catalog" is 2.
  expect(all(await text(sari, "2"))).toContain("bentuknya termasuk yang mana");
  await text(sari, opts.group);
  expect(all(await text(sari, opts.method))).toContain("nama atau topik");
  await text(sari, opts.title);
  const jpQuestion = all(await text(sari, opts.date));
  expect(jpQuestion).toContain("Berapa JP yang tertulis di sertifikat?");
  await text(sari, opts.jp);
  return jpQuestion;
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  expect(await app.orgImport.people(PEOPLE, OPERATOR)).toMatchObject({ ok: true, created: 3 });
  await register("sari", "198503012010011007", sari);
  await register("rina", "198104102006042003", koordinatorJambi);
  await register("lalu", "197911232005011004", koordinatorMataram);
  // Rina coordinates the whole Jambi province; Lalu only Mataram.
  await ctx.repos.people.setRoles(ids.rina!, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
  await ctx.repos.people.setRoles(ids.lalu!, [{ role: "koordinator", unitId: "mataram", grantedAt: clock }]);
});

describe("a training outside the catalog, verified by a koordinator", () => {
  it("records a 20 JP e-learning certificate as waiting, not counted (above the agency's 3 JP)", async () => {
    const jpQuestion = await reportOutside({
      group: "3",
      method: "E-learning",
      title: "E-learning Manajemen ASN",
      date: "2026-06-10",
      jp: "0",
    });
    expect(jpQuestion).toContain("Aturan instansi Anda memberi 3 JP untuk e-learning.");
    // 0 JP is no training: the question comes again with why.
    expect(all(await text(sari, "dua puluh"))).toContain("perlu berupa angka");
    const tooMuch = all(await text(sari, "5000"));
    expect(tooMuch).toContain("terlalu besar");
    expect(tooMuch).toContain("Berapa JP yang tertulis di sertifikat?");
    expect(all(await text(sari, "20"))).toContain("kompetensi jenis apa");
    const certAsked = all(await text(sari, "Manajerial"));
    expect(certAsked).toContain("sertifikat wajib");
    // Required: it cannot be skipped, and a text is not a certificate.
    expect(all(await text(sari, "lewati"))).toContain("tidak bisa dilewati");
    expect(all(await text(sari, "nanti saja"))).toContain("kirim foto atau berkas PDF");
    expect(all(await send(sari, { kind: "file", file: certificatePdf }))).toContain("nomor sertifikat");
    await text(sari, "SERT/EL/2026/0042");
    const saved = all(await text(sari, "10-06-2026"));
    expect(saved).toContain('Tercatat: "E-learning Manajemen ASN", 20 JP');
    expect(saved).toContain("Menunggu verifikasi koordinator: 20 JP ini belum dihitung");
    expect(saved).toContain("0 / 20 JP (2026)");

    const record = await recordTitled("E-learning Manajemen ASN");
    expect(record).toMatchObject({
      source: "self",
      method: "e-learning",
      kind: "nonklasikal",
      competencyType: "manajerial",
      jp: 20,
      state: "pending",
      certificate: {
        kind: "pdf",
        fileId: "BQCertElearning",
        number: "SERT/EL/2026/0042",
        issuedOn: "2026-06-10",
      },
    });
    expect((await ctx.repos.people.get(ids.sari!))?.status).toMatchObject({ jpYear: 2026, jpTotal: 0 });

    const view = all(await cmd(sari, "pelatihan"));
    expect(view).toContain("0 / 20 JP (2026)");
    expect(view).toContain("• E-learning Manajemen ASN — 20 JP 📄 ⏳ menunggu verifikasi");
    expect(view).toContain("20 JP menunggu verifikasi koordinator");
    // Nothing counted yet: there is nothing for SIASN either.
    expect(all(await cmd(sari, "pelatihan", "ekspor"))).toContain("Belum ada pelatihan selesai");
    await app.summaries.fold();
    expect(await jpOf2026(ids.sari!)).toBe(0);
  });

  it("counts a nonklasikal certificate at exactly the agency's JP at once", async () => {
    await reportOutside({
      group: "4",
      method: "Coaching",
      title: "Coaching penyusunan SKP",
      date: "2026-06-01",
      jp: "2",
    });
    await text(sari, "Manajerial");
    await send(sari, { kind: "file", file: certificatePhoto });
    await text(sari, "lewati");
    const saved = all(await text(sari, "lewati"));
    expect(saved).toContain('Tercatat: "Coaching penyusunan SKP", 2 JP');
    expect(saved).not.toContain("Menunggu verifikasi");
    expect(saved).toContain("2 / 20 JP (2026)");
    expect((await recordTitled("Coaching penyusunan SKP")).state).toBeUndefined();
  });

  it("is never shown to a koordinator of another instansi; a forged Verifikasi is refused and audited", async () => {
    const list = all(await cmd(koordinatorMataram, "verifikasi"));
    expect(list).toContain("Tidak ada catatan pelatihan yang menunggu verifikasi");
    expect(list).not.toContain("Sari Wulandari");
    expect(list).not.toContain("E-learning Manajemen ASN");

    const record = await recordTitled("E-learning Manajemen ASN");
    const tail = record._id.split("|")[2]!;
    const forged = all(await press(koordinatorMataram, `vrf|v|${ids.sari}|${tail}`));
    expect(forged).toContain("di luar cakupan peran koordinator Anda");
    expect(forged).not.toContain("E-learning Manajemen ASN");
    expect(all(await press(koordinatorMataram, `vrf|r|${ids.sari}|${tail}`))).toContain("di luar cakupan");
    expect(all(await press(koordinatorMataram, `vrf|c|${ids.sari}|${tail}`))).toContain("di luar cakupan");
    const refused = await ctx.repos.audit.list({ action: "completion.verified", limit: 10 });
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actorPersonId: ids.lalu,
      outcome: "refused",
      targetId: ids.sari,
      details: { reason: "out-of-scope" },
    });
    expect((await recordTitled("E-learning Manajemen ASN")).state).toBe("pending");

    // The person herself is no koordinator: the router refuses her, and audits that too.
    const own = all(await press(sari, `vrf|v|${ids.sari}|${tail}`));
    expect(own).toContain("/verifikasi hanya untuk petugas");
    expect(await ctx.repos.audit.list({ action: "command.verifikasi", limit: 10 })).toHaveLength(1);
    // Made-up ids name nothing.
    expect(all(await press(koordinatorJambi, `vrf|v|${ids.sari}|rbukanapaapa`))).toContain(
      "Catatan itu tidak ditemukan",
    );
    expect((await recordTitled("E-learning Manajemen ASN")).state).toBe("pending");
  });

  it("is verified by the koordinator in scope: the person is told and 20 JP count, with the congratulation", async () => {
    const list = await cmd(koordinatorJambi, "verifikasi");
    const said = all(list);
    expect(said).toContain("Menunggu verifikasi di cakupan Anda: 1 catatan");
    expect(said).toContain("📄 E-learning Manajemen ASN");
    expect(said).toContain("Pegawai: Sari Wulandari — Badan Perencanaan Pembangunan Daerah");
    expect(said).toContain("Bentuk: E-learning (nonklasikal)");
    expect(said).toContain("Selesai: 10 Juni 2026");
    expect(said).toContain("JP di sertifikat: 20 JP");
    expect(said).toContain("Nilai bawaan instansi untuk e-learning: 3 JP.");
    expect(said).toContain("Nomor sertifikat: SERT/EL/2026/0042");

    // The certificate comes from the channel it was sent through.
    app.files.register("telegram", async (fileId) => new TextEncoder().encode(`%PDF ${fileId}`));
    const certificate = await press(koordinatorJambi, buttonOf(list, "Lihat sertifikat"));
    expect(certificate[0]?.media).toMatchObject({
      kind: "document",
      filename: "sertifikat-elearning.pdf",
      mime: "application/pdf",
    });
    expect(new TextDecoder().decode(certificate[0]!.media!.bytes)).toBe("%PDF BQCertElearning");

    const verified = all(await press(koordinatorJambi, buttonOf(list, "Verifikasi")));
    expect(verified).toContain(
      "Diverifikasi: “E-learning Manajemen ASN” milik Sari Wulandari. 20 JP kini dihitung.",
    );
    expect(verified).toContain("Sari Wulandari diberi tahu lewat chat.");

    const record = await recordTitled("E-learning Manajemen ASN");
    expect(record.state).toBe("verified");
    expect(record.decidedAt?.toISOString()).toBe(clock.toISOString());
    expect((await ctx.repos.people.get(ids.sari!))?.status).toMatchObject({ jpYear: 2026, jpTotal: 22 });
    expect((await ctx.repos.achievements.listForPerson(ids.sari!)).map((a) => a._id)).toEqual([
      `${ids.sari}|jp|2026`,
    ]);
    const told = (await messagesTo(ids.sari!)).find((d) => d.purpose === "verification.verified");
    expect(told?.message.text).toContain("“E-learning Manajemen ASN” (20 JP) sudah diverifikasi koordinator");
    expect(told?.message.text).toContain("22 / 20 JP (2026)");
    expect(told?.message.text).toContain(
      "Selamat! Anda sudah mencapai 20 JP pengembangan kompetensi tahun 2026",
    );
    expect(
      (await ctx.repos.audit.list({ action: "completion.verified", limit: 10 })).map((e) => e.outcome).sort(),
    ).toEqual(["ok", "refused"]);
    // Lalu's forged press was refused; Rina's look at the certificate is recorded.
    expect(
      (await ctx.repos.audit.list({ action: "completion.certificate", limit: 10 }))
        .map((e) => e.outcome)
        .sort(),
    ).toEqual(["ok", "refused"]);

    const view = all(await cmd(sari, "pelatihan"));
    expect(view).toContain("22 / 20 JP (2026)");
    expect(view).toContain("• E-learning Manajemen ASN — 20 JP 📄\n");
    expect(view).not.toContain("menunggu verifikasi");
    await app.summaries.fold();
    expect(await jpOf2026(ids.sari!)).toBe(22);

    // A second press, or a second koordinator, changes nothing.
    expect(all(await press(koordinatorJambi, buttonOf(list, "Verifikasi")))).toContain(
      "tidak sedang menunggu verifikasi",
    );
    expect(all(await cmd(koordinatorJambi, "verifikasi"))).toContain("Tidak ada catatan pelatihan");
  });

  it("returns a record with a reason: the person is told it, /pelatihan shows it, and it never counts", async () => {
    await reportOutside({
      group: "2",
      method: "Seminar atau konferensi",
      title: "Seminar Nasional Kebijakan Publik",
      date: "2026-06-12",
      jp: "8",
    });
    await text(sari, "Sosial kultural");
    await send(sari, { kind: "file", file: certificatePhoto });
    await text(sari, "lewati");
    expect(all(await text(sari, "lewati"))).toContain("Menunggu verifikasi koordinator: 8 JP");

    const list = await cmd(koordinatorJambi, "verifikasi");
    expect(all(list)).toContain("Bentuk ini tidak punya nilai JP bawaan di instansi.");
    const asked = all(await press(koordinatorJambi, buttonOf(list, "Kembalikan")));
    expect(asked).toContain(
      "Apa alasan Anda mengembalikan “Seminar Nasional Kebijakan Publik” milik Sari Wulandari (8 JP)?",
    );
    const tooShort = all(await text(koordinatorJambi, "ok"));
    expect(tooShort).toContain("Terlalu pendek: paling sedikit 5");
    expect(tooShort).toContain("Apa alasan Anda mengembalikan");
    const reason = "JP di sertifikat 6, bukan 8.";
    const returned = all(await text(koordinatorJambi, reason));
    expect(returned).toContain(
      `Dikembalikan: “Seminar Nasional Kebijakan Publik” milik Sari Wulandari, dengan alasan: ${reason}`,
    );

    const record = await recordTitled("Seminar Nasional Kebijakan Publik");
    expect(record).toMatchObject({ state: "returned", returnReason: reason, kind: "klasikal", jp: 8 });
    const told = (await messagesTo(ids.sari!)).find((d) => d.purpose === "verification.returned");
    expect(told?.message.text).toContain("dikembalikan oleh koordinator");
    expect(told?.message.text).toContain(`Alasannya: ${reason}`);
    // Beside the refusal of Lalu's forged press earlier.
    const returns = await ctx.repos.audit.list({ action: "completion.returned", limit: 10 });
    expect(returns.map((e) => `${e.outcome}:${e.actorPersonId}`).sort()).toEqual([
      `ok:${ids.rina}`,
      `refused:${ids.lalu}`,
    ]);
    expect(returns.find((e) => e.outcome === "ok")?.details).toEqual({ record: record._id });

    const view = all(await cmd(sari, "pelatihan"));
    expect(view).toContain("22 / 20 JP (2026)");
    expect(view).toContain(`• Seminar Nasional Kebijakan Publik — 8 JP 📄 ↩️ dikembalikan: ${reason}`);
    expect(view).toContain("catat lagi dengan /selesai");
    expect((await ctx.repos.people.get(ids.sari!))?.status).toMatchObject({ jpTotal: 22 });

    // SIASN gets what counts only; /dataku says each record's state and the reason.
    const exported = await cmd(sari, "pelatihan", "ekspor");
    expect(all(exported)).toContain(
      "1 catatan yang menunggu verifikasi atau dikembalikan tidak ikut diekspor",
    );
    const rows = parse(new TextDecoder().decode(exported.find((o) => o.media)!.media!.bytes), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows.map((r) => [r.nama_kursus, r.jumlah_jp]).sort()).toEqual([
      ["Coaching penyusunan SKP", "2"],
      ["E-learning Manajemen ASN", "20"],
    ]);
    const mine = await cmd(sari, "dataku");
    const data = JSON.parse(new TextDecoder().decode(mine.find((o) => o.media)!.media!.bytes)) as {
      completions: { title: string; state: string; returnReason?: string }[];
    };
    expect(data.completions.map((c) => [c.title, c.state, c.returnReason]).sort()).toEqual([
      ["Coaching penyusunan SKP", "verified", undefined],
      ["E-learning Manajemen ASN", "verified", undefined],
      ["Seminar Nasional Kebijakan Publik", "returned", reason],
    ]);

    // Recorded again, corrected: a new record that waits, the returned one stays as it was.
    await reportOutside({
      group: "2",
      method: "Seminar atau konferensi",
      title: "Seminar Nasional Kebijakan Publik",
      date: "2026-06-12",
      jp: "6",
    });
    await text(sari, "Sosial kultural");
    await send(sari, { kind: "file", file: certificatePhoto });
    await text(sari, "lewati");
    expect(all(await text(sari, "lewati"))).toContain("Menunggu verifikasi koordinator: 6 JP");
    const states = (await sariRecords())
      .filter((c) => c.title === "Seminar Nasional Kebijakan Publik")
      .map((c) => `${c.jp}:${c.state}`)
      .sort();
    expect(states).toEqual(["6:pending", "8:returned"]);
  });

  it("checks the reason's answer again: a record decided meanwhile is not returned twice", async () => {
    const list = await cmd(koordinatorJambi, "verifikasi");
    await press(koordinatorJambi, buttonOf(list, "Kembalikan"));
    // Someone else verifies it while the reason is being written.
    const record = (await sariRecords()).find((c) => c.state === "pending")!;
    await app.ledger.verify((await ctx.repos.people.get(ids.sari!))!, record, clock);
    const late = all(await text(koordinatorJambi, "Sertifikat tidak terbaca."));
    expect(late).toContain("tidak sedang menunggu verifikasi");
    expect((await ctx.repos.completions.get(record._id))?.state).toBe("verified");
  });
});
