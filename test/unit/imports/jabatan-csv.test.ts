import { describe, expect, it } from "vitest";
import { parseJabatanCsv, parseTeknisCsv, tierOf } from "../../../src/imports/jabatan-csv.js";
import { csvKind, parsePeopleCsv } from "../../../src/imports/org-csv.js";

const STANDARD = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const ctx = {
  standardCodes: STANDARD,
  teknisCodes: new Set(["T.AK.1", "T.AK.2"]),
  instansiIds: new Set(["jambi"]),
};
const HEADER = "kode;nama;jenis;jenjang;rumpun;instansi;skj;M.1;M.2;M.3;M.4;M.5;M.6;M.7;M.8;SK.1;teknis";

describe("reading a jabatan CSV", () => {
  it("reads an SKJ row and a row without levels, with Indonesian headers and semicolons", () => {
    const csv = [
      HEADER,
      'AK-MUDA;Analis Kebijakan Ahli Muda;fungsional;Ahli Muda;Analis Kebijakan;jambi;SK Kepala BKPSDM 12/2026;3;3;4;3;2;3;3;3;3;"T.AK.1:3; T.AK.2:2"',
      "kasubbag;Kepala Subbagian Umum;;pengawas;;;;;;;;;;;;;",
    ].join("\n");
    const r = parseJabatanCsv(csv, ctx);
    expect(r).toEqual({
      ok: true,
      jabatan: [
        {
          row: 2,
          _id: "ak-muda",
          name: "Analis Kebijakan Ahli Muda",
          tier: "fungsional-ahli-muda",
          kind: "fungsional",
          family: "analis-kebijakan",
          instansiId: "jambi",
          standard: [
            { competency: "M.1", level: 3 },
            { competency: "M.2", level: 3 },
            { competency: "M.3", level: 4 },
            { competency: "M.4", level: 3 },
            { competency: "M.5", level: 2 },
            { competency: "M.6", level: 3 },
            { competency: "M.7", level: 3 },
            { competency: "M.8", level: 3 },
            { competency: "SK.1", level: 3 },
            { competency: "T.AK.1", level: 3 },
            { competency: "T.AK.2", level: 2 },
          ],
          standardSource: "skj",
          standardRef: "SK Kepala BKPSDM 12/2026",
        },
        {
          row: 3,
          _id: "kasubbag",
          name: "Kepala Subbagian Umum",
          tier: "pengawas",
          kind: "struktural",
          standard: [],
          standardSource: "default",
        },
      ],
    });
  });

  it("takes a jabatan list without competency columns as jabatan on tier defaults", () => {
    const r = parseJabatanCsv("kode_jabatan,nama_jabatan,jenjang\nstaf,Staf Umum,pelaksana", ctx);
    expect(r.ok && r.jabatan[0]).toMatchObject({ _id: "staf", kind: "pelaksana", standardSource: "default" });
  });

  it("names every bad cell: level, incomplete SKJ, kind against tier, unknown teknis and instansi", () => {
    const csv = [
      HEADER,
      "a;Jabatan A;struktural;ahli muda;;atlantis;;6;3;3;3;3;3;3;3;;T.ZZ.1:2",
      "a;Jabatan A lagi;;pelaksana;;;;;;;;;;;;;T.AK.1=9",
    ].join("\n");
    const r = parseJabatanCsv(csv, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:instansi:import-unknown-instansi",
      "2:kind:import-kind-tier",
      "2:M.1:import-level",
      "2:SK.1:import-skj-incomplete",
      "2:teknis:import-unknown-competency",
      "3:code:import-duplicate-id",
      "3:teknis:import-teknis-format",
    ]);
  });

  it("wants the nine standard columns together, and names a competency the catalog lacks", () => {
    const r = parseJabatanCsv("kode;nama;jenjang;M.1;M.9\nx;Jabatan X;pelaksana;1;1", ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => `${p.column}:${p.key}`)).toEqual(["M.9:import-unknown-competency"]);
    const missing = parseJabatanCsv("kode;nama;jenjang;M.1\nx;Jabatan X;pelaksana;1", ctx);
    expect(!missing.ok && missing.problems.map((p) => p.column)).toEqual(STANDARD.slice(1));
  });

  it("reads tiers as people write them", () => {
    expect(tierOf("JPT Pratama")).toBe("jpt-pratama");
    expect(tierOf("Ahli Pertama")).toBe("fungsional-ahli-pertama");
    expect(tierOf("fungsional_terampil")).toBe("fungsional-terampil");
    expect(tierOf("Kepala")).toBeUndefined();
  });
});

describe("reading a teknis competency CSV", () => {
  const header = "Kode;Nama;Level 1;Level 2;Level 3;Level 4;Level 5";
  it("reads codes, names and level texts; English falls back to Indonesian", () => {
    const r = parseTeknisCsv(`${header}\nt.keu.1;Pengelolaan Keuangan;a;b;c;d;e`, {
      catalogCodes: new Set(),
    });
    expect(r).toEqual({
      ok: true,
      competencies: [
        {
          _id: "T.KEU.1",
          name: { id: "Pengelolaan Keuangan", en: "Pengelolaan Keuangan" },
          levels: ["a", "b", "c", "d", "e"].map((s) => ({ id: s, en: s })),
        },
      ],
    });
  });

  it("refuses a bad code, a code of the catalog and an empty level", () => {
    const r = parseTeknisCsv(
      `${header}\nM.1;Integritas lagi;a;b;c;d;e\nT.AK.1;Sama;a;b;c;d;e\nT.X.1;X;a;b;;d;e`,
      {
        catalogCodes: new Set(["T.AK.1"]),
      },
    );
    expect(!r.ok && r.problems.map((p) => `${p.row}:${p.column}:${p.key}`)).toEqual([
      "2:code:import-teknis-code",
      "3:code:import-teknis-in-catalog",
      "4:level_3:import-required",
    ]);
  });
});

describe("recognising a CSV by its header row", () => {
  it("tells teknis competencies and jabatan from units, people and courses", () => {
    expect(csvKind("Kode;Nama;Level 1;Level 2;Level 3;Level 4;Level 5\n")).toBe("teknis");
    expect(csvKind(`${HEADER}\n`)).toBe("jabatan");
    expect(csvKind("kode_jabatan,nama,jenjang\n")).toBe("jabatan");
    expect(csvKind("NIP;Nama;Unit Kerja;Kode Jabatan;Jenjang\n")).toBe("people");
    expect(csvKind("kode;nama;induk\n")).toBe("units");
    expect(csvKind("id,title,provider,method,jp,competencies,mode\n")).toBe("courses");
  });
});

describe("reading people with jabatan codes and status kepegawaian", () => {
  const people = {
    units: new Map([["jambi.dinkes", { instansiId: "jambi" }]]),
    jabatan: new Map([["ak-muda", { tier: "fungsional-ahli-muda" }]]),
    tiers: new Set(["fungsional-ahli-muda"]),
    regionIds: new Set<string>(),
    today: new Date("2026-12-04T00:00:00Z"),
  };
  // A PPPK NIP (digit 13 is 2, appointed 2022) and a PNS NIP (TMT CPNS January 2008).
  const PPPK = "199505052022211003";
  const PNS = "198203142008012005";
  const problems = (csv: string) => {
    const r = parsePeopleCsv(csv, people);
    return r.ok
      ? []
      : r.problems.map((p) => `${p.row}:${p.column}:${p.key}${p.args ? JSON.stringify(p.args) : ""}`);
  };

  it("finds the jabatan by code in any case and stores the status", () => {
    const r = parsePeopleCsv(
      `NIP;Nama;Unit Kerja;Kode Jabatan;Status Kepegawaian\n${PPPK};Sri Wahyuni;jambi.dinkes;AK-MUDA;pppk`,
      people,
    );
    expect(r.ok && r.people[0]).toMatchObject({
      jabatanId: "ak-muda",
      tier: "fungsional-ahli-muda",
      employment: "PPPK",
      employmentSource: "import",
    });
  });

  it("reads a PPPK's contract start under any of its headers, in the date formats of a spreadsheet", () => {
    for (const [header, cell] of [
      ["Mulai Kontrak", "2025-03-01"],
      ["TMT Kontrak", "01/03/2025"],
      ["contract_start", "01-03-2025"],
      ["Tanggal Mulai Kontrak", "1/3/2025"],
    ]) {
      const r = parsePeopleCsv(
        `nip;nama;unit;status;${header}\n${PPPK};Ayu;jambi.dinkes;PPPK;${cell}`,
        people,
      );
      expect(r.ok && r.people[0], header).toMatchObject({ employment: "PPPK", contractStart: "2025-03-01" });
    }
  });

  it("reads PPPK from a PPPK NIP when the status is empty, and leaves a PNS NIP's empty status alone", () => {
    const r = parsePeopleCsv(
      `nip;nama;unit;status;mulai kontrak\n${PPPK};Ayu;jambi.dinkes;;17/06/2024\n${PNS};Sri;jambi.dinkes;;`,
      people,
    );
    expect(r.ok && r.people[0]).toMatchObject({
      employment: "PPPK",
      employmentSource: "nip",
      contractStart: "2024-06-17",
    });
    expect(r.ok && r.people[1]).not.toHaveProperty("employment");
    expect(r.ok && r.people[1]).not.toHaveProperty("contractStart");
  });

  it("reports every status that contradicts the NIP and every bad contract start, importing nothing", () => {
    const csv = [
      "nip;nama;unit;status;mulai_kontrak",
      `${PPPK};Status PNS untuk NIP PPPK;jambi.dinkes;PNS;`,
      `199505052022211008;Status CPNS untuk NIP PPPK;jambi.dinkes;CPNS;`,
      `${PNS};Status PPPK untuk NIP PNS;jambi.dinkes;PPPK;`,
      `198203142008012006;Kontrak untuk PNS;jambi.dinkes;PNS;2025-03-01`,
      `198203142008012007;Kontrak tanpa status;jambi.dinkes;;2025-03-01`,
      `198503222010122003;Tanggal tidak ada;jambi.dinkes;PPPK;31/04/2025`,
      `199505052022211004;Tanggal bulan saja;jambi.dinkes;PPPK;03/2025`,
      `199505052022211005;Tanggal masa depan;jambi.dinkes;;2027-01-01`,
      `199505052022211006;Sebelum pengangkatan;jambi.dinkes;PPPK;31/12/2021`,
      `199505052022211007;Status salah;jambi.dinkes;honorer;99/99/2025`,
    ].join("\n");
    expect(problems(csv)).toEqual([
      "2:status:import-status-nip-pppk",
      "3:status:import-status-nip-pppk",
      "4:status:import-status-nip-not-pppk",
      "5:contract_start:import-contract-start-not-pppk",
      "6:contract_start:import-contract-start-not-pppk",
      "7:status:import-status-nip-not-pppk",
      "7:contract_start:import-contract-start-format",
      "8:contract_start:import-contract-start-format",
      "9:contract_start:import-contract-start-future",
      '10:contract_start:import-contract-start-before-appointment{"year":"2022"}',
      '11:status:import-one-of{"options":"CPNS, PNS, PPPK"}',
      "11:contract_start:import-contract-start-format",
    ]);
  });
});
