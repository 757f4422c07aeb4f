import { TelegramEmulator } from "../support/telegram-emulator.js";

/**
 * The update benchmark's Telegram side, in its own process (forked, talking over IPC): the Bot API
 * emulator and the people answering. Offering answers on a clock of its own means a pause in
 * Pandu's event loop cannot delay the offers and so hide itself from the latencies, as a real
 * platform does not wait for the bot either.
 */

/** One person's timed answer: press `label` under their statement; Pandu must answer `expect` last. */
export interface PlannedAnswer {
  chat: number;
  label: string;
  expect: string;
  final: boolean;
}

/** One answer's outcome, as the worker saw it. */
export interface AnsweredOutcome {
  chat: number;
  final: boolean;
  /** From offering the update to the emulator accepting Pandu's last reply; absent if none came. */
  ms?: number;
  /** What went wrong: a reply that was not the expected one, no reply, no statement to press. */
  problem?: string;
}

/** Messages sent to people in no timed answer, by what they start with. */
export interface WorkerResult {
  outcomes: AnsweredOutcome[];
  seconds: number;
  /** Broadcast messages (text starting with the prefix) accepted while answers were timed. */
  broadcastDuring: number;
  /** Broadcast messages accepted by the end (a second after the last answer). */
  broadcastTotal: number;
  /** Replies that came to a chat after its answer was complete (a second answer to one update). */
  extraReplies: string[];
}

const tg = new TelegramEmulator();
tg.logCalls = false;
await tg.start();
process.send!({ kind: "ready", apiRoot: tg.apiRoot });
// The benchmark's process went away (it failed): nothing is left to answer to.
process.on("disconnect", () => process.exit(0));

/** The chat waiting for a reply: what it must be, and whom to tell. */
interface Pending {
  expect: string;
  final: boolean;
  offeredAt: number;
  done: (outcome: { ms?: number; problem?: string }) => void;
}
const pending = new Map<number, Pending>();
/** Chats whose timed answer is complete: anything more to them is an extra reply. */
const completed = new Set<number>();
const extraReplies: string[] = [];
let broadcastPrefix = "\u0000";
let counting = false;
let broadcastDuring = 0;
let broadcastTotal = 0;

/** Chats that sent /asesmen (not timed) and wait to see their statement again. */
const resuming = new Map<number, (text: string) => void>();

tg.hooks.called = (method, body, at) => {
  if (method !== "sendMessage" && method !== "sendPhoto") return;
  const chat = Number(body.chat_id);
  const text = String(body.text ?? body.caption ?? "");
  const resumed = resuming.get(chat);
  if (resumed && body.reply_markup) {
    resuming.delete(chat);
    resumed(text);
    return;
  }
  if (text.startsWith(broadcastPrefix)) {
    broadcastTotal++;
    if (counting) broadcastDuring++;
    return;
  }
  const p = pending.get(chat);
  if (!p) {
    if (completed.has(chat)) extraReplies.push(`${chat}: ${text.slice(0, 80)}`);
    return;
  }
  if (method === "sendMessage" && text === p.expect) {
    pending.delete(chat);
    p.done({ ms: at - p.offeredAt });
  } else if (!p.final) {
    // An ordinary answer gets one message back: the next statement.
    pending.delete(chat);
    p.done({ problem: `expected the next statement, got ${method} "${text.slice(0, 120)}"` });
  }
  // A final answer's result and chart come before its closing line.
};

/** Waits for `chat`'s reply (or gives up after `timeoutMs`). */
function awaitReply(chat: number, expect: string, final: boolean, offeredAt: number, timeoutMs: number) {
  return new Promise<{ ms?: number; problem?: string }>((resolve) => {
    const timer = setTimeout(() => {
      pending.delete(chat);
      resolve({ problem: `no reply within ${timeoutMs} ms` });
    }, timeoutMs);
    pending.set(chat, {
      expect,
      final,
      offeredAt,
      done: (o) => {
        clearTimeout(timer);
        completed.add(chat);
        resolve(o);
      },
    });
  });
}

/** The message a chat's question is on (the last one sent there), with the button labelled `label`. */
function buttonOf(chat: number, label: string) {
  const question = tg.lastByChat.get(chat);
  const button = question?.buttons.flat().find((b) => b.text === label);
  return question && button ? { messageId: question.message_id, data: button.callback_data } : undefined;
}

process.on("message", async (msg: Record<string, unknown>) => {
  if (msg.kind === "resume") {
    // Each person sends /asesmen and sees their statement again (not timed), a few at a time.
    const people = msg.people as { chat: number; question: string }[];
    const problems: string[] = [];
    let next = 0;
    const one = async () => {
      for (let i = next++; i < people.length; i = next++) {
        const { chat, question } = people[i]!;
        let timer: NodeJS.Timeout | undefined;
        const got = await new Promise<string | undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), 60_000);
          resuming.set(chat, resolve);
          tg.sendText(chat, "/asesmen");
        });
        clearTimeout(timer);
        resuming.delete(chat);
        if (got === undefined) problems.push(`${chat}: no statement within 60 s of /asesmen`);
        else if (!got.includes(question)) problems.push(`${chat}: resumed at "${got.slice(0, 120)}"`);
      }
    };
    await Promise.all(Array.from({ length: 16 }, one));
    process.send!({ kind: "resumed", problems });
  } else if (msg.kind === "go") {
    const plan = msg.plan as PlannedAnswer[];
    const perSecond = msg.perSecond as number;
    broadcastPrefix = msg.broadcastPrefix as string;
    counting = true;
    const started = performance.now();
    const outcomes: Promise<AnsweredOutcome>[] = [];
    for (let k = 0; k < plan.length; k++) {
      const due = started + (k * 1000) / perSecond;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const a = plan[k]!;
      const button = buttonOf(a.chat, a.label);
      if (!button) {
        outcomes.push(Promise.resolve({ chat: a.chat, final: a.final, problem: "no statement to answer" }));
        continue;
      }
      const offeredAt = performance.now();
      const reply = awaitReply(a.chat, a.expect, a.final, offeredAt, msg.timeoutMs as number);
      tg.press(a.chat, button.messageId, button.data);
      outcomes.push(reply.then((o) => ({ chat: a.chat, final: a.final, ...o })));
    }
    const all = await Promise.all(outcomes);
    const seconds = (performance.now() - started) / 1000;
    counting = false;
    // Anything more that a second handling of an answer would send arrives within a moment.
    await new Promise((r) => setTimeout(r, 1_000));
    const result: WorkerResult = { outcomes: all, seconds, broadcastDuring, broadcastTotal, extraReplies };
    process.send!({ kind: "done", ...result });
  } else if (msg.kind === "stop") {
    await tg.stop();
    process.send!({ kind: "stopped" }, () => process.exit(0));
  }
});
