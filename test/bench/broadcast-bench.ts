import { createTelegramSender, TELEGRAM_LIMITS } from "../../src/channels/telegram/sender.js";
import type { Database } from "../../src/db/connection.js";
import { createRepositories } from "../../src/db/repositories/index.js";
import { createChannelDelivery } from "../../src/delivery/runtime.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { progress, round1 } from "./report.js";

export interface BroadcastBenchResult {
  deliveries: number;
  history: number;
  rate_per_s: number;
  limit_per_s: number;
  throttled_429: number;
  duplicates: number;
  lost: number;
  resends: number;
  max_in_any_second: number;
  seconds: number;
}

const TOKEN = "123456:BENCH-token-for-the-emulator_0001";
const FIRST_CHAT = 7_000_000;

/**
 * A broadcast of `deliveries` messages to as many people through the real dispatcher and the
 * real Telegram sender, against an emulator that answers 429 to anything above 30 msg/s overall
 * or 1 msg/s per chat, with `history` older sent deliveries already in the log.
 */
export async function runBroadcastBench(opts: {
  database: Database;
  deliveries: number;
  history: number;
}): Promise<BroadcastBenchResult> {
  const repos = createRepositories(opts.database.models);
  const { DeliveryLog } = opts.database.models;
  const tg = await startEmulatorProcess({ ...TELEGRAM_LIMITS });
  try {
    progress(`broadcast: storing ${opts.history.toLocaleString("en")} older sent deliveries`);
    const past = new Date(Date.now() - 30 * 86_400_000);
    for (let i = 0; i < opts.history; i += 2_000) {
      const batch = Array.from({ length: Math.min(2_000, opts.history - i) }, (_, j) => {
        const n = i + j;
        return {
          _id: `broadcast.old:${n % 50}:p${n}`,
          purpose: "broadcast.old",
          personId: `p${n}`,
          identityId: `telegram:${FIRST_CHAT + (n % opts.deliveries)}`,
          channel: "telegram",
          address: String(FIRST_CHAT + (n % opts.deliveries)),
          message: { text: "Pengumuman lama" },
          dueAt: past,
          status: "sent",
          attempts: 1,
          resends: 0,
          createdAt: past,
          sentAt: past,
        };
      });
      await DeliveryLog.insertMany(batch, { ordered: false });
      if ((i / 2_000) % 10 === 9) progress(`broadcast: ${(i + batch.length).toLocaleString("en")} stored`);
    }

    progress(`broadcast: scheduling ${opts.deliveries.toLocaleString("en")} deliveries`);
    const now = new Date();
    const batch = Array.from({ length: opts.deliveries }, (_, i) => ({
      _id: `broadcast.bench:b1:p${i}`,
      purpose: "broadcast.bench",
      personId: `p${i}`,
      identityId: `telegram:${FIRST_CHAT + i}`,
      channel: "telegram",
      address: String(FIRST_CHAT + i),
      message: {
        text: `Pengumuman ${i}: pelatihan penyusunan SKP dibuka minggu depan.`,
        choices: [[{ data: "start|pelatihan", label: "Lihat pelatihan" }]],
      },
      dueAt: now,
    }));
    for (let i = 0; i < batch.length; i += 500)
      await repos.deliveries.enqueueMany(batch.slice(i, i + 500), now);

    const { dispatcher } = createChannelDelivery({
      repos,
      sender: createTelegramSender({ token: TOKEN, apiRoot: tg.apiRoot }),
      leaseSeconds: 10,
    });
    progress("broadcast: sending");
    const started = performance.now();
    dispatcher.start();
    let lastReport = started;
    // Polls only the emulator's counter until the end: counting the 100,000-row log on FerretDB
    // is a full scan, which would compete with the dispatcher for the CPU.
    while (true) {
      const accepted = await tg.accepted();
      if (accepted >= opts.deliveries && (await opts.database.models.Delivery.countDocuments({})) === 0)
        break;
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`broadcast: ${accepted} sent`);
      }
      await new Promise((r) => setTimeout(r, accepted >= opts.deliveries ? 200 : 1_000));
    }
    await dispatcher.stop();
    const seconds = round1((performance.now() - started) / 1000);

    const { stats, received, maxInWindow, throttledAt } = await tg.stats("Pengumuman ");
    const chats = new Set(received.map(([chat]) => chat));
    const times = received.map(([, at]) => at).sort((a, b) => a - b);
    const span = (times.at(-1)! - times[0]!) / 1_000;
    if (throttledAt.length > 0) {
      const first = times[0] ?? 0;
      progress(
        `broadcast: 429 at ${throttledAt.map((t) => `${Math.round(t - first)} ms`).join(", ")} after the first send`,
      );
    }
    // This broadcast's log entries only: counting over the whole 100,000-row log takes seconds.
    const logged = await opts.database.models.DeliveryLog.find({ purpose: "broadcast.bench" }, { resends: 1 })
      .lean<{ resends?: number }[]>()
      .exec();
    return {
      deliveries: opts.deliveries,
      history: opts.history,
      // n messages span n−1 gaps.
      rate_per_s: round1((received.length - 1) / span),
      limit_per_s: TELEGRAM_LIMITS.perSecond,
      throttled_429: stats.throttled,
      duplicates: received.length - chats.size,
      lost: opts.deliveries - chats.size,
      resends: logged.reduce((sum, d) => sum + (d.resends ?? 0), 0),
      max_in_any_second: maxInWindow,
      seconds,
    };
  } finally {
    await tg.stop();
  }
}
