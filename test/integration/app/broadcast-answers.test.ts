import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createSlackSender } from "../../../src/channels/slack/sender.js";
import { createSlackStatusMessages } from "../../../src/channels/slack/status.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import { createTelegramStatusMessages } from "../../../src/channels/telegram/status.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { ackButton, unansweredButton } from "../../../src/features/broadcasts/broadcasts.js";
import { createBroadcastProgress } from "../../../src/features/broadcasts/progress.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const translator = loadTranslations(LOCALES_DIR);
const t = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0019";
let app: App;
let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;
// The app's clock stands still unless a test moves it (`later`); the dispatchers pace their sends on
// real time moved as far, so what the app scheduled is always due for them.
const base = Date.now();
let offset = 0;
const now = () => new Date(base + offset);
const sendingNow = () => new Date(Date.now() + offset);
const { cmd, text, press, all } = chatDriver(() => app);
const COORD: IncomingIdentity = { id: "telegram:7000", channel: "telegram" };
const RECIPIENTS = 200;
/** Chat ids of the recipients, and their names by chat. */
const chats: number[] = [];
const nameOf = new Map<number, string>();

const unit = (id: string, parent: string | null, path: string[]) => ({
  _id: id,
  name: `Unit ${id}`,
  kind: parent ? ("unit" as const) : ("instansi" as const),
  parentId: parent,
  instansiId: path[0] ?? id,
  path,
});

/** A person seeded directly (onboarded, no quiet hours), reached on Telegram at `chat`. */
async function seed(
  name: string,
  unitId: string,
  chat: number,
  roles: { role: "koordinator"; unitId: string }[] = [],
) {
  const p = await ctx.repos.people.create({
    name,
    timeZone: "Asia/Makassar",
    unitId,
    instansiId: "mataram",
    onboardedAt: new Date("2026-01-05T00:00:00Z"),
    reminders: { quietStart: "00:00", quietEnd: "00:00" },
    roles: roles.map((r) => ({ ...r, grantedAt: new Date() })),
  });
  await ctx.repos.identities.bind({
    id: `telegram:${chat}`,
    channel: "telegram",
    personId: p._id,
    now: new Date(),
  });
  return p;
}

/** A dispatcher sending the Telegram (or Slack) outbox to its emulator, fast (their limits are off). */
function dispatcher(channel: "telegram" | "slack" = "telegram") {
  const sender =
    channel === "telegram"
      ? createTelegramSender({ token: TOKEN, apiRoot: tg.apiRoot, limits: { perSecond: 400, perChatMs: 10 } })
      : createSlackSender({ botToken: "xoxb-test", apiUrl: slack.apiUrl });
  return createDispatcher({
    repos: ctx.repos,
    sender,
    limiter: createRateLimiter(sender.limits),
    lease: createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:answers:${channel}`,
      holder: "t",
      slotMs: 5_000,
      now: () => sendingNow().getTime(),
    }),
    now: sendingNow,
    takeoverGraceMs: 0,
    idleMs: 20,
  });
}

/** Sends until `done` holds, then stops the dispatcher (what it had claimed goes back). */
async function sendUntil(done: () => boolean, channel: "telegram" | "slack" = "telegram") {
  const d = dispatcher(channel);
  d.start();
  try {
    await waitFor(() => done() || undefined, 20_000, 10);
  } finally {
    await d.stop();
  }
}
const arrived = (count: number) => () => received().length >= count;
/** The coordinator's status message on Telegram (their chat's messages that show progress). */
const statusMessages = () => tg.chat(7000).filter((m) => m.history[0]!.startsWith("📣 Mengirim"));
/** Lets the progress updater's pause between two edits pass. */
const later = () => {
  offset += 5_000;
};

const received = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Rapat evaluasi"));

beforeAll(async () => {
  tg = new TelegramEmulator();
  tg.logCalls = false;
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now });
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", null, []),
    unit("mataram.setda", "mataram", ["mataram"]),
    unit("mataram.bkpsdm", "mataram", ["mataram"]),
  ]);
  await seed("Koordinator BKPSDM", "mataram.bkpsdm", 7000, [{ role: "koordinator", unitId: "mataram" }]);
  // Seeded straight into the database, a few at a time.
  for (let i = 0; i < RECIPIENTS; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, async (_, k) => {
        const chat = 71_000 + i + k;
        const name = `Pegawai ${String(i + k).padStart(3, "0")}`;
        await seed(name, "mataram.setda", chat);
        chats.push(chat);
        nameOf.set(chat, name);
      }),
    );
  }
});
afterAll(async () => {
  await tg.stop();
  await slack.stop();
});

describe("a broadcast asking for an answer", () => {
  it("carries the buttons, takes one answer per recipient, counts them in /siaran and lists the others", async () => {
    await cmd(COORD, "umumkan");
    await text(COORD, "Rapat evaluasi kinerja triwulan, Senin pukul 09.00 di aula.");
    await text(COORD, "lewati");
    await text(COORD, "Unit tertentu (satu atau beberapa)");
    await text(COORD, "Unit mataram.setda");
    const asked = all(await text(COORD, "Selesai memilih"));
    expect(asked).toContain("Minta penerima menjawab?");
    const preview = all(await text(COORD, 'Tombol "Sudah dibaca"'));
    expect(preview).toContain(`diterima ${RECIPIENTS} orang`);
    expect(preview).toContain(t("brd-asks-read"));
    await text(COORD, "Kirim sekarang");
    expect(all(await text(COORD, "ya"))).toContain(`dikirim ke ${RECIPIENTS} orang`);
    const [b] = await ctx.repos.broadcasts.list(undefined, 1);
    expect(b!.ack).toBe("read");
    expect(b!.progress).toMatchObject({ channel: "telegram", address: "7000" });

    // The coordinator's progress: posted when sending starts, edited in place while it goes.
    const progress = app.broadcastProgress;
    progress.useChannel(createTelegramStatusMessages({ token: TOKEN, apiRoot: tg.apiRoot }));
    expect(await progress.tick()).toBe(1);
    expect(statusMessages()).toHaveLength(1);
    const status = statusMessages()[0]!;
    expect(status.text).toContain(`0 dari ${RECIPIENTS} selesai`);
    await sendUntil(arrived(60));
    // Within the pause after the last edit nothing is sent: edits cost the bot's send budget.
    expect(await progress.tick()).toBe(0);
    later();
    expect(await progress.tick()).toBe(1);
    await sendUntil(arrived(130));
    later();
    expect(await progress.tick()).toBe(1);
    const whileSending = [...status.history];
    expect(whileSending.length).toBeGreaterThanOrEqual(3);
    expect(new Set(whileSending).size).toBe(whileSending.length);
    for (const text of whileSending) expect(text).toMatch(/^📣 Mengirim pengumuman: \d+ dari 200 selesai/);

    await sendUntil(arrived(RECIPIENTS));
    expect(received()).toHaveLength(RECIPIENTS);
    // A restarted process carries on from the stored reference: the same message gets the final count.
    const restarted = createBroadcastProgress({
      repos: ctx.repos,
      translate: translator.t.bind(translator),
      now,
    });
    restarted.useChannel(createTelegramStatusMessages({ token: TOKEN, apiRoot: tg.apiRoot }));
    expect(await restarted.tick()).toBe(1);
    expect(statusMessages()).toHaveLength(1);
    expect(status.text).toBe(t("brd-progress-done", { sent: RECIPIENTS, failed: 0, blocked: 0 }));
    expect(status.text).toContain("selesai: 200 terkirim, 0 gagal, 0 diblokir");
    // Done: never looked at again.
    later();
    expect(await restarted.tick()).toBe(0);
    expect((await ctx.repos.broadcasts.get(b!._id))!.progressOpen).toBe(false);
    // Each message carries its one button, naming the broadcast by id only.
    for (const m of received())
      expect(m.buttons).toEqual([
        [{ text: t("brd-ack-read"), callback_data: ackButton.pack("read", b!._id) }],
      ]);

    // 120 recipients press "Sudah dibaca" on the message they got; the first presses it twice.
    const answering = chats.slice(0, 120);
    // Ten people at a time, as they would in a busy minute.
    for (let i = 0; i < answering.length; i += 10) {
      const said = await Promise.all(
        answering.slice(i, i + 10).map(async (chat) => {
          const m = received().find((x) => x.chat_id === chat)!;
          return all(
            await press({ id: `telegram:${chat}`, channel: "telegram" }, m.buttons[0]![0]!.callback_data),
          );
        }),
      );
      expect(said).toEqual(said.map(() => t("brd-ack-noted-read")));
    }
    await press({ id: `telegram:${chats[0]}`, channel: "telegram" }, ackButton.pack("read", b!._id));
    // Someone it was not sent to (the coordinator), and an answer it did not ask for, count nothing.
    expect(all(await press(COORD, ackButton.pack("read", b!._id)))).toBe(t("brd-ack-not-yours"));
    expect(
      all(
        await press({ id: `telegram:${chats[150]}`, channel: "telegram" }, ackButton.pack("attend", b!._id)),
      ),
    ).toBe(t("brd-gone"));

    const siaran = await cmd(COORD, "siaran");
    expect(all(siaran)).toContain(t("brd-ack-counts-read", { read: 120, none: 80 }));
    const show = siaran
      .flatMap((o) => o.choices ?? [])
      .flat()
      .find((c) => c.label === t("brd-unanswered-show", { count: 80 }))!;
    expect(show.data).toBe(unansweredButton.pack("page", b!._id, 0));

    // Page by page to the end: exactly the 80 who did not answer, each once.
    const listed: string[] = [];
    let page = await press(COORD, show.data);
    for (let guard = 0; guard < 10; guard++) {
      listed.push(
        ...page[0]!.text
          .split("\n")
          .slice(1)
          .map((l) => l.replace(/^\d+\. /, "").split(" — ")[0]!),
      );
      const next = (page[0]!.choices ?? []).flat().find((c) => c.label === t("cat-next"));
      if (!next) break;
      page = await press(COORD, next.data);
      expect(page[0]!.replacesPrompt).toBe(true);
    }
    const expected = chats.slice(120).map((c) => nameOf.get(c)!);
    expect(listed).toHaveLength(80);
    expect(new Set(listed)).toEqual(new Set(expected));
    expect(await app.broadcasts.notAcknowledged(b!._id)).toHaveLength(80);
  });

  it("on Slack: the coordinator's progress message is updated in place by chat.update", async () => {
    const SLACK_COORD: IncomingIdentity = { id: "slack:T01:UKOORD", channel: "slack" };
    const p = await ctx.repos.people.create({
      name: "Koordinator Slack",
      timeZone: "Asia/Makassar",
      unitId: "mataram.bkpsdm",
      instansiId: "mataram",
      onboardedAt: new Date("2026-01-05T00:00:00Z"),
      reminders: { quietStart: "00:00", quietEnd: "00:00" },
      roles: [{ role: "koordinator", unitId: "mataram", grantedAt: new Date() }],
    });
    await ctx.repos.identities.bind({
      id: SLACK_COORD.id,
      channel: "slack",
      personId: p._id,
      now: new Date(),
    });
    await cmd(SLACK_COORD, "umumkan");
    // BKPSDM: the coordinator on Telegram, and this one on Slack.
    for (const answer of [
      "Rapat evaluasi BKPSDM dipercepat.",
      "lewati",
      "Unit tertentu (satu atau beberapa)",
      "Unit mataram.bkpsdm",
      "Selesai memilih",
      "Tidak perlu dijawab",
      "Kirim sekarang",
    ])
      await text(SLACK_COORD, answer);
    expect(all(await text(SLACK_COORD, "ya"))).toContain("dikirim ke 2 orang");

    const progress = app.broadcastProgress;
    progress.useChannel(createSlackStatusMessages({ botToken: "xoxb-test", apiUrl: slack.apiUrl }));
    later();
    expect(await progress.tick()).toBe(1);
    const posted = slack.of("chat.postMessage").filter((c) => String(c.body.text).startsWith("📣 Mengirim"));
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.channel).toBe("UKOORD");
    expect(String(posted[0]!.body.text)).toContain("0 dari 2 selesai");
    const { channel, ts } = posted[0]!.result as { channel: string; ts: string };

    await sendUntil(() => tg.chat(7000).some((m) => m.text.startsWith("Rapat evaluasi BKPSDM")));
    later();
    expect(await progress.tick()).toBe(1);
    await sendUntil(
      () => slack.of("chat.postMessage").some((c) => String(c.body.text).startsWith("Rapat evaluasi BKPSDM")),
      "slack",
    );
    expect(await progress.tick()).toBe(1);
    const updates = slack.of("chat.update");
    expect(updates.map((c) => [c.body.channel, c.body.ts])).toEqual([
      [channel, ts],
      [channel, ts],
    ]);
    expect(slack.posted.get(`${channel}:${ts}`)!.updates).toEqual([
      expect.stringContaining("1 dari 2 selesai"),
      t("brd-progress-done", { sent: 2, failed: 0, blocked: 0 }),
    ]);
  });

  it("shows no progress for a scheduled broadcast cancelled before its time", async () => {
    const tomorrow = new Date(now().getTime() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
    await cmd(COORD, "umumkan");
    for (const answer of [
      "Rapat evaluasi diundur, jadwal menyusul.",
      "lewati",
      "Unit tertentu (satu atau beberapa)",
      "Unit mataram.setda",
      "Selesai memilih",
      "Tidak perlu dijawab",
      "Jadwalkan",
      tomorrow,
      "08.00",
    ])
      await text(COORD, answer);
    expect(all(await text(COORD, "ya"))).toContain(`dijadwalkan untuk ${RECIPIENTS} orang`);
    const cancel = (await cmd(COORD, "siaran"))
      .filter((o) => o.text.includes("Rapat evaluasi diundur"))
      .flatMap((o) => o.choices ?? [])
      .flat()
      .find((c) => c.label === t("brd-cancel"))!;
    await press(COORD, cancel.data);
    const before = tg.chat(7000).length;
    expect(await app.broadcastProgress.tick()).toBe(0);
    expect(tg.chat(7000)).toHaveLength(before);
    const [b] = await ctx.repos.broadcasts.list(undefined, 1);
    expect(b).toMatchObject({ status: "cancelled", progressOpen: false });
  });
});
