import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Assessment } from "../../../src/db/models/index.js";
import { ERASED_CONFIRMER } from "../../../src/domain/counted-level.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { standardOf } from "../../support/assessment-runs.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Self-assessed and confirmed levels through the real app and database: Sri assesses herself at
 * level 3 in Komunikasi, her atasan confirms 1, and from then on 1 is the level that counts for her
 * gaps, recommendations, the unit summary and whom she may mentor, while /hasil and /ekspor show both.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-24T02:00:00Z");
const { cmd, press, all, onboard, takeAssessment } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const SRI = tg(1);
const BUDI = tg(2);
const ATASAN = tg(900);
const UNIT = "jambi.dinkes.yankes";
const ids: Record<string, string> = {};
const personOf = async (who: IncomingIdentity) => (await ctx.repos.identities.get(who.id))!.personId;
const latestOf = async (personId: string) =>
  (await ctx.repos.assessments.get((await ctx.repos.people.get(personId))!.status.lastAssessmentId!))!;
const resultRows = (out: Outbound[]) =>
  all(out)
    .split("\n")
    .filter((l) => /^(🔸|✅)/.test(l));
const csvOf = (out: Outbound[]) =>
  new TextDecoder("utf-8", { ignoreBOM: true }).decode(out.find((o) => o.media)!.media!.bytes);

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "komunikasi,Pelatihan Komunikasi Efektif,BPSDM Provinsi Jambi,e-learning,8,M.3:1-3,online,,,,2026-12-15 09:00,2026-12-15 16:00,WIB,40",
].join("\n");

/** The unit's line for Komunikasi in the atasan's /ringkasan, once the folder took every mark in. */
async function komunikasiInSummary() {
  await app.summaries.settle();
  return all(await cmd(ATASAN, "ringkasan"))
    .split("\n")
    .find((l) => l.includes("Komunikasi:"));
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await app.importCourses(CATALOG);
  // Both Kepala Seksi (pengawas): level 2 required in all nine.
  await onboard(SRI, "Sri Wahyuni", "198203142008012005");
  await onboard(BUDI, "Budi Hartono", "199001012015031004");
  ids.sri = await personOf(SRI);
  ids.budi = await personOf(BUDI);
  await app.recordAssessment({
    personId: ids.budi,
    assessed: { ...standardOf(2), "M.3": 1 },
    required: standardOf(2),
    statements: 36,
    completedAt: clock,
  });
  // Three colleagues at the standard, so the unit's summary shows its competencies (five people).
  for (const name of ["Citra Dewi", "Dodi Saputra", "Eka Putri"]) {
    const p = await ctx.repos.people.create({
      name,
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: UNIT,
      onboardedAt: clock,
    });
    await app.recordAssessment({
      personId: p._id,
      assessed: standardOf(2),
      required: standardOf(2),
      statements: 36,
      completedAt: clock,
    });
  }
  const atasan = await ctx.repos.people.create({
    name: "Atasan Yankes",
    timeZone: "Asia/Jakarta",
    instansiId: "jambi",
    unitId: "jambi.dinkes",
    onboardedAt: clock,
    roles: [{ role: "supervisor", unitId: UNIT, grantedAt: clock }],
  });
  ids.atasan = atasan._id;
  await ctx.repos.identities.bind({ id: ATASAN.id, channel: "telegram", personId: atasan._id, now: clock });
});

describe("before any confirmation", () => {
  it("uses the self-assessed levels, and shows them exactly as before", async () => {
    const out = await takeAssessment(SRI, { "M.3": 3 });
    expect(all(out)).toContain("Hasil asesmen");
    const hasil = await cmd(SRI, "hasil");
    expect(resultRows(hasil)).toContain("✅ Komunikasi: level 3 (standar jabatan 2)");
    expect(all(hasil)).not.toContain("penilaian diri");
    expect(all(hasil)).not.toContain("dikonfirmasi");
    expect(all(await cmd(SRI, "rekomendasi"))).toContain("semua kompetensi Anda sudah memenuhi standar");

    // Sri offers to mentor; her level 3 is required + 1 for Budi's Komunikasi.
    await press(SRI, "mnt|on");
    const card = (await cmd(BUDI, "rekomendasi")).find((o) => o.text.includes("Mentoring Komunikasi"));
    expect(card?.text).toContain("(level 3)");
    // (3 + 1 + 2 + 2 + 2) / 5, and Budi below the standard.
    expect(await komunikasiInSummary()).toBe("• Komunikasi: 2,0 / 2,0 · 20% di bawah standar (5 orang)");
  });
});

describe("a confirmation lower than the self-assessed level", () => {
  let confirmed: Assessment;

  it("keeps the self level, stores the confirmation and makes the gap and gap count follow it", async () => {
    const before = await latestOf(ids.sri!);
    const outcome = await app.confirmLevel({
      assessmentId: before._id,
      competency: "M.3",
      level: 1,
      byPersonId: ids.atasan!,
      actorIdentityId: ATASAN.id,
    });
    expect(outcome.kind).toBe("confirmed");
    confirmed = await latestOf(ids.sri!);
    expect(confirmed.results.find((r) => r.competency === "M.3")).toEqual({
      competency: "M.3",
      assessed: 3,
      required: 2,
      gap: 1,
      confirmation: { level: 1, byPersonId: ids.atasan, at: clock },
    });
    // Every other result as it was.
    expect(confirmed.results.filter((r) => r.competency !== "M.3")).toEqual(
      before.results.filter((r) => r.competency !== "M.3"),
    );
    expect((await ctx.repos.people.get(ids.sri!))!.status.gapCount).toBe(1);
    const [entry] = await ctx.repos.audit.list({ action: "assessment.level-confirmed" });
    expect(entry).toMatchObject({
      actorPersonId: ids.atasan,
      actorIdentityId: ATASAN.id,
      outcome: "ok",
      targetKind: "person",
      targetId: ids.sri,
      scopeUnitId: UNIT,
      details: { assessmentId: confirmed._id, competency: "M.3" },
    });
  });

  it("shows both values on /hasil, the confirmed one counting for the gap", async () => {
    const hasil = await cmd(SRI, "hasil");
    const rows = resultRows(hasil);
    // Largest gap first, now that the confirmation opened one.
    expect(rows[0]).toBe(
      "🔸 Komunikasi: level 1 (penilaian diri 3, dikonfirmasi atasan: 1; standar jabatan 2)",
    );
    expect(rows).toContain("✅ Integritas: level 2 (standar jabatan 2)");
    expect(rows).toHaveLength(9);
    expect(all(hasil)).toContain("1 kompetensi masih di bawah standar jabatan");
    expect(all(hasil)).toContain("Level yang dikonfirmasi atasan Anda menggantikan penilaian diri");
  });

  it("recommends courses for the gap the confirmed level opened", async () => {
    const rec = all(await cmd(SRI, "rekomendasi"));
    expect(rec).toContain("Pelatihan Komunikasi Efektif");
    expect(rec).toContain("Level Komunikasi Anda 1, sedangkan standar jabatan Anda 2.");
  });

  it("no longer offers her as a mentor for a level she is not confirmed at", async () => {
    const rec = await cmd(BUDI, "rekomendasi");
    expect(all(rec)).toContain("Pelatihan Komunikasi Efektif");
    expect(all(rec)).not.toContain("Mentoring Komunikasi");
  });

  it("counts the confirmed level in the unit summary once the folder took the mark in", async () => {
    expect(await app.summaries.pending()).toBeGreaterThan(0);
    // (1 + 1 + 2 + 2 + 2) / 5, and Sri below the standard now too.
    expect(await komunikasiInSummary()).toBe("• Komunikasi: 1,6 / 2,0 · 40% di bawah standar (5 orang)");
    const [contribution] = await ctx.repos.summaries.contributionsOfPerson(ids.sri!);
    expect(contribution!.results.find((r) => r.competency === "M.3")).toEqual({
      competency: "M.3",
      assessed: 1,
      required: 2,
    });
    // The running totals agree with a rebuild from the facts.
    const built = await app.summaries.computeFromFacts();
    const stored = await ctx.repos.summaries.allDerived();
    const byId = <T extends { _id: string }>(xs: T[]) => [...xs].sort((a, b) => a._id.localeCompare(b._id));
    expect(JSON.parse(JSON.stringify(byId(stored.totals)))).toEqual(
      JSON.parse(JSON.stringify(byId(built.totals))),
    );
  });

  it("exports both values, and the gap count by the confirmed level", async () => {
    // Indonesian: ";" between fields (the level cells, holding "; ", come quoted).
    const [header, ...rows] = parse(csvOf(await cmd(ATASAN, "ekspor")), { delimiter: ";" }) as string[][];
    expect(header).toContain("level_penilaian_diri");
    expect(header).toContain("level_dikonfirmasi_atasan");
    const cells = (name: string) => {
      const row = rows.find((r) => r.includes(name))!;
      return Object.fromEntries(header!.map((h, i) => [h, row[i]]));
    };
    const sri = cells("Sri Wahyuni");
    expect(sri.jumlah_kesenjangan_kompetensi).toBe("1");
    expect(sri.level_penilaian_diri).toBe("M.1:2; M.2:2; M.3:3; M.4:2; M.5:2; M.6:2; M.7:2; M.8:2; SK.1:2");
    expect(sri.level_dikonfirmasi_atasan).toBe("M.3:1");
    const budi = cells("Budi Hartono");
    expect(budi.level_penilaian_diri).toContain("M.3:1");
    expect(budi.level_dikonfirmasi_atasan).toBe("");
  });

  it("refuses one's own assessment, a level outside 0–5 and a competency not assessed", async () => {
    const confirm = (over: Partial<Parameters<App["confirmLevel"]>[0]>) =>
      app.confirmLevel({
        assessmentId: confirmed._id,
        competency: "M.1",
        level: 2,
        byPersonId: ids.atasan!,
        ...over,
      });
    expect((await confirm({ byPersonId: ids.sri! })).kind).toBe("own-assessment");
    expect((await confirm({ level: 6 })).kind).toBe("invalid-level");
    expect((await confirm({ level: 2.5 })).kind).toBe("invalid-level");
    expect((await confirm({ competency: "T.PK.1" })).kind).toBe("not-found");
    expect((await confirm({ assessmentId: "s-none" })).kind).toBe("not-found");
    expect((await latestOf(ids.sri!)).results).toEqual(confirmed.results);
  });
});

describe("'gap closed' by the level that counts", () => {
  it("is recorded when a confirmation closes a gap, and withdrawn when a later one reopens it", async () => {
    const first = await latestOf(ids.budi!);
    const { assessment: second, closedGaps } = await app.recordAssessment({
      personId: ids.budi!,
      assessed: { ...standardOf(2), "M.3": 1 },
      required: standardOf(2),
      statements: 36,
      completedAt: new Date(clock.getTime() + 100 * 86_400_000),
    });
    expect(second.previousId).toBe(first._id);
    expect(closedGaps).toEqual([]);
    const gapsClosed = async () =>
      (await ctx.repos.achievements.listForPerson(ids.budi!)).filter((a) => a.kind === "gap-closed");

    const confirm = (level: number) =>
      app.confirmLevel({ assessmentId: second._id, competency: "M.3", level, byPersonId: ids.atasan! });
    await confirm(2);
    expect((await gapsClosed()).map((a) => a._id)).toEqual([`${ids.budi}|gap|M.3|${second._id}`]);
    expect((await ctx.repos.people.get(ids.budi!))!.status.gapCount).toBe(0);
    await confirm(1);
    expect(await gapsClosed()).toEqual([]);
    expect((await ctx.repos.people.get(ids.budi!))!.status.gapCount).toBe(1);

    // The earlier assessment confirmed at the standard: the later one closed nothing after all,
    // and the gap count (of the latest assessment) stays.
    await confirm(2);
    expect(await gapsClosed()).toHaveLength(1);
    await app.confirmLevel({ assessmentId: first._id, competency: "M.3", level: 2, byPersonId: ids.atasan! });
    expect(await gapsClosed()).toEqual([]);
    expect((await ctx.repos.people.get(ids.budi!))!.status.gapCount).toBe(0);
  });
});

describe("privacy", () => {
  it("/dataku exports the confirmation without naming who gave it", async () => {
    const [reply] = await cmd(SRI, "dataku");
    const raw = new TextDecoder().decode(reply!.media!.bytes);
    const data = JSON.parse(raw);
    const m3 = data.assessments[0].results.find((r: { competency: string }) => r.competency === "M.3");
    expect(m3).toEqual({
      competency: "M.3",
      assessed: 3,
      required: 2,
      gap: 1,
      confirmation: { level: 1, at: clock.toISOString() },
    });
    expect(raw).not.toContain(ids.atasan!);
  });

  it("erasing the atasan keeps the level confirmed for Sri, without the atasan's id", async () => {
    await app.privacy.erase(ids.atasan!);
    const m3 = (await latestOf(ids.sri!)).results.find((r) => r.competency === "M.3")!;
    expect(m3.confirmation).toEqual({ level: 1, byPersonId: ERASED_CONFIRMER, at: clock });
    const assessments = JSON.stringify(await ctx.db.models.Assessment.find({}).lean().exec());
    expect(assessments).not.toContain(ids.atasan!);
    expect(all(await cmd(SRI, "hasil"))).toContain("penilaian diri 3, dikonfirmasi atasan: 1");
  });

  it("erasing Sri leaves no level of hers anywhere, the audit log included", async () => {
    const [ask] = await cmd(SRI, "hapusdata");
    expect(ask!.text).toContain("Level yang pernah Anda konfirmasi sebagai atasan tetap berlaku");
    expect(all(await press(SRI, ask!.choices![0]![0]!.data))).toContain("sudah dihapus");
    await app.summaries.settle();
    const db = ctx.db.connection.db!;
    for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
      if (c.name === "audit_log") continue;
      const docs = JSON.stringify(await db.collection(c.name).find({}).toArray());
      expect(docs, `${c.name} still holds Sri`).not.toContain(ids.sri!);
    }
    // The audit keeps that a confirmation happened, on an opaque id, but no level.
    const entries = await ctx.repos.audit.list({ action: "assessment.level-confirmed" });
    const hers = entries.filter((e) => e.targetId === ids.sri);
    expect(hers).toHaveLength(1);
    expect(Object.keys(hers[0]!.details ?? {}).sort()).toEqual(["assessmentId", "competency"]);
  });
});
