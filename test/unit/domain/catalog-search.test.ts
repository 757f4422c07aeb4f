import { describe, expect, it } from "vitest";
import { createCatalogQueries } from "../../../src/domain/catalog-query.js";
import { indexCatalog, respell, searchCatalog } from "../../../src/domain/catalog-search.js";
import type { Course, CourseSession } from "../../../src/domain/course.js";

const NOW = new Date("2026-11-25T03:00:00Z");

const session = (id: string, startIso: string, timeZone = "Asia/Jakarta"): CourseSession => ({
  id,
  startsAt: new Date(startIso),
  endsAt: new Date(new Date(startIso).getTime() + 8 * 3_600_000),
  timeZone,
  quota: 30,
});

const course = (over: Partial<Course> & Pick<Course, "id" | "title">): Course => ({
  provider: "BPSDM Provinsi Jambi",
  method: "pelatihan-manajerial",
  kind: "klasikal",
  jp: 24,
  competencies: [{ code: "M.3", from: 1, to: 3 }],
  mode: "online",
  sessions: [],
  admission: "open",
  ...over,
});

const CATALOG: Course[] = [
  course({
    id: "komunikasi-jambi",
    title: "Komunikasi Publik yang Efektif",
    mode: "offline",
    regionId: "jambi",
    sessions: [session("kj@1", "2027-03-08T01:00:00Z"), session("kj@2", "2027-04-12T01:00:00Z")],
  }),
  course({
    id: "komunikasi-ntb",
    title: "Komunikasi Publik (NTB)",
    provider: "BPSDM Provinsi NTB",
    mode: "offline",
    regionId: "nusa-tenggara-barat",
    // 1 March 00:30 in Mataram is still 28 February in UTC: the month is the session's own.
    sessions: [session("kn@1", "2027-02-28T16:30:00Z", "Asia/Makassar")],
  }),
  course({
    id: "etika",
    title: "Etika dan Integritas ASN",
    provider: "ASN Unggul",
    method: "e-learning",
    kind: "nonklasikal",
    competencies: [{ code: "M.1", from: 1, to: 2 }],
  }),
  course({
    id: "arsip",
    title: "Manajemen Arsip Dinamis",
    provider: "ANRI",
    method: "e-learning",
    kind: "nonklasikal",
    competencies: [{ code: "M.4", from: 1, to: 2 }],
  }),
  course({
    id: "coaching",
    title: "Coaching untuk Atasan Langsung",
    provider: "LAN RI",
    method: "coaching",
    kind: "nonklasikal",
    competencies: [{ code: "M.6", from: 1, to: 3 }],
    sessions: [session("co@1", "2027-01-20T02:00:00Z")],
  }),
  course({
    id: "lampau",
    title: "Komunikasi yang Sudah Lewat",
    sessions: [session("la@1", "2026-10-01T01:00:00Z")],
  }),
  course({
    id: "tanpa-jadwal",
    title: "Komunikasi Tatap Muka Tanpa Jadwal",
    mode: "offline",
    regionId: "jambi",
  }),
  course({
    id: "latsar",
    title: "Pelatihan Dasar CPNS",
    method: "pelatihan-dasar",
    eligibility: { statuses: ["CPNS"] },
    sessions: [session("ls@1", "2027-02-01T01:00:00Z")],
  }),
];

const queries = createCatalogQueries({
  competencies: [
    { code: "M.1", name: { id: "Integritas", en: "Integrity" } },
    { code: "M.3", name: { id: "Komunikasi", en: "Communication" } },
  ],
  regions: [
    { id: "jambi", name: "Jambi" },
    { id: "nusa-tenggara-barat", name: "Nusa Tenggara Barat" },
  ],
});
const index = indexCatalog(CATALOG);
const everyone = () => true;
const ids = (text: string, include: (c: Course) => boolean = everyone) =>
  searchCatalog(index, queries.parse(text), { now: NOW, include }).map((h) => h.course.id);

describe("searching the catalog", () => {
  it.each<[string, string[]]>([
    // Everything that can still be taken: sessions soonest first, then self-paced by title.
    ["", ["coaching", "latsar", "komunikasi-ntb", "komunikasi-jambi", "etika", "arsip"]],
    ["arsip", ["arsip"]],
    ["ARSIP dinamis", ["arsip"]],
    ["arsip etika", []],
    // A word matches the start of a word of the title or the provider.
    ["manaj", ["arsip"]],
    ["anri", ["arsip"]],
    ["nalis", []],
    ["publik", ["komunikasi-ntb", "komunikasi-jambi"]],
    // Competency, method and kind.
    ["M.3", ["latsar", "komunikasi-ntb", "komunikasi-jambi"]],
    ["komunikasi", ["latsar", "komunikasi-ntb", "komunikasi-jambi"]],
    ["M.4", ["arsip"]],
    ["M.1 M.4", ["etika", "arsip"]],
    ["e-learning", ["etika", "arsip"]],
    ["e-learning coaching", ["coaching", "etika", "arsip"]],
    ["nonklasikal", ["coaching", "etika", "arsip"]],
    ["klasikal M.4", []],
    // Month and year, in the session's own zone; self-paced courses have no month.
    ["maret", ["komunikasi-ntb", "komunikasi-jambi"]],
    ["februari", ["latsar"]],
    ["april 2027", ["komunikasi-jambi"]],
    ["maret 2028", []],
    ["2027", ["coaching", "latsar", "komunikasi-ntb", "komunikasi-jambi"]],
    // Province: where the course is held; online courses have none.
    ["jambi", ["komunikasi-jambi"]],
    ["ntb maret", ["komunikasi-ntb"]],
    ["jambi ntb", ["komunikasi-ntb", "komunikasi-jambi"]],
  ])("finds %j", (text, expected) => {
    expect(ids(text)).toEqual(expected);
  });

  it("shows the first session in the month asked, and counts the later ones", () => {
    const [april] = searchCatalog(index, queries.parse("april jambi"), { now: NOW, include: everyone });
    expect(april?.session?.id).toBe("kj@2");
    expect(april?.laterSessions).toBe(0);
    const [any] = searchCatalog(index, queries.parse("efektif"), { now: NOW, include: everyone });
    expect(any?.session?.id).toBe("kj@1");
    expect(any?.laterSessions).toBe(1);
    const later = new Date("2027-03-10T00:00:00Z");
    const [after] = searchCatalog(index, queries.parse("efektif"), { now: later, include: everyone });
    expect(after?.session?.id).toBe("kj@2");
  });

  it("lists only what `include` lets through", () => {
    const notCpnsOnly = (c: Course) => !c.eligibility?.statuses?.every((s) => s === "CPNS");
    expect(ids("", notCpnsOnly)).not.toContain("latsar");
    expect(ids("latsar", notCpnsOnly)).toEqual([]);
    expect(ids("latsar")).toEqual(["latsar"]);
  });

  it("never lists a course whose sessions are over, nor a classroom course without a session", () => {
    expect(ids("komunikasi lewat")).toEqual([]);
    expect(ids("tanpa jadwal")).toEqual([]);
  });
});

describe("suggesting what a mistyped query meant", () => {
  it.each<[string, string | undefined]>([
    ["arisp", "arsip"],
    ["elarning", "e-learning"],
    ["komunkasi", "m.3"],
    ["manajemen arisp", "manajemen:arsip"],
    ["jambi arisp", "jambi:arsip"],
    ["arsip", undefined],
    ["xyzzy", undefined],
    ["ars", undefined],
  ])("reads %j as %j", (text, expected) => {
    const fixed = respell(queries.parse(text), index, queries);
    expect(fixed && queries.keyOf(fixed)).toBe(expected);
  });
});
