import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { renderTeamHeatmap } from "../../../src/charts/team-heatmap.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import type { TeamHeatmapInput } from "../../../src/features/team/team.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { standardOf } from "../../support/assessment-runs.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { isJpeg } from "../../support/jpeg.js";

/**
 * /tim through the real app and database: a Kepala Seksi with four direct reports, three of whom
 * agreed (one by the question after /asesmen), sees exactly those three in the heatmap and the
 * text and nothing of the fourth; a supervisor of another unit sees none. An adjustment from /tim
 * reaches the person's /hasil, the unit summary and the person's chat.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-24T02:00:00Z");
const drawn: TeamHeatmapInput[] = [];
const { cmd, text, press, all, onboard, takeAssessment } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const KASI = tg(1);
const SRI = tg(2);
const LAIN = tg(3);
const KABID = tg(4);
const UNIT = "jambi.dinkes.yankes";
const KASI_NIP = "197805052005011002";
const ids: Record<string, string> = {};

/** The data of the button labelled with `label` in the replies. */
const buttonOf = (out: Outbound[], label: string) =>
  out.flatMap((o) => o.choices?.flat() ?? []).find((c) => c.label.includes(label))?.data;

async function komunikasiInSummary() {
  await app.summaries.settle();
  return all(await cmd(KABID, "ringkasan"))
    .split("\n")
    .find((l) => l.includes("Komunikasi:"));
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    renderTeamHeatmap: (heatmap, labels) => {
      drawn.push(heatmap);
      return renderTeamHeatmap(heatmap, labels);
    },
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(KASI, "Hendra Gunawan", KASI_NIP);
  await onboard(SRI, "Sri Wahyuni", "198203142008012005");
  ids.kasi = (await ctx.repos.identities.get(KASI.id))!.personId;
  ids.sri = (await ctx.repos.identities.get(SRI.id))!.personId;
  await ctx.repos.people.update(ids.sri, { atasanNip: KASI_NIP });
  // Two more who agreed, one who did not; all four in the Kepala Seksi's unit, and so is he.
  const staff: [string, boolean | undefined][] = [
    ["Agus Salim", true],
    ["Bunga Lestari", true],
    ["Dedi Kurniawan", false],
  ];
  for (const [name, allowed] of staff) {
    const p = await ctx.repos.people.create({
      name,
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: UNIT,
      onboardedAt: clock,
      atasanNip: KASI_NIP,
      ...(allowed !== undefined ? { atasanConsent: { allowed, at: clock } } : {}),
    });
    ids[name] = p._id;
    await app.recordAssessment({
      personId: p._id,
      assessed: { ...standardOf(2), "M.3": name === "Dedi Kurniawan" ? 4 : 2 },
      required: standardOf(2),
      statements: 36,
      completedAt: clock,
    });
  }
  await app.recordAssessment({
    personId: ids.kasi,
    assessed: standardOf(2),
    required: standardOf(2),
    statements: 36,
    completedAt: clock,
  });
  // A supervisor of a sibling unit, and the Kepala Bidang's supervisor role over the unit (summaries).
  for (const [who, name, unit] of [
    [LAIN, "Lain Unit", "jambi.dinkes.p2p"],
    [KABID, "Kepala Bidang", UNIT],
  ] as const) {
    const p = await ctx.repos.people.create({
      name,
      nip: who === LAIN ? "198001012006041009" : "197501012000031001",
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: unit,
      onboardedAt: clock,
      roles: [{ role: "supervisor", unitId: unit, grantedAt: clock }],
    });
    await ctx.repos.identities.bind({ id: who.id, channel: "telegram", personId: p._id, now: clock });
  }
});

describe("consent after /asesmen", () => {
  it("asks after the result whether the direct atasan may see it, and stores the answer", async () => {
    const out = await takeAssessment(SRI, { "M.3": 3 });
    expect(all(out)).toContain("Hasil ini tersimpan");
    const yes = buttonOf(out, "Ya, boleh");
    expect(all(out)).toContain("Bolehkah atasan langsung Anda melihat hasil asesmen ini");
    expect(all(await press(SRI, yes!))).toContain("kini bisa melihat hasil Anda di /tim");
    expect((await ctx.repos.people.get(ids.sri!))!.atasanConsent).toEqual({ allowed: true, at: clock });
  });
});

describe("/tim for the Kepala Seksi", () => {
  it("shows exactly the three who agreed, in the heatmap and the text, and nothing of the fourth", async () => {
    drawn.length = 0;
    const out = await cmd(KASI, "tim");
    const said = all(out);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]!.rows.map((r) => r.person)).toEqual(["Agus Salim", "Bunga Lestari", "Sri Wahyuni"]);
    const m3 = drawn[0]!.columns.indexOf("M.3");
    expect(drawn[0]!.rows.map((r) => r.cells[m3])).toEqual([
      { level: 2, required: 2 },
      { level: 2, required: 2 },
      { level: 3, required: 2 },
    ]);
    const photo = out.find((o) => o.media);
    expect(isJpeg(photo!.media!.bytes)).toBe(true);
    for (const name of ["Agus Salim", "Bunga Lestari", "Sri Wahyuni"]) expect(said).toContain(`👤 ${name}`);
    expect(said).toContain("3 staf langsung yang mengizinkan");
    expect(said).toContain("1 staf langsung belum memberi izin");
    expect(said).not.toContain("Dedi");
    expect(said).toContain("JP");
    // Dedi's own level 4 in Komunikasi appears nowhere: no cell, no line.
    expect(drawn[0]!.rows.flatMap((r) => r.cells).some((c) => c?.level === 4)).toBe(false);
    expect(buttonOf(out, "Tinjau Dedi")).toBeUndefined();
  });

  it("shows a supervisor of another unit none of them, and one of the staff's own unit none either", async () => {
    expect(all(await cmd(LAIN, "tim"))).toContain("belum tercatat sebagai atasan langsung");
    expect(all(await cmd(KABID, "tim"))).toContain("belum tercatat sebagai atasan langsung");
  });
});

describe("adjusting a level from /tim", () => {
  it("reaches the person's /hasil with both levels, the unit summary and the person's chat", async () => {
    // Before: Sri's self level 3 counts ((3 + 2 + 2 + 4 + 2) / 5, nobody below the standard).
    expect(await komunikasiInSummary()).toBe("• Komunikasi: 2,6 / 2,0 · 0% di bawah standar (5 orang)");
    const list = await cmd(KASI, "tim");
    let out = await press(KASI, buttonOf(list, "Tinjau Sri Wahyuni")!);
    expect(all(out)).toContain("👤 Sri Wahyuni");
    out = await press(KASI, buttonOf(out, "M.3 Komunikasi")!);
    expect(all(out)).toContain("Komunikasi: penilaian diri level 3, standar jabatan 2");
    out = await press(KASI, buttonOf(out, "Level 1")!);
    expect(all(out)).toContain("Tulis catatan singkat");
    expect(all(await text(KASI, "x".repeat(301)))).toContain("300");
    out = await text(KASI, "Perlu latihan presentasi di depan tim.");
    expect(all(out)).toContain("Tersimpan: Komunikasi untuk Sri Wahyuni kini level 1");
    await text(KASI, "tidak");

    const hasil = all(await cmd(SRI, "hasil"));
    expect(hasil).toContain(
      "Komunikasi: level 1 (penilaian diri 3, dikonfirmasi atasan: 1; standar jabatan 2)",
    );
    expect(hasil).toContain("Catatan atasan: Perlu latihan presentasi di depan tim.");
    expect(await komunikasiInSummary()).toBe("• Komunikasi: 2,2 / 2,0 · 20% di bawah standar (5 orang)");
    const { waiting } = await ctx.repos.deliveries.ofPerson(ids.sri!);
    expect(waiting.map((d) => d.message.text).join("\n")).toContain(
      "Atasan langsung Anda, Hendra Gunawan, meninjau hasil asesmen Anda. Komunikasi: penilaian diri 3, dikonfirmasi level 1.",
    );
  });
});

describe("unit summaries read by an atasan who also supervises the unit", () => {
  it("hides the figures that, minus the staff they see in /tim, would describe fewer than five others", async () => {
    // The unit's five counted people include three the Kepala Seksi sees one by one in /tim.
    await ctx.repos.people.setRoles(ids.kasi!, [{ role: "supervisor", unitId: UNIT, grantedAt: clock }]);
    app.events.emit("rolesChanged", { personId: ids.kasi! });
    await app.summaries.settle();
    const kasi = all(await cmd(KASI, "ringkasan"));
    expect(kasi).toContain("Unit ini berisi 5 orang, tetapi rinciannya tidak ditampilkan");
    expect(kasi).not.toContain("Komunikasi:");
    // The Kepala Bidang sees nobody one by one, so the same unit is shown to them in full.
    expect(await komunikasiInSummary()).toContain("(5 orang)");
    await ctx.repos.people.setRoles(ids.kasi!, []);
    app.events.emit("rolesChanged", { personId: ids.kasi! });
  });
});
