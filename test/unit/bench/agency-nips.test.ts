import { describe, expect, it } from "vitest";
import { employmentFromNip, parseContractDate } from "../../../src/domain/employment.js";
import { parseNip } from "../../../src/domain/nip.js";
import { createNipGenerator } from "../../bench/agency-people.js";

describe("the benchmarks' NIP generator", () => {
  const today = new Date("2026-11-25T01:00:00Z");
  const N = 10_000;
  const drawn = (() => {
    const next = createNipGenerator({ today });
    return Array.from({ length: N }, next);
  })();

  it("draws N distinct NIPs, each valid by the app's rules and of the status stored with it", () => {
    expect(new Set(drawn.map((d) => d.nip)).size).toBe(N);
    const wrong = drawn.flatMap((d) => {
      const parsed = parseNip(d.nip, today);
      if (!parsed.ok) return [`${d.nip}: ${parsed.problem}`];
      const ask = employmentFromNip(parsed.nip, today).ask;
      if (ask !== { PNS: null, CPNS: "cpns-confirm", PPPK: "contract-start" }[d.employment])
        return [`${d.nip}: a ${d.employment}'s NIP, read as asking ${ask}`];
      if (d.employment !== "PPPK") return [];
      // Digit 13 marks PPPK; the contract began in or after the appointment year, never in the future.
      const start = parseContractDate(d.contractStart!, {
        today,
        appointmentYear: Number(parsed.nip.appointment),
      });
      return d.nip[12] === "2" && start.ok ? [] : [`${d.nip}: PPPK contract start ${d.contractStart}`];
    });
    expect(wrong).toEqual([]);
  });

  it("spreads them like a payroll: both genders, PNS, PPPK and CPNS, many birth years and sequences", () => {
    const share = (pick: (d: (typeof drawn)[number]) => boolean) => drawn.filter(pick).length / N;
    expect(share((d) => d.nip[14] === "1")).toBeGreaterThan(0.4);
    expect(share((d) => d.nip[14] === "2")).toBeGreaterThan(0.4);
    expect(share((d) => d.employment === "PNS")).toBeGreaterThan(0.6);
    expect(share((d) => d.employment === "PPPK")).toBeGreaterThan(0.1);
    expect(share((d) => d.employment === "CPNS")).toBeGreaterThan(0.02);
    expect(new Set(drawn.map((d) => d.nip.slice(0, 4))).size).toBeGreaterThan(25);
    expect(new Set(drawn.map((d) => d.nip.slice(15))).size).toBeGreaterThan(500);
  });

  it("draws the same NIPs for the same seed, so every run seeds the same agency", () => {
    const again = createNipGenerator({ today });
    expect(Array.from({ length: 100 }, again)).toEqual(drawn.slice(0, 100));
  });
});
