import { describe, expect, it } from "vitest";
import {
  formatNip,
  maskNip,
  NIP_PROBLEMS,
  type NipResult,
  nipDigits,
  parseNip,
} from "../../../src/domain/nip.js";

const TODAY = new Date("2026-11-24T03:00:00Z");
const problemOf = (input: string, today = TODAY): string | undefined => {
  const r: NipResult = parseNip(input, today);
  return r.ok ? undefined : r.problem;
};

describe("parseNip", () => {
  it("reads a valid PNS NIP", () => {
    expect(parseNip("196711101992031001", TODAY)).toEqual({
      ok: true,
      nip: {
        digits: "196711101992031001",
        kind: "pns",
        birthDate: "1967-11-10",
        appointment: "1992-03",
        gender: "pria",
        sequence: 1,
      },
    });
  });

  it("reads a valid PPPK NIP (digit 13 is 2)", () => {
    expect(parseNip("200012312024222015", TODAY)).toEqual({
      ok: true,
      nip: {
        digits: "200012312024222015",
        kind: "pppk",
        birthDate: "2000-12-31",
        appointment: "2024",
        intake: 2,
        gender: "wanita",
        sequence: 15,
      },
    });
  });

  it("accepts spaces (also non-breaking and tabs) between groups", () => {
    const r = parseNip(" 19671110 199203 1 001 ", TODAY);
    expect(r.ok && r.nip.digits).toBe("196711101992031001");
    expect(parseNip("19671110\u00a0199203\t1 001", TODAY).ok).toBe(true);
    expect(parseNip("20001231 2024 2 1 1 001", TODAY).ok).toBe(true);
  });

  it("refuses empty input", () => {
    expect(problemOf("")).toBe("empty");
    expect(problemOf("   ")).toBe("empty");
  });

  it("refuses letters and punctuation other than spaces", () => {
    expect(problemOf("19671110A99203100")).toBe("not-digits");
    expect(problemOf("19671110-199203-1-001")).toBe("not-digits");
    expect(problemOf("19671110.199203.1.001")).toBe("not-digits");
    // Checked before the length, so a short text with a letter says "digits only".
    expect(problemOf("12a")).toBe("not-digits");
  });

  it("refuses 17 and 19 digits, telling how many were given", () => {
    expect(parseNip("19671110199203100", TODAY)).toEqual({
      ok: false,
      problem: "wrong-length",
      detail: { count: 17 },
    });
    expect(parseNip("1967111019920310011", TODAY)).toEqual({
      ok: false,
      problem: "wrong-length",
      detail: { count: 19 },
    });
  });

  it("refuses birth dates that do not exist", () => {
    expect(problemOf("196702311992031001")).toBe("birth-date-invalid"); // 31 February
    expect(problemOf("196713011992031001")).toBe("birth-date-invalid"); // month 13
    expect(problemOf("196711001992031001")).toBe("birth-date-invalid"); // day 00
    expect(problemOf("199302291992031001")).toBe("birth-date-invalid"); // 1993 is no leap year
    expect(problemOf("189001011992031001")).toBe("birth-date-invalid"); // before 1900
  });

  it("accepts 29 February in a leap year", () => {
    expect(problemOf("197202291992031001")).toBeUndefined();
  });

  it("refuses a birth date in the future", () => {
    expect(problemOf("202612011992031001")).toBe("birth-date-invalid");
  });

  it("refuses a PNS TMT month outside 01–12", () => {
    expect(problemOf("196711101992131001")).toBe("tmt-invalid");
    expect(problemOf("196711101992001001")).toBe("tmt-invalid");
    // A digit 13 from 3 to 9 is neither a month nor the PPPK marker.
    expect(problemOf("196711101992531001")).toBe("tmt-invalid");
  });

  it("refuses a TMT before the 18th birthday, comparing year and month", () => {
    // Born June 1990: 18 in June 2008.
    expect(problemOf("199006152008051001")).toBe("tmt-before-18");
    expect(problemOf("199006152008061001")).toBeUndefined();
    // PPPK compares years: born 2000, appointed 2017 (age 17 at most).
    expect(problemOf("200001012017211001")).toBe("tmt-before-18");
    expect(problemOf("200001012018211001")).toBeUndefined();
  });

  it("refuses a TMT after today", () => {
    expect(problemOf("199006152026121001")).toBe("tmt-in-future");
    expect(problemOf("199006152026111001")).toBeUndefined();
    expect(problemOf("200001012027211001")).toBe("tmt-in-future");
  });

  it("judges 'today' by the latest date in Indonesia, so nobody is refused around midnight", () => {
    // 30 Nov 16:30 UTC is already 1 Dec 01:30 WIT.
    expect(problemOf("199006152026121001", new Date("2026-11-30T16:30:00Z"))).toBeUndefined();
  });

  it("refuses a gender digit other than 1 or 2", () => {
    expect(parseNip("196711101992033001", TODAY)).toEqual({
      ok: false,
      problem: "gender-digit",
      detail: { digit: "3" },
    });
    expect(problemOf("196711101992030001")).toBe("gender-digit");
  });

  it("refuses sequence 000", () => {
    expect(problemOf("196711101992031000")).toBe("sequence-zero");
    expect(problemOf("200012312024211000")).toBe("sequence-zero");
  });

  it("refuses PPPK intake 0", () => {
    expect(problemOf("200012312024201001")).toBe("pppk-intake");
  });

  it("checks in the documented order: birth date, appointment, gender, sequence", () => {
    // Everything wrong at once: the birth date is reported first.
    expect(problemOf("196702311992139000")).toBe("birth-date-invalid");
    expect(problemOf("196711101992139000")).toBe("tmt-invalid");
    expect(problemOf("196711101992039000")).toBe("gender-digit");
  });

  it("only ever reports the documented problem codes", () => {
    const inputs = ["", "x", "1", "196702311992031001", "196711101992131001", "196711101992033001"];
    for (const i of inputs) expect(NIP_PROBLEMS).toContain(problemOf(i));
  });
});

describe("maskNip", () => {
  it("keeps only the first 4 and last 3 digits", () => {
    expect(maskNip("196711101992031001")).toBe("1967***********001");
    expect(maskNip("19671110 199203 1 001")).toBe("1967***********001");
  });

  it("never reveals the middle: birth date, TMT, gender", () => {
    for (const nip of ["196711101992031001", "200012312024222015", "198503222010122003"]) {
      const masked = maskNip(nip);
      expect(masked).toHaveLength(18);
      expect(masked.slice(4, -3)).toMatch(/^\*{11}$/);
      expect(masked).not.toContain(nip.slice(4, 8));
      expect(masked).not.toContain(nip.slice(8, 14));
    }
  });

  it("hides a shorter value completely, since most of it would show", () => {
    expect(maskNip("0812345678")).toBe("**********");
    expect(maskNip("")).toBe("");
  });
});

describe("formatNip", () => {
  it("groups PNS and PPPK NIPs as printed", () => {
    expect(formatNip("196711101992031001")).toBe("19671110 199203 1 001");
    expect(formatNip("200012312024211001")).toBe("20001231 2024 2 1 1 001");
    expect(formatNip("19671110 1992031001")).toBe("19671110 199203 1 001");
  });

  it("leaves anything that is not 18 digits as it was", () => {
    expect(formatNip("12345")).toBe("12345");
  });
});

describe("a NIP typed to look someone up", () => {
  it("keeps the 18 digits of a NIP written with spaces, dots or dashes, and nothing else", () => {
    expect(nipDigits("19820314 200801 2 005")).toBe("198203142008012005");
    expect(nipDigits("19820314.200801.2.005")).toBe("198203142008012005");
    expect(nipDigits("19820314-200801-2-005")).toBe("198203142008012005");
    expect(nipDigits("1982031420080120")).toBeUndefined();
    expect(nipDigits("budi")).toBeUndefined();
  });
});
