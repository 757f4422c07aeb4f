import { describe, expect, it } from "vitest";
import { activationCodesCsv } from "../../../src/services/activation.js";
import { codeMatches, hashCode, newOneTimeCode, normalizeCode } from "../../../src/services/one-time-code.js";

describe("activation codes", () => {
  it("are kept as hashes that match the code however it is typed, and nothing else", () => {
    const code = newOneTimeCode();
    const stored = hashCode(code);
    expect(stored).not.toContain(code);
    const typed = `${code.slice(0, 5).toLowerCase()} - ${code.slice(5)}`;
    expect(codeMatches(normalizeCode(typed)!, stored)).toBe(true);
    expect(codeMatches(newOneTimeCode(), stored)).toBe(false);
    expect(codeMatches(code, "not-a-hash")).toBe(false);
  });

  const issued = [
    { personId: "p1", nip: "198203142008012005", name: "Sri Wahyuni", unitId: "u2", code: "ABCDEFGHJK" },
    { personId: "p2", nip: "199001012015031004", name: "Bayu, S.Kom", unitId: "u1", code: "MNPQRSTWXY" },
    { personId: "p3", nip: "198507172010012003", name: "Ani", unitId: "u2", code: "2345678923" },
  ];
  const units = new Map([
    ["u1", "Bidang A"],
    ["u2", "Bidang B"],
  ]);

  it("are handed out as a CSV sorted by unit then name, with the code in two halves, for an Indonesian spreadsheet", () => {
    const csv = activationCodesCsv(issued, units, "id");
    // A byte order mark for Excel, then ";" between fields as Indonesian regional settings expect.
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv.slice(1).trim().split("\n")).toEqual([
      "unit_kerja;nip;nama;kode_aktivasi",
      "Bidang A;199001012015031004;Bayu, S.Kom;MNPQR-STWXY",
      "Bidang B;198507172010012003;Ani;23456-78923",
      "Bidang B;198203142008012005;Sri Wahyuni;ABCDE-FGHJK",
    ]);
  });

  it("are separated by commas for an admin writing in English", () => {
    const csv = activationCodesCsv(issued, units, "en");
    expect(csv.slice(1).trim().split("\n")[1]).toBe('Bidang A,199001012015031004,"Bayu, S.Kom",MNPQR-STWXY');
  });
});
