import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/** /katalog through the app's conversation service, on a real database. */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T03:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());
const labels = (out: Outbound[]) => buttons(out).map((b) => b.label);
const button = (out: Outbound[], label: string) => {
  const found = buttons(out).find((b) => b.label.includes(label));
  if (!found) throw new Error(`no button "${label}" in ${JSON.stringify(labels(out))}`);
  return found.data;
};

const HEADER =
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota,status,admission,contact";
const CATALOG = [
  HEADER,
  'komunikasi-jambi,Komunikasi Publik yang Efektif,BPSDM Provinsi Jambi,pelatihan-manajerial,24,"M.3:1-3",offline,jambi,"Kampus BPSDM, Kota Jambi",,2027-03-08 08:00,2027-03-10 16:00,WIB,25,,,',
  "komunikasi-ntb,Komunikasi Publik NTB,BPSDM Provinsi NTB,pelatihan-manajerial,24,M.3:1-3,offline,nusa-tenggara-barat,Mataram,,2027-03-15 08:00,2027-03-17 16:00,WITA,25,,,",
  "arsip,Manajemen Arsip Dinamis,ANRI,e-learning,6,M.4:1-2,online,,,https://anri.example.id,,,,,,,",
  "latsar,Pelatihan Dasar CPNS Angkatan I,BPSDM Provinsi Jambi,pelatihan-dasar,30,SK.1:1-2,offline,jambi,Kota Jambi,,2027-02-01 08:00,2027-02-26 16:00,WIB,40,CPNS,,",
  "pengadaan,Bimtek Pengadaan Barang dan Jasa,LKPP,bimtek,30,M.8:2-3,online,,,,2027-04-05 08:00,2027-04-07 16:00,WIB,50,,ajukan,Bidang PKAP BKPSDM",
  "pkp,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi Jambi,pelatihan-struktural,190,M.2:2-3,offline,jambi,Kota Jambi,,2027-05-03 08:00,2027-05-28 16:00,WIB,30,,penunjukan,BKPSDM Kota Jambi",
  // Twenty more, so there are pages to turn.
  ...Array.from(
    { length: 20 },
    (_, i) =>
      `kelas-${i},Kelas Sintesis ${String(i).padStart(2, "0")},Balai Uji,seminar,4,M.1:1-2,online,,,,2027-06-${String(i + 1).padStart(2, "0")} 09:00,2027-06-${String(i + 1).padStart(2, "0")} 12:00,WIB,100,,,`,
  ),
].join("\n");

/** A registered person made directly in storage, reachable as telegram:<n>. */
async function person(n: number, over: Record<string, unknown> = {}) {
  const p = await ctx.repos.people.create({
    name: `Pegawai ${n}`,
    // TMT CPNS January 2010: a PNS of more than ten years, by the NIP alone.
    nip: "198703152010011003",
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    instansiId: "jambi",
    unitId: "jambi.dinkes",
    tier: "pelaksana",
    learningModes: ["klasikal"],
    onboardedAt: clock,
    ...over,
  });
  await ctx.repos.identities.bind({ id: `telegram:${n}`, channel: "telegram", personId: p._id, now: clock });
  return p;
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  const imported = await app.importCourses(CATALOG);
  expect(imported.ok).toBe(true);
  await person(1);
});

describe("/katalog without words", () => {
  it("says how to search, then the first page of everything the person may take, soonest first", async () => {
    const out = await cmd(tg(1), "katalog");
    expect(out).toHaveLength(1);
    const text = out[0]!.text;
    expect(text).toContain("Cari dengan mengetik kata setelah /katalog");
    // 26 courses, less Latsar (CPNS only): 25, six a page.
    expect(text).toContain("25 pelatihan bisa Anda ikuti.");
    expect(text).toContain("Halaman 1 dari 5");
    expect(text).toContain("1. Komunikasi Publik yang Efektif");
    expect(text).toContain("BPSDM Provinsi Jambi · Pelatihan manajerial · 24 JP");
    expect(text).toContain("📅 Senin, 8 Maret 2027 pukul 08.00 WIB · Kampus BPSDM, Kota Jambi");
    expect(text).toContain("2. Komunikasi Publik NTB");
    expect(text).not.toContain("Latsar");
    expect(text).not.toContain("Pelatihan Dasar CPNS");
    // Daftar only where the person can attend: Jambi yes, Mataram (another province) no.
    expect(labels(out)).toEqual([
      "1. Daftar",
      "1. Detail",
      "2. Detail",
      "3. Ajukan",
      "3. Detail",
      "4. Detail",
      "5. Daftar",
      "5. Detail",
      "6. Daftar",
      "6. Detail",
      "Berikutnya ▶",
    ]);
    expect(text).toContain("3. Bimtek Pengadaan Barang dan Jasa");
    expect(text).toContain("4. Pelatihan Kepemimpinan Pengawas");
    expect(text).toContain("Peserta pelatihan ini ditunjuk");
    expect(text).toContain("BKPSDM Kota Jambi");
  });

  it("turns the pages in place to the last, where self-paced courses come last", async () => {
    let out = await cmd(tg(1), "katalog");
    for (let page = 2; page <= 5; page++) {
      out = await press(tg(1), button(out, "Berikutnya"));
      expect(out[0]!.replacesPrompt).toBe(true);
      expect(out[0]!.text).toContain(`Halaman ${page} dari 5`);
      expect(out[0]!.text).not.toContain("Cari dengan mengetik");
    }
    expect(out[0]!.text).toContain("25. Manajemen Arsip Dinamis");
    expect(out[0]!.text).toContain("📅 Belajar mandiri, bisa dimulai kapan saja · Daring");
    expect(labels(out)).not.toContain("Berikutnya ▶");
    expect(labels(out)).toContain("25. Detail");
    out = await press(tg(1), button(out, "Sebelumnya"));
    expect(out[0]!.text).toContain("Halaman 4 dari 5");
  });

  it("answers a page past the end, or a forged one, clearly", async () => {
    const past = await press(tg(1), "kat|p|9");
    expect(past[0]!.text).toBe("Halaman 9 tidak ada: hasil pencarian ini hanya 5 halaman.");
    expect(labels(past)).toEqual(["Ke halaman 1", "Ke halaman 5"]);
    expect((await press(tg(1), button(past, "Ke halaman 5")))[0]!.text).toContain("Halaman 5 dari 5");
    expect(all(await press(tg(1), "kat|p|0"))).toContain("Halaman 0 tidak ada");
    for (const forged of ["kat|p|x", "kat|p|99999", "kat|p|1|<b>", "kat|p|1|a|b|c|d", "kat|q|1"])
      expect(all(await press(tg(1), forged)), forged).toContain(translator.t("id", "flow-button-expired"));
    // Whatever a well-formed button carries is read as a search, nothing more.
    expect(all(await press(tg(1), "kat|p|1|m.4:__proto__"))).toContain("Tidak ada pelatihan");
  });
});

describe("/katalog with words", () => {
  it.each<[string, string, string[]]>([
    ["arsip", '1 pelatihan ditemukan untuk kata "arsip"', ["Manajemen Arsip Dinamis"]],
    ["M.4", "1 pelatihan ditemukan untuk Orientasi pada Hasil (M.4)", ["Manajemen Arsip Dinamis"]],
    [
      "komunikasi",
      "2 pelatihan ditemukan untuk Komunikasi (M.3)",
      ["Komunikasi Publik yang Efektif", "Komunikasi Publik NTB"],
    ],
    ["e-learning", "1 pelatihan ditemukan untuk E-learning", ["Manajemen Arsip Dinamis"]],
    [
      "bimtek april",
      "1 pelatihan ditemukan untuk Bimbingan teknis · April",
      ["Bimtek Pengadaan Barang dan Jasa"],
    ],
    ["ntb maret", "1 pelatihan ditemukan untuk Maret · Nusa Tenggara Barat", ["Komunikasi Publik NTB"]],
    [
      "Sintesis juni 2027",
      '20 pelatihan ditemukan untuk Juni · 2027 · kata "sintesis"',
      ["Kelas Sintesis 00"],
    ],
  ])("/katalog %s", async (args, header, titles) => {
    const text = all(await cmd(tg(1), "katalog", args));
    expect(text.split("\n")[0]).toBe(header);
    for (const title of titles) expect(text).toContain(title);
  });

  it("keeps the search on its page buttons", async () => {
    const first = await cmd(tg(1), "katalog", "sintesis");
    expect(first[0]!.text).toContain("Halaman 1 dari 4");
    const next = await press(tg(1), button(first, "Berikutnya"));
    expect(next[0]!.text).toContain('20 pelatihan ditemukan untuk kata "sintesis"');
    expect(next[0]!.text).toContain("Halaman 2 dari 4");
    expect(next[0]!.text).toContain("7. Kelas Sintesis 06");
  });

  it("says when nothing matches, how it read the search, what it may have meant, and offers everything", async () => {
    const out = await cmd(tg(1), "katalog", "arisp");
    const text = out[0]!.text;
    expect(text).toContain('Tidak ada pelatihan yang bisa Anda ikuti untuk kata "arisp".');
    expect(text).toContain('Mungkin maksud Anda: kata "arsip"?');
    expect(text).toContain("Cari dengan mengetik kata");
    expect(labels(out)).toEqual(["🔎 Ya, cari itu", "📚 Lihat semua pelatihan"]);
    expect(all(await press(tg(1), button(out, "Ya, cari itu")))).toContain("Manajemen Arsip Dinamis");
    expect(all(await press(tg(1), button(out, "Lihat semua")))).toContain("25 pelatihan bisa Anda ikuti.");
    const nothing = await cmd(tg(1), "katalog", "xyzzy");
    expect(labels(nothing)).toEqual(["📚 Lihat semua pelatihan"]);
  });

  it("shows a long search's first page without page buttons, and says why", async () => {
    const long = await cmd(
      tg(1),
      "katalog",
      "kelas sintesis balai uji seminar juni 2027 nonklasikal klasikal ke",
    );
    expect(long[0]!.text).toContain("terlalu panjang");
    expect(labels(long)).not.toContain("Berikutnya ▶");
  });
});

describe("who sees what", () => {
  it("shows a CPNS-only course to a CPNS and never to a PNS of ten years", async () => {
    await person(2, { employment: "CPNS", nip: "199901012025031001" });
    expect(all(await cmd(tg(2), "katalog", "latsar"))).toContain("Pelatihan Dasar CPNS Angkatan I");
    expect(all(await cmd(tg(1), "katalog", "latsar"))).toContain("Tidak ada pelatihan");
    expect(all(await cmd(tg(1), "katalog", "cpns"))).toContain("Tidak ada pelatihan");
  });

  it("warns a PPPK on a card that would go past their JP ceiling", async () => {
    await person(3, { employment: "PPPK", nip: "199505052022212003", contractStart: "2026-03-01" });
    const text = all(await cmd(tg(3), "katalog", "pengadaan"));
    expect(text).toContain(
      "⚠️ Pelatihan ini 30 JP, melebihi sisa batas JP Anda (24 dari 24 JP per tahun kontrak)",
    );
    expect(all(await cmd(tg(3), "katalog", "arsip"))).not.toContain("⚠️");
  });

  it("enrols from a card's Daftar, and asks for a place from a card's Ajukan", async () => {
    const out = await cmd(tg(1), "katalog", "efektif");
    expect(all(await press(tg(1), button(out, "1. Daftar")))).toContain(
      'Daftar ke "Komunikasi Publik yang Efektif"?',
    );
    const request = await cmd(tg(1), "katalog", "pengadaan");
    expect(all(await press(tg(1), button(request, "1. Ajukan")))).toContain(
      'Pengajuan Anda untuk "Bimtek Pengadaan Barang dan Jasa"',
    );
  });

  it("speaks English to those who chose it", async () => {
    await person(4, { locale: "en" });
    const text = all(await cmd(tg(4), "katalog", "komunikasi maret"));
    expect(text).toContain("2 courses found for Communication (M.3) · March");
    expect(text).toContain("Page 1 of 1");
  });
});
