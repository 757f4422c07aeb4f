import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { renderAssessmentChart } from "../../../src/charts/assessment-chart.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Level } from "../../../src/domain/competency.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { isJpeg } from "../../support/jpeg.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const days = (n: number) => {
  clock = new Date(clock.getTime() + n * 86_400_000);
};
let chartFails = false;
/** How many result charts were drawn. */
let charts = 0;
const { cmd, text, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

/** Which competency and level a statement text belongs to, from the instrument itself. */
function statementIndex() {
  const index = new Map<string, { code: string; level: Level }>();
  for (const c of app.content.allCompetencies) {
    for (const level of [1, 2, 3, 4, 5] as const) {
      for (let i = 0; i < app.content.instrument.count(c.code, level); i++) {
        index.set(app.content.instrument.statement(c.code, level, i)!.id, { code: c.code, level });
      }
    }
  }
  return index;
}

/**
 * Answers the whole assessment as someone whose true level per competency is `truth` (default 2):
 * "Sangat sesuai" up to that level, "Tidak sesuai" above. Returns every reply and the statements seen.
 */
async function takeAssessment(who: IncomingIdentity, truth: Record<string, number>, fallback = 2) {
  const index = statementIndex();
  let out = await cmd(who, "asesmen");
  expect(all(out)).toContain("Mulai sekarang?");
  out = await text(who, "ya");
  const seen: { code: string; level: number; progress: string }[] = [];
  const replies: Outbound[] = [];
  for (let guard = 0; guard < 80; guard++) {
    const question = out.at(-1)!;
    const statement = question.text.split("\n\n").at(-1)!;
    const found = index.get(statement);
    if (!found) {
      replies.push(...out);
      break;
    }
    seen.push({ ...found, progress: question.text.split("\n")[0]! });
    const holds = found.level <= (truth[found.code] ?? fallback);
    out = await text(who, holds ? "4" : "1");
  }
  return { seen, replies };
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    renderChart: (rows, labels) => {
      charts++;
      if (chartFails) throw new Error("no fonts today");
      return renderAssessmentChart(rows, labels);
    },
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(1), "Sri Wahyuni", "198203142008012005");
  await onboard(tg(2), "Made Aryasa", "199001012015031004", { jabatan: "Pranata Komputer Ahli Pertama" });
});

describe("/asesmen, the adaptive self-assessment", () => {
  it("runs through nine competencies in at most 45 statements and shows the result with a chart", async () => {
    charts = 0;
    const { seen, replies } = await takeAssessment(tg(1), { "M.3": 1, "M.6": 1, "M.1": 3 });
    // Drawn while the result was stored, once.
    expect(charts).toBe(1);
    // Two statements for each level credited and two for the level above: four per competency at least.
    expect(seen.length).toBeGreaterThanOrEqual(36);
    expect(seen.length).toBeLessThanOrEqual(45);
    expect(seen[0]!.progress).toBe("Kompetensi 1 dari 9 · Integritas");
    expect(seen.at(-1)!.progress).toBe("Kompetensi 9 dari 9 · Perekat Bangsa");
    // Kepala Seksi is a Pengawas: Integritas starts at the required level 2; Kerja Sama one level
    // higher, because Integritas ended one above the standard.
    expect(seen.filter((s) => s.code === "M.1")[0]!.level).toBe(2);
    expect(seen.filter((s) => s.code === "M.2")[0]!.level).toBe(3);

    const result = replies.find((r) => r.text.includes("Hasil asesmen"))!;
    const rows = result.text.split("\n").filter((l) => /^(🔸|✅)/.test(l));
    expect(rows.slice(0, 2)).toEqual([
      "🔸 Komunikasi: level 1 (standar jabatan 2)",
      "🔸 Pengembangan Diri dan Orang Lain: level 1 (standar jabatan 2)",
    ]);
    expect(rows).toContain("✅ Integritas: level 3 (standar jabatan 2)");
    expect(rows).toHaveLength(9);
    const chart = replies.find((r) => r.media)!;
    expect(chart.media!.kind).toBe("photo");
    expect(chart.media).toMatchObject({ mime: "image/jpeg", filename: "hasil-asesmen.jpg" });
    expect(isJpeg(chart.media!.bytes)).toBe(true);
    expect(chart.media!.bytes.length).toBeGreaterThan(5_000);
    expect(chart.media!.bytes.length).toBeLessThan(500_000);
    expect(all(replies)).toContain("Hasil ini tersimpan");

    const personId = (await ctx.repos.identities.get("telegram:1"))!.personId;
    const [stored] = await ctx.repos.assessments.listForPerson(personId);
    expect(stored!.statements).toBe(seen.length);
    expect((await ctx.repos.people.get(personId))!.status.gapCount).toBe(2);
  });

  it("refuses a second assessment inside 90 days and says from when it is possible", async () => {
    days(30);
    const out = all(await cmd(tg(1), "asesmen"));
    expect(out).toContain("Anda sudah mengikuti asesmen pada Selasa, 24 November 2026");
    expect(out).toContain("sejak Senin, 22 Februari 2027");
  });

  it("allows it after 90 days and shows the change since the previous one", async () => {
    days(61);
    const { replies } = await takeAssessment(tg(1), { "M.3": 2, "M.6": 1, "M.1": 3 });
    const rows = all(replies)
      .split("\n")
      .filter((l) => /^(🔸|✅)/.test(l));
    expect(rows).toContain("✅ Komunikasi: level 2 (standar jabatan 2) (+1)");
    // Komunikasi reached the standard: congratulated and recorded once.
    expect(all(replies)).toContain("Selamat! Kompetensi Komunikasi kini sudah memenuhi standar jabatan Anda");
    expect(rows).toContain("🔸 Pengembangan Diri dan Orang Lain: level 1 (standar jabatan 2)");
    const personId = (await ctx.repos.identities.get("telegram:1"))!.personId;
    expect(await ctx.repos.assessments.listForPerson(personId)).toHaveLength(2);
  });

  it("still gives the text result when the chart cannot be drawn, on /hasil too", async () => {
    chartFails = true;
    try {
      const out = await cmd(tg(1), "hasil");
      expect(out.some((o) => o.media)).toBe(false);
      expect(all(out)).toContain("Hasil asesmen");
    } finally {
      chartFails = false;
    }
    const withChart = await cmd(tg(1), "hasil");
    expect(withChart.some((o) => o.media && isJpeg(o.media.bytes))).toBe(true);
  });

  it("adds the teknis competencies of the jabatan family (sample data) to the nine", async () => {
    const { seen, replies } = await takeAssessment(tg(2), {});
    expect(seen[0]!.progress).toBe("Kompetensi 1 dari 11 · Integritas");
    expect(seen.some((s) => s.code === "T.PK.1")).toBe(true);
    expect(seen.some((s) => s.code === "T.PK.2")).toBe(true);
    expect(all(replies)).toContain("Pengelolaan Infrastruktur TI dan Keamanan Informasi");
  });

  it("undoes the last answer with Kembali, and resumes where the person left off", async () => {
    days(200);
    await cmd(tg(2), "asesmen");
    const first = all(await text(tg(2), "ya"));
    const second = all(await text(tg(2), "4"));
    expect(second).not.toEqual(first);
    const back = all(await text(tg(2), "kembali"));
    expect(back.split("\n\n").at(-1)).toEqual(first.split("\n\n").at(-1));
    await cmd(tg(2), "menu");
    const resumed = all(await cmd(tg(2), "asesmen"));
    expect(resumed).toContain(first.split("\n\n").at(-1)!);
    await cmd(tg(2), "batal");
  });
});
