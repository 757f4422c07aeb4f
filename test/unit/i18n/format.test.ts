import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatLocalDay,
  formatNumber,
  formatPercent,
  formatTime,
} from "../../../src/i18n/format.js";

const at = new Date("2026-11-24T02:00:00Z");

describe("dates and numbers as Indonesians write them", () => {
  it("shows one instant in WIB, WITA and WIT", () => {
    expect(formatDateTime(at, { locale: "id", timeZone: "Asia/Jakarta" })).toBe(
      "Selasa, 24 November 2026 pukul 09.00 WIB",
    );
    expect(formatDateTime(at, { locale: "id", timeZone: "Asia/Makassar" })).toBe(
      "Selasa, 24 November 2026 pukul 10.00 WITA",
    );
    expect(formatDateTime(at, { locale: "id", timeZone: "Asia/Jayapura" })).toBe(
      "Selasa, 24 November 2026 pukul 11.00 WIT",
    );
    expect(formatDateTime(at, { locale: "en", timeZone: "Asia/Makassar" })).toBe(
      "Tuesday, 24 November 2026 at 10:00 WITA",
    );
    expect(formatTime(at, { locale: "id", timeZone: "Asia/Pontianak" })).toBe("09.00 WIB");
  });

  it("writes a stored calendar day as people write it, whatever the process's zone", () => {
    expect(formatLocalDay("2025-03-01", "id")).toBe("1 Maret 2025");
    expect(formatLocalDay("2025-03-01", "en")).toBe("1 March 2025");
    expect(formatLocalDay("2024-12-31", "id")).toBe("31 Desember 2024");
  });

  it("crosses the date line at the right moment for each zone", () => {
    const late = new Date("2026-11-30T15:30:00Z"); // 22.30 WIB, 23.30 WITA, 00.30 WIT the next day
    expect(formatDate(late, { locale: "id", timeZone: "Asia/Jakarta" })).toBe("Senin, 30 November 2026");
    expect(formatDate(late, { locale: "id", timeZone: "Asia/Jayapura" })).toBe("Selasa, 1 Desember 2026");
  });

  it("names other zones by their offset", () => {
    expect(formatTime(at, { locale: "en", timeZone: "Australia/Brisbane" })).toBe("12:00 UTC+10");
  });

  it("writes numbers with Indonesian separators", () => {
    expect(formatNumber(1234.5, "id")).toBe("1.234,5");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(formatNumber(2.5, "id", 1)).toBe("2,5");
    expect(formatPercent(0.425, "id", 1)).toBe("42,5%");
  });
});
