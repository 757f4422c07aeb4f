import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Completion, Delivery } from "../../../src/db/models/index.js";
import type { Level } from "../../../src/domain/competency.js";
import { ruleFor } from "../../../src/domain/jp.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { unitKey } from "../../../src/features/summaries/summary-report.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { createSummaryTotals } from "../../../src/services/summary-totals.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { expectWeeklyMonday0700, MONDAY_0700_TICKS } from "../../support/weekly-jobs.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-25T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const BOOTSTRAP: IncomingIdentity = { id: "telegram:1", channel: "telegram" };

const nipOf = (i: number) => `198001012005011${String(i + 1).padStart(3, "0")}`;
const PEOPLE = ["k1", "k2", "k3", "k4", "k5", "g1", "g2", "g3", "u1", "u2"];
const UNIT_OF: Record<string, string> = { k: "kota.keu", g: "kota.keu.gaji", u: "kota.umum" };
const ids: Record<string, string> = {};
let C1 = "";
let C2 = "";
let C3 = "";

const peopleCsv = (unitOf: (key: string) => string) =>
  ["nip,nama,unit", ...PEOPLE.map((k, i) => `${nipOf(i)},Pegawai ${k},${unitOf(k)}`)].join("\n");

async function assess(key: string, levels: [string, Level, Level][], day: string, id?: string) {
  return app.recordAssessment({
    ...(id ? { id } : {}),
    personId: ids[key]!,
    assessed: Object.fromEntries(levels.map(([c, a]) => [c, a])),
    required: Object.fromEntries(levels.map(([c, , r]) => [c, r])),
    statements: 12,
    completedAt: new Date(`${day}T03:00:00Z`),
  });
}

async function complete(key: string, jp: number, n: number) {
  const person = (await ctx.repos.people.get(ids[key]!))!;
  const c: Completion = {
    _id: `${person._id}|self|run${n}`,
    personId: person._id,
    source: "self",
    title: `Pelatihan ${n}`,
    method: "e-learning",
    kind: "nonklasikal",
    competencyType: "teknis",
    jp,
    completedOn: "2026-10-01",
    year: 2026,
    recordedAt: clock,
  };
  await app.ledger.record(person, c, clock);
}

async function reminder(key: string, n: number, ok: boolean) {
  const d = {
    _id: `reminder.1d:crs${n}:${ids[key]}`,
    purpose: "reminder.1d",
    personId: ids[key]!,
    identityId: `telegram:9${n}`,
    channel: "telegram",
    address: `9${n}`,
    message: { text: "Pengingat" },
    dueAt: new Date("2026-10-10T01:00:00Z"),
    status: ok ? ("sent" as const) : ("dead" as const),
    attempts: 1,
    resends: 0,
    createdAt: clock,
  };
  await ctx.db.models.DeliveryLog.create(d);
  await app.summaries.deliveryFinished(d as Delivery, ok);
}

async function satisfaction(unitId: string, answers: number[], n: number) {
  await ctx.repos.surveys.respond({
    _id: `srv${n}`,
    surveyId: "pasca-pelatihan",
    occurrence: "crs1",
    personId: `someone${n}`,
    answers,
    unitId,
    answeredOn: "2026-10-03",
  });
  await app.summaries.surveyAnswered("pasca-pelatihan", unitId, "2026-10-03");
}

/** The stored derived documents, and the same computed from the facts, both sorted. */
async function storedAndRebuilt() {
  const sort = <T extends { _id: string }>(xs: T[]) => [...xs].sort((a, b) => a._id.localeCompare(b._id));
  const stored = await ctx.repos.summaries.allDerived();
  const built = await app.summaries.computeFromFacts();
  const norm = (x: typeof stored) => ({
    contributions: sort(x.contributions),
    members: sort(x.members),
    totals: sort(x.totals),
    headcounts: sort(x.headcounts),
    trees: sort(x.trees),
    treeHeadcounts: sort(x.treeHeadcounts),
  });
  return { stored: JSON.parse(JSON.stringify(norm(stored))), built: JSON.parse(JSON.stringify(norm(built))) };
}

const supervisors: Record<string, IncomingIdentity> = {};
async function supervisor(
  key: string,
  timeZone: string,
  unitId: string,
  role: "supervisor" | "admin" = "supervisor",
) {
  // They work at the city's secretariat (the root), so they do not change Keuangan's headcount.
  const p = await ctx.repos.people.create({
    name: `Atasan ${key}`,
    timeZone,
    unitId: "kota",
    instansiId: "kota",
    onboardedAt: clock,
    roles: [{ role, unitId, grantedAt: clock }],
  });
  const identity: IncomingIdentity = {
    id: `telegram:${500 + Object.keys(supervisors).length}`,
    channel: "telegram",
  };
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  await app.summaries.touch(p._id); // what onboarding's profile change does
  supervisors[key] = identity;
  return p;
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [BOOTSTRAP.id],
  });
  [C1, C2, C3] = app.content.allCompetencies.slice(0, 3).map((c) => c.code) as [string, string, string];
  const unit = (id: string, name: string, parent: string | null, path: string[]) => ({
    _id: id,
    name,
    kind: parent ? ("unit" as const) : ("instansi" as const),
    parentId: parent,
    instansiId: path[0] ?? id,
    path,
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("kota", "Pemerintah Kota Ampenan", null, []),
    unit("kota.keu", "Bagian Keuangan", "kota", ["kota"]),
    unit("kota.keu.gaji", "Subbagian Gaji", "kota.keu", ["kota", "kota.keu"]),
    unit("kota.umum", "Bagian Umum", "kota", ["kota"]),
    unit("jambi", "Pemerintah Provinsi Jambi", null, []),
  ]);
  const imported = await app.orgImport.people(
    peopleCsv((k) => UNIT_OF[k[0]!]!),
    OPERATOR,
  );
  expect(imported).toMatchObject({ ok: true, created: 10 });
  for (const [i, k] of PEOPLE.entries()) ids[k] = (await ctx.repos.nipClaims.ownerOf(nipOf(i)))!;
});

describe("/ringkasan from running totals", () => {
  it("equals the hand-computed figures, with a reassessment, a unit move and small cells hidden", async () => {
    // Two of the keuangan staff registered in Pandu (what onboarding's profile change reports).
    for (const k of ["k1", "k2"]) {
      await ctx.repos.people.update(ids[k]!, { onboardedAt: clock });
      await app.summaries.touch(ids[k]!);
    }
    await assess(
      "k1",
      [
        [C1, 2, 3],
        [C2, 3, 3],
        [C3, 2, 3],
      ],
      "2026-03-02",
    );
    await assess(
      "k2",
      [
        [C1, 3, 3],
        [C2, 2, 3],
      ],
      "2026-03-02",
    );
    await assess(
      "k3",
      [
        [C1, 1, 3],
        [C2, 4, 3],
      ],
      "2026-03-02",
    );
    await assess(
      "k4",
      [
        [C1, 4, 3],
        [C2, 3, 3],
      ],
      "2026-03-02",
      "run-k4",
    );
    await assess(
      "k4",
      [
        [C1, 4, 3],
        [C2, 3, 3],
      ],
      "2026-03-02",
      "run-k4",
    ); // a retried step: counted once
    await assess(
      "g1",
      [
        [C1, 2, 3],
        [C2, 2, 3],
      ],
      "2026-03-03",
    );
    await assess(
      "g2",
      [
        [C1, 3, 3],
        [C2, 3, 3],
      ],
      "2026-03-03",
    );
    await app.summaries.fold();
    // k3 reassesses: the first result is replaced, and the closed gap counts as an improvement.
    await assess(
      "k3",
      [
        [C1, 3, 3],
        [C2, 4, 3],
      ],
      "2026-09-01",
    );
    // g2 moves from Gaji to Umum (a re-import): their contribution moves with them.
    const moved = await app.orgImport.people(
      peopleCsv((k) => (k === "g2" ? "kota.umum" : UNIT_OF[k[0]!]!)),
      OPERATOR,
    );
    expect(moved).toMatchObject({ ok: true, created: 0, updated: 1 });
    await complete("k1", 24, 1);
    await complete("k2", 8, 2);
    await complete("k2", 8, 2); // the same completion twice: counted once
    for (const [i, a] of [
      [4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4],
      [4, 4, 4, 4, 4],
      [3, 3, 3, 3, 3],
      [3, 3, 3, 3, 3],
    ].entries())
      await satisfaction("kota.keu", a, i);
    await reminder("k1", 1, true);
    await reminder("k1", 2, true);
    await reminder("k2", 3, false);

    const boss = await supervisor("wib", "Asia/Jakarta", "kota.keu");
    const out = await cmd(supervisors.wib!, "ringkasan");
    const text = out[0]!.text;
    const name = (code: string) => app.content.allCompetencies.find((c) => c.code === code)!.name.id;
    // Keuangan with Gaji below it: k1–k5 and g1, g3 (g2 left) = 7 people, 2 registered, 5 assessed.
    expect(text).toContain("📊 Ringkasan Bagian Keuangan, tahun 2026");
    expect(text).toContain("👥 7 pegawai · 29% sudah terdaftar di Pandu · 71% sudah asesmen (5 orang)");
    // C1: 2, 3, 3 (k3's latest), 4, 2 → 2,8 against 3; k1 and g1 below = 40%.
    expect(text).toContain(`• ${name(C1)}: 2,8 / 3,0 · 40% di bawah standar (5 orang)`);
    expect(text).toContain(`• ${name(C2)}: 2,8 / 3,0 · 40% di bawah standar (5 orang)`);
    // Only k1 was assessed in C3: hidden.
    expect(text).toContain(`• ${name(C3)}: disembunyikan (dinilai oleh kurang dari 5 orang)`);
    expect(text).toContain("🎯 Kesenjangan kompetensi terbesar: 1.");
    expect(text).toContain(
      "📈 Peningkatan: 1 kesenjangan kompetensi tertutup · kurang dari 5 orang memenuhi minimal JP tahunannya",
    );
    // (24 + 8) / 7 = 4,57; one of seven reached 20 JP.
    expect(text).toContain("⏱ JP: rata-rata 4,6 JP per pegawai · 14% sudah memenuhi minimal JP tahunannya");
    expect(text).toContain("🎓 Pelatihan yang diselesaikan: 2");
    // (3 × 20 + 2 × 15) / 25 answers × 25 = 90.
    expect(text).toContain("IKM 90,00 (mutu A) dari 5 responden");
    expect(text).toContain("🔔 Pengingat pelatihan: 2 terkirim, 1 gagal");
    expect(text).not.toContain("masih dihitung");
    expect(out[1]!.media?.mime).toBe("image/jpeg");
    // Subgroups of fewer than five are never shown: Gaji now has g1 and g3.
    const gaji = all(await press(supervisors.wib!, `rks|u|${unitKey("kota.keu.gaji")}|2026`));
    expect(gaji).toContain("Unit ini berisi 2 orang. Rinciannya tidak ditampilkan");
    expect(gaji).not.toContain("IKM");
    // The city's admin sees Umum with g2 in it: 3 people, also hidden.
    await supervisor("admin", "Asia/Makassar", "kota", "admin");
    expect(all(await cmd(supervisors.admin!, "ringkasan", "umum"))).toContain("Unit ini berisi 3 orang");
    // The whole city: the ten, and the supervisor and admin at the secretariat; four registered.
    expect(all(await cmd(supervisors.admin!, "ringkasan", "2026"))).toContain(
      "👥 12 pegawai · 33% sudah terdaftar di Pandu · 50% sudah asesmen (6 orang)",
    );
    // ADMIN_IDS reach everything too (a bootstrap admin who has not registered gets told to).
    expect(all(await cmd(BOOTSTRAP, "ringkasan"))).toContain("/start");

    // The rebuild from the facts agrees with the running totals, and so writes nothing.
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
    expect((await app.summaries.rebuild())?.changed).toBe(0);
    expect(boss.roles).toHaveLength(1);
  });

  it("follows the org tree when a unit moves to another parent", async () => {
    const moved = await app.orgImport.units(
      "id,name,parent\nkota.keu.gaji,Subbagian Gaji,kota.umum",
      OPERATOR,
    );
    expect(moved).toMatchObject({ ok: true, updated: 1 });
    // The move asks for a recount of everything: that is the folding job's work, and a supervisor
    // asking meanwhile is told the latest changes are still being counted, not made to wait.
    expect(all(await cmd(supervisors.wib!, "ringkasan"))).toContain("masih dihitung");
    await app.summaries.fold();
    // Keuangan without Gaji: k1–k5 only; Umum now holds Gaji's g1 and g3 besides u1, u2 and g2.
    expect(all(await cmd(supervisors.wib!, "ringkasan"))).toContain("👥 5 pegawai");
    expect(all(await cmd(supervisors.admin!, "ringkasan", "umum"))).toContain("👥 5 pegawai");
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
  });

  it("refuses units outside the supervisor's scope, and audits it", async () => {
    expect(all(await cmd(supervisors.wib!, "ringkasan", "umum"))).toContain("di luar cakupan Anda");
    expect(all(await press(supervisors.wib!, `rks|u|${unitKey("jambi")}|2026`))).toContain(
      "di luar cakupan Anda",
    );
    expect(all(await cmd(supervisors.wib!, "ringkasan", "tidak-ada-unit-ini"))).toContain(
      "Tidak ada unit bernama",
    );
    expect(all(await cmd(supervisors.wib!, "ringkasan", "keuangan 1999"))).toContain("tidak bisa diringkas");
    const refused = (await ctx.repos.audit.list({ action: "summary.view" })).filter(
      (e) => e.outcome === "refused",
    );
    expect(refused).toHaveLength(2);
  });

  it("stays equal to a rebuild after a random history of records, retries, moves and folds", async () => {
    let seed = 20261125;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const units = ["kota.keu", "kota.keu.gaji", "kota.umum"];
    const level = () => (1 + Math.floor(rnd() * 5)) as Level;
    for (let step = 0; step < 80; step++) {
      const key = pick(PEOPLE);
      const r = rnd();
      if (r < 0.35) {
        const id = rnd() < 0.2 ? `rand-${key}` : undefined; // sometimes a retried run id
        const year = rnd() < 0.3 ? 2025 : 2026;
        await assess(
          key,
          [
            [C1, level(), 3],
            [C2, level(), 3],
          ],
          `${year}-0${1 + Math.floor(rnd() * 9)}-15`,
          id,
        );
      } else if (r < 0.55) {
        await complete(key, 1 + Math.floor(rnd() * 12), Math.floor(rnd() * 30) + 10);
      } else if (r < 0.7) {
        await ctx.repos.people.update(ids[key]!, { unitId: pick(units) });
        await app.summaries.touch(ids[key]!);
      } else if (r < 0.8) {
        await reminder(key, 100 + step, rnd() < 0.8);
      } else if (r < 0.9) {
        await satisfaction(pick(units), [4, 3, 4, 3, 4], 100 + step);
      } else {
        await app.summaries.fold(Math.floor(rnd() * 5) + 1);
      }
    }
    await app.summaries.settle();
    const { stored, built } = await storedAndRebuilt();
    expect(stored.totals.length).toBeGreaterThan(2);
    expect(stored).toEqual(built);
  });

  it("folds many people's changes in a few commands, not a few per person", async () => {
    for (const [i, key] of PEOPLE.entries())
      await assess(key, [[C1, (1 + (i % 5)) as Level, 3]], "2026-11-20", `batch-${key}`);
    expect(await app.summaries.pending()).toBe(PEOPLE.length);
    const before = ctx.commands.length;
    expect((await app.summaries.fold()).people).toBe(PEOPLE.length);
    const sent = ctx.commands.slice(before);
    // Reads batched by person and by unit, one bulk write per collection: about 20 commands
    // whatever the number of people (each person read and written one at a time took ~11 each).
    expect(sent.length).toBeLessThanOrEqual(30);
    expect(sent.filter((c) => c === "find").length).toBeLessThanOrEqual(16);
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
  });

  it("leaves a rebuild to the folding job when a fold stops between its writes", async () => {
    for (const key of ["k1", "g1", "u1"]) await complete(key, 7, 900 + key.length);
    // The same folder, whose writes stop after the contributions (a crash, a lost connection).
    const crashing = createSummaryTotals({
      repos: {
        ...ctx.repos,
        summaries: {
          ...ctx.repos.summaries,
          applyDerived: async (diff) => {
            await ctx.repos.summaries.putContributions(diff.contributions.put);
            throw new Error("connection lost");
          },
        },
      },
      satisfactionSurveys: new Set(["pasca-pelatihan"]),
      jpRuleOf: (p) => ruleFor(app.content.jpRules, p.employment),
      now: () => clock,
    });
    await expect(crashing.fold()).rejects.toThrow("connection lost");
    // Shifting the totals again would count the stored half twice: a person's request does not
    // fold (it says the figures are still being counted), the folding job rebuilds.
    expect(await app.summaries.fold(200, { rebuild: false })).toMatchObject({ rebuildWaiting: true });
    expect((await app.summaries.fold()).rebuilt).toBeDefined();
    expect(await app.summaries.pending()).toBe(0);
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
  });

  it("stays equal to a rebuild when two folders take turns (each rereads what the other wrote)", async () => {
    // Another process's folder on the same database, as after the summary lease changed hands.
    const other = createSummaryTotals({
      repos: ctx.repos,
      satisfactionSurveys: new Set(["pasca-pelatihan"]),
      jpRuleOf: (p) => ruleFor(app.content.jpRules, p.employment),
      now: () => clock,
    });
    for (const [turn, folder] of [app.summaries, other, app.summaries, other, app.summaries].entries()) {
      await assess(PEOPLE[turn]!, [[C1, ((turn % 5) + 1) as Level, 3]], "2026-11-21", `turns-${turn}`);
      await complete(PEOPLE[9 - turn]!, 3 + turn, 950 + turn);
      expect((await folder.fold()).marks).toBeGreaterThan(0);
    }
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
  });

  it("rolls up into a unit added after the folder last read the tree", async () => {
    expect((await app.summaries.fold()).marks).toBeGreaterThanOrEqual(0);
    // Written without an import (which would ask for a rebuild): the folder must see it anyway.
    await ctx.repos.orgUnits.upsertMany([
      {
        _id: "kota.umum.arsip",
        name: "Subbagian Arsip",
        kind: "unit",
        parentId: "kota.umum",
        instansiId: "kota",
        path: ["kota", "kota.umum"],
      },
    ]);
    await ctx.repos.people.update(ids.u2!, { unitId: "kota.umum.arsip" });
    await app.summaries.touch(ids.u2!);
    await complete("u2", 5, 990);
    expect((await app.summaries.fold()).people).toBe(1);
    const { stored, built } = await storedAndRebuilt();
    expect(stored.trees.some((t: { _id: string }) => t._id === "kota.umum.arsip|2026")).toBe(true);
    expect(stored).toEqual(built);
  });
});

describe("the weekly summary", () => {
  it("fires on Monday 07:00 in WIB, WITA and WIT, for subscribers only", async () => {
    await supervisor("wita", "Asia/Makassar", "kota.keu");
    await supervisor("wit", "Asia/Jayapura", "kota.keu");
    for (const key of ["wib", "wita", "wit"]) {
      const out = await cmd(supervisors[key]!, "ringkasan");
      const button = out[0]!.choices!.flat().find((c) => c.data.startsWith("rks|w|on"));
      expect(button?.data).toBe(`rks|w|on|${unitKey("kota.keu")}`);
      expect(all(await press(supervisors[key]!, button!.data))).toContain("setiap Senin pukul 07.00");
    }
    await expectWeeklyMonday0700(app.jobs, "weekly-summary", (at) => {
      clock = at;
    });
    const weekly = await ctx.db.models.Delivery.find({ purpose: "summary.weekly" }).lean<Delivery[]>().exec();
    expect(weekly.map((d) => d.dueAt.toISOString()).sort()).toEqual(Object.values(MONDAY_0700_TICKS).sort());
    const stored = await ctx.repos.deliveries.get(weekly[0]!._id);
    expect(stored!.message.text).toContain("ringkasan mingguan");
    expect(stored!.message.text).toContain("📊 Ringkasan Bagian Keuangan, tahun 2026");

    // Stopping it, and losing the role, both end it.
    await press(supervisors.wita!, "rks|w|off");
    const wit = (await ctx.repos.identities.get(supervisors.wit!.id))!;
    await ctx.repos.people.setRoles(wit.personId, []);
    clock = new Date("2026-12-06T22:00:00.000Z");
    expect(await app.summaryReport.weekly("Asia/Makassar", new Date("2026-12-06T23:00:00Z"))).toEqual({
      scheduled: 0,
      skipped: 0,
    });
    expect(await app.summaryReport.weekly("Asia/Jayapura", new Date("2026-12-06T22:00:00Z"))).toEqual({
      scheduled: 0,
      skipped: 1,
    });
  });
});
