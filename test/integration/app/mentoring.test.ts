import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { createAssessmentRecorder } from "../../../src/features/assessment/assessment-record.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let budiId: string;
const clock = new Date("2026-11-24T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());

/** A registered person with an assessment of M.3 (required 2). */
async function person(n: number, name: string, instansiId: string, m3: number, mentor = false) {
  const p = await ctx.repos.people.create({
    name,
    timeZone: "Asia/Jakarta",
    instansiId,
    unitId: `${instansiId}.x`,
    tier: "pengawas",
    regionId: "jambi",
    onboardedAt: clock,
    ...(mentor ? { mentorOptIn: true } : {}),
  });
  await ctx.repos.identities.bind({ id: `telegram:${n}`, channel: "telegram", personId: p._id, now: clock });
  await createAssessmentRecorder({ repos: ctx.repos })({
    personId: p._id,
    assessed: { "M.3": m3 as 1 },
    required: { "M.3": 2 },
    statements: 3,
    completedAt: clock,
  });
  return p;
}

/** Names of the mentors suggested from one instansi (their profiles), sorted. */
async function mentorNames(instansiId: string): Promise<string[]> {
  const profiles = await ctx.repos.mentoring.profilesIn(instansiId);
  const people = await ctx.repos.people.byIds(profiles.map((p) => p._id));
  return profiles.map((p) => people.get(p._id)?.name ?? p._id).sort();
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await person(1, "Andi Mentee", "jambi", 1);
  budiId = (await person(2, "Budi Senior", "jambi", 3, true))._id;
  await person(3, "Citra Setara", "jambi", 2, true);
  await person(4, "Dewi Jakarta", "dki", 5, true);
  await person(5, "Eko Enggan", "jambi", 4); // strong, but has not opted in
});

describe("mentoring suggestions", () => {
  it("suggests an opted-in colleague of the same instansi at required + 1, without any name, until both agree", async () => {
    const rec = await cmd(tg(1), "rekomendasi");
    const card = rec.find((o) => o.text.includes("Mentoring Komunikasi"))!;
    expect(card.text).toContain("level 3");
    for (const name of ["Budi", "Citra", "Dewi", "Eko"]) expect(all(rec)).not.toContain(name);

    const asked = all(await press(tg(1), buttons([card])[0]!.data));
    expect(asked).toContain("terkirim tanpa nama Anda");
    expect(all(await cmd(tg(1), "mentor"))).not.toContain("Budi");
    expect(all(await cmd(tg(1), "rekomendasi"))).toContain("menunggu jawaban mentor");

    // The mentor is told at once through the outbox, still without the mentee's name.
    const toMentor = await ctx.db.models.Delivery.find({ purpose: "mentoring.request" }).lean().exec();
    expect(toMentor).toHaveLength(1);
    const notice = await ctx.repos.deliveries.get(toMentor[0]!._id);
    expect(notice!.message.text).toContain("meminta bimbingan Anda untuk Komunikasi");
    expect(notice!.message.text).not.toContain("Andi");
    expect(notice!.message.choices).toEqual([[{ data: "cmd|mentor", label: "Buka /mentor" }]]);
    // Only the matching mentor sees the request, and without the mentee's name.
    expect(all(await cmd(tg(3), "mentor"))).not.toContain("Komunikasi: rekan");
    const inbox = await cmd(tg(2), "mentor");
    expect(all(inbox)).toContain("Komunikasi: rekan dengan level 1 (standar bawaan 2)");
    expect(all(inbox)).not.toContain("Andi");

    const accept = buttons(inbox).find((b) => b.label.startsWith("Terima"))!;
    expect(all(await press(tg(2), accept.data))).toContain(
      "Anda menjadi mentor Andi Mentee untuk Komunikasi",
    );
    const [toMentee] = await ctx.db.models.Delivery.find({ purpose: "mentoring.accepted" }).lean().exec();
    expect((await ctx.repos.deliveries.get(toMentee!._id))!.message.text).toContain(
      "Budi Senior bersedia menjadi mentor Anda untuk Komunikasi",
    );
    expect(all(await cmd(tg(1), "mentor"))).toContain("Budi Senior membimbing Anda (Komunikasi)");
    expect(all(await cmd(tg(2), "mentor"))).toContain("Anda membimbing Andi Mentee (Komunikasi)");
  });

  it("lets a person opt in and out of mentoring", async () => {
    const view = await cmd(tg(5), "mentor");
    expect(all(view)).toContain("belum terdaftar sebagai mentor");
    const optIn = buttons(view).find((b) => b.label.includes("bersedia"))!;
    expect(all(await press(tg(5), optIn.data))).toContain("Terima kasih");
    expect(await mentorNames("jambi")).toEqual(["Budi Senior", "Citra Setara", "Eko Enggan"]);
    await press(tg(5), "mnt|off");
    expect(await mentorNames("jambi")).toEqual(["Budi Senior", "Citra Setara"]);
  });

  it("fills missing mentor profiles once, from each mentor's latest assessment", async () => {
    await ctx.db.models.MentorProfile.deleteMany({}).exec();
    expect(await app.mentoring.backfillProfiles()).toBe(3); // Budi, Citra (jambi) and Dewi (dki)
    expect(await mentorNames("jambi")).toEqual(["Budi Senior", "Citra Setara"]);
    const budi = (await ctx.repos.mentoring.profilesIn("jambi")).find((p) => p.levels[0]?.level === 3);
    expect(budi?.levels).toEqual([{ competency: "M.3", level: 3 }]);
  });

  it("stops suggesting a mentor whom an import moved to another instansi", async () => {
    const mentee = await person(6, "Fajar Baru", "jambi", 1);
    expect(all(await cmd(tg(6), "rekomendasi"))).toContain("Mentoring Komunikasi");
    await ctx.repos.people.update(budiId, { instansiId: "dki" });
    // Citra holds only the required level and Eko opted out: nobody is left to suggest.
    expect(all(await cmd(tg(6), "rekomendasi"))).not.toContain("Mentoring Komunikasi");
    expect(await mentorNames("jambi")).toEqual(["Citra Setara"]);
    expect(mentee.instansiId).toBe("jambi");
  });
});
