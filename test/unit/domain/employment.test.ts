import { describe, expect, it } from "vitest";
import {
  appointmentYear,
  CPNS_CONFIRM_MONTHS,
  employmentFromNip,
  parseContractDate,
  parseContractMonth,
} from "../../../src/domain/employment.js";
import { parseNip } from "../../../src/domain/nip.js";

// 4 December 2026, 19:00 UTC: already 5 December in WIT, still 5 December 02:00 in WIB.
const TODAY = new Date("2026-12-04T19:00:00Z");
const nip = (digits: string) => {
  const r = parseNip(digits, TODAY);
  if (!r.ok) throw new Error(`test NIP ${digits} is not valid: ${r.problem}`);
  return r.nip;
};

describe("employmentFromNip", () => {
  it("reads PPPK from a PPPK NIP and asks for the contract start", () => {
    expect(employmentFromNip(nip("200012312024222015"), TODAY)).toEqual({
      status: "PPPK",
      ask: "contract-start",
    });
  });

  it("reads PNS from an old TMT CPNS and asks nothing", () => {
    expect(employmentFromNip(nip("196711101992031001"), TODAY)).toEqual({ status: "PNS", ask: null });
  });

  it(`asks whether someone is still CPNS when the TMT is less than ${CPNS_CONFIRM_MONTHS} months ago`, () => {
    // TMT June 2026: six months before December 2026.
    expect(employmentFromNip(nip("199801012026061001"), TODAY)).toEqual({
      status: "PNS",
      ask: "cpns-confirm",
    });
    // TMT January 2025: 23 months; December 2024: 24 months, no longer asked.
    expect(employmentFromNip(nip("199801012025011001"), TODAY).ask).toBe("cpns-confirm");
    expect(employmentFromNip(nip("199801012024121001"), TODAY).ask).toBeNull();
    // A TMT this month is zero months ago.
    expect(employmentFromNip(nip("199801012026121001"), TODAY).ask).toBe("cpns-confirm");
  });

  it("counts months on Indonesia's latest date, so the boundary moves with the month in WIT", () => {
    const endOfNovemberUtc = new Date("2026-11-30T16:00:00Z"); // already 1 December in WIT
    expect(employmentFromNip({ kind: "pns", appointment: "2024-12" }, endOfNovemberUtc).ask).toBeNull();
    expect(
      employmentFromNip({ kind: "pns", appointment: "2024-12" }, new Date("2026-11-30T12:00:00Z")).ask,
    ).toBe("cpns-confirm");
  });

  it("gives the appointment year of either kind of NIP", () => {
    expect(appointmentYear(nip("200012312024222015"))).toBe(2024);
    expect(appointmentYear(nip("196711101992031001"))).toBe(1992);
  });
});

describe("parseContractMonth", () => {
  const ctx = { today: TODAY, appointmentYear: 2024 };

  it("reads month and year as people type them, as the first day of the month", () => {
    for (const text of [
      "03/2025",
      "3/2025",
      " 3 / 2025 ",
      "3-2025",
      "03.2025",
      "3 2025",
      "2025-03",
      "2025/3",
    ])
      expect(parseContractMonth(text, ctx), text).toEqual({ ok: true, date: "2025-03-01" });
    for (const text of ["Maret 2025", "maret 2025", "Mar 2025", "Mar. 2025", "March 2025"])
      expect(parseContractMonth(text, ctx), text).toEqual({ ok: true, date: "2025-03-01" });
    expect(parseContractMonth("Agt 2025", ctx)).toEqual({ ok: true, date: "2025-08-01" });
    expect(parseContractMonth("Mei 2025", ctx)).toEqual({ ok: true, date: "2025-05-01" });
    expect(parseContractMonth("Desember 2026", ctx)).toEqual({ ok: true, date: "2026-12-01" });
  });

  it("refuses what is not a month and a year", () => {
    for (const text of [
      "",
      "2025",
      "maret",
      "13/2025",
      "0/2025",
      "03/25",
      "01/03/2025",
      "Ma 2025",
      "Abc 2025",
      "3/0999",
    ])
      expect(parseContractMonth(text, ctx), text).toEqual({ ok: false, problem: "format" });
  });

  it("refuses a month after this one, in Indonesia's latest zone", () => {
    expect(parseContractMonth("01/2027", ctx)).toEqual({ ok: false, problem: "future" });
    expect(parseContractMonth("12/2026", { ...ctx, today: new Date("2026-11-30T16:00:00Z") }).ok).toBe(true);
    expect(parseContractMonth("12/2026", { ...ctx, today: new Date("2026-11-30T14:00:00Z") })).toEqual({
      ok: false,
      problem: "future",
    });
  });

  it("refuses a year before the NIP's appointment year, and names it", () => {
    expect(parseContractMonth("12/2023", ctx)).toEqual({
      ok: false,
      problem: "before-appointment",
      detail: { year: 2024 },
    });
    expect(parseContractMonth("01/2024", ctx).ok).toBe(true);
    expect(parseContractMonth("12/2023", { today: TODAY }).ok).toBe(true);
  });
});

describe("parseContractDate", () => {
  const ctx = { today: TODAY, appointmentYear: 2024 };

  it("reads the date formats of a spreadsheet", () => {
    expect(parseContractDate("2025-03-17", ctx)).toEqual({ ok: true, date: "2025-03-17" });
    expect(parseContractDate("17/03/2025", ctx)).toEqual({ ok: true, date: "2025-03-17" });
    expect(parseContractDate("17-03-2025", ctx)).toEqual({ ok: true, date: "2025-03-17" });
    expect(parseContractDate("1/3/2025", ctx)).toEqual({ ok: true, date: "2025-03-01" });
  });

  it("refuses other shapes and days that do not exist", () => {
    for (const text of ["03/2025", "2025-3-17", "31/04/2025", "29/02/2025", "17.03.2025", "kemarin"])
      expect(parseContractDate(text, ctx), text).toEqual({ ok: false, problem: "format" });
  });

  it("refuses a day after today in Indonesia and a year before the appointment", () => {
    expect(parseContractDate("2026-12-05", ctx).ok).toBe(true); // 5 December already in WIT
    expect(parseContractDate("2026-12-06", ctx)).toEqual({ ok: false, problem: "future" });
    expect(parseContractDate("31/12/2023", ctx)).toEqual({
      ok: false,
      problem: "before-appointment",
      detail: { year: 2024 },
    });
  });
});
