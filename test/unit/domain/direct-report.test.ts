import { describe, expect, it } from "vitest";
import { asksAtasanConsent, atasanProblem, reportAccess } from "../../../src/domain/direct-report.js";

const KASI = "197805052005011002";
const yes = { allowed: true };

describe("reportAccess", () => {
  it("lets the atasan by verified NIP see a report who agreed, and nobody else", () => {
    expect(reportAccess({ nip: KASI }, { atasanNip: KASI, atasanConsent: yes })).toBe("ok");
    expect(reportAccess({ nip: "198001012006041009" }, { atasanNip: KASI, atasanConsent: yes })).toBe(
      "not-atasan",
    );
    expect(reportAccess({}, { atasanConsent: yes })).toBe("not-atasan");
  });

  it("holds back a report who did not agree or has not answered", () => {
    expect(reportAccess({ nip: KASI }, { atasanNip: KASI, atasanConsent: { allowed: false } })).toBe(
      "no-consent",
    );
    expect(reportAccess({ nip: KASI }, { atasanNip: KASI })).toBe("no-consent");
  });

  it("trusts no unverified side: neither an atasan nor a report HR has not confirmed", () => {
    expect(reportAccess({ nip: KASI, unverified: true }, { atasanNip: KASI, atasanConsent: yes })).toBe(
      "not-atasan",
    );
    expect(reportAccess({ nip: KASI }, { atasanNip: KASI, atasanConsent: yes, unverified: true })).toBe(
      "not-atasan",
    );
  });
});

describe("asksAtasanConsent", () => {
  it("asks until answered either way, and never an unverified person", () => {
    expect(asksAtasanConsent({})).toBe(true);
    expect(asksAtasanConsent({ atasanConsent: { allowed: false } })).toBe(false);
    expect(asksAtasanConsent({ atasanConsent: { allowed: true } })).toBe(false);
    expect(asksAtasanConsent({ unverified: true })).toBe(false);
  });
});

describe("atasanProblem", () => {
  const staff = { _id: "p1", nip: "198203142008012005", instansiId: "jambi" };
  it("accepts a verified person of the same instansi", () => {
    expect(atasanProblem(staff, { _id: "p2", nip: KASI, instansiId: "jambi" })).toBeUndefined();
  });
  it("refuses the person themselves, nobody, someone unverified and another instansi", () => {
    expect(atasanProblem(staff, { ...staff })).toBe("self");
    expect(atasanProblem(staff, null)).toBe("unknown");
    expect(atasanProblem(staff, { _id: "p3", instansiId: "jambi", unverified: true })).toBe("unverified");
    expect(atasanProblem(staff, { _id: "p4", nip: KASI, instansiId: "mataram" })).toBe("other-instansi");
  });
});
