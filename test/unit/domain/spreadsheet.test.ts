import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { csvDelimiter, spreadsheetCsvOptions } from "../../../src/domain/spreadsheet.js";

describe("CSV files for spreadsheets", () => {
  it("turns anything a spreadsheet would run as a formula into plain text, and leaves the rest", () => {
    const bad = ["=1+1", "+62 812", "-2+3", "@SUM(A1)", "\t=x", "\r=x", "＝1+1"];
    const good = ["Sri Wahyuni", "198203142008012005", "2026-11-25", "", "a=b"];
    const csv = stringify([[...bad, ...good]], spreadsheetCsvOptions(","));
    const [row] = parse(csv.slice(1), { relax_quotes: true }) as string[][];
    expect(row).toEqual([...bad.map((b) => `'${b}`), ...good]);
  });

  it("starts with a byte order mark and separates fields as the person's language expects", () => {
    expect(csvDelimiter("id")).toBe(";");
    expect(csvDelimiter("en")).toBe(",");
    const csv = stringify([["a", "1,5"]], spreadsheetCsvOptions(csvDelimiter("id")));
    expect(csv).toBe("\uFEFFa;1,5\n");
  });
});
