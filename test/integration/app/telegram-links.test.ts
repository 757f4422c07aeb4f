import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { startTelegramPandu, type TelegramPandu } from "../../bench/telegram-pandu.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import type { SentMessage } from "../../support/telegram-emulator.js";

/**
 * Issue 21 on Telegram, Pandu wired as main.ts wires it against the Bot API emulator: the bot's
 * username comes from getMe, so /tautkan's link is a t.me URL button; an edit of the answer to the
 * question still open is taken as the new answer (said so) and any other edit gets a note; an
 * import of 5,000 rows reports its progress in one message edited in place, at least every 1,000.
 */
const translator = loadTranslations(LOCALES_DIR);
const translate = translator.t.bind(translator);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
const ADMIN = 9;
const RINA = 8001;
let pandu: TelegramPandu;
let clock = new Date("2026-11-24T02:00:00Z");
const tick = (seconds = 5) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

const tg = () => pandu.emulator;
/** Does something as the person and waits for a new bot message in their chat matching `text`. */
const act = (
  chat: number,
  action: () => void,
  text: string | RegExp,
  waitMs = 15_000,
): Promise<SentMessage> =>
  tg().nextMessage(
    chat,
    action,
    (m) => (typeof text === "string" ? m.text.includes(text) : text.test(m.text)),
    waitMs,
    `a message matching ${text}`,
  );
/** Types a text "now" on the test's clock (Telegram dates each message), returning its message id. */
const type = async (chat: number, text: string, expected: string | RegExp) => {
  await act(chat, () => tg().sendText(chat, text, { date: clock }), expected);
  return tg().lastTextId;
};

beforeAll(async () => {
  pandu = await startTelegramPandu({
    database: ctx.db,
    translate,
    env: { ADMIN_IDS: `telegram:${ADMIN}` },
    logLevel: "silent",
    logCalls: true,
    now: () => clock,
  });
  await chatDriver(() => pandu.app).onboard(
    { id: `telegram:${RINA}`, channel: "telegram" },
    "Rina Wulandari",
    "199001152015032004",
  );
});
afterAll(async () => {
  await pandu?.stop();
});

describe("deep links on Telegram", () => {
  it("learns the bot's username from getMe: /tautkan comes with a t.me link button", async () => {
    const m = await act(RINA, () => tg().sendText(RINA, "/tautkan"), "Kode penautan");
    const button = m.buttons.flat()[0]!;
    expect(button.url).toMatch(/^https:\/\/t\.me\/PanduBot\?start=l[A-Za-z0-9_-]{23,}$/);
    expect(m.text).toContain(button.url);
    const payload = button.url!.split("start=")[1]!;
    await act(8002, () => tg().sendText(8002, `/start ${payload}`), "Setujui");
  });
});

describe("edited messages", () => {
  const U = 8010;
  it("takes an edit of the answer to the question still open as the new answer, and says so", async () => {
    await act(U, () => tg().sendText(U, "/start", { date: clock }), "Apakah Anda setuju?");
    tick();
    await type(U, "ya", "nama lengkap");
    tick();
    const wrong = await type(U, "R2", "Siapa nama lengkap");
    tick();
    await act(
      U,
      () => tg().editText(U, wrong, "Rina Lestari", { date: new Date(clock.getTime() - 5000) }),
      "Berapa NIP",
    );
    expect(
      tg()
        .chat(U)
        .some((m) => m.text === id("edit-taken")),
    ).toBe(true);
    // The same message edited again answered the name already: the NIP question is not its.
    tick();
    await act(
      U,
      () => tg().editText(U, wrong, "198501012010011002", { date: new Date(clock.getTime() - 10_000) }),
      id("edit-ignored"),
    );
  });

  it("does not read an edit of an answer already taken, nor one outside a conversation", async () => {
    tick();
    // A valid NIP moves the run on: editing it later is not an answer to the question that follows.
    const nip = await type(U, "198501012010011002", "kode aktivasi");
    tick();
    await act(
      U,
      () => tg().editText(U, nip, "198501012010011003", { date: new Date(clock.getTime() - 5000) }),
      id("edit-ignored"),
    );
    // Outside a conversation an edit is not read either.
    await act(RINA, () => tg().editText(RINA, 1, "halo"), id("edit-ignored"));
  });
});

describe("import progress", () => {
  // 5,000 units take tens of seconds on PostgreSQL storage with other files running beside it.
  it("reports an import of 5,000 rows at least every 1,000 rows, in one message edited in place", {
    timeout: 150_000,
  }, async () => {
    const rows = ["id,name,parent", "uji,Pemerintah Kabupaten Uji,"];
    for (let i = 1; i < 5000; i++) rows.push(`uji.u${i},Unit Uji ${i},uji`);
    await act(ADMIN, () => tg().sendText(ADMIN, "/impor"), "Kirim satu berkas CSV");
    const since = tg().calls.length;
    const done = await act(
      ADMIN,
      () => tg().sendDocument(ADMIN, "unit.csv", "text/csv", Buffer.from(rows.join("\n"))),
      "Impor selesai",
      120_000,
    );
    expect(done.text).toContain("5.000 unit baru");
    const calls = tg()
      .calls.slice(since)
      .filter((c) => Number(c.body.chat_id) === ADMIN && /^(sendMessage|editMessageText)$/.test(c.method));
    const counts = calls
      .map((c) => /(\S+) dari 5\.000 baris/.exec(String(c.body.text))?.[1])
      .filter((x): x is string => x !== undefined)
      .map((x) => Number(x.replace(/\./g, "")));
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(5000);
    for (let i = 1; i < counts.length; i++) expect(counts[i]! - counts[i - 1]!).toBeLessThanOrEqual(1000);
    // One note, sent once and then edited; the outcome comes after it.
    const notes = calls.filter((c) => /dari 5\.000 baris/.test(String(c.body.text)));
    expect(notes[0]!.method).toBe("sendMessage");
    expect(notes.slice(1).every((c) => c.method === "editMessageText")).toBe(true);
    expect(calls.findIndex((c) => String(c.body.text).includes("Impor selesai"))).toBeGreaterThan(
      calls.lastIndexOf(notes.at(-1)!),
    );
  });
});
