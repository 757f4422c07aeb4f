import { TelegramEmulator } from "../support/telegram-emulator.js";

/**
 * The Bot API emulator in its own process (forked, talking over IPC): a real platform does not
 * share the sender's event loop, and in one process every pause of the sender's loop would bunch
 * requests up at the emulator.
 */
const tg = new TelegramEmulator();
tg.logCalls = false;
tg.limits = JSON.parse(process.env.EMULATOR_LIMITS!);
await tg.start();
process.send!({ kind: "ready", apiRoot: tg.apiRoot });
process.on("message", async (msg: { kind: string; prefix?: string }) => {
  if (msg.kind === "stats") {
    const received = [...tg.messages.values()]
      .filter((m) => m.text.startsWith(msg.prefix ?? ""))
      .map((m) => [m.chat_id, m.at] as const);
    process.send!({
      kind: "stats",
      stats: tg.stats,
      received,
      maxInWindow: tg.maxInWindow(1_000),
      throttledAt: tg.throttledAt,
    });
  } else if (msg.kind === "accepted") {
    process.send!({ kind: "accepted", accepted: tg.stats.accepted });
  } else if (msg.kind === "stop") {
    await tg.stop();
    process.send!({ kind: "stopped" }, () => process.exit(0));
  }
});
