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
  it("finds the jabatan by code in any case and stores the status", () => {
    const r = parsePeopleCsv(
      "NIP;Nama;Unit Kerja;Kode Jabatan;Status Kepegawaian\n198203142008012005;Sri Wahyuni;jambi.dinkes;AK-MUDA;pppk",
      {
        units: new Map([["jambi.dinkes", { instansiId: "jambi" }]]),
        jabatan: new Map([["ak-muda", { tier: "fungsional-ahli-muda" }]]),
        tiers: new Set(["fungsional-ahli-muda"]),
        regionIds: new Set(),
        today: new Date("2026-12-04T00:00:00Z"),
      },
    );
    expect(r.ok && r.people[0]).toMatchObject({
      jabatanId: "ak-muda",
      tier: "fungsional-ahli-muda",
      employment: "PPPK",
    });
  });
});
