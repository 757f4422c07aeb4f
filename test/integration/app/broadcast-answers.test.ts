import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { ackButton, unansweredButton } from "../../../src/features/broadcasts/broadcasts.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const translator = loadTranslations(LOCALES_DIR);
const t = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0019";
let app: App;
let tg: TelegramEmulator;
// The app's clock: real time shifted by `offset` (the progress updater's pause is stepped over).
const offset = 0;
const now = () => new Date(Date.now() + offset);
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

/** A dispatcher sending the Telegram outbox to the emulator, fast (the emulator's limits are off). */
function dispatcher() {
  const sender = createTelegramSender({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    limits: { perSecond: 400, perChatMs: 10 },
  });
  return createDispatcher({
    repos: ctx.repos,
    sender,
    limiter: createRateLimiter(sender.limits),
    lease: createSlotLease({
      leases: ctx.repos.leases,
      name: "sender:answers",
      holder: "t",
      slotMs: 5_000,
      now: () => now().getTime(),
    }),
    now,
    takeoverGraceMs: 0,
    idleMs: 20,
  });
}

/** Sends until `count` messages of the broadcast arrived, then stops the dispatcher. */
async function sendUntil(count: number) {
  const d = dispatcher();
  d.start();
  try {
    await waitFor(() => received().length >= count || undefined, 20_000, 10);
  } finally {
    await d.stop();
  }
}

const received = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Rapat evaluasi"));

beforeAll(async () => {
  tg = new TelegramEmulator();
  tg.logCalls = false;
  await tg.start();
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

    await sendUntil(RECIPIENTS);
    expect(received()).toHaveLength(RECIPIENTS);
    // Each message carries its one button, naming the broadcast by id only.
    for (const m of received())
      expect(m.buttons).toEqual([
        [{ text: t("brd-ack-read"), callback_data: ackButton.pack("read", b!._id) }],
      ]);

    // 120 recipients press "Sudah dibaca" on the message they got; the first presses it twice.
    const answering = chats.slice(0, 120);
    for (const chat of answering) {
      const m = received().find((x) => x.chat_id === chat)!;
      const said = all(
        await press({ id: `telegram:${chat}`, channel: "telegram" }, m.buttons[0]![0]!.callback_data),
      );
      expect(said).toBe(t("brd-ack-noted-read"));
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
});
