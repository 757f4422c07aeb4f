import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const { cmd, text, all, csvFile, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

// Indonesian headers and semicolons, as a spreadsheet in Indonesia saves them.
const UNITS = [
  "kode;nama;induk;wilayah",
  "mataram;Pemerintah Kota Mataram;;nusa-tenggara-barat",
  "mataram.bkpsdm;Badan Kepegawaian dan Pengembangan SDM;mataram;",
  "mataram.bkpsdm.bangkom;Bidang Pengembangan Kompetensi;mataram.bkpsdm;",
  "jambi.dinkes.farmasi;Bidang Kefarmasian;jambi.dinkes;",
].join("\n");

const PEOPLE = [
  "nip,nama,unit,jabatan,tier",
  "198203142008012005,Sri Wahyuni,jambi.dinkes.yankes,kepala-seksi,",
  "199001012015031004,Lalu Hamzan,mataram.bkpsdm.bangkom,,pelaksana",
].join("\n");

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), adminIds: ["telegram:1"] });
  await seedDemoIfEmpty(app.repos, app.seedFile);
});

describe("importing the org tree", () => {
  it("imports units with their paths, and a second import of the same file changes nothing", async () => {
    // Kota Mataram and its BKPSDM are in the demo tree already: the city as it is, the BKPSDM renamed.
    expect(await app.orgImport.units(UNITS, OPERATOR)).toEqual({
      ok: true,
      created: 2,
      updated: 1,
      unchanged: 1,
    });
    expect((await ctx.repos.orgUnits.get("mataram.bkpsdm"))!.name).toBe(
      "Badan Kepegawaian dan Pengembangan SDM",
    );
    const bangkom = await ctx.repos.orgUnits.get("mataram.bkpsdm.bangkom");
    expect(bangkom).toMatchObject({
      kind: "unit",
      instansiId: "mataram",
      path: ["mataram", "mataram.bkpsdm"],
    });
    expect(await ctx.repos.orgUnits.get("jambi.dinkes.farmasi")).toMatchObject({
      path: ["jambi", "jambi.dinkes"],
      instansiId: "jambi",
    });
    expect(await app.orgImport.units(UNITS, OPERATOR)).toEqual({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 4,
    });
  });

  it("keeps the Slack channels a unit's coordinators may post to, until a file with the column changes them", async () => {
    const withChannels = [
      "kode;nama;induk;kanal slack",
      "mataram.bkpsdm.bangkom;Bidang Pengembangan Kompetensi;mataram.bkpsdm;c0bangkom g0rahasia",
    ].join("\n");
    expect(await app.orgImport.units(withChannels, OPERATOR)).toMatchObject({ ok: true, updated: 1 });
    expect((await ctx.repos.orgUnits.get("mataram.bkpsdm.bangkom"))!.slackChannels).toEqual([
      "C0BANGKOM",
      "G0RAHASIA",
    ]);
    // The same units from a file without the column: nothing changes, the channels stay.
    expect(await app.orgImport.units(UNITS, OPERATOR)).toMatchObject({ ok: true, updated: 0 });
    expect((await ctx.repos.orgUnits.get("mataram.bkpsdm.bangkom"))!.slackChannels).toEqual([
      "C0BANGKOM",
      "G0RAHASIA",
    ]);
    const wrong = await app.orgImport.units(withChannels.replace("c0bangkom", "#pengumuman"), OPERATOR);
    expect(wrong.ok ? [] : wrong.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:slack:import-slack-channel",
    ]);
  });

  it("names every bad row and column and imports nothing", async () => {
    const bad = [
      "id,name,parent,region",
      "lombok,Pemerintah Kabupaten Lombok Barat,,atlantis",
      "lombok.a,Unit A,lombok.b,",
      "lombok.b,Unit B,lombok.a,",
      "Lombok Timur!,Unit C,,",
      "lombok.c,Unit C,tidak-ada,",
    ].join("\n");
    const result = await app.orgImport.units(bad, OPERATOR);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:region:import-region",
      "5:id:import-unit-id",
      "3:parent:import-parent-loop",
      "4:parent:import-parent-loop",
      "6:parent:import-unknown-parent",
    ]);
    expect(await ctx.repos.orgUnits.get("lombok")).toBeNull();
  });
});

describe("importing people", () => {
  it("creates people who are not registered yet, and a re-import changes nothing", async () => {
    expect(await app.orgImport.people(PEOPLE, OPERATOR)).toMatchObject({
      ok: true,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    const sri = await ctx.repos.people.get((await ctx.repos.nipClaims.ownerOf("198203142008012005"))!);
    expect(sri).toMatchObject({ name: "Sri Wahyuni", unitId: "jambi.dinkes.yankes", instansiId: "jambi" });
    expect(sri!.onboardedAt).toBeUndefined();
    expect(await app.orgImport.people(PEOPLE, OPERATOR)).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it("checks every NIP as onboarding does and names the unknown unit, importing nothing", async () => {
    const bad = [
      "nip,nama,unit",
      "198203142008012099,Dua Kali,jambi.dinkes.yankes",
      "198203142008012099,Dua Kali Lagi,jambi.dinkes.yankes",
      "19820314200801200,Kurang Satu,jambi.dinkes.yankes",
      "198503012010011007,Salah Unit,mataram.tidak-ada",
    ].join("\n");
    const result = await app.orgImport.people(bad, OPERATOR);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "3:nip:import-duplicate-nip",
      "4:nip:nip-error-wrong-length",
      "5:unit:import-unknown-unit",
    ]);
    expect(await ctx.repos.nipClaims.ownerOf("198203142008012099")).toBeNull();
  });

  it("joins an imported employee to the chat account that registers with their NIP, and only that one", async () => {
    const imported = (await ctx.repos.nipClaims.ownerOf("198203142008012005"))!;
    await onboard(tg(7), "Sri Wahyuni", "198203142008012005");
    expect((await ctx.repos.identities.get("telegram:7"))!.personId).toBe(imported);
    expect((await ctx.repos.people.get(imported))!.onboardedAt).toBeDefined();
    // Someone else typing the same NIP afterwards is asked for a code as for any NIP, and the used
    // code (or any other) no longer opens the record.
    await cmd(tg(8), "start");
    await text(tg(8), "ya");
    await text(tg(8), "Orang Lain");
    expect(all(await text(tg(8), "198203142008012005"))).toContain("kode aktivasi");
    await text(tg(8), "ya");
    expect(all(await text(tg(8), "ABCDE-FGH23"))).toContain("tidak cocok");
    expect((await ctx.repos.identities.get("telegram:8"))?.personId).toBeUndefined();
  });

  it("takes the same files through /impor, recognising each kind by its header", async () => {
    app.files.register("telegram", async () => new TextEncoder().encode(UNITS));
    await cmd(tg(1), "impor");
    const said = all(await csvFile(tg(1), "unit.csv", 300));
    expect(said).toContain("0 unit baru, 0 diperbarui, 4 tidak berubah");
  });

  it("takes jabatan with their SKJ through /impor too, and people referring to them by code with a status", async () => {
    const jabatan = [
      "kode jabatan;nama jabatan;jenjang;M.1;M.2;M.3;M.4;M.5;M.6;M.7;M.8;SK.1",
      "JFK-AHLI-PERTAMA;Apoteker Ahli Pertama;ahli pertama;2;2;3;2;3;2;2;2;2",
    ].join("\n");
    app.files.register("telegram", async () => new TextEncoder().encode(jabatan));
    await cmd(tg(1), "impor");
    const said = all(await csvFile(tg(1), "jabatan.csv", 200));
    expect(said).toContain("1 jabatan baru, 0 diperbarui, 0 tidak berubah");
    expect(await ctx.repos.jabatan.get("jfk-ahli-pertama")).toMatchObject({
      tier: "fungsional-ahli-pertama",
      kind: "fungsional",
      standardSource: "skj",
    });
    const people = [
      "NIP;Nama;Unit Kerja;Kode Jabatan;Status",
      "198503012010011007;Wayan Sudarma;jambi.dinkes.farmasi;JFK-AHLI-PERTAMA;CPNS",
    ].join("\n");
    expect(await app.orgImport.people(people, OPERATOR)).toMatchObject({
      ok: true,
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const wayan = await ctx.repos.people.get((await ctx.repos.nipClaims.ownerOf("198503012010011007"))!);
    expect(wayan).toMatchObject({
      jabatanId: "jfk-ahli-pertama",
      tier: "fungsional-ahli-pertama",
      employment: "CPNS",
    });
    const wrong = await app.orgImport.people(people.replace("CPNS", "honorer"), OPERATOR);
    expect(!wrong.ok && wrong.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:status:import-one-of",
    ]);
  });

  // Two PPPK NIPs (digit 13 is 2, appointed 2022) and a PNS one.
  const AYU = "199505052022212003";
  const BAYU = "199406062022211004";
  const STATUS_PEOPLE = [
    "nip;nama;unit;status kepegawaian;mulai kontrak",
    `${AYU};Ayu Lestari;mataram.bkpsdm.bangkom;;2025-03-01`,
    `${BAYU};Bayu Pratama;mataram.bkpsdm.bangkom;PPPK;`,
  ].join("\n");
  const personByNip = async (nip: string) => ctx.repos.people.get((await ctx.repos.nipClaims.ownerOf(nip))!);

  it("stores a PPPK's status and contract start, PPPK from the NIP when the status is empty, and a re-import writes nothing", async () => {
    expect(await app.orgImport.people(STATUS_PEOPLE, OPERATOR)).toMatchObject({
      ok: true,
      created: 2,
      updated: 0,
      unchanged: 0,
    });
    expect(await personByNip(AYU)).toMatchObject({
      employment: "PPPK",
      employmentSource: "nip",
      contractStart: "2025-03-01",
    });
    const bayu = await personByNip(BAYU);
    expect(bayu).toMatchObject({ employment: "PPPK", employmentSource: "import" });
    expect(bayu!.contractStart).toBeUndefined();
    expect(await app.orgImport.people(STATUS_PEOPLE, OPERATOR)).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
  });

  it("lets a status read from the NIP fill a gap, never replace a status already stored", async () => {
    const ayu = (await ctx.repos.nipClaims.ownerOf(AYU))!;
    await ctx.repos.people.update(ayu, { employmentSource: "import" }); // as if an earlier file had said PPPK
    expect(await app.orgImport.people(STATUS_PEOPLE, OPERATOR)).toMatchObject({
      ok: true,
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    expect(await personByNip(AYU)).toMatchObject({ employment: "PPPK", employmentSource: "import" });
  });

  it("refuses a status that contradicts the NIP and a contract start for a non-PPPK, in Indonesian, writing nothing", async () => {
    const bad = [
      "NIP;Nama;Unit Kerja;Status;TMT Kontrak",
      `${AYU};Ayu Lestari;mataram.bkpsdm.bangkom;PNS;01/04/2026`,
      "198503012010011007;Wayan Sudarma;jambi.dinkes.farmasi;CPNS;01/04/2026",
      `${BAYU};Bayu Pratama;mataram.bkpsdm.bangkom;PPPK;31/02/2026`,
    ].join("\n");
    app.files.register("telegram", async () => new TextEncoder().encode(bad));
    await cmd(tg(1), "impor");
    const said = all(await csvFile(tg(1), "pegawai.csv", 300));
    // Row 2's contract start is not questioned: once its status says PPPK, it belongs there.
    expect(said).toContain("tidak diimpor karena ada 3 masalah");
    expect(said).toContain(
      "Baris 2, kolom status: NIP ini adalah NIP PPPK (angka ke-13 bernilai 2), jadi statusnya harus PPPK",
    );
    expect(said).toContain("Baris 3, kolom contract_start: mulai kontrak hanya diisi untuk PPPK");
    expect(said).toContain("Baris 4, kolom contract_start: tulis tanggal sebagai TTTT-BB-HH");
    expect(await personByNip(AYU)).toMatchObject({ employment: "PPPK", contractStart: "2025-03-01" });
    expect((await personByNip(BAYU))!.contractStart).toBeUndefined();
    expect((await personByNip("198503012010011007"))!.employment).toBe("CPNS");
  });
});

describe("importing direct supervisors (nip_atasan)", () => {
  const KASI = "197805052005011002";
  const STAF = "199204042019032011";
  const STAF2 = "199306062020121003";
  const personByNip = async (nip: string) => ctx.repos.people.get((await ctx.repos.nipClaims.ownerOf(nip))!);
  const nipAtasanOf = async (nip: string) => (await personByNip(nip))!.atasanNip;

  it("resolves an atasan later in the same file, keeps one from a later file and tells the admin by row", async () => {
    // The staff row comes before its atasan's row: one file is one import, in any order.
    const sameFile = [
      "NIP;Nama;Unit Kerja;NIP Atasan",
      `${STAF};Rina Oktaviani;jambi.dinkes.farmasi;${KASI}`,
      `${KASI};Hendra Gunawan;jambi.dinkes.farmasi;`,
    ].join("\n");
    const first = await app.orgImport.people(sameFile, OPERATOR);
    expect(first).toMatchObject({ ok: true, created: 2, unknownAtasan: [] });
    expect(await nipAtasanOf(STAF)).toBe(KASI);
    expect(await nipAtasanOf(KASI)).toBeUndefined();

    // An atasan nobody holds yet: kept and named by row, and holds once a later file imports them.
    const before = [
      "nip,nama,unit,nip_atasan",
      `${STAF2},Yudi Pranata,jambi.dinkes.farmasi,199011112015031005`,
    ];
    const second = await app.orgImport.people(before.join("\n"), OPERATOR);
    expect(second).toMatchObject({
      ok: true,
      created: 1,
      unknownAtasan: [{ row: 2, nip: "199011112015031005" }],
    });
    expect(await nipAtasanOf(STAF2)).toBe("199011112015031005");
    const later = ["nip,nama,unit", "199011112015031005,Bambang Sutrisno,jambi.dinkes.farmasi"].join("\n");
    expect(await app.orgImport.people(later, OPERATOR)).toMatchObject({ ok: true, unknownAtasan: [] });
    const atasan = await personByNip("199011112015031005");
    const reports = await ctx.repos.people.listByAtasanNip(atasan!.nip!);
    expect(reports.map((p) => p.name)).toEqual(["Yudi Pranata"]);

    // The same file again writes nothing; an empty cell removes the relation; no column leaves it.
    expect(await app.orgImport.people(sameFile, OPERATOR)).toMatchObject({ ok: true, updated: 0 });
    const cleared = ["nip;nama;unit;nip_atasan", `${STAF};Rina Oktaviani;jambi.dinkes.farmasi;`].join("\n");
    expect(await app.orgImport.people(cleared, OPERATOR)).toMatchObject({ ok: true, updated: 1 });
    expect(await nipAtasanOf(STAF)).toBeUndefined();
    expect(await nipAtasanOf(STAF2)).toBe("199011112015031005");
  });

  it("refuses a malformed atasan NIP and a person as their own atasan, by row, importing nothing", async () => {
    const bad = [
      "nip,nama,unit,nip_atasan",
      `${STAF},Rina Oktaviani,jambi.dinkes.farmasi,12345`,
      `${KASI},Hendra Gunawan,jambi.dinkes.farmasi,${KASI}`,
    ].join("\n");
    app.files.register("telegram", async () => new TextEncoder().encode(bad));
    await cmd(tg(1), "impor");
    const said = all(await csvFile(tg(1), "pegawai.csv", 200));
    expect(said).toContain("Baris 2, kolom nip_atasan: NIP atasan tidak sah");
    expect(said).toContain("Baris 3, kolom nip_atasan: NIP atasan sama dengan NIP pegawai itu sendiri");
    expect(await nipAtasanOf(STAF)).toBeUndefined();
    expect(await nipAtasanOf(KASI)).toBeUndefined();
  });

  it("says through /impor which atasan NIPs are not known yet", async () => {
    const file = [
      "nip,nama,unit,atasan",
      `${STAF},Rina Oktaviani,jambi.dinkes.farmasi,198001012006041009`,
    ].join("\n");
    app.files.register("telegram", async () => new TextEncoder().encode(file));
    await cmd(tg(1), "impor");
    const said = all(await csvFile(tg(1), "pegawai.csv", 200));
    expect(said).toContain("1 NIP atasan (baris 2) belum dikenal Pandu");
    expect(await nipAtasanOf(STAF)).toBe("198001012006041009");
  });
});
