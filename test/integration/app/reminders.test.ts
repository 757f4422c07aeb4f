import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
// Everyone enrols on 1 December 2026; the clock then moves as each test says.
let clock = new Date("2026-12-01T00:00:00Z");
const { cmd, press, all } = chatDriver(() => app);

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,pengingat,start,end,timezone,quota",
  // Thursday 10 December 2026, 09.00 WIB (02.00 UTC).
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BPSDM Provinsi Jambi,bimtek,24,M.4:2-3,online,,,,,2026-12-10 09:00,2026-12-10 16:00,WIB,40",
  // Friday 11 December 2026, 07.00 WITA (23.00 UTC on the 10th).
  "apel-pagi,Kelas Pagi Pelayanan Publik,BPSDM NTB,workshop,4,M.6:2-3,online,,,,,2026-12-11 07:00,2026-12-11 11:00,WITA,40",
  // Tuesday 18 August 2026, the day after Independence Day; only the 1-day reminder.
  "sesudah-libur,Lokakarya Sesudah Libur,BKPSDM Kota Mataram,workshop,8,M.2:2-3,online,,,,1d@08:00,2026-08-18 09:00,2026-08-18 15:00,WIB,40",
].join("\n");

const people: Record<string, { identity: IncomingIdentity; personId: string }> = {};

async function person(key: string, name: string, timeZone: string, reminders?: object) {
  const p = await ctx.repos.people.create({
    name,
    timeZone,
    tier: "pelaksana",
    onboardedAt: clock,
    ...(reminders ? { reminders } : {}),
  });
  const identity: IncomingIdentity = {
    id: `telegram:${Object.keys(people).length + 100}`,
    channel: "telegram",
  };
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  people[key] = { identity, personId: p._id };
}

async function enrol(key: string, sessionId: string) {
  const said = all(await press(people[key]!.identity, `crs|y|${shortKey(sessionId)}`));
  expect(said).toContain("terdaftar");
}

/** What waits in the outbox for one person, by purpose. */
async function outboxOf(key: string): Promise<Delivery[]> {
  const all = await ctx.db.models.Delivery.find({ personId: people[key]!.personId })
    .lean<Delivery[]>()
    .exec();
  return all.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** Runs the planner at `iso` (as its cron tick would). */
async function tick(iso: string) {
  clock = new Date(iso);
  return app.reminders.plan(clock);
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await app.importCourses(CATALOG);
  await person("jambi", "Rahmat Hidayat", "Asia/Jakarta");
  await person("mataram", "Baiq Nurul", "Asia/Makassar");
  await person("jayapura", "Yosina Wenda", "Asia/Jayapura");
  // Quiet until 08.00: an early reminder must go the evening before instead.
  await person("ampenan", "Lalu Ahmad", "Asia/Makassar", { quietStart: "21:00", quietEnd: "08:00" });
  for (const key of ["jambi", "mataram", "jayapura"]) await enrol(key, "bimtek-sakip@202612100900");
  await enrol("mataram", "apel-pagi@202612110700");
  await enrol("ampenan", "apel-pagi@202612110700");
});

describe("training reminders", () => {
  it("sends the 7-day reminder at 08.00 local in WIT, WITA and WIB, each only once", async () => {
    await tick("2026-12-02T22:55:00Z");
    expect((await outboxOf("jayapura")).map((d) => [d.purpose, d.dueAt.toISOString()])).toEqual([
      ["reminder.7d@08:00", "2026-12-02T23:00:00.000Z"],
    ]);
    expect(await outboxOf("mataram")).toEqual([]);
    await tick("2026-12-02T23:55:00Z");
    await tick("2026-12-03T00:55:00Z");
    expect((await outboxOf("mataram")).map((d) => d.dueAt.toISOString())).toEqual([
      "2026-12-03T00:00:00.000Z",
    ]);
    expect((await outboxOf("jambi")).map((d) => d.dueAt.toISOString())).toEqual(["2026-12-03T01:00:00.000Z"]);
    // Another instance running the same tick adds nothing.
    expect((await tick("2026-12-03T00:55:00Z")).scheduled).toBe(0);
    const wit = await ctx.repos.deliveries.get((await outboxOf("jayapura"))[0]!._id);
    expect(wit!.message.text).toContain(
      '"Bimtek Penyusunan SAKIP" dimulai Kamis, 10 Desember 2026 pukul 11.00 WIT',
    );
    expect(wit!.message.choices!.flat().map((b) => b.label)).toEqual([
      "✅ Hadir",
      "Tidak bisa hadir",
      "Ingatkan 1 jam lagi",
      "Ingatkan besok",
    ]);
  });

  it("sends the 1-day and 2-hour reminders, and holds one due in quiet hours", async () => {
    await tick("2026-12-09T00:55:00Z"); // 08.55 WITA: the 1-day reminder for Friday's 07.00 class
    await tick("2026-12-09T01:55:00Z");
    await tick("2026-12-09T23:55:00Z"); // 2 hours before 09.00 WIB
    const jambi = (await outboxOf("jambi")).map((d) => [d.purpose, d.dueAt.toISOString()]);
    expect(jambi).toContainEqual(["reminder.1d@08:00", "2026-12-09T01:00:00.000Z"]);
    expect(jambi).toContainEqual(["reminder.2h", "2026-12-10T00:00:00.000Z"]);
    // Quiet until 08.00 would be after the 07.00 start, so it goes at 20.30 WITA the evening before.
    await tick("2026-12-10T12:25:00Z");
    const ampenan = (await outboxOf("ampenan")).filter((d) => d.purpose === "reminder.2h");
    expect(ampenan.map((d) => d.dueAt.toISOString())).toEqual(["2026-12-10T12:30:00.000Z"]);
    // 2 hours before 07.00 WITA is 05.00, inside 21.00–06.00: it waits for 06.00 WITA.
    await tick("2026-12-10T21:55:00Z");
    const mataram = (await outboxOf("mataram")).filter(
      (d) => d._id.includes("apel-pagi") && d.purpose === "reminder.2h",
    );
    expect(mataram.map((d) => d.dueAt.toISOString())).toEqual(["2026-12-10T22:00:00.000Z"]);
  });

  it("moves a morning reminder off a national holiday to the working day before", async () => {
    const saved = clock;
    clock = new Date("2026-08-01T00:00:00Z");
    await enrol("jambi", "sesudah-libur@202608180900");
    // 17 August is a holiday: the 1-day reminder goes on Sunday the 16th at 08.00 WIB.
    await tick("2026-08-16T00:55:00Z");
    const due = (await outboxOf("jambi")).filter((d) => d._id.includes("sesudah-libur"));
    expect(due.map((d) => [d.purpose, d.dueAt.toISOString()])).toEqual([
      ["reminder.1d@08:00", "2026-08-16T01:00:00.000Z"],
    ]);
    clock = saved;
  });

  it("records Hadir and Tidak bisa hadir, and stops reminding someone who cannot come", async () => {
    clock = new Date("2026-12-03T02:00:00Z");
    const key = shortKey("bimtek-sakip@202612100900");
    expect(all(await press(people.jayapura!.identity, `rem|h|${key}`))).toContain("kehadiran Anda");
    const absent = await press(people.jambi!.identity, `rem|t|${key}`);
    expect(all(absent)).toContain("Koordinator pelatihan akan melihat catatan ini");
    expect(absent[0]!.choices![0]![0]!.data).toBe(`crs|c|${key}`);
    const places = await ctx.db.models.Enrollment.find({ sessionId: "bimtek-sakip@202612100900" })
      .lean()
      .exec();
    expect(Object.fromEntries(places.map((e) => [e.personId, e.attendance ?? null]))).toEqual({
      [people.jambi!.personId]: "tidak",
      [people.mataram!.personId]: null,
      [people.jayapura!.personId]: "hadir",
    });
    await ctx.db.models.Delivery.deleteMany({ personId: people.jambi!.personId }).exec();
    await tick("2026-12-09T00:55:00Z");
    expect((await outboxOf("jambi")).filter((d) => d._id.includes("bimtek"))).toEqual([]);
  });

  it("snoozes for an hour or until tomorrow morning, outside quiet hours", async () => {
    const key = shortKey("bimtek-sakip@202612100900");
    clock = new Date("2026-12-03T01:10:00Z"); // 09.10 WITA
    expect(all(await press(people.mataram!.identity, `rem|s1|${key}`))).toContain(
      "saya ingatkan lagi Kamis, 3 Desember 2026 pukul 10.10 WITA",
    );
    clock = new Date("2026-12-03T12:45:00Z"); // 20.45 WITA: an hour later is inside quiet hours
    expect(all(await press(people.mataram!.identity, `rem|s1|${key}`))).toContain(
      "Jumat, 4 Desember 2026 pukul 06.00 WITA",
    );
    expect(all(await press(people.mataram!.identity, `rem|sb|${key}`))).toContain(
      "Jumat, 4 Desember 2026 pukul 08.00 WITA",
    );
    const snoozed = (await outboxOf("mataram")).filter((d) => d.purpose === "reminder.snooze");
    expect(snoozed.map((d) => d.dueAt.toISOString())).toEqual([
      "2026-12-03T02:10:00.000Z",
      "2026-12-03T22:00:00.000Z",
      "2026-12-04T00:00:00.000Z",
    ]);
  });
});

describe("/pengingat", () => {
  it("changes quiet hours and turns training reminders off, which the planner then respects", async () => {
    const me = people.jayapura!.identity;
    const shown = await cmd(me, "pengingat");
    expect(all(shown)).toContain("Jam tenang: 21.00–06.00");
    expect(all(await press(me, "pgr|q|2200-0500"))).toContain("Jam tenang: 22.00–05.00");
    const off = all(await press(me, "pgr|t|off"));
    expect(off).toContain("Pengingat pelatihan: mati");
    const stored = await ctx.repos.people.get(people.jayapura!.personId);
    expect(stored!.reminders).toMatchObject({ quietStart: "22:00", quietEnd: "05:00", training: false });
    await ctx.db.models.Delivery.deleteMany({ personId: people.jayapura!.personId }).exec();
    await tick("2026-12-08T22:55:00Z"); // the 1-day reminder moment in WIT
    expect(await outboxOf("jayapura")).toEqual([]);
    expect(all(await press(me, "pgr|n|pause"))).toContain("Dorongan JP bulanan: dijeda sampai");
  });
});
