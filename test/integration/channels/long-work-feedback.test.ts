import { pino } from "pino";
import readXlsxFile from "read-excel-file/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createTelegramBot } from "../../../src/channels/telegram/bot.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { EXPORT_COLUMNS, exportButton } from "../../../src/features/export/people-export.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";

// Slow work says so first: a note ("sedang menyiapkan…") and, on Telegram, a chat action before
// the file; on Slack a later note with the same key updates the first; /ekspor also gives Excel.

const SECRET = "slack-signing-secret-feedback";
const TOKEN = "xoxb-feedback-token";
const TG_TOKEN = "123456:TEST-token-for-the-emulator_feedback";
const TEAM = "T01";
/** More people than one progress step (1,000 rows): the export reports its count twice. */
const MANY = 1_200;
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const clock = new Date("2026-11-25T02:00:00Z");
let app: App;
let slack: SlackWebApiEmulator;
let pandu: SlackPandu;
const { cmd, press } = chatDriver(() => app);

const ANI_CHAT = 7001;
const ANI: IncomingIdentity = { id: `telegram:${ANI_CHAT}`, channel: "telegram" };
const SUPERVISOR: IncomingIdentity = { id: `slack:${TEAM}:U5`, channel: "slack" };

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
  });
  await ctx.repos.orgUnits.upsertMany([
    { _id: "uji", name: "Pemkab Uji", kind: "instansi", parentId: null, instansiId: "uji", path: [] },
    { _id: "uji.bkd", name: "BKD Uji", kind: "unit", parentId: "uji", instansiId: "uji", path: ["uji"] },
  ]);
  // Ani, on Telegram, with one verified training (the SIASN file has a row).
  const ani = await ctx.repos.people.create({
    name: "Ani Lestari",
    nip: "198203142008012005",
    timeZone: "Asia/Jakarta",
    unitId: "uji.bkd",
    instansiId: "uji",
    onboardedAt: clock,
  });
  await ctx.repos.identities.bind({ id: ANI.id, channel: "telegram", personId: ani._id, now: clock });
  await ctx.repos.completions.insert({
    _id: `${ani._id}|self|feedback`,
    personId: ani._id,
    source: "self",
    title: "Pelatihan Pelayanan Publik",
    method: "seminar",
    kind: "nonklasikal",
    competencyType: "teknis",
    jp: 8,
    completedOn: "2026-10-02",
    year: 2026,
    recordedAt: clock,
    state: "verified",
  });
  // Their supervisor, on Slack, over a unit of more than a thousand people: seeded in one insert.
  const atasan = await ctx.repos.people.create({
    name: "Atasan BKD",
    timeZone: "Asia/Jakarta",
    instansiId: "uji",
    unitId: "uji.bkd",
    onboardedAt: clock,
    roles: [{ role: "supervisor", unitId: "uji.bkd", grantedAt: clock }],
  });
  await ctx.repos.identities.bind({
    id: SUPERVISOR.id,
    channel: "slack",
    personId: atasan._id,
    address: `${TEAM}:U5`,
    now: clock,
  });
  await ctx.db.models.Person.insertMany(
    Array.from({ length: MANY - 2 }, (_, i) => ({
      _id: `p-${i}`,
      name: `Pegawai ${i}`,
      nip: `19900101201501${String(i).padStart(4, "0")}`,
      timeZone: "Asia/Jakarta",
      instansiId: "uji",
      unitId: "uji.bkd",
      status: {
        jpYear: 2026,
        jpTotal: i % 30,
        assessedAt: new Date("2026-03-04T03:00:00Z"),
        gapCount: i % 4,
      },
    })),
    { ordered: false },
  );

  slack = new SlackWebApiEmulator(Date.now, { token: TOKEN });
  await slack.start();
  pandu = await startSlackPandu({
    slack,
    context: testChannelContext(ctx.repos, translator.t.bind(translator), app.conversations.handle),
    token: TOKEN,
    secret: SECRET,
    team: TEAM,
  });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

describe("on Telegram, a file that takes a moment is announced first", () => {
  let tg: TelegramEmulator;
  let bot: ReturnType<typeof createTelegramBot>;
  let update = 0;
  beforeAll(async () => {
    tg = new TelegramEmulator({ token: TG_TOKEN });
    await tg.start();
    bot = createTelegramBot({
      token: TG_TOKEN,
      apiRoot: tg.apiRoot,
      handle: app.conversations.handle,
      groupText: () => "",
      errorText: () => "gagal",
      logger: pino({ level: "silent" }),
    });
    await bot.init();
  });
  afterAll(async () => {
    await tg?.stop();
  });

  /** Ani types `text` (a command); resolves once every reply is out, with the calls it made. */
  async function typed(text: string) {
    const since = tg.calls.length;
    const command = text.split(" ")[0]!;
    await bot.handleUpdate({
      update_id: ++update,
      message: {
        message_id: update,
        date: 0,
        chat: { id: ANI_CHAT, type: "private", first_name: "Ani" },
        from: { id: ANI_CHAT, is_bot: false, first_name: "Ani", language_code: "id" },
        text,
        entities: [{ type: "bot_command", offset: 0, length: command.length }],
      },
    });
    return tg.calls.slice(since);
  }

  it("the SIASN export: the note and 'sending a file…' before the CSV", async () => {
    const calls = await typed("/pelatihan ekspor");
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "sendChatAction", "sendDocument"]);
    expect(calls[0]!.body.text).toContain("Sedang menyiapkan berkas riwayat pelatihan untuk SIASN");
    expect(calls[1]!.body.action).toBe("upload_document");
    expect(tg.chat(ANI_CHAT).at(-1)!.upload!.filename).toBe("riwayat-pelatihan-siasn.csv");
  });

  it("/dataku: the note and 'sending a file…' before the JSON file", async () => {
    const calls = await typed("/dataku");
    expect(calls.map((c) => c.method)).toEqual(["sendMessage", "sendChatAction", "sendDocument"]);
    expect(calls[0]!.body.text).toContain("Sedang mengumpulkan data Anda");
    expect(calls[1]!.body.action).toBe("upload_document");
    expect(tg.chat(ANI_CHAT).at(-1)!.upload!.filename).toMatch(/^pandu-dataku-.*\.json$/);
  });
});

let triggers = 0;
/** `/pandu <text>` typed by `user` in their direct message, as Slack posts it. */
const slackCommand = (user: string, text: string) => pandu.command(user, text, `feedback.${++triggers}`);

describe("/ringkasan on Slack", () => {
  it("posts its note before the summary", async () => {
    const since = slack.calls.length;
    expect((await slackCommand("U5", "ringkasan")).status).toBe(200);
    const posts = await slack.waitFor(() => {
      const mine = slack.calls.slice(since).filter((c) => c.method === "chat.postMessage");
      return mine.some((c) => String(c.body.text).includes("Ringkasan BKD Uji")) && mine;
    });
    expect(String(posts[0]!.body.text)).toContain("Sedang menyusun ringkasan");
    expect(String(posts[1]!.body.text)).toContain("Ringkasan BKD Uji");
  });
});

describe("/ekspor of more than 1,000 people", () => {
  it("on Slack posts one note, updates it with the rows done, then uploads the file", async () => {
    const since = slack.calls.length;
    expect((await slackCommand("U5", "ekspor")).status).toBe(200);
    // Done once the offer of an Excel file, the last message, is out.
    await slack.waitFor(() =>
      slack.calls
        .slice(since)
        .some((c) => c.method === "chat.postMessage" && JSON.stringify(c.body.blocks).includes("eks|x")),
    );
    const calls = slack.calls
      .slice(since)
      .filter((c) => /^(chat\.postMessage|chat\.update|files\.completeUploadExternal)$/.test(c.method));
    const [note, ...rest] = calls;
    expect(note!.method).toBe("chat.postMessage");
    expect(note!.body.text).toContain("Sedang menyiapkan berkas ekspor");
    // Each count edits that same message: 1.000 of 1.200, then 1.200 of 1.200.
    const updates = rest.filter((c) => c.method === "chat.update");
    expect(updates.map((c) => [c.body.channel, c.body.ts])).toEqual(
      updates.map(() => [note!.result.channel, note!.result.ts]),
    );
    expect(updates.map((c) => String(c.body.text))).toEqual([
      expect.stringContaining("1.000 dari 1.200 baris"),
      expect.stringContaining("1.200 dari 1.200 baris"),
    ]);
    expect(slack.posted.get(`${note!.result.channel}:${note!.result.ts}`)!.text).toContain(
      "1.200 dari 1.200",
    );
    // The file after the last count, then the offer of an Excel file.
    expect(rest.map((c) => c.method)).toEqual([
      "chat.update",
      "chat.update",
      "files.completeUploadExternal",
      "chat.postMessage",
    ]);
    expect(slack.uploadsTo("DU5")[0]!.filename).toBe("pegawai-2026.csv");
    expect(JSON.stringify(calls.at(-1)!.body.blocks)).toContain(exportButton.pack("xlsx"));
  });

  it("as Excel (the offer's button, or `/ekspor xlsx`): typed cells, one column per field, the header first", async () => {
    const pressed = await press(SUPERVISOR, exportButton.pack("xlsx"));
    const typed = await cmd(SUPERVISOR, "ekspor", "xlsx");
    for (const replies of [pressed, typed]) {
      expect(replies).toHaveLength(1);
      expect(replies[0]!.media!.filename).toBe("pegawai-2026.xlsx");
    }
    const [sheet] = await readXlsxFile(Buffer.from(typed[0]!.media!.bytes));
    const [header, ...rows] = sheet!.data;
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(MANY);
    expect(rows.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
    const col = (name: (typeof EXPORT_COLUMNS)[number]) => EXPORT_COLUMNS.indexOf(name);
    const row = rows.find((r) => r[col("nama")] === "Pegawai 7")!;
    // The NIP stays text (18 digits are no number to Excel); counts are numbers; dates are dates.
    expect(row[col("nip")]).toBe("199001012015010007");
    expect(row[col("jumlah_kesenjangan_kompetensi")]).toBe(3);
    expect(row[col("jp_tahun_ini")]).toBe(7);
    expect(row[col("asesmen_terakhir")]).toEqual(new Date("2026-03-04T00:00:00Z"));
    expect(row[col("terdaftar")]).toBe("belum");
  });
});
