import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { unitKey } from "../../../src/features/summaries/summary-report.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 12: a supervisor recovers a small group by subtraction — a parent's summary minus its
 * shown children, or an anonymous survey's result before and after one person answered.
 */

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2027-01-05T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const SUPERVISOR: IncomingIdentity = { id: "telegram:700", channel: "telegram" };

// Dinas Kesehatan: Bidang A (10 people), Bidang B (6) and Seksi C (2), nobody at the top.
const UNITS = { a: 10, b: 6, c: 2 } as const;
const nipOf = (i: number) => `198001012005011${String(i + 1).padStart(3, "0")}`;
const people: { unit: keyof typeof UNITS; id: string }[] = [];
let C1 = "";

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    surveyHashKey: "s".repeat(40),
  });
  C1 = app.content.allCompetencies[0]!.code;
  const unit = (id: string, name: string, parent: string | null) => ({
    _id: id,
    name,
    kind: parent ? ("unit" as const) : ("instansi" as const),
    parentId: parent,
    instansiId: id.split(".")[0]!,
    path: parent ? [parent] : [],
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("dinkes", "Dinas Kesehatan", null),
    unit("dinkes.a", "Bidang A", "dinkes"),
    unit("dinkes.b", "Bidang B", "dinkes"),
    unit("dinkes.c", "Seksi C", "dinkes"),
    unit("bkpsdm", "BKPSDM", null),
  ]);
  const rows = Object.entries(UNITS).flatMap(([u, n]) =>
    Array.from({ length: n }, () => u as keyof typeof UNITS),
  );
  const csv = ["nip,nama,unit", ...rows.map((u, i) => `${nipOf(i)},Pegawai ${i},dinkes.${u}`)].join("\n");
  expect(await app.orgImport.people(csv, OPERATOR)).toMatchObject({ ok: true, created: 18 });
  for (const [i, u] of rows.entries())
    people.push({ unit: u, id: (await ctx.repos.nipClaims.ownerOf(nipOf(i)))! });
  // Everyone assessed in one competency; Seksi C's two are at level 1, everyone else at 3.
  for (const p of people)
    await app.recordAssessment({
      personId: p.id,
      assessed: { [C1]: p.unit === "c" ? 1 : 3 },
      required: { [C1]: 3 },
      statements: 12,
      completedAt: new Date("2026-12-01T03:00:00Z"),
    });
  // The supervisor works at BKPSDM and holds the role over the whole Dinas.
  const boss = await ctx.repos.people.create({
    name: "Atasan",
    timeZone: "Asia/Jakarta",
    unitId: "bkpsdm",
    instansiId: "bkpsdm",
    onboardedAt: clock,
    roles: [{ role: "supervisor", unitId: "dinkes", grantedAt: clock }],
  });
  await ctx.repos.identities.bind({ id: SUPERVISOR.id, channel: "telegram", personId: boss._id, now: clock });
  await app.summaries.settle();
});

describe("attack 12: recovering a small group by subtraction", () => {
  it("a parent's summary minus its shown children does not give away Seksi C", async () => {
    const year = "2026";
    const dinkes = all(await cmd(SUPERVISOR, "ringkasan", `dinas ${year}`));
    const open = async (u: string) => all(await press(SUPERVISOR, `rks|u|${unitKey(u)}|${year}`));
    const [a, b, c] = [await open("dinkes.a"), await open("dinkes.b"), await open("dinkes.c")];
    // The parent and its largest child are shown...
    expect(dinkes).toContain("👥 18 pegawai");
    expect(dinkes).toMatch(/: 2,8 \/ 3,0 · 11% di bawah standar \(18 orang\)/);
    expect(a).toContain("👥 10 pegawai");
    // ...Seksi C (2 people) is hidden as a small cell, and Bidang B with it: Dinas − A − B would
    // otherwise be C's two people at level 1.
    expect(c).toContain("Unit ini berisi 2 orang. Rinciannya tidak ditampilkan");
    expect(b, "Bidang B must be hidden beside Seksi C").toContain(
      "Unit ini berisi 6 orang, tetapi rinciannya tidak ditampilkan",
    );
    expect(b).not.toContain("di bawah standar");
    // What subtraction still gives is Dinas − A: B and C together, 8 people, never fewer than 5.
    const shown = [dinkes, a, b, c].filter((t) => t.includes("di bawah standar"));
    expect(shown).toHaveLength(2);
  });

  it("an anonymous survey's result before and after one answer is the same", async () => {
    // Six people of Bidang A can answer the quarterly anonymous survey.
    const takers = people.filter((p) => p.unit === "a").slice(0, 6);
    const who = takers.map((_, i): IncomingIdentity => ({ id: `telegram:${800 + i}`, channel: "telegram" }));
    for (const [i, p] of takers.entries()) {
      await ctx.repos.people.update(p.id, { onboardedAt: clock });
      await ctx.repos.identities.bind({ id: who[i]!.id, channel: "telegram", personId: p.id, now: clock });
    }
    await app.jobs.find((j) => j.name === "survey:skm-triwulan")!.run(clock);
    clock = new Date("2027-01-05T03:00:00Z");
    const answer = async (i: number, value: number) => {
      const k = shortKey(`skm-triwulan:2027-01-05:${takers[i]!.id}`);
      await press(who[i]!, `srv|o|${k}`);
      for (let item = 0; item < 9; item++) await press(who[i]!, `srv|a|${k}|${item}|${value}`);
    };
    for (let i = 0; i < 5; i++) await answer(i, 4);
    const results = async () => {
      const text = all(await cmd(SUPERVISOR, "survei", "hasil"));
      return text.slice(text.indexOf("Survei kepuasan layanan"));
    };
    const before = await results();
    expect(before).toContain("Dinas Kesehatan: 5 responden, indeks 100,00");
    // The sixth person answers 1 everywhere: the supervisor, who saw them answer, looks again.
    await answer(5, 1);
    const after = await results();
    expect(after.split("\n").slice(0, 3), "the result must not move with one answer").toEqual(
      before.split("\n").slice(0, 3),
    );
    expect(after).toContain("1 jawaban terbaru belum masuk hitungan");
  });
});
