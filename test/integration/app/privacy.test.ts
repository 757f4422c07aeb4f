import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Completion } from "../../../src/db/models/index.js";
import { CONSENT_TEXT_VERSION } from "../../../src/features/onboarding/onboarding.js";
import { createRetention } from "../../../src/features/privacy/retention.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-12-01T02:00:00Z");
const { cmd, press, all, onboard } = chatDriver(() => app);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const sl = (user: string): IncomingIdentity => ({ id: `slack:T01:${user}`, channel: "slack" });
const ANI = { who: tg(1), name: "Ani Lestari", nip: "198203142008012005" };
const BUDI = { who: tg(2), name: "Budi Hartono", nip: "199001012015031004" };
const UNIT = "jambi.dinkes.yankes";
const PAST = "bimtek-sakip@202612100900";
const FUTURE = "latsar-data@202702010900";
// The past session ends on 10 December 2026 at 16.00 WIB, 09.00 UTC.
const PAST_ENDS = Date.parse("2026-12-10T09:00:00Z");

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BPSDM Provinsi Jambi,bimtek,24,M.4:2-3,online,,,,2026-12-10 09:00,2026-12-10 16:00,WIB,40",
  "latsar-data,Pelatihan Analisis Data,BPSDM Provinsi Jambi,bimtek,16,M.4:2-3,online,,,,2027-02-01 09:00,2027-02-01 16:00,WIB,1",
].join("\n");

const ids: Record<string, string> = {};
const personOf = async (who: IncomingIdentity) => (await ctx.repos.identities.get(who.id))!.personId;

/** Every document of every collection, as JSON text, by collection (audit apart on request). */
async function everything(skip: string[] = []): Promise<Record<string, string>> {
  const db = ctx.db.connection.db!;
  const out: Record<string, string> = {};
  for (const c of await db.listCollections({}, { nameOnly: true }).toArray()) {
    if (skip.includes(c.name)) continue;
    out[c.name] = JSON.stringify(await db.collection(c.name).find({}).toArray());
  }
  return out;
}

/** The stored derived summary documents and the same computed from the facts, both sorted. */
async function storedAndRebuilt() {
  const sort = <T extends { _id: string }>(xs: T[]) => [...xs].sort((a, b) => a._id.localeCompare(b._id));
  const norm = (x: Awaited<ReturnType<typeof ctx.repos.summaries.allDerived>>) =>
    JSON.parse(
      JSON.stringify({
        contributions: sort(x.contributions),
        members: sort(x.members),
        totals: sort(x.totals),
        headcounts: sort(x.headcounts),
        trees: sort(x.trees),
        treeHeadcounts: sort(x.treeHeadcounts),
      }),
    );
  return {
    stored: norm(await ctx.repos.summaries.allDerived()),
    built: norm(await app.summaries.computeFromFacts()),
  };
}

const SUPERVISOR = tg(900);
const headcount = async () => {
  await app.summaries.settle();
  return /👥 (\d+) pegawai/.exec(all(await cmd(SUPERVISOR, "ringkasan")))?.[1];
};

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    surveyHashKey: "k".repeat(40),
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await app.importCourses(CATALOG);
  await onboard(ANI.who, ANI.name, ANI.nip);
  await onboard(BUDI.who, BUDI.name, BUDI.nip);
  ids.ani = await personOf(ANI.who);
  ids.budi = await personOf(BUDI.who);
  // Colleagues in the same unit, so the unit's summary is shown in full (five or more people).
  for (const name of ["Citra Dewi", "Dodi Saputra", "Eka Putri", "Fajar Nugroho"]) {
    const p = await ctx.repos.people.create({
      name,
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: UNIT,
      onboardedAt: clock,
    });
    ids[name.split(" ")[0]!.toLowerCase()] = p._id;
    await app.summaries.touch(p._id);
  }
  const sup = await ctx.repos.people.create({
    name: "Atasan Yankes",
    timeZone: "Asia/Jakarta",
    instansiId: "jambi",
    unitId: "jambi.dinkes",
    onboardedAt: clock,
    roles: [{ role: "supervisor", unitId: UNIT, grantedAt: clock }],
  });
  await ctx.repos.identities.bind({ id: SUPERVISOR.id, channel: "telegram", personId: sup._id, now: clock });
  await app.summaries.touch(sup._id); // what onboarding's profile change does

  // Ani: a linked Slack account, an assessment, a completion, two enrolments, a survey answer,
  // mentoring both ways, reminder settings, a sent message; Budi: some of the same.
  const code = /([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(all(await cmd(ANI.who, "tautkan")))![1]!;
  expect(all(await cmd(sl("U1"), "tautkan", code))).toContain("Kode benar");
  const ask = (await ctx.db.models.Delivery.findOne({ purpose: "link.approve" })
    .lean()
    .exec()) as unknown as {
    message: { rows: { buttons: { data: string }[] }[] };
  };
  expect(all(await press(ANI.who, ask.message.rows[0]!.buttons[0]!.data))).toContain("kini tertaut");
  await cmd(ANI.who, "tautkan"); // a code left waiting
  await app.recordAssessment({
    personId: ids.ani!,
    assessed: { "M.1": 2, "M.4": 1 },
    required: { "M.1": 3, "M.4": 3 },
    statements: 8,
    completedAt: clock,
  });
  await app.recordAssessment({
    personId: ids.budi!,
    assessed: { "M.1": 4, "M.4": 4 },
    required: { "M.1": 3, "M.4": 3 },
    statements: 8,
    completedAt: clock,
  });
  const ani = (await ctx.repos.people.get(ids.ani!))!;
  const completion: Completion = {
    _id: `${ani._id}|self|run1`,
    personId: ani._id,
    source: "self",
    title: "Webinar Kebijakan Publik",
    method: "webinar",
    kind: "nonklasikal",
    competencyType: "manajerial",
    jp: 2,
    completedOn: "2026-11-20",
    year: 2026,
    recordedAt: clock,
  };
  await app.ledger.record(ani, completion, clock);
  for (const s of [PAST, FUTURE])
    expect(all(await press(ANI.who, `crs|y|${shortKey(s)}`))).toContain("terdaftar");
  expect(all(await press(BUDI.who, `crs|y|${shortKey(PAST)}`))).toContain("terdaftar");
  expect(all(await press(BUDI.who, `crs|y|${shortKey(FUTURE)}`))).toContain("penuh");
  await ctx.repos.mentoring.open({
    _id: `${ids.ani}|M.4`,
    menteeId: ids.ani!,
    mentorId: ids.budi!,
    competency: "M.4",
    status: "pending",
    createdAt: clock,
  });
  await ctx.repos.mentoring.open({
    _id: `${ids.citra}|M.1`,
    menteeId: ids.citra!,
    mentorId: ids.ani!,
    competency: "M.1",
    status: "accepted",
    createdAt: clock,
    decidedAt: clock,
  });
  await ctx.repos.people.update(ids.ani!, { reminders: { quietStart: "22:00", quietEnd: "05:00" } });
  for (const [key, personId] of [
    ["ani", ids.ani!],
    ["budi", ids.budi!],
  ] as const) {
    const sent = await ctx.db.models.DeliveryLog.create({
      _id: `reminder.1d:${PAST}:${personId}`,
      purpose: "reminder.1d",
      personId,
      identityId: key === "ani" ? ANI.who.id : BUDI.who.id,
      channel: "telegram",
      address: key === "ani" ? "1" : "2",
      message: { text: `Pengingat untuk ${key}: besok Bimtek Penyusunan SAKIP` },
      dueAt: new Date("2026-12-09T01:00:00Z"),
      status: "sent",
      attempts: 1,
      resends: 0,
      createdAt: clock,
      sentAt: new Date("2026-12-09T01:00:01Z"),
    });
    await app.summaries.deliveryFinished(sent.toObject(), true); // what the dispatcher does
  }
  // The post-training survey: both invited, Ani answers (a named survey).
  clock = new Date(PAST_ENDS + 2 * HOUR);
  expect((await app.surveys.tick(clock)).invited).toBe(2);
  const k = shortKey(`pasca-pelatihan:${PAST}:${ids.ani}`);
  let last = await press(ANI.who, `srv|o|${k}`);
  for (const [i, v] of [3, 4, 3, 4, 4].entries()) last = await press(ANI.who, `srv|a|${k}|${i}|${v}`);
  expect(all(last)).toContain("Jawaban Anda tersimpan");
  // Ani wrote an announcement once, as a coordinator; an admin's audit entry is about her.
  await ctx.repos.broadcasts.create({
    _id: "brd-ani",
    createdBy: ids.ani!,
    createdByIdentity: ANI.who.id,
    text: "Jadwal Bimtek SAKIP bulan depan",
    audience: { kind: "unit", values: [UNIT] },
    recipients: 6,
    dueAt: clock,
    status: "scheduled",
    createdAt: clock,
  });
  await ctx.repos.audit.append({
    at: clock,
    actorPersonId: sup._id,
    action: "role.grant",
    outcome: "ok",
    targetKind: "person",
    targetId: ids.ani!,
    details: { role: "koordinator" },
  });
});

describe("/dataku", () => {
  it("sends the person's own data as a JSON file, with the consent text version, and audits it", async () => {
    await cmd(ANI.who, "profil");
    const out = await cmd(ANI.who, "dataku");
    expect(out).toHaveLength(1);
    const [reply] = out;
    expect(reply!.text).toContain("data pribadi");
    expect(reply!.text).toContain(`versi ${CONSENT_TEXT_VERSION}`);
    // Telegram cuts a document's caption at 1,024 characters.
    expect(reply!.text.length).toBeLessThanOrEqual(1024);
    expect(reply!.media).toMatchObject({ kind: "document", mime: "application/json" });
    expect(reply!.media!.filename).toMatch(/^pandu-dataku-\d{4}-\d{2}-\d{2}\.json$/);
    const raw = new TextDecoder().decode(reply!.media!.bytes);
    const data = JSON.parse(raw);
    expect(data.profile).toMatchObject({
      id: ids.ani,
      name: ANI.name,
      nip: ANI.nip,
      unit: { id: UNIT, name: "Bidang Pelayanan Kesehatan" },
      instansi: { id: "jambi", name: "Pemerintah Provinsi Jambi" },
      // Read from her NIP at registration (TMT CPNS 2008); only a PPPK has a contract start.
      employment: "PNS",
      employmentSource: "nip",
      contractStart: null,
    });
    expect(data.consent).toMatchObject({
      textVersion: CONSENT_TEXT_VERSION,
      currentTextVersion: CONSENT_TEXT_VERSION,
    });
    expect(Date.parse(data.consent.givenAt)).toBeLessThanOrEqual(clock.getTime());
    expect(data.identities.map((i: { id: string }) => i.id).sort()).toEqual(["slack:T01:U1", ANI.who.id]);
    expect(data.assessments).toHaveLength(1);
    expect(data.assessments[0].results.map((r: { competency: string }) => r.competency).sort()).toEqual([
      "M.1",
      "M.4",
    ]);
    expect(data.completions.map((c: { title: string }) => c.title)).toEqual(["Webinar Kebijakan Publik"]);
    expect(data.enrollments.map((e: { sessionId: string }) => e.sessionId).sort()).toEqual([PAST, FUTURE]);
    expect(data.surveys.invitations).toHaveLength(1);
    expect(data.surveys.invitations[0]).toMatchObject({ surveyId: "pasca-pelatihan", status: "answered" });
    expect(data.surveys.responses).toHaveLength(1);
    expect(data.surveys.responses[0]).toMatchObject({
      surveyId: "pasca-pelatihan",
      answers: [3, 4, 3, 4, 4],
    });
    expect(data.reminderPreferences.quietHours).toEqual({ start: "22:00", end: "05:00" });
    expect(data.deliveries.sent.map((d: { text: string }) => d.text)).toEqual([
      "Pengingat untuk ani: besok Bimtek Penyusunan SAKIP",
    ]);
    // Mentoring: the pending request names nobody; the accepted one names the mentee.
    const byRole = Object.fromEntries(
      data.mentoring.map((m: { role: string; otherParty: unknown }) => [m.role, m.otherParty]),
    );
    expect(byRole).toEqual({ mentee: null, mentor: { name: "Citra Dewi" } });
    expect(data.notes.join(" ")).toContain("survei anonim");
    // Nobody else's data: not Budi's name, NIP, id, answers or messages.
    for (const other of [BUDI.name, BUDI.nip, ids.budi!, "Pengingat untuk budi", "Dodi Saputra"])
      expect(raw).not.toContain(other);
    const [entry] = await ctx.repos.audit.list({ action: "privacy.export" });
    expect(entry).toMatchObject({ actorPersonId: ids.ani, outcome: "ok", targetId: ids.ani });
    // What was done about her, without who did it; the conversation she has open.
    expect(data.audit).toContainEqual(
      expect.objectContaining({ action: "role.grant", about: true, details: { role: "koordinator" } }),
    );
    expect(raw).not.toContain((await personOf(SUPERVISOR))!);
    expect(data.conversations.map((c: { flow: string }) => c.flow)).toEqual(["profil"]);
    await cmd(ANI.who, "batal");
  });

  it("speaks English to a person who chose it", async () => {
    await press(BUDI.who, "lang|en");
    const [reply] = await cmd(BUDI.who, "dataku");
    expect(reply!.text).toContain("personal data");
    expect(reply!.text.length).toBeLessThanOrEqual(1024);
    const data = JSON.parse(new TextDecoder().decode(reply!.media!.bytes));
    expect(data.notes.join(" ")).toContain("anonymous surveys");
    expect(data.mentoring).toEqual([
      expect.objectContaining({ role: "mentor", status: "pending", otherParty: null }),
    ]);
    await press(BUDI.who, "lang|id");
  });
});

describe("/hapusdata", () => {
  it("explains what goes and what stays, and Batal deletes nothing", async () => {
    const before = await everything(["audit_log"]);
    const [ask] = await cmd(ANI.who, "hapusdata");
    expect(ask!.text).toContain("tidak bisa dibatalkan");
    expect(ask!.text).toContain("tanpa nama");
    const labels = ask!.choices!.flat().map((c) => c.label);
    expect(labels).toEqual(["Ya, hapus data saya", "Batal"]);
    for (const c of ask!.choices!.flat()) expect(Buffer.byteLength(c.data)).toBeLessThanOrEqual(64);
    expect(all(await press(ANI.who, ask!.choices![0]![1]!.data))).toContain("tidak ada yang dihapus");
    expect(await everything(["audit_log"])).toEqual(before);
  });

  it("says a staff member's roles go too", async () => {
    const [ask] = await cmd(SUPERVISOR, "hapusdata");
    expect(ask!.text).toContain("atasan (Bidang Pelayanan Kesehatan)");
    expect(ask!.text).toContain("/peran");
  });

  it("refuses a confirmation button older than half an hour", async () => {
    const [ask] = await cmd(ANI.who, "hapusdata");
    clock = new Date(clock.getTime() + 31 * 60_000);
    expect(all(await press(ANI.who, ask!.choices![0]![0]!.data))).toContain("kedaluwarsa");
    expect(await ctx.repos.people.get(ids.ani!)).not.toBeNull();
  });

  it("erases everything of the person, keeps de-identified survey answers, and the totals agree", async () => {
    expect(await headcount()).toBe("6");
    const responsesBefore = await ctx.db.models.SurveyResponse.countDocuments({}).exec();
    const [ask] = await cmd(ANI.who, "hapusdata");
    const done = all(await press(ANI.who, ask!.choices![0]![0]!.data));
    expect(done).toContain("sudah dihapus");

    // Nothing anywhere names Ani, her NIP or her chat accounts once the summary folder has taken
    // the change in (it runs every minute); only the audit log keeps her opaque id (who did
    // what), and never with a name, NIP or chat account.
    await app.summaries.settle();
    const left = await everything(["audit_log"]);
    for (const [collection, docs] of Object.entries(left)) {
      for (const needle of [ids.ani!, ANI.nip, ANI.name, ANI.who.id, "slack:T01:U1", "Pengingat untuk ani"])
        expect(docs, `${collection} still holds ${needle}`).not.toContain(needle);
    }
    const audit = JSON.stringify(await ctx.db.models.AuditEntry.find({}).lean().exec());
    for (const needle of [ANI.nip, ANI.name, ANI.who.id, "slack:T01:U1"]) expect(audit).not.toContain(needle);
    const [erased] = await ctx.repos.audit.list({ action: "privacy.erase" });
    expect(erased).toMatchObject({ outcome: "ok", targetKind: "person", targetId: ids.ani });
    expect(erased!.actorIdentityId).toBeUndefined();
    expect(erased!.details).toMatchObject({
      removed: { person: 1, identities: 2, assessments: 1, completions: 1, enrollments: 2, nip: 1 },
      resumed: false,
    });

    // The survey answer still counts, without person or time; the seat went back.
    expect(await ctx.db.models.SurveyResponse.countDocuments({}).exec()).toBe(responsesBefore);
    const copy = await ctx.db.models.SurveyResponse.findOne({ answers: [3, 4, 3, 4, 4] })
      .lean()
      .exec();
    expect(copy).toMatchObject({ surveyId: "pasca-pelatihan", answeredOn: "2026-12-10" });
    expect(copy!.personId).toBeUndefined();
    expect(copy!.answeredAt).toBeUndefined();
    expect(all(await press(BUDI.who, `crs|y|${shortKey(FUTURE)}`))).toContain("✅ Anda terdaftar");
    expect(await ctx.repos.erasures.all()).toEqual([]);

    // Unit summaries: one fewer, and the running totals equal a rebuild from the facts.
    expect(await headcount()).toBe("5");
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
    expect(stored.members.map((m: { _id: string }) => m._id)).not.toContain(ids.ani);
  });

  it("leaves the chat accounts strangers, who may register again (consent asked anew)", async () => {
    expect(all(await cmd(ANI.who, "profil"))).toContain("belum terdaftar");
    expect(all(await cmd(sl("U1"), "dataku"))).toContain("belum terdaftar");
    expect(all(await cmd(ANI.who, "start"))).toContain("Apakah Anda setuju?");
    await cmd(ANI.who, "batal");
    await onboard(ANI.who, ANI.name, ANI.nip);
    const again = await personOf(ANI.who);
    expect(again).not.toBe(ids.ani);
    expect(await ctx.repos.nipClaims.ownerOf(ANI.nip)).toBe(again);
    expect((await ctx.repos.people.get(again))!.consent).toMatchObject({ textVersion: CONSENT_TEXT_VERSION });
  });
});

describe("an interrupted erasure", () => {
  it("is finished by a retried /hapusdata from the account, even after the account went", async () => {
    const budi = ids.budi!;
    // A crash after five steps: accounts, outbox, enrolments and conversations are gone already.
    expect(await app.privacy.erase(budi, { stepsOnly: 5 })).toBeUndefined();
    expect(await ctx.repos.identities.get(BUDI.who.id)).toBeNull();
    expect(await ctx.repos.people.get(budi)).not.toBeNull();
    expect(await ctx.repos.erasures.get(budi)).not.toBeNull();
    expect(all(await cmd(BUDI.who, "hapusdata"))).toContain("sudah dihapus");
    expect(await ctx.repos.people.get(budi)).toBeNull();
    expect(await ctx.repos.nipClaims.ownerOf(BUDI.nip)).toBeNull();
    expect(await ctx.repos.assessments.listForPerson(budi)).toEqual([]);
    expect(await ctx.repos.surveys.listForPerson(budi)).toEqual([]);
    expect(await ctx.repos.erasures.all()).toEqual([]);
    const erasures = await ctx.repos.audit.list({ action: "privacy.erase" });
    expect(erasures.filter((e) => e.targetId === budi)).toHaveLength(1);
    expect(erasures.find((e) => e.targetId === budi)!.details).toMatchObject({ resumed: true });
  });

  it("is finished by the housekeeping job once a few minutes have passed", async () => {
    const citra = ids.citra!;
    expect(await app.privacy.erase(citra, { stepsOnly: 0 })).toBeUndefined();
    const housekeeping = app.jobs.find((j) => j.name === "housekeeping")!;
    expect(await housekeeping.run(new Date(clock.getTime() + 60_000))).toMatchObject({ erasures: 0 });
    expect(await ctx.repos.people.get(citra)).not.toBeNull();
    expect(await housekeeping.run(new Date(clock.getTime() + 11 * 60_000))).toMatchObject({ erasures: 1 });
    expect(await ctx.repos.people.get(citra)).toBeNull();
    expect(await ctx.repos.erasures.all()).toEqual([]);
    const { stored, built } = await (async () => {
      await app.summaries.settle();
      return storedAndRebuilt();
    })();
    expect(stored).toEqual(built);
  });
});

describe("retention", () => {
  it("deletes only delivery log and audit entries older than their retention, in batches", async () => {
    // Everything the other tests wrote is from late 2026, inside both retentions at this date.
    const now = new Date("2027-03-01T00:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
    const log = (id: string, createdAt: Date) =>
      ctx.db.models.DeliveryLog.create({
        _id: `ret:${id}`,
        purpose: "ret.test",
        identityId: "telegram:5",
        channel: "telegram",
        address: "5",
        message: { text: "x" },
        dueAt: createdAt,
        status: "sent",
        attempts: 1,
        resends: 0,
        createdAt,
      });
    for (const [i, d] of [400, 366, 365.5, 300, 10].entries()) await log(`d${i}`, daysAgo(d));
    for (const [i, d] of [800, 731, 729].entries())
      await ctx.repos.audit.append({ at: daysAgo(d), action: `ret.test${i}`, outcome: "ok" });
    const before = {
      log: await ctx.db.models.DeliveryLog.countDocuments({}).exec(),
      audit: await ctx.db.models.AuditEntry.countDocuments({}).exec(),
    };
    const retention = createRetention({
      repos: ctx.repos,
      rules: { deliveryLogDays: 365, auditDays: 730 },
      batch: 2,
    });
    expect(await retention.run(now)).toEqual({ deliveryLog: 3, audit: 2 });
    expect(
      (await ctx.db.models.DeliveryLog.find({ purpose: "ret.test" }).lean().exec()).map((d) => d._id).sort(),
    ).toEqual(["ret:d3", "ret:d4"]);
    expect((await ctx.repos.audit.list({ action: "ret.test2" })).length).toBe(1);
    expect(await ctx.db.models.DeliveryLog.countDocuments({}).exec()).toBe(before.log - 3);
    expect(await ctx.db.models.AuditEntry.countDocuments({}).exec()).toBe(before.audit - 2);
    // Run again: nothing more to do.
    expect(await retention.run(now)).toEqual({ deliveryLog: 0, audit: 0 });
    expect(app.jobs.map((j) => j.name)).toContain("retention");
  });

  it("keeps a purged reminder counted in the unit summary, through a rebuild too", async () => {
    const dodi = ids.dodi!;
    const sent = await ctx.db.models.DeliveryLog.create({
      _id: `reminder.1d:old-session:${dodi}`,
      purpose: "reminder.1d",
      personId: dodi,
      identityId: "telegram:44",
      channel: "telegram",
      address: "44",
      message: { text: "Pengingat" },
      dueAt: new Date("2026-02-01T01:00:00Z"),
      status: "sent",
      attempts: 1,
      resends: 0,
      createdAt: new Date("2026-01-31T01:00:00Z"),
    });
    await app.summaries.deliveryFinished(sent.toObject(), true);
    await app.summaries.settle();
    const sentIn2026 = async () =>
      (await ctx.repos.summaries.allDerived()).totals.find((t) => t._id === `${UNIT}|2026`)?.remindersSent;
    expect(await sentIn2026()).toBe(1);
    const retention = createRetention({ repos: ctx.repos, rules: { deliveryLogDays: 365, auditDays: 730 } });
    expect((await retention.run(new Date("2027-03-01T00:00:00Z"))).deliveryLog).toBe(1);
    expect(await app.summaries.rebuild()).toMatchObject({ changed: 0 });
    expect(await sentIn2026()).toBe(1);
    const { stored, built } = await storedAndRebuilt();
    expect(stored).toEqual(built);
  });
});
