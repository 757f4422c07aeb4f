import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { createScheduler } from "../../../src/scheduler/scheduler.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-12-01T00:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const SESSION = "bimtek-sakip@202612100900";
// The session ends on 10 December 2026 at 16.00 WIB, 09.00 UTC.
const ENDS = Date.parse("2026-12-10T09:00:00Z");
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BPSDM Provinsi Jambi,bimtek,24,M.4:2-3,online,,,,2026-12-10 09:00,2026-12-10 16:00,WIB,40",
].join("\n");

const who: Record<string, { identity: IncomingIdentity; personId: string }> = {};
let next = 500;

async function person(key: string, instansiId: string) {
  const p = await ctx.repos.people.create({
    name: key,
    timeZone: "Asia/Jakarta",
    instansiId,
    onboardedAt: clock,
  });
  const identity: IncomingIdentity = { id: `telegram:${next++}`, channel: "telegram" };
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  who[key] = { identity, personId: p._id };
}

const deliveries = async (purposePrefix: string) =>
  (await ctx.db.models.Delivery.find({}).lean<Delivery[]>().exec())
    .filter((d) => d.purpose.startsWith(purposePrefix))
    .sort((a, b) => a._id.localeCompare(b._id));

/** Answers every item of an invitation with the given values, pressing buttons as a person would. */
async function answer(key: string, invitationId: string, values: number[]) {
  const k = shortKey(invitationId);
  let last = await press(who[key]!.identity, `srv|o|${k}`);
  for (const [i, v] of values.entries()) last = await press(who[key]!.identity, `srv|a|${k}|${i}|${v}`);
  return all(last);
}

async function tick(at: number) {
  clock = new Date(at);
  return app.surveys.tick(clock);
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    surveyHashKey: "k".repeat(40),
  });
  await app.importCourses(CATALOG);
  for (const key of ["ani", "budi"]) {
    await person(key, "kota-jambi");
    expect(all(await press(who[key]!.identity, `crs|y|${shortKey(SESSION)}`))).toContain("terdaftar");
  }
});

describe("the post-training survey", () => {
  it("is sent 2 hours after the session ends, reminded on days 1 and 3, and closed on day 7", async () => {
    expect((await tick(ENDS + 2 * HOUR - 60_000)).invited).toBe(0);
    expect((await tick(ENDS + 2 * HOUR)).invited).toBe(2);
    const [invite] = await deliveries("survey.pasca-pelatihan");
    expect(invite!.dueAt.toISOString()).toBe("2026-12-10T11:00:00.000Z");
    const stored = await ctx.repos.deliveries.get(invite!._id);
    expect(stored!.message.text).toContain('Tentang: "Bimtek Penyusunan SAKIP"');
    expect((await tick(ENDS + 2 * HOUR + 5 * 60_000)).invited).toBe(0);

    expect((await tick(ENDS + 2 * HOUR + DAY - 60_000)).reminded).toBe(0);
    expect((await tick(ENDS + 2 * HOUR + DAY)).reminded).toBe(2);
    expect((await tick(ENDS + 2 * HOUR + 2 * DAY)).reminded).toBe(0);
    // Budi answers on day 2: only Ani is reminded on day 3.
    clock = new Date(ENDS + 2 * HOUR + 2 * DAY);
    const thanks = await answer("budi", `pasca-pelatihan:${SESSION}:${who.budi!.personId}`, [3, 3, 2, 3, 4]);
    expect(thanks).toContain("Terima kasih! Jawaban Anda tersimpan");
    expect((await tick(ENDS + 2 * HOUR + 3 * DAY)).reminded).toBe(1);
    const reminders = (await deliveries("survey.pasca-pelatihan.remind")).map((d) => [
      d.purpose,
      d.dueAt.toISOString(),
    ]);
    expect(reminders).toEqual([
      ["survey.pasca-pelatihan.remind1", "2026-12-11T11:00:00.000Z"],
      ["survey.pasca-pelatihan.remind1", "2026-12-11T11:00:00.000Z"],
      ["survey.pasca-pelatihan.remind3", "2026-12-13T11:00:00.000Z"],
    ]);
    expect((await tick(ENDS + 2 * HOUR + 7 * DAY - 60_000)).closed).toBe(0);
    expect((await tick(ENDS + 2 * HOUR + 7 * DAY)).closed).toBe(1);
    expect(
      all(
        await press(
          who.ani!.identity,
          `srv|o|${shortKey(`pasca-pelatihan:${SESSION}:${who.ani!.personId}`)}`,
        ),
      ),
    ).toContain("sudah ditutup");
  });

  it("asks item by item with a way back, and scores with the ×25 conversion and grade", async () => {
    // Budi alone answered 3, 3, 2, 3, 4.
    const r = await app.surveys.results("pasca-pelatihan", SESSION, "courseId");
    expect(r.respondents).toBe(1);
    // 15 points over 5 items × 25 ÷ 4 steps: mean 3.0 → 75.00, grade C (65.00–76.60).
    expect(r.overall).toMatchObject({ ikm: 75, grade: "C" });
    expect(r.overall!.nrr).toEqual([3, 3, 2, 3, 4]);
    // A stale button (answering item 1 again after item 2) shows the current item instead.
    await person("citra", "kota-jambi");
    clock = new Date("2026-12-12T03:00:00Z");
    await app.surveys.invite(
      app.content.surveys.find((s) => s.id === "pasca-pelatihan")!,
      (await ctx.repos.people.get(who.citra!.personId))!,
      SESSION,
      clock,
      { subject: "Bimtek Penyusunan SAKIP", courseId: "bimtek-sakip" },
    );
    const k = shortKey(`pasca-pelatihan:${SESSION}:${who.citra!.personId}`);
    const first = await press(who.citra!.identity, `srv|o|${k}`);
    expect(all(first)).toContain("pertanyaan 1 dari 5");
    expect(first[0]!.choices!.flat().map((b) => b.label)).toEqual([
      "1 · Tidak sesuai",
      "2 · Kurang sesuai",
      "3 · Sesuai",
      "4 · Sangat sesuai",
    ]);
    expect(all(await press(who.citra!.identity, `srv|a|${k}|0|4`))).toContain("pertanyaan 2 dari 5");
    expect(all(await press(who.citra!.identity, `srv|a|${k}|0|1`))).toContain("pertanyaan 2 dari 5");
    expect(all(await press(who.citra!.identity, `srv|b|${k}`))).toContain("pertanyaan 1 dari 5");
    for (const [i, v] of [4, 3, 4, 3, 4].entries()) await press(who.citra!.identity, `srv|a|${k}|${i}|${v}`);
    const both = await app.surveys.results("pasca-pelatihan", SESSION, "courseId");
    // (15 + 18) points ÷ (2 × 5) items = 3.3 → 82.50, grade B (76.61–88.30).
    expect(both.overall).toMatchObject({ respondents: 2, ikm: 82.5, grade: "B" });
    expect(both.overall!.nrr).toEqual([3.5, 3, 3, 3, 4]);
  });

  it("follows up (Kirkpatrick level 3) three months after the session", async () => {
    const threeMonths = Date.parse("2027-03-10T09:00:00Z");
    await tick(threeMonths - 60_000);
    expect(await deliveries("survey.penerapan-pelatihan")).toEqual([]);
    await tick(threeMonths);
    const followUps = await deliveries("survey.penerapan-pelatihan");
    expect(followUps.map((d) => d.personId).sort()).toEqual([who.ani!.personId, who.budi!.personId].sort());
    const text = (await ctx.repos.deliveries.get(followUps[0]!._id))!.message.text;
    // The title sits mid-sentence ("Mohon isi evaluasi pascapelatihan …").
    expect(text).toContain("Mohon isi evaluasi pascapelatihan");
  });
});

describe("the periodic anonymous survey (Survei Kepuasan, nine unsur)", () => {
  it("fires on its quarterly cron at 09.00 WIB", async () => {
    const job = app.jobs.find((j) => j.name === "survey:skm-triwulan")!;
    expect(job).toMatchObject({ cron: "0 9 5 1,4,7,10 *", timeZone: "Asia/Jakarta" });
    const scheduler = createScheduler({ jobs: [job], coordinator: { shouldRun: () => false } });
    scheduler.start();
    const nextRun = scheduler.nextRuns()["survey:skm-triwulan"];
    await scheduler.stop();
    // Today is 25 November 2026: the next quarter opens on 5 January 2027, 09.00 WIB.
    expect(nextRun!.getTime()).toBeGreaterThan(Date.now());
    const tickAt = new Date("2027-01-05T02:00:00Z");
    expect(nextRun!.toISOString().slice(11)).toBe(tickAt.toISOString().slice(11));
    clock = tickAt;
    expect(await job.run(tickAt)).toBe(3);
    expect(await job.run(tickAt)).toBe(0);
    const invites = await deliveries("survey.skm-triwulan");
    expect(invites.map((d) => d.dueAt.toISOString())).toEqual(Array(3).fill("2027-01-05T02:00:00.000Z"));
  });

  it("stores no person id, refuses a second answer, and hides a group below 5 answers", async () => {
    // Four more people in Kota Jambi (five in all with one more below) and four in Kota Mataram.
    for (const key of ["dedi", "eka", "fajar", "gita"]) await person(key, "kota-jambi");
    for (const key of ["hadi", "indah", "joko", "kiki"]) await person(key, "kota-mataram");
    clock = new Date("2027-01-05T02:00:00Z");
    await app.jobs.find((j) => j.name === "survey:skm-triwulan")!.run(clock);
    clock = new Date("2027-01-05T03:00:00Z");
    const jambi = ["ani", "budi", "citra", "dedi", "eka"];
    const mataram = ["hadi", "indah", "joko", "kiki"];
    for (const key of [...jambi, ...mataram]) {
      const said = await answer(
        key,
        `skm-triwulan:2027-01-05:${who[key]!.personId}`,
        [4, 3, 3, 4, 3, 3, 4, 3, 3],
      );
      expect(said).toContain("tanpa nama Anda");
    }
    const stored = await ctx.db.models.SurveyResponse.find({ surveyId: "skm-triwulan" }).lean().exec();
    expect(stored).toHaveLength(9);
    for (const r of stored) {
      expect(r).not.toHaveProperty("personId");
      expect(r).not.toHaveProperty("answeredAt");
      expect(JSON.stringify(r)).not.toMatch(/p_[a-z0-9]+/i);
    }
    // Answering again (the invitation reopened, as after a restore) is refused by the keyed hash.
    const id = `skm-triwulan:2027-01-05:${who.ani!.personId}`;
    await ctx.db.models.SurveyInvitation.updateOne({ _id: id }, { $set: { status: "open" } }).exec();
    expect(await answer("ani", id, [1, 1, 1, 1, 1, 1, 1, 1, 1])).toContain("sudah mengisi");
    expect(await ctx.db.models.SurveyResponse.countDocuments({ surveyId: "skm-triwulan" }).exec()).toBe(9);

    const r = await app.surveys.results("skm-triwulan", "2027-01-05", "instansiId");
    // 30 points per respondent over 9 unsur: 25 × 30 ÷ 36 = 83.33, grade B. The overall result
    // counts only the groups' counted answers (Jambi's 5): with Mataram's 4 in it, the overall
    // minus Jambi would be Mataram.
    expect(r).toMatchObject({ respondents: 9, counted: 5 });
    expect(r.overall).toMatchObject({ respondents: 5, ikm: 83.33, grade: "B" });
    expect(r.groups).toEqual([
      expect.objectContaining({ group: "kota-jambi", respondents: 5, hidden: false }),
      { group: "kota-mataram", respondents: 4, hidden: true },
    ]);
    expect(r.groups[0]).toMatchObject({ ikm: { ikm: 83.33, grade: "B" } });
  });

  it("lists a person's open surveys on /survei, and shows staff the results with small groups hidden", async () => {
    clock = new Date("2027-01-05T04:00:00Z");
    const open = all(await cmd(who.fajar!.identity, "survei"));
    expect(open).toContain("Survei kepuasan layanan pengembangan kompetensi");
    expect(all(await cmd(who.ani!.identity, "survei"))).toContain(
      "Tidak ada survei yang menunggu jawaban Anda",
    );
    expect(all(await cmd(who.ani!.identity, "survei", "hasil"))).toContain("hanya untuk petugas");
    await ctx.db.models.Person.updateOne(
      { _id: who.ani!.personId },
      { $set: { roles: [{ role: "koordinator", unitId: "kota-jambi", grantedAt: clock }] } },
    ).exec();
    app.conversations.invalidate(who.ani!.identity.id);
    const summary = all(await cmd(who.ani!.identity, "survei", "hasil"));
    expect(summary).toContain("kota-jambi: 5 responden, indeks 83,33, mutu B (Baik)");
    // Another instansi's answers are outside a kota-jambi coordinator's scope: not even counted.
    expect(summary).not.toContain("kota-mataram");
  });
});

describe("anonymous answers in progress and results in steps", () => {
  const invitation = (key: string) => `skm-triwulan:2027-01-05:${who[key]!.personId}`;
  const jambiResult = async () =>
    JSON.stringify(
      (await app.surveys.results("skm-triwulan", "2027-01-05", "instansiId")).groups.find(
        (g) => g.group === "kota-jambi",
      ),
    );

  it("keeps answers so far under a random token, apart from the named invitation, until sent", async () => {
    clock = new Date("2027-01-05T05:00:00Z");
    const k = shortKey(invitation("fajar"));
    await press(who.fajar!.identity, `srv|o|${k}`);
    for (const [i, v] of [4, 4, 1].entries()) await press(who.fajar!.identity, `srv|a|${k}|${i}|${v}`);
    const inv = (await ctx.repos.surveys.get(invitation("fajar")))!;
    // The named invitation holds no answers, only a random token.
    expect(inv.answers).toEqual([]);
    expect(inv.draft).toMatch(/^[A-Za-z0-9_-]{24}$/);
    // The answers sit under a keyed hash of the token: no person, no survey, nothing that names
    // the token, so no record an admin can read ties Fajar to them without SURVEY_HASH_KEY.
    const drafts = await ctx.db.models.SurveyDraft.find({}).lean().exec();
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.answers).toEqual([4, 4, 1]);
    expect(drafts[0]!._id).not.toContain(inv.draft);
    expect(Object.keys(drafts[0]!).sort()).toEqual(["_id", "answers", "expiresAt"]);
    for (const name of (await ctx.db.connection.db!.listCollections().toArray()).map((c) => c.name)) {
      const docs = await ctx.db.connection.db!.collection(name).find({}).toArray();
      for (const d of docs.map((x) => JSON.stringify(x)))
        expect(d.includes(who.fajar!.personId) && d.includes(drafts[0]!._id), name).toBe(false);
    }
    // Fajar's own /dataku has them (the token ties them to him until he sends).
    const [file] = await cmd(who.fajar!.identity, "dataku");
    const data = JSON.parse(new TextDecoder().decode(file!.media!.bytes));
    const mine = data.surveys.invitations.find((i: { _id: string }) => i._id === invitation("fajar"));
    expect(mine).toMatchObject({ answers: [4, 4, 1] });
    expect(mine).not.toHaveProperty("draft");
    // Back one item, then on to the end: the draft goes, the token goes, the response has no person.
    expect(all(await press(who.fajar!.identity, `srv|b|${k}`))).toContain("pertanyaan 3 dari 9");
    const before = await jambiResult();
    for (const [i, v] of [1, 1, 1, 1, 1, 1, 1].entries())
      await press(who.fajar!.identity, `srv|a|${k}|${i + 2}|${v}`);
    expect(await ctx.db.models.SurveyDraft.countDocuments({}).exec()).toBe(0);
    expect(await ctx.repos.surveys.get(invitation("fajar"))).toMatchObject({ status: "answered" });
    expect(await ctx.repos.surveys.get(invitation("fajar"))).not.toHaveProperty("draft");
    const last = await ctx.db.models.SurveyResponse.findOne({ _id: "skm-triwulan#9" }).lean().exec();
    expect(last).toMatchObject({ seq: 9, answers: [4, 4, 1, 1, 1, 1, 1, 1, 1] });
    expect(last).not.toHaveProperty("personId");
    // Jambi's sixth answer does not move Jambi's result: it waits for a step of five.
    expect(await jambiResult()).toBe(before);
  });

  it("moves a result only when a step of 5 answers completes", async () => {
    const before = await jambiResult();
    for (const key of ["lina", "made", "nia"]) await person(key, "kota-jambi");
    for (const key of ["lina", "made", "nia"])
      await app.surveys.invite(
        app.content.surveys.find((s) => s.id === "skm-triwulan")!,
        (await ctx.repos.people.get(who[key]!.personId))!,
        "2027-01-05",
        clock,
      );
    for (const key of ["gita", "lina", "made"]) {
      await answer(key, invitation(key), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
      expect(await jambiResult()).toBe(before);
    }
    await answer("nia", invitation("nia"), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
    const after = (await app.surveys.results("skm-triwulan", "2027-01-05", "instansiId")).groups[0]!;
    expect(after).toMatchObject({ group: "kota-jambi", respondents: 10, hidden: false });
  });

  it("drops the draft and its token when the survey closes", async () => {
    await person("oki", "kota-jambi");
    await app.surveys.invite(
      app.content.surveys.find((s) => s.id === "skm-triwulan")!,
      (await ctx.repos.people.get(who.oki!.personId))!,
      "2027-01-05",
      clock,
    );
    const k = shortKey(invitation("oki"));
    await press(who.oki!.identity, `srv|o|${k}`);
    await press(who.oki!.identity, `srv|a|${k}|0|2`);
    expect(await ctx.db.models.SurveyDraft.countDocuments({}).exec()).toBe(1);
    await tick(Date.parse("2027-01-20T00:00:00Z"));
    expect(await ctx.db.models.SurveyDraft.countDocuments({}).exec()).toBe(0);
    expect(await ctx.repos.surveys.get(invitation("oki"))).toMatchObject({ status: "closed", answers: [] });
    expect(await ctx.repos.surveys.get(invitation("oki"))).not.toHaveProperty("draft");
  });

  it("deletes the draft with the invitation when the person erases their data", async () => {
    clock = new Date("2027-01-05T06:00:00Z");
    await person("putu", "kota-jambi");
    await app.surveys.invite(
      app.content.surveys.find((s) => s.id === "skm-triwulan")!,
      (await ctx.repos.people.get(who.putu!.personId))!,
      "2027-01-05",
      clock,
    );
    const k = shortKey(invitation("putu"));
    await press(who.putu!.identity, `srv|o|${k}`);
    await press(who.putu!.identity, `srv|a|${k}|0|3`);
    expect(await ctx.db.models.SurveyDraft.countDocuments({}).exec()).toBe(1);
    const [ask] = await cmd(who.putu!.identity, "hapusdata");
    expect(all(await press(who.putu!.identity, ask!.choices![0]![0]!.data))).toContain("sudah dihapus");
    expect(await ctx.db.models.SurveyDraft.countDocuments({}).exec()).toBe(0);
    expect(await ctx.repos.surveys.get(invitation("putu"))).toBeNull();
  });
});
