import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { ChannelContext, ChannelSetup } from "../../../src/channels/channel.js";
import { telegramChannel } from "../../../src/channels/telegram/index.js";
import { ORDER_DEFAULTS } from "../../../src/conversation/conversation-order.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { testOrder } from "../../support/test-order.js";
import { waitFor } from "../../support/waiters.js";

// When the machine is saturated, people already in a conversation are answered and a newcomer's
// first message waits its turn, told that it arrived: the real app on the Telegram channel, with
// the machine's load and the order's clock in the test's hands.

const TG_TOKEN = "123456:TEST-token-for-the-emulator_0022b";
const translator = loadTranslations(LOCALES_DIR);
const t = translator.t.bind(translator);
const ctx = useTestDatabase();
let app: App;
let tg: TelegramEmulator;
let channel: ChannelSetup;
/** `/tahan` stands for a long answer: it runs until the test lets it finish (`held`). */
const { order, clock, setPressure, held, finishHeld } = testOrder();
const { onboard } = chatDriver(() => app);
const tgWho = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TG_TOKEN });
  await tg.start();
  app = createApp({ database: ctx.db, translate: t, now: () => new Date() });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tgWho(601), "Citra Dewi", "198505052010012006");
  const context: ChannelContext = {
    handle: async (who, inbound, progress) => {
      if (inbound.kind === "command" && inbound.command === "tahan") {
        await held;
        return [{ text: "selesai ditahan" }];
      }
      return app.conversations.handle(who, inbound, progress);
    },
    admitGroup: () => true,
    translate: t,
    failureText: (locale) => t(locale, "error-generic"),
    knownLocale: app.conversations.knownLocale,
    logger: pino({ level: "silent" }),
    observe: () => () => {},
    onRateLimited: () => {},
    outbox: { repos: ctx.repos, leaseSeconds: 30, sendLeaseSeconds: 60 },
    order,
  };
  channel = telegramChannel({ token: TG_TOKEN, apiRoot: tg.apiRoot, webhook: undefined }, context, {
    perSecond: 30,
    registerFileReader: () => {},
    menus: { everyone: () => [], withRoles: async () => [], follow: () => {} },
  });
  await channel.start();
});
afterAll(async () => {
  finishHeld();
  await channel?.stopIntake();
  await tg?.stop();
});

const texts = (chat: number) => tg.chat(chat).map((m) => m.text);
/** Waits until `chat` has more than `count` messages and returns the newest. */
const nextIn = (chat: number, count: number) =>
  tg.waitFor(() => tg.chat(chat).length > count && tg.chat(chat).at(-1));

describe("when more people write than Pandu can answer promptly", () => {
  it("answers people in a conversation, and lets a newcomer in once there is room, telling them it waits", async () => {
    // Citra and a colleague are talking to Pandu while the machine has room.
    tg.sendText(601, "/bantuan");
    await nextIn(601, 0);
    await waitFor(() => order.load().running === 0);
    const before = tg.chat(601).length;
    tg.sendText(601, "/bantuan");
    await nextIn(601, before);
    await waitFor(() => order.load().running === 0);
    tg.sendText(602, "/tahan");
    await waitFor(() => order.load().running === 1);

    // The machine is saturated from the next tick on.
    setPressure(1);
    clock.advance(ORDER_DEFAULTS.tickMs);
    tg.sendText(603, "/start", { languageCode: "id" });
    await waitFor(() => order.load().waiting === 1);

    // Citra is in a conversation: she is answered while the newcomer waits.
    const citra = tg.chat(601).length;
    tg.sendText(601, "/bantuan");
    await nextIn(601, citra);
    expect(tg.chat(603)).toHaveLength(0);

    // After a few seconds of waiting the newcomer hears that the message arrived, once.
    clock.advance(ORDER_DEFAULTS.noticeMs);
    await nextIn(603, 0);
    expect(texts(603)).toEqual([t("id", "busy-please-wait")]);

    // Room again: the newcomer's /start is answered at the next tick.
    setPressure(0.3);
    clock.advance(ORDER_DEFAULTS.tickMs);
    const welcome = await nextIn(603, 1);
    expect(welcome.text).not.toBe(t("id", "busy-please-wait"));
    expect(texts(603).filter((x) => x === t("id", "busy-please-wait"))).toHaveLength(1);
    expect(order.load().waiting).toBe(0);

    finishHeld();
    await nextIn(602, 0);
    expect(texts(602)).toEqual(["selesai ditahan"]);
  });
});
