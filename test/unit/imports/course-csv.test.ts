import { describe, expect, it } from "vitest";
import { parseCourseCsv } from "../../../src/imports/course-csv.js";

const context = {
  competencyCodes: new Set(["M.1", "M.2", "M.3", "SK.1", "T.PK.1"]),
  regionIds: new Set(["jambi", "dki-jakarta", "nusa-tenggara-barat"]),
};
const HEADER = "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota";

describe("reading a course CSV", () => {
  it("reads one row per session and a self-paced course without sessions", () => {
    const csv = [
      HEADER,
      'pkp-jambi,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi Jambi,pelatihan-struktural,190,"M.2:2-3; M.3:2",offline,jambi,Kota Jambi,,2027-02-08 08:00,2027-02-19 16:00,WIB,30',
      'pkp-jambi,Pelatihan Kepemimpinan Pengawas,BPSDM Provinsi Jambi,pelatihan-struktural,190,"M.2:2-3; M.3:2",offline,jambi,Kota Jambi,,2027-05-03 08:00,2027-05-14 16:00,WIB,25',
      "literasi-digital,Literasi Digital,ASN Unggul,e-learning,6,M.3:1-2,online,,,https://asn.example.id/ld,,,,",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.courses.map((c) => [c.id, c.sessions.length])).toEqual([
      ["pkp-jambi", 2],
      ["literasi-digital", 0],
    ]);
    expect(r.courses[0]!.competencies).toEqual([
      { code: "M.2", from: 2, to: 3 },
      { code: "M.3", from: 2, to: 2 },
    ]);
    expect(r.courses[0]!.sessions[0]!.timeZone).toBe("Asia/Jakarta");
  });

  it("reads who may take a course and how one gets in, in Indonesian words", () => {
    const csv = [
      "id;judul;penyelenggara;metode;jp;kompetensi;moda;wilayah;status_kepegawaian;jenjang;jenis_jabatan;masa_kerja_min;pendaftaran;narahubung",
      "latsar-2027;Latsar CPNS;BPSDM Provinsi Jambi;pelatihan-dasar;204;M.1:1-2;offline;jambi;CPNS;;;;daftar;BKPSDM",
      'pkp-2027;PKP;BPSDM Provinsi Jambi;pelatihan-struktural;190;M.2:2-3;offline;jambi;PNS;pengawas;struktural;;penunjukan;"BKPSDM, bidang PKAP"',
      "proyek;Manajemen Proyek;Pusdiklat;pelatihan-teknis;32;M.3:2-3;online;;PNS | PPPK;;;2;ajukan;",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.courses.map((c) => [c.id, c.admission, c.eligibility, c.contact])).toEqual([
      ["latsar-2027", "open", { statuses: ["CPNS"] }, "BKPSDM"],
      [
        "pkp-2027",
        "nomination",
        { statuses: ["PNS"], tiers: ["pengawas"], jabatanKinds: ["struktural"] },
        "BKPSDM, bidang PKAP",
      ],
      ["proyek", "request", { statuses: ["PNS", "PPPK"], minServiceYears: 2 }, undefined],
    ]);
  });

  it("reads the instansi that runs a course (instansi_penyelenggara), and refuses an unreadable one", () => {
    const csv = [
      "id;judul;penyelenggara;instansi_penyelenggara;metode;jp;kompetensi;moda",
      "ok-course;Kursus Baik;BKPSDM Kota Mataram;Mataram;seminar;2;M.1:1;online",
      "bad-course;Kursus Buruk;BKPSDM;Kota Mataram!;seminar;2;M.1:1;online",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "3:provider_instansi:import-instansi-format",
    ]);
    const good = parseCourseCsv(csv.split("\n").slice(0, 2).join("\n"), context);
    expect(good.ok && good.courses[0]!.providerInstansi).toBe("mataram");
  });

  it("names a wrong status, tier, jabatan kind or admission with the options", () => {
    const csv = [
      "id,title,provider,method,jp,competencies,mode,status,tiers,jabatan_kinds,admission",
      "a-course,Kursus A,LAN,seminar,2,M.1:1,online,honorer,,,",
      "b-course,Kursus B,LAN,seminar,2,M.1:1,online,,kepala-dinas,,",
      "c-course,Kursus C,LAN,seminar,2,M.1:1,online,,,eselon,undian",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(!r.ok && r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:status:import-one-of",
      "3:tiers:import-one-of",
      "4:admission:import-one-of",
      "4:jabatan_kinds:import-one-of",
    ]);
  });

  it("accepts Indonesian headers, semicolons and a decimal comma", () => {
    const csv = [
      "id;judul;penyelenggara;metode;jp;kompetensi;moda;wilayah;lokasi;tautan;mulai;selesai;zona;kuota",
      "webinar-etika;Webinar Etika ASN;KPK;seminar;2,5;M.1:1-2;online;;;;2027-01-20 09:00;2027-01-20 11:00;WITA;500",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok && r.courses[0]!.jp).toBe(2.5);
    expect(r.ok && r.courses[0]!.sessions[0]!.timeZone).toBe("Asia/Makassar");
  });

  it("names every bad row and column and returns no course at all", () => {
    const csv = [
      HEADER,
      "Bad Id,Ok title,Prov,pelatihan-teknis,10,M.1:1-2,online,,,,,,,",
      "ok-1,,Prov,klasikal,abc,M.9:1,offline,,,,,,,",
      "ok-2,Judul,Prov,workshop,8,M.1:3-1,offline,atlantis,,,2027-13-01 08:00,2027-01-01 08:00,GMT,0",
      "ok-3,Judul,Prov,workshop,8,M.1,online,,,not a url,2027-03-01 08:00,2027-03-01 07:00,WIB,10",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const found = r.problems.map((p) => `${p.row}:${p.column}:${p.key}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "2:id:import-id-format",
        "3:title:import-required",
        "3:method:import-one-of",
        "3:jp:import-invalid",
        "3:competencies:import-unknown-competency",
        "3:region:import-region-required",
        "4:region:import-region",
        "4:competencies:import-competency-format",
        "4:timezone:import-timezone",
        "4:quota:import-too-small",
        "5:competencies:import-competency-format",
        "5:url:import-invalid",
        "5:end:import-end-before-start",
      ]),
    );
    // Rows are reported in file order.
    expect(r.problems.map((p) => p.row)).toEqual([...r.problems.map((p) => p.row)].sort((a, b) => a - b));
  });

  it("reports missing and unknown columns before reading rows", () => {
    const r = parseCourseCsv("id,title,warna\nx,y,z", context);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual(
      expect.arrayContaining(["1:provider:import-missing-column", "1:warna:import-unknown-column-of"]),
    );
  });

  it("catches two rows of one course that disagree, and a session listed twice", () => {
    const csv = [
      HEADER,
      "kursus-a,Kursus A,Prov,kursus,8,M.1:1,online,,,,2027-03-01 08:00,2027-03-01 16:00,WIB,10",
      "kursus-a,Kursus A berbeda,Prov,kursus,8,M.1:1,online,,,,2027-03-01 08:00,2027-03-01 16:00,WIB,10",
    ].join("\n");
    const r = parseCourseCsv(csv, context);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "3:start:import-duplicate-session",
      "3:title:import-differs",
    ]);
  });

  it("says a file with only a header has no data", () => {
    const r = parseCourseCsv(`${HEADER}\n`, context);
    expect(r.ok ? [] : r.problems.map((p) => p.key)).toEqual(["import-empty"]);
  });
});
