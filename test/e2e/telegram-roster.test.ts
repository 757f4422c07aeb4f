import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { App } from "../../src/app.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { startTelegramPandu, type TelegramPandu } from "../bench/telegram-pandu.js";
import { useTestDatabase } from "../support/database.js";
import type { SentMessage } from "../support/telegram-emulator.js";

/**
 * /peserta end to end: Pandu wired as main.ts wires it, the real Telegram adapter against the Bot
 * API emulator, on a controllable clock. 30 people are enrolled in a session (seeded directly);
 * the reminder goes out through the outbox and 15 of them answer it with its buttons; the
 * koordinator sees 12 Hadir / 3 Tidak / 15 without an answer, downloads the daftar hadir, and marks
 * the session completed: every present person's JP rises once, and a second press changes nothing.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const KOORD = 9100;
const PEOPLE = 30;
const chatOf = (i: number) => 9200 + i;
const TITLE = "Pelayanan Publik Prima";
const SESSION = "pelayanan-prima@202601200800";
const JP = 16;
// The day before the session at 08:00 WIB: the "1d@08:00" reminder is due. Deliveries are due by
// the app's clock, which is behind the dispatcher's real one, so each goes at once.
let clock = new Date("2026-01-19T01:00:00Z");
let pandu: TelegramPandu;
const personIds: string[] = [];

async function prepare(app: App) {
  const unit = (id: string, name: string, parent: string | null) => ({
    _id: id,
    name,
    kind: parent ? ("unit" as const) : ("instansi" as const),
    parentId: parent,
    instansiId: "mataram",
    path: parent ? [parent] : [],
  });
  await app.repos.orgUnits.upsertMany([
    unit("mataram", "Pemerintah Kota Mataram", null),
    unit("mataram.bkpsdm", "BKPSDM Mataram", "mataram"),
    unit("mataram.dinkes", "Dinas Kesehatan", "mataram"),
  ]);
  const imported = await app.importCourses(
    [
      "id,title,provider,instansi_penyelenggara,method,jp,competencies,mode,region,location,start,end,timezone,quota",
      `pelayanan-prima,${TITLE},BKPSDM Kota Mataram,mataram,pelatihan-teknis,${JP},M.3:1-2,offline,nusa-tenggara-barat,Aula BKPSDM,2026-01-20 08:00,2026-01-20 16:00,WIB,40`,
    ].join("\n"),
  );
  expect(imported.ok).toBe(true);
  const koord = await app.repos.people.create({
    name: "Koordinator BKPSDM",
    nip: "198001012005011001",
    timeZone: "Asia/Jakarta",
    unitId: "mataram.bkpsdm",
    instansiId: "mataram",
    onboardedAt: clock,
    roles: [{ role: "koordinator", unitId: "mataram.bkpsdm", grantedAt: clock }],
  });
  await app.repos.identities.bind({
    id: `telegram:${KOORD}`,
    channel: "telegram",
    personId: koord._id,
    now: clock,
  });
  for (let i = 0; i < PEOPLE; i++) {
    const p = await app.repos.people.create({
      name: `Peserta ${String(i + 1).padStart(2, "0")}`,
      nip: `19900101201501${String(2000 + i)}`,
      timeZone: "Asia/Jakarta",
      unitId: "mataram.dinkes",
      instansiId: "mataram",
      employment: "PNS",
      onboardedAt: clock,
    });
    personIds.push(p._id);
    await app.repos.identities.bind({
      id: `telegram:${chatOf(i)}`,
      channel: "telegram",
      personId: p._id,
      now: clock,
    });
    await app.repos.enrollments.enroll(
      {
        personId: p._id,
        courseId: "pelayanan-prima",
        sessionId: SESSION,
        title: TITLE,
        jp: JP,
        startsAt: new Date("2026-01-20T01:00:00Z"),
        endsAt: new Date("2026-01-20T09:00:00Z"),
        timeZone: "Asia/Jakarta",
        enrolledAt: new Date("2026-01-05T01:00:00Z"),
        unitId: "mataram.dinkes",
      },
      40,
    );
  }
}

beforeAll(async () => {
  pandu = await startTelegramPandu({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    prepare,
    logLevel: "silent",
    timeoutMs: 20_000,
  });
});
afterAll(async () => {
  await pandu?.stop();
});

const button = (m: SentMessage, label: string) => {
  const b = m.buttons.flat().find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button "${label}" in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
};
/** Presses a button under `m` and returns the message that answered it (an edit of `m`, or a new one). */
async function click(chat: number, m: SentMessage, label: string): Promise<SentMessage> {
  const { replies } = await pandu.press(chat, m.message_id, button(m, label));
  return replies.at(-1) ?? pandu.emulator.messages.get(m.message_id)!;
}
const jpOf = async (id: string) => (await ctx.repos.people.get(id))?.status?.jpTotal ?? 0;

describe("/peserta through the Telegram emulator", () => {
  it("sends the reminder, and 15 people answer it with its buttons: 12 Hadir, 3 Tidak bisa hadir", async () => {
    expect((await pandu.app.reminders.plan(clock)).scheduled).toBe(PEOPLE);
    const reminders = await Promise.all(
      personIds.map((_, i) =>
        pandu.emulator.waitFor(
          () => pandu.emulator.chat(chatOf(i)).find((m) => m.text.includes("Pengingat pelatihan")),
          20_000,
          `the reminder to ${chatOf(i)}`,
        ),
      ),
    );
    for (let i = 0; i < 15; i++) {
      const reply = await click(chatOf(i), reminders[i]!, i < 12 ? "Hadir" : "Tidak bisa hadir");
      expect(reply.text).toContain(i < 12 ? "sudah dicatat" : "tidak bisa hadir");
    }
  });

  it("shows the koordinator the session with 12 Hadir / 3 Tidak / 15 without an answer, and the daftar hadir", async () => {
    const { replies } = await pandu.time(KOORD, "/peserta");
    const list = replies.at(-1)!;
    expect(list.text).toContain(`1. ${TITLE}`);
    expect(list.text).toContain("30 peserta");
    const roster = await click(KOORD, list, `1. ${TITLE}`);
    expect(roster.text).toContain(
      "Peserta: 30 (kuota 40) · Hadir: 12 · Tidak bisa hadir: 3 · Belum menjawab: 15",
    );
    expect(roster.text).toContain("Peserta 01 — ✅ Hadir");
    expect(roster.text).toContain("Halaman 1 dari 3");

    const sheet = await click(KOORD, roster, "Unduh daftar hadir");
    expect(sheet.kind).toBe("document");
    const rows = sheet
      .upload!.text.replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(rows[0]).toBe("no;nip;nama;unit;jawaban_pengingat;kehadiran;tanda_tangan");
    expect(rows).toHaveLength(PEOPLE + 1);
    const answers = rows.slice(1).map((r) => r.split(";")[4]);
    expect(answers.filter((a) => a === "Hadir")).toHaveLength(12);
    expect(answers.filter((a) => a === "Tidak bisa hadir")).toHaveLength(3);
    expect(answers.filter((a) => a === "Belum menjawab")).toHaveLength(15);
  });

  it("marks the session completed: every present person's JP rises once, and a second press changes nothing", async () => {
    clock = new Date("2026-01-20T10:00:00Z");
    const before = await Promise.all(personIds.map(jpOf));
    expect(before.every((x) => x === 0)).toBe(true);
    const list = (await pandu.time(KOORD, "/peserta")).replies.at(-1)!;
    const roster = await click(KOORD, list, `1. ${TITLE}`);
    const ask = await click(KOORD, roster, "Tandai selesai");
    expect(ask.text).toContain("12 peserta yang hadir");
    const confirm = button(ask, "Ya, tandai selesai");
    const done = await click(KOORD, ask, "Ya, tandai selesai");
    expect(done.text).toContain("12 peserta dicatat");
    const after = await Promise.all(personIds.map(jpOf));
    expect(after).toEqual(personIds.map((_, i) => (i < 12 ? JP : 0)));
    // Each person credited is told through the outbox.
    for (let i = 0; i < 12; i++)
      await pandu.emulator.waitFor(
        () => pandu.emulator.chat(chatOf(i)).find((m) => m.text.includes("sudah dicatat koordinator")),
        20_000,
        `the completion note to ${chatOf(i)}`,
      );

    // The same button pressed again (a double tap, or the message kept in another chat).
    const again = (await pandu.press(KOORD, ask.message_id, confirm)).replies.at(-1)!;
    expect(again.text).toContain("tidak ada yang berubah");
    expect(await Promise.all(personIds.map(jpOf))).toEqual(after);
    expect(
      (await ctx.repos.audit.list({ action: "roster.completed", limit: 10 })).map((e) => e.details),
    ).toEqual(
      expect.arrayContaining([
        { recorded: 12, already: 0 },
        { recorded: 0, already: 12 },
      ]),
    );
  });
});
