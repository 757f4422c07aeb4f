import { describe, expect, it } from "vitest";
import { candidateOf, kindOfTier, mayTake, whyNot } from "../../../src/domain/eligibility.js";

const TODAY = new Date("2026-12-04T03:00:00Z");

describe("who may take a course", () => {
  it("lets everyone take a course without conditions", () => {
    expect(mayTake(undefined, {})).toBe(true);
    expect(mayTake({}, {})).toBe(true);
  });

  it("checks status, tier, jabatan kind and years of service, in that order", () => {
    const latsar = { statuses: ["CPNS" as const] };
    expect(whyNot(latsar, { status: "CPNS" })).toBeUndefined();
    expect(whyNot(latsar, { status: "PNS" })).toBe("status");
    const pkp = { statuses: ["PNS" as const], tiers: ["pengawas"] };
    expect(whyNot(pkp, { status: "PNS", tier: "pengawas" })).toBeUndefined();
    expect(whyNot(pkp, { status: "PNS", tier: "pelaksana" })).toBe("tier");
    expect(whyNot({ jabatanKinds: ["fungsional" as const] }, { jabatanKind: "struktural" })).toBe(
      "jabatan-kind",
    );
    const senior = { minServiceYears: 2, maxServiceYears: 10 };
    expect(whyNot(senior, { serviceYears: 1 })).toBe("service");
    expect(whyNot(senior, { serviceYears: 2 })).toBeUndefined();
    expect(whyNot(senior, { serviceYears: 11 })).toBe("service");
  });

  it("never offers a restricted course on a guess: what is unknown fails the condition", () => {
    expect(whyNot({ statuses: ["CPNS"] }, {})).toBe("status");
    expect(whyNot({ tiers: ["pengawas"] }, {})).toBe("tier");
    expect(whyNot({ minServiceYears: 1 }, {})).toBe("service");
  });
});

describe("the candidate a person is", () => {
  it("reads years of service and a PNS status from an old TMT", () => {
    // TMT CPNS March 2010: 16 years of service, long past probation.
    expect(candidateOf({ nip: "198503012010031007", tier: "pengawas" }, undefined, TODAY)).toEqual({
      status: "PNS",
      tier: "pengawas",
      jabatanKind: "struktural",
      serviceYears: 16,
    });
  });

  it("leaves the status open for a recent TMT, which only suggests CPNS", () => {
    const c = candidateOf({ nip: "199807202025061002" }, undefined, TODAY);
    expect(c.status).toBeUndefined();
    expect(c.serviceYears).toBe(1);
  });

  it("takes the stated status over the NIP, and a PPPK from a PPPK NIP", () => {
    expect(candidateOf({ nip: "199807202025061002", employment: "CPNS" }, undefined, TODAY).status).toBe(
      "CPNS",
    );
    expect(candidateOf({ nip: "199001152025211003" }, undefined, TODAY).status).toBe("PPPK");
  });

  it("takes the jabatan's kind, else the one its tier implies", () => {
    expect(candidateOf({ tier: "pengawas" }, "fungsional", TODAY).jabatanKind).toBe("fungsional");
    expect(kindOfTier("fungsional-ahli-muda")).toBe("fungsional");
    expect(kindOfTier("pelaksana")).toBe("pelaksana");
    expect(kindOfTier("jpt-pratama")).toBe("struktural");
    expect(kindOfTier(undefined)).toBeUndefined();
  });
});
