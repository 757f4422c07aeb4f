import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

/** Everything the emulator saw, on its own clock (performance.now() of its process, ms). */
export interface EmulatorStats {
  stats: { throttled: number; failed: number; forbidden: number; accepted: number; unauthorized: number };
  /** Every message accepted (sent, not edits): chat id, arrival, the start of its text, its edits since. */
  sent: (readonly [number, number, string, number])[];
  /** Every send refused with 429: the chat, which limit, when. */
  throttled: { chat: number; limit: "overall" | "chat"; at: number }[];
  /** Every button press the emulated people made. */
  presses: { chat: number; at: number }[];
}

/**
 * Starts the Telegram emulator in a child process, enforcing `limits`; `people` press a button
 * under some of the messages they receive (see emulator-worker.ts). Talk to it through the handle.
 */
export async function startEmulatorProcess(
  limits: { perSecond: number; perChatMs: number },
  people?: { buttonPrefix: string; share: number; minDelayMs: number; maxDelayMs: number },
) {
  const worker = fork(fileURLToPath(new URL("./emulator-worker.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    env: {
      ...process.env,
      EMULATOR_LIMITS: JSON.stringify(limits),
      ...(people ? { EMULATOR_PEOPLE: JSON.stringify(people) } : {}),
    },
  });
  const [ready] = (await once(worker, "message")) as [{ apiRoot: string }];
  // One question of a kind at a time: answers are matched to questions by kind.
  const asking = new Map<string, Promise<unknown>>();
  const ask = async <T>(kind: string, extra: Record<string, unknown> = {}): Promise<T> => {
    while (asking.has(kind)) await asking.get(kind)!.catch(() => {});
    const answer = new Promise<T>((resolve) => {
      const onMessage = (m: { kind: string }) => {
        if (m.kind !== kind && !(kind === "stop" && m.kind === "stopped")) return;
        worker.off("message", onMessage);
        resolve(m as T);
      };
      worker.on("message", onMessage);
    });
    asking.set(kind, answer);
    worker.send({ kind, ...extra });
    try {
      return await answer;
    } finally {
      asking.delete(kind);
    }
  };
  return {
    apiRoot: ready.apiRoot,
    /** Messages accepted in all, and those whose text matches `pattern`. */
    accepted: (pattern: RegExp) =>
      ask<{ accepted: number; matching: number }>("accepted", { pattern: pattern.source }),
    /** A person types `text` in their chat; resolves with when it reached the emulator (its clock). */
    sendText: async (chat: number, text: string) => (await ask<{ at: number }>("text", { chat, text })).at,
    /** The messages the bot sent in `chat` after message `after`, oldest first. */
    chat: async (chat: number, after = 0) =>
      (
        await ask<{ messages: { message_id: number; text: string; at: number }[] }>("chat", {
          chat,
          after,
        })
      ).messages,
    stats: () => ask<EmulatorStats>("stats"),
    async stop() {
      await ask("stop");
      if (worker.exitCode === null) await once(worker, "exit");
    },
  };
}
