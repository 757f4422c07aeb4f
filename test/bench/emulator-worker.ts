import { type SentMessage, TelegramEmulator } from "../support/telegram-emulator.js";

/**
 * The Bot API emulator in its own process (forked, talking over IPC): a real platform does not
 * share the sender's event loop, and in one process every pause of the sender's loop would bunch
 * requests up at the emulator. The people who answer a message live here too (EMULATOR_PEOPLE), so
 * their presses follow the arrival of what they answer on the platform's own clock.
 */
const tg = new TelegramEmulator();
tg.logCalls = false;
tg.limits = JSON.parse(process.env.EMULATOR_LIMITS!);

/** Who presses a button under a message they received, and after how long. */
interface People {
  /** Only buttons whose callback data starts with this are pressed. */
  buttonPrefix: string;
  /** The share of such messages whose recipient presses the button (chosen by chat and text). */
  share: number;
  minDelayMs: number;
  maxDelayMs: number;
}
const people: People | undefined = process.env.EMULATOR_PEOPLE
  ? JSON.parse(process.env.EMULATOR_PEOPLE)
  : undefined;
const presses: { chat: number; at: number }[] = [];
const throttled: { chat: number; limit: "overall" | "chat"; at: number }[] = [];
const timers = new Set<NodeJS.Timeout>();

/** A number in [0, 1) fixed by the string (FNV-1a), so the same people answer on every run. */
function fraction(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

tg.hooks.throttled = (chat, limit, at) => throttled.push({ chat, limit, at });
if (people) {
  tg.hooks.recorded = (m: SentMessage) => {
    const data = m.buttons
      .flat()
      .find((b) => b.callback_data?.startsWith(people.buttonPrefix))?.callback_data;
    if (!data) return;
    const key = `${m.chat_id}|${m.text.slice(0, 40)}`;
    if (fraction(key) >= people.share) return;
    const delay = people.minDelayMs + fraction(`${key}|delay`) * (people.maxDelayMs - people.minDelayMs);
    const timer = setTimeout(() => {
      timers.delete(timer);
      presses.push({ chat: m.chat_id, at: performance.now() });
      tg.press(m.chat_id, m.message_id, data);
    }, delay);
    timers.add(timer);
  };
}

await tg.start();
// The benchmark's process went away (it failed, or was stopped): so does its platform.
process.on("disconnect", () => process.exit(0));
process.send!({ kind: "ready", apiRoot: tg.apiRoot });
process.on(
  "message",
  async (msg: { kind: string; pattern?: string; chat?: number; text?: string; after?: number }) => {
    if (msg.kind === "stats") {
      const sent = [...tg.messages.values()].map(
        (m) => [m.chat_id, m.at, m.text.slice(0, 60), m.edits] as const,
      );
      process.send!({ kind: "stats", stats: tg.stats, sent, throttled, presses });
    } else if (msg.kind === "accepted") {
      const pattern = new RegExp(msg.pattern ?? "");
      let matching = 0;
      for (const m of tg.messages.values()) if (pattern.test(m.text)) matching++;
      process.send!({ kind: "accepted", accepted: tg.stats.accepted, matching });
    } else if (msg.kind === "text") {
      // The moment the person's message reaches the platform, on this process's clock.
      const at = performance.now();
      tg.sendText(msg.chat!, msg.text!);
      process.send!({ kind: "text", at });
    } else if (msg.kind === "chat") {
      const messages = tg
        .chat(msg.chat!)
        .filter((m) => m.message_id > (msg.after ?? 0))
        .map((m) => ({ message_id: m.message_id, text: m.text, at: m.at }));
      process.send!({ kind: "chat", messages });
    } else if (msg.kind === "stop") {
      for (const t of timers) clearTimeout(t);
      await tg.stop();
      process.send!({ kind: "stopped" }, () => process.exit(0));
    }
  },
);
