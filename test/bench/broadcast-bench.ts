import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import { dueKeyOf } from "../../src/db/repositories/deliveries.js";
import { createDueReader } from "../../src/delivery/due-reader.js";
import type { Translate } from "../../src/engine/text.js";
import { ackButton } from "../../src/features/broadcasts/broadcasts.js";
import { startEmulatorProcess } from "./emulator-process.js";
import { medianMs, progress, round1 } from "./report.js";
import { wireTelegramPandu } from "./telegram-pandu.js";

export interface BroadcastBenchResult {
  deliveries: number;
  broadcasts: number;
  recipients: number;
  most_messages_per_recipient: number;
  history: number;
  queued_future: number;
  rate_per_s: number;
  broadcast_rate_per_s: number;
  limit_per_s: number;
  per_chat_limit_per_s: number;
  replies_during: number;
  presses_during: number;
  first_send_after_ms: number;
  confirm_reply_after_ms: number;
  throttled_429: number;
  duplicates: number;
  lost: number;
  misdirected: number;
  resends: number;
  progress_edits: number;
  due_read_ms: number;
  due_first_read_ms: number;
  progress_read_ms: number;
  max_in_any_second: number;
  seconds: number;
}

/**
 * The platform's limits, fixed here and not read from Pandu: Telegram's published 30 messages a
 * second overall and one a second in one chat. Were Pandu's own constant changed, the emulator would
 * still refuse what Telegram refuses.
 */
const LIMITS = { perSecond: 30, perChatMs: 1_000 } as const;
const COORDINATOR_CHAT = 6_990_000;
const FIRST_CHAT = 7_000_000;
const UNITS = 6;
/** How long the coordinator reads a reply before typing the next answer. */
const THINK_MS = 1_500;
/**
 * Three announcements from one coordinator, each to the recipients of the units it names (all, four
 * of six, two of six): people in the first two units get three messages, in the next two units two.
 */
const BROADCASTS = [
  { label: "A", units: undefined },
  { label: "B", units: [1, 2, 3, 4] },
  { label: "C", units: [1, 2] },
] as const;
const textOf = (label: string) =>
  `Pengumuman ${label}: pelatihan penyusunan SKP dibuka minggu depan, daftar lewat /pelatihan.`;
/** An announcement as it arrives (not the coordinator's conversation about it). */
const ANNOUNCEMENT = /^Pengumuman [A-Z]:/;
const unitName = (u: number) => `Bidang ${u}`;
/** A tenth of the messages are answered with "Sudah dibaca", 1.5 to 8 seconds after they arrive. */
const PEOPLE = {
  buttonPrefix: ackButton.pack("read", "X").replace(/X$/, ""),
  share: 0.1,
  minDelayMs: 1_500,
  maxDelayMs: 8_000,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Three announcements made with /umumkan by a coordinator on Telegram, `deliveries` messages in all
 * to half as many people, through Pandu wired as main.ts wires it (runner, router with its flood
 * guard, the rate limiter its replies and outbox share, the dispatcher, the progress message, the
 * scheduler) against an emulator in its own process that answers 429 above 30 msg/s overall or
 * 1 msg/s in one chat. `history` sent deliveries are in the log and `queued` future-dated ones wait
 * in the outbox; recipients press "Sudah dibaca" on some messages while the rest is being sent.
 * Throws when anything was refused, sent twice, lost or sent to someone outside the audience.
 */
export async function runBroadcastBench(opts: {
  database: Database;
  translate: Translate;
  deliveries: number;
  history: number;
  queued: number;
}): Promise<BroadcastBenchResult> {
  if (opts.deliveries % (2 * UNITS) !== 0)
    throw new Error(`bench: broadcast deliveries must be a multiple of ${2 * UNITS}`);
  const recipients = opts.deliveries / 2;
  const perUnit = recipients / UNITS;
  const unitOfChat = (chat: number) => Math.floor((chat - FIRST_CHAT) / perUnit) + 1;
  /** Who should get which announcement. */
  const expected = new Set<string>();
  for (let i = 0; i < recipients; i++)
    for (const b of BROADCASTS)
      if (!b.units || (b.units as readonly number[]).includes(unitOfChat(FIRST_CHAT + i)))
        expected.add(`${b.label}|${FIRST_CHAT + i}`);
  if (expected.size !== opts.deliveries) throw new Error("bench: the audiences do not add up");

  const { models } = opts.database;
  const tg = await startEmulatorProcess(LIMITS, PEOPLE);
  let pandu: Awaited<ReturnType<typeof wireTelegramPandu>> | undefined;
  try {
    pandu = await wireTelegramPandu({
      database: opts.database,
      translate: opts.translate,
      apiRoot: tg.apiRoot,
      // main.ts in production: the cron jobs run (the summary folder every minute among them).
      env: { SCHEDULER_ENABLED: "true" },
      prepare: (app) => seed(app.repos, opts.database, { recipients, perUnit, ...opts }),
    });

    // The coordinator writes the three announcements one after the other, as fast as a person
    // reads and answers; the first is sending while the others are written.
    progress("broadcast: the coordinator writes three announcements with /umumkan");
    let scheduledAt: number | undefined;
    let confirmedAt: number | undefined;
    const coordinator = (async () => {
      let seen = (await tg.chat(COORDINATOR_CHAT)).at(-1)?.message_id ?? 0;
      const say = async (
        text: string,
        expect: RegExp,
      ): Promise<{ at: number; reply: string; replyAt: number }> => {
        await sleep(THINK_MS);
        const at = await tg.sendText(COORDINATOR_CHAT, text);
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const fresh = await tg.chat(COORDINATOR_CHAT, seen);
          const reply = fresh.find((m) => expect.test(m.text));
          if (reply) {
            seen = fresh.at(-1)!.message_id;
            return { at, reply: reply.text, replyAt: reply.at };
          }
          await sleep(50);
        }
        throw new Error(`bench: no reply matching ${expect} to "${text}" within 60 s`);
      };
      for (const b of BROADCASTS) {
        await say("/umumkan", /Tulis pengumuman/);
        await say(textOf(b.label), /menyertakan foto/);
        await say("Lewati", /Untuk siapa/);
        if (!b.units) {
          await say("Semua orang dalam cakupan saya", /Minta penerima menjawab/);
        } else {
          await say("Unit tertentu (satu atau beberapa)", /Unit mana/);
          for (const [k, u] of b.units.entries()) {
            if (k > 0) await say("Tambah unit lain", /Unit mana/);
            await say(unitName(u), /Unit terpilih/);
          }
          await say("Selesai memilih", /Minta penerima menjawab/);
        }
        await say('Tombol "Sudah dibaca"', /Kapan dikirim/);
        await say("Kirim sekarang", /Kirim sekarang ke/);
        const sent = await say("ya", /sedang dikirim ke/);
        scheduledAt ??= sent.at;
        // The reply comes once every message is stored in the outbox.
        confirmedAt ??= sent.replyAt;
        const count = b.units ? perUnit * b.units.length : recipients;
        // The count as the reply writes it (1.500 in Indonesian).
        const said = Number(/dikirim ke ([\d.,]+) orang/.exec(sent.reply)?.[1]?.replace(/[.,]/g, ""));
        if (said !== count)
          throw new Error(`bench: announcement ${b.label} went to other than ${count}: ${sent.reply}`);
        progress(`broadcast: announcement ${b.label} scheduled for ${count.toLocaleString("en")} people`);
      }
    })();

    const started = performance.now();
    const timeoutMs = 120_000 + (opts.deliveries / LIMITS.perSecond) * 3_000;
    let lastReport = started;
    let coordinatorDone = false;
    let coordinatorFailed: unknown;
    coordinator.then(
      () => {
        coordinatorDone = true;
      },
      (err) => {
        coordinatorFailed = err;
      },
    );
    // Polls only the emulator's counter until the end: counting the outbox on FerretDB is a scan,
    // which would compete with the dispatcher for the CPU.
    while (true) {
      if (coordinatorFailed) throw coordinatorFailed;
      const { matching } = await tg.accepted(ANNOUNCEMENT);
      if (matching >= opts.deliveries && coordinatorDone) {
        const waiting = await models.Delivery.countDocuments({ purpose: /^broadcast\./ });
        if (waiting === 0) break;
      }
      if (performance.now() - started > timeoutMs) {
        await coordinator;
        throw new Error(
          `bench: only ${matching} of ${opts.deliveries} announcements arrived in ${timeoutMs} ms`,
        );
      }
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        progress(`broadcast: ${matching} sent`);
      }
      await sleep(matching >= opts.deliveries ? 200 : 1_000);
    }
    await coordinator;
    const seconds = round1((performance.now() - started) / 1000);
    // Where the time goes: the dispatcher's read of what is due (by due keys, beside the
    // future-dated deliveries; its first read after starting also reads the whole outbox once to
    // find the oldest slot still due) and the progress message's count of one broadcast, each alone.
    const { repos } = pandu.app;
    const reader = createDueReader({ deliveries: repos.deliveries, channel: "telegram" });
    const firstAt = performance.now();
    await reader.read(new Date(), 600);
    const dueFirstReadMs = round1(performance.now() - firstAt);
    const dueReadMs = await medianMs(3, () => reader.read(new Date(), 600));
    const progressReadMs = await medianMs(3, () => repos.deliveries.progressOf("broadcast.none"));
    await pandu.stop();
    pandu = undefined;

    const { stats, sent, throttled, presses } = await tg.stats();
    for (const t of throttled.slice(0, 10))
      progress(
        `broadcast: 429 (${t.limit} limit) in chat ${t.chat} at ${Math.round(t.at - scheduledAt!)} ms`,
      );
    const isAnnouncement = (text: string) => ANNOUNCEMENT.test(text);
    const announcements = sent.filter(([, , text]) => isAnnouncement(text));
    const pairs = announcements.map(([chat, , text]) => `${text[11]}|${chat}`);
    const distinct = new Set(pairs);
    const end = Math.max(...announcements.map(([, at]) => at));
    const start = scheduledAt!;
    const during = sent.filter(([, at]) => at > start && at <= end);
    const windowS = (end - start) / 1_000;
    // What the progress message cost: edits in the coordinator's chat (sends are counted above).
    const progressEdits = sent
      .filter(([chat, , text]) => chat === COORDINATOR_CHAT && /^(📣|✅)/u.test(text))
      .reduce((n, [, , , edits]) => n + edits, 0);
    const logged = await models.DeliveryLog.find({ purpose: /^broadcast\.b/ }, { resends: 1 })
      .lean<{ resends?: number }[]>()
      .exec();
    const stillQueued = await models.Delivery.countDocuments({ purpose: /^future\./ });
    const times = sent.map(([, at]) => at).sort((a, b) => a - b);
    let maxInSecond = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i]! - times[j]! >= 1_000) j++;
      maxInSecond = Math.max(maxInSecond, i - j + 1);
    }
    const result: BroadcastBenchResult = {
      deliveries: opts.deliveries,
      broadcasts: BROADCASTS.length,
      recipients,
      most_messages_per_recipient: BROADCASTS.length,
      history: opts.history,
      queued_future: opts.queued,
      // Everything the bot sent from the moment the first announcement was confirmed until the last
      // announcement arrived: the announcements and every reply in between.
      rate_per_s: round1(during.length / windowS),
      broadcast_rate_per_s: round1(announcements.length / windowS),
      limit_per_s: LIMITS.perSecond,
      per_chat_limit_per_s: 1_000 / LIMITS.perChatMs,
      replies_during: during.length - announcements.length,
      presses_during: presses.filter((p) => p.at > start && p.at <= end).length,
      first_send_after_ms: Math.round(Math.min(...announcements.map(([, at]) => at)) - start),
      confirm_reply_after_ms: Math.round(confirmedAt! - start),
      throttled_429: stats.throttled,
      duplicates: pairs.length - distinct.size,
      lost: [...expected].filter((p) => !distinct.has(p)).length,
      misdirected: [...distinct].filter((p) => !expected.has(p)).length,
      resends: logged.reduce((sum, d) => sum + (d.resends ?? 0), 0),
      progress_edits: progressEdits,
      due_read_ms: dueReadMs,
      due_first_read_ms: dueFirstReadMs,
      progress_read_ms: progressReadMs,
      max_in_any_second: maxInSecond,
      seconds,
    };
    const wrong = [
      result.throttled_429 > 0 && `${result.throttled_429} sends refused with 429`,
      result.duplicates > 0 && `${result.duplicates} announcements sent twice`,
      result.lost > 0 && `${result.lost} announcements lost`,
      result.misdirected > 0 && `${result.misdirected} announcements sent outside their audience`,
      stillQueued !== opts.queued && `${opts.queued - stillQueued} future-dated deliveries sent early`,
      stats.unauthorized > 0 && `${stats.unauthorized} calls with a wrong token`,
    ].filter(Boolean);
    if (wrong.length > 0) {
      progress(`broadcast: ${JSON.stringify(result)}`);
      throw new Error(`bench: broadcast failed: ${wrong.join("; ")}`);
    }
    return result;
  } finally {
    await pandu?.stop().catch(() => {});
    await tg.stop();
  }
}

/**
 * The agency before the coordinator writes: an instansi of six units with `recipients` people in
 * them, the coordinator (in another instansi, so never a recipient), `history` sent deliveries in
 * the log and `queued` deliveries due in the coming month in the outbox. Bulk inserts.
 */
async function seed(
  repos: App["repos"],
  database: Database,
  opts: { recipients: number; perUnit: number; history: number; queued: number },
): Promise<void> {
  const { Person, Identity, DeliveryLog, Delivery } = database.models;
  const now = new Date();
  const unit = (id: string, name: string, parent: string | null, path: string[]) => ({
    _id: id,
    name,
    kind: parent ? ("unit" as const) : ("instansi" as const),
    parentId: parent,
    instansiId: path[0] ?? id,
    path,
  });
  await repos.orgUnits.upsertMany([
    unit("bench", "Pemerintah Kabupaten Bench", null, []),
    ...Array.from({ length: UNITS }, (_, k) => unit(`bench.u${k + 1}`, unitName(k + 1), "bench", ["bench"])),
    unit("pusat", "Badan Kepegawaian Pusat", null, []),
  ]);
  const coordinator = await repos.people.create({
    name: "Koordinator Bench",
    timeZone: "Asia/Jakarta",
    unitId: "pusat",
    instansiId: "pusat",
    onboardedAt: now,
    roles: [{ role: "koordinator", unitId: "bench", grantedAt: now }],
  });
  await repos.identities.bind({
    id: `telegram:${COORDINATOR_CHAT}`,
    channel: "telegram",
    personId: coordinator._id,
    now,
  });

  progress(`broadcast: seeding ${opts.recipients.toLocaleString("en")} recipients`);
  for (let start = 0; start < opts.recipients; start += 1_000) {
    const ns = Array.from({ length: Math.min(1_000, opts.recipients - start) }, (_, j) => start + j);
    await Person.insertMany(
      ns.map((n) => ({
        _id: `bp${n}`,
        name: `Penerima ${n}`,
        timeZone: "Asia/Jakarta",
        locale: "id",
        instansiId: "bench",
        unitId: `bench.u${Math.floor(n / opts.perUnit) + 1}`,
        tier: "pelaksana",
        learningModes: ["e-learning"],
        roles: [],
        status: {},
        // No quiet hours: the announcements go now, whatever the hour of the run.
        reminders: { quietStart: "00:00", quietEnd: "00:00" },
        consent: { givenAt: now, textVersion: "onboarding-1" },
        onboardedAt: now,
      })),
      { ordered: false },
    );
    await Identity.insertMany(
      ns.map((n) => ({
        _id: `telegram:${FIRST_CHAT + n}`,
        channel: "telegram",
        personId: `bp${n}`,
        linkedAt: now,
      })),
      { ordered: false },
    );
  }

  // Chats of the log and the queue: the recipients' and as many others.
  const chatOf = (n: number) => FIRST_CHAT + (n % (2 * opts.recipients));
  const delivery = (id: string, purpose: string, n: number, text: string, dueAt: Date) => ({
    _id: id,
    purpose,
    personId: `bp${n % (2 * opts.recipients)}`,
    identityId: `telegram:${chatOf(n)}`,
    channel: "telegram",
    address: String(chatOf(n)),
    message: { text },
    dueAt,
    createdAt: now,
    resends: 0,
  });
  progress(`broadcast: storing ${opts.history.toLocaleString("en")} older sent deliveries`);
  const past = new Date(now.getTime() - 30 * 86_400_000);
  for (let i = 0; i < opts.history; i += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, opts.history - i) }, (_, j) => {
      const n = i + j;
      const purpose = `broadcast.old${n % 50}`;
      return {
        ...delivery(`${purpose}:o${n % 50}:bp${n}`, purpose, n, "Pengumuman lama", past),
        status: "sent",
        attempts: 1,
        sentAt: past,
      };
    });
    await DeliveryLog.insertMany(batch, { ordered: false });
  }
  progress(`broadcast: queueing ${opts.queued.toLocaleString("en")} deliveries due in the coming month`);
  for (let i = 0; i < opts.queued; i += 2_000) {
    const batch = Array.from({ length: Math.min(2_000, opts.queued - i) }, (_, j) => {
      const n = i + j;
      const purpose = `future.reminder${n % 200}`;
      // From an hour to thirty days ahead.
      const dueAt = new Date(now.getTime() + 3_600_000 + (n % 720) * 3_600_000);
      return {
        ...delivery(`${purpose}:s${n % 200}:bp${n}`, purpose, n, "Pengingat sesi pelatihan", dueAt),
        dueKey: dueKeyOf("telegram", dueAt, now),
        status: "pending",
        attempts: 0,
      };
    });
    await Delivery.insertMany(batch, { ordered: false });
  }
}
