import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import { type LoggedQuery, listenToQueries } from "../../../src/db/query-log.js";
import { createDispatcher, type Dispatcher } from "../../../src/delivery/dispatcher.js";
import { createDueReader } from "../../../src/delivery/due-reader.js";
import { createOutbox } from "../../../src/delivery/outbox.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import { useTestDatabase } from "../../support/database.js";
import { storageRuleBreak } from "../../support/storage-rules.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0003";
let tg: TelegramEmulator;
let running: Dispatcher[] = [];
let run = 0;

/** A dispatcher as one app instance would run it, named `holder`, at `perSecond`. */
function dispatcher(holder: string, perSecond: number, opts: { slotMs?: number; sendLeaseMs?: number } = {}) {
  const sender = createTelegramSender({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    limits: { perSecond, perChatMs: 1000 },
  });
  const d = createDispatcher({
    repos: ctx.repos,
    sender,
    limiter: createRateLimiter(sender.limits),
    lease: createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:telegram:${run}`,
      holder,
      slotMs: opts.slotMs ?? 2_000,
      now: () => Date.now(),
    }),
    now: () => new Date(),
    sendLeaseMs: opts.sendLeaseMs ?? 5_000,
    idleMs: 50,
    backoff: (attempt) => 100 * 2 ** attempt,
  });
  running.push(d);
  return d;
}

/** People 1…n reachable on Telegram, each with one delivery due now (bound and queued in bulk). */
async function schedule(n: number, purpose: string, first = 1) {
  const numbers = Array.from({ length: n }, (_, k) => first + k);
  for (let k = 0; k < numbers.length; k += 50)
    await Promise.all(
      numbers
        .slice(k, k + 50)
        .map((i) =>
          ctx.repos.identities
            .bind({ id: `telegram:${i}`, channel: "telegram", personId: `p${i}`, now: new Date() })
            .catch(() => {}),
        ),
    );
  const outbox = createOutbox({ repos: ctx.repos, now: () => new Date() });
  await outbox.scheduleMany(
    numbers.map((i) => ({
      personId: `p${i}`,
      message: { text: `${purpose} untuk ${i}` },
      dueAt: new Date(Date.now() - 1000),
    })),
    purpose,
    "o1",
  );
}

/** A Telegram delivery as the outbox needs to know it to put it back in line. */
const onTelegram = (id: string) => ({ _id: id, channel: "telegram" });

const textsTo = (purpose: string) => [...tg.messages.values()].filter((m) => m.text.startsWith(purpose));

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
});
afterEach(async () => {
  await Promise.all(running.map((d) => d.stop()));
  running = [];
  run++;
});
afterAll(async () => {
  await tg.stop();
});

describe("the outbox dispatcher (real database, Bot API emulator)", () => {
  it("schedules a key once, and two instances together send every delivery exactly once within the rate", async () => {
    await schedule(300, "satu");
    const outbox = createOutbox({ repos: ctx.repos, now: () => new Date() });
    expect(
      await outbox.schedule({
        purpose: "satu",
        occurrence: "o1",
        personId: "p1",
        message: { text: "x" },
        dueAt: new Date(),
      }),
    ).toBe("duplicate");
    dispatcher("a", 100).start();
    dispatcher("b", 100).start();
    const started = Date.now();
    await waitFor(() => textsTo("satu").length >= 300 || undefined, 30_000, 200);
    await new Promise((r) => setTimeout(r, 300));
    console.log(`300 deliveries at 100/s: ${Date.now() - started} ms`);
    const sent = textsTo("satu");
    expect(sent).toHaveLength(300);
    expect(new Set(sent.map((m) => m.chat_id)).size).toBe(300);
    expect(tg.maxInWindow()).toBeLessThanOrEqual(100);
    expect((await ctx.repos.deliveries.counts()).outbox).toBe(0);
  });

  it("delivers a message's buttons as they were scheduled", async () => {
    await ctx.repos.identities.bind({
      id: "telegram:5001",
      channel: "telegram",
      personId: "p5001",
      now: new Date(),
    });
    const outbox = createOutbox({ repos: ctx.repos, now: () => new Date() });
    await outbox.schedule({
      purpose: "tombol",
      occurrence: "o1",
      personId: "p5001",
      message: {
        text: "tombol: pelatihan besok",
        choices: [[{ data: "rem|h|x", label: "Hadir" }], [{ data: "rem|s|x", label: "Ingatkan lagi" }]],
      },
      dueAt: new Date(Date.now() - 1000),
    });
    dispatcher("a", 100).start();
    const [sent] = await waitFor(
      () => (textsTo("tombol").length ? textsTo("tombol") : undefined),
      10_000,
      50,
    );
    expect(sent!.buttons).toEqual([
      [{ text: "Hadir", callback_data: "rem|h|x" }],
      [{ text: "Ingatkan lagi", callback_data: "rem|s|x" }],
    ]);
  });

  it("sends a text over Telegram's 4,096 characters as several messages split at paragraphs, none cut", async () => {
    await ctx.repos.identities.bind({
      id: "telegram:5002",
      channel: "telegram",
      personId: "p5002",
      now: new Date(),
    });
    // Paragraphs of 900 characters: 9,900 in all, with buttons that belong under the last part.
    const paragraphs = Array.from({ length: 11 }, (_, i) => `panjang ${i}: ${"kata ".repeat(178)}`.trim());
    const long = paragraphs.join("\n\n");
    await createOutbox({ repos: ctx.repos, now: () => new Date() }).schedule({
      purpose: "panjang",
      occurrence: "o1",
      personId: "p5002",
      message: { text: long, choices: [[{ data: "rem|h|y", label: "Hadir" }]] },
      dueAt: new Date(Date.now() - 1000),
    });
    dispatcher("a", 100).start();
    const parts = await waitFor(() => {
      const got = [...tg.messages.values()].filter((m) => m.chat_id === 5002);
      return got.length >= 3 ? got : undefined;
    }, 15_000);
    expect(parts.every((m) => m.text.length <= 4096)).toBe(true);
    // Nothing lost or cut: the parts, joined at the paragraph breaks, are the text.
    expect(parts.map((m) => m.text).join("\n\n")).toBe(long);
    expect(parts.every((m) => /^panjang \d+:/.test(m.text))).toBe(true);
    expect(parts.at(-1)!.buttons).toEqual([[{ text: "Hadir", callback_data: "rem|h|y" }]]);
    expect(parts.slice(0, -1).every((m) => m.buttons.length === 0)).toBe(true);
    // The log is written once the last part is accepted, a moment after the emulator has it.
    const logged = await waitFor(
      async () => (await ctx.db.models.DeliveryLog.findOne({ personId: "p5002" }).lean().exec()) ?? undefined,
      15_000,
    );
    expect(logged).toMatchObject({ status: "sent", resends: 0 });
  });

  it("survives 429s with retry_after and 20% random 5xx: every delivery once, none lost", async () => {
    // A platform limit far below the dispatcher's own, so 429s come even when a busy machine
    // slows the sending down (at 40/s a starved run once drew none).
    tg.limits = { perSecond: 15, perChatMs: 1000 };
    tg.flaky = 0.2;
    try {
      await schedule(150, "dua", 1000);
      dispatcher("a", 80).start(); // deliberately faster than the platform allows
      await waitFor(async () => textsTo("dua").length >= 150 || undefined, 60_000);
      await new Promise((r) => setTimeout(r, 300));
      const sent = textsTo("dua");
      expect(sent).toHaveLength(150);
      expect(new Set(sent.map((m) => m.chat_id)).size).toBe(150);
      expect(tg.stats.throttled).toBeGreaterThan(0);
      expect(tg.stats.failed).toBeGreaterThan(0);
    } finally {
      tg.limits = undefined;
      tg.flaky = 0;
    }
  });

  it("marks an identity unreachable on 403 and gives its delivery up as dead", async () => {
    tg.blocked.add(2001);
    await schedule(2, "tiga", 2000);
    dispatcher("a", 100).start();
    await waitFor(
      async () => (await ctx.repos.deliveries.getLogged("tiga:o1:p2001"))?.status === "dead" || undefined,
      10_000,
    );
    await waitFor(
      async () => (await ctx.repos.deliveries.getLogged("tiga:o1:p2000"))?.status === "sent" || undefined,
      10_000,
    );
    expect((await ctx.repos.identities.get("telegram:2001"))!.unreachable?.reason).toContain("403");
    expect((await ctx.repos.deliveries.getLogged("tiga:o1:p2001"))!.lastError).toContain("blocked");
    // The outbox no longer routes to a person whose only identity is unreachable.
    const outbox = createOutbox({ repos: ctx.repos, now: () => new Date() });
    expect(
      await outbox.schedule({
        purpose: "lagi",
        occurrence: "o1",
        personId: "p2001",
        message: { text: "x" },
        dueAt: new Date(),
      }),
    ).toBe("unreachable");
  });

  it("on stop, puts a send still unanswered at the deadline back as in doubt and gives up the lease; a late answer still marks it sent", async () => {
    await schedule(2, "lima", 4000);
    tg.holdAnswers();
    const a = dispatcher("a", 100);
    a.start();
    await waitFor(() => textsTo("lima").length >= 2 || undefined, 10_000);
    // Telegram has both messages but has not answered: stopping cannot wait for ever.
    await a.stop(Date.now() + 200);
    const left = await ctx.db.models.Delivery.find({ purpose: "lima" }).lean();
    expect(left.map((d) => d.status)).toEqual(["pending", "pending"]);
    expect(left.every((d) => d.inDoubt === true && d.dueAt.getTime() <= Date.now())).toBe(true);
    // The lease was given up: another instance holds it at once, within the same slot.
    const b = createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:telegram:${run}`,
      holder: "b",
      slotMs: 2_000,
      now: () => Date.now(),
    });
    expect(await b.holds()).toBe(true);
    // The answers arrive after all: both are sent, once each.
    tg.releaseAnswers();
    await waitFor(
      async () => (await ctx.db.models.Delivery.countDocuments({ purpose: "lima" })) === 0 || undefined,
    );
    for (const id of ["lima:o1:p4000", "lima:o1:p4001"])
      expect(await ctx.repos.deliveries.getLogged(id)).toMatchObject({ status: "sent", attempts: 1 });
    expect(textsTo("lima")).toHaveLength(2);
  });

  it("counts as a resend the next attempt of a delivery put back in doubt", async () => {
    await schedule(1, "enam", 5000);
    await ctx.repos.deliveries.claim("enam:o1:p5000", 1, new Date());
    await ctx.repos.deliveries.markSending(
      onTelegram("enam:o1:p5000"),
      1,
      new Date(Date.now() + 60_000),
      false,
    );
    await ctx.repos.deliveries.releaseInDoubt(onTelegram("enam:o1:p5000"), new Date());
    dispatcher("c", 100).start();
    await waitFor(async () => (await ctx.repos.deliveries.getLogged("enam:o1:p5000")) ?? undefined, 10_000);
    expect(await ctx.repos.deliveries.getLogged("enam:o1:p5000")).toMatchObject({
      status: "sent",
      attempts: 2,
      resends: 1,
    });
  });

  it("sends a delivery whose sender died mid-send and whose next claimant died before marking it", async () => {
    await schedule(1, "delapan", 8000);
    const id = "delapan:o1:p8000";
    await ctx.repos.deliveries.claim(id, 1, new Date(Date.now() - 60_000));
    await ctx.repos.deliveries.markSending(onTelegram(id), 1, new Date(Date.now() - 30_000), false);
    // Attempt 2 was won a while ago by a worker that stopped before marking it.
    await ctx.repos.deliveries.claim(id, 2, new Date(Date.now() - 30_000));
    dispatcher("e", 100).start();
    await waitFor(async () => (await ctx.repos.deliveries.getLogged(id)) ?? undefined, 10_000);
    expect(await ctx.repos.deliveries.getLogged(id)).toMatchObject({
      status: "sent",
      attempts: 3,
      resends: 1,
    });
    expect(textsTo("delapan")).toHaveLength(1);
  });

  it("never sends again a delivery logged as sent whose removal from the outbox was cut off", async () => {
    await schedule(1, "tujuh", 7000);
    const id = "tujuh:o1:p7000";
    // A sender sent attempt 1 and logged it, then lost the database before deleting it from the outbox.
    await ctx.repos.deliveries.claim(id, 1, new Date());
    await ctx.repos.deliveries.markSending(onTelegram(id), 1, new Date(Date.now() - 10), false);
    const stillThere = (await ctx.repos.deliveries.get(id))!;
    await ctx.db.models.DeliveryLog.create({ ...stillThere, status: "sent", sentAt: new Date() });
    dispatcher("d", 100).start();
    await waitFor(async () => ((await ctx.repos.deliveries.get(id)) === null ? true : undefined), 10_000);
    expect(textsTo("tujuh")).toHaveLength(0);
    expect(await ctx.repos.deliveries.getLogged(id)).toMatchObject({ status: "sent", resends: 0 });
  });

  it("sends again, and counts it, a delivery whose sender died mid-send; a lapsed lease passes to another instance", async () => {
    await schedule(1, "empat", 3000);
    // A worker claimed attempt 1 and marked it sending, then died: its lease lapsed a moment ago.
    await ctx.repos.deliveries.claim("empat:o1:p3000", 1, new Date());
    await ctx.repos.deliveries.markSending(onTelegram("empat:o1:p3000"), 1, new Date(Date.now() - 10), false);
    // Instance "a" holds the lease for the current slot, then stops renewing (it crashed).
    const slotMs = 1_000;
    const lease = createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:telegram:${run}`,
      holder: "a",
      slotMs,
      now: () => Date.now(),
    });
    expect(await lease.holds()).toBe(true);
    const b = dispatcher("b", 100, { slotMs });
    expect(await b.pass()).toBe(-1); // not b's turn yet
    b.start();
    await waitFor(async () => (await ctx.repos.deliveries.getLogged("empat:o1:p3000")) ?? undefined, 10_000);
    const logged = (await ctx.repos.deliveries.getLogged("empat:o1:p3000"))!;
    expect(logged).toMatchObject({ status: "sent", attempts: 2, resends: 1 });
    expect(textsTo("empat")).toHaveLength(1);
  });

  it("sends everything after a pass broke off midway (the lease could not be renewed), leaving nothing stuck", async () => {
    await schedule(40, "tujuh", 6000);
    const sender = createTelegramSender({
      token: TOKEN,
      apiRoot: tg.apiRoot,
      limits: { perSecond: 30, perChatMs: 1000 },
    });
    const real = createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:telegram:${run}`,
      holder: "flaky",
      slotMs: 60_000,
      now: () => Date.now(),
    });
    // The database goes away for a moment: a few lease checks in the middle of a pass fail.
    let checks = 0;
    const lease = {
      ...real,
      holds: async () => {
        checks++;
        if (checks >= 5 && checks < 9) throw new Error("connection closed");
        return real.holds();
      },
    };
    const d = createDispatcher({
      repos: ctx.repos,
      sender,
      limiter: createRateLimiter(sender.limits),
      lease,
      now: () => new Date(),
      sendLeaseMs: 2_000,
      idleMs: 50,
      takeoverGraceMs: 0,
    });
    running.push(d);
    d.start();
    const keys = Array.from({ length: 40 }, (_, i) => `tujuh:o1:p${6000 + i}`);
    const logged = async () => Promise.all(keys.map((k) => ctx.repos.deliveries.getLogged(k)));
    await waitFor(async () => (await logged()).every((d) => d?.status === "sent"), 30_000);
    // The outage really fell inside a pass, and every delivery went out exactly once.
    expect(checks).toBeGreaterThanOrEqual(9);
    expect(textsTo("tujuh")).toHaveLength(40);
  });

  it("reads what is due by due key: never early, a lapsed lease again, an old backlog and a clock gone back", async () => {
    // A channel of its own and a clock of its own: what other tests queued is not in the way.
    const channel = "kanal";
    const t0 = new Date("2030-01-01T00:00:00Z");
    const at = (ms: number) => new Date(t0.getTime() + ms);
    const MIN = 60_000;
    const row = (id: string, dueAt: Date) => ({
      _id: id,
      purpose: "baca",
      identityId: `${channel}:${id}`,
      channel,
      address: id,
      message: { text: id },
      dueAt,
    });
    // Due an hour ago when stored, due in ten minutes, due in three days.
    await ctx.repos.deliveries.enqueueMany(
      [row("lalu", at(-60 * MIN)), row("nanti", at(10 * MIN)), row("lusa", at(3 * 1_440 * MIN))],
      t0,
    );
    const reader = createDueReader({ deliveries: ctx.repos.deliveries, channel });
    const ids = async (now: Date, limit = 100) => (await reader.read(now, limit)).map((d) => d._id);
    expect(await ids(t0)).toEqual(["lalu"]);
    // Its sender claimed it and died: the lease lapses a minute later, and it is due again.
    const lalu = (await ctx.repos.deliveries.get("lalu"))!;
    await ctx.repos.deliveries.markSending(lalu, 1, at(MIN), false);
    expect(await ids(at(30_000))).toEqual([]);
    expect(await ids(at(2 * MIN))).toEqual(["lalu"]);
    await ctx.repos.deliveries.finish(lalu, "sent", at(2 * MIN));
    // Not a millisecond early.
    expect(await ids(at(10 * MIN - 1))).toEqual([]);
    // Each steady read is one find by due key (a few keys), which the storage rules let through.
    const reads: LoggedQuery[] = [];
    const stop = listenToQueries((q) => {
      if (q.collection === "deliveries") reads.push(q);
    });
    try {
      expect(await ids(at(10 * MIN))).toEqual(["nanti"]);
    } finally {
      stop();
    }
    expect(reads.map((q) => [q.op, Object.keys(q.filter), storageRuleBreak(q)])).toEqual([
      ["find", ["dueKey", "dueAt"], undefined],
    ]);
    expect((reads[0]!.filter.dueKey as { $in: string[] }).$in.length).toBeLessThan(10);
    // Three days on, "nanti" never sent: over 4,000 minutes are read, oldest first, and a read cut
    // off at its limit leaves the rest for the next.
    const later = at(3 * 1_440 * MIN + MIN);
    expect(await ids(later, 1)).toEqual(["nanti"]);
    expect(await ids(later)).toEqual(["nanti", "lusa"]);
    for (const id of ["nanti", "lusa"])
      await ctx.repos.deliveries.finish((await ctx.repos.deliveries.get(id))!, "sent", later);
    expect(await ids(later)).toEqual([]);
    // A clock set back (a test's): what is then scheduled for the minute after is still found.
    await ctx.repos.deliveries.enqueueMany([row("mundur", at(61 * MIN))], at(60 * MIN));
    expect(await ids(at(70 * MIN))).toEqual(["mundur"]);
    await ctx.db.models.Delivery.deleteMany({ channel }).exec();
  });
});
