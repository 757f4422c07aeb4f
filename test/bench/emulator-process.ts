import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface EmulatorStats {
  stats: { throttled: number; failed: number; forbidden: number; accepted: number };
  /** Accepted messages whose text starts with the prefix: chat id and arrival (ms). */
  received: (readonly [number, number])[];
  maxInWindow: number;
  throttledAt: number[];
}

/** Starts the Telegram emulator in a child process; talk to it through the returned handle. */
export async function startEmulatorProcess(limits: { perSecond: number; perChatMs: number }) {
  const worker = fork(fileURLToPath(new URL("./emulator-worker.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, EMULATOR_LIMITS: JSON.stringify(limits) },
  });
  const [ready] = (await once(worker, "message")) as [{ apiRoot: string }];
  const ask = async <T>(kind: string, extra: Record<string, unknown> = {}): Promise<T> => {
    const answer = new Promise<T>((resolve) => {
      const onMessage = (m: { kind: string }) => {
        if (m.kind !== kind && !(kind === "stop" && m.kind === "stopped")) return;
        worker.off("message", onMessage);
        resolve(m as T);
      };
      worker.on("message", onMessage);
    });
    worker.send({ kind, ...extra });
    return answer;
  };
  return {
    apiRoot: ready.apiRoot,
    accepted: async () => (await ask<{ accepted: number }>("accepted")).accepted,
    stats: (prefix: string) => ask<EmulatorStats>("stats", { prefix }),
    async stop() {
      await ask("stop");
      if (worker.exitCode === null) await once(worker, "exit");
    },
  };
}
