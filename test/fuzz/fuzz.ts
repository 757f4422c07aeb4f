import { type App, createApp } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Database } from "../../src/db/connection.js";
import type { Choice, Inbound, Outbound } from "../../src/engine/types.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { seedCoursesIfEmpty } from "../../src/services/course-seed.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";
import { createActorCheck, type Sentinel } from "./actor-check.js";

/** A deterministic generator: the same seed replays the same inputs. */
export function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    // xorshift32
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
  };
}

/** What went wrong at one input: enough to replay it. */
export interface FuzzFailure {
  seed: number;
  step: number;
  who: string;
  inbound: Inbound;
  problem: string;
}

export interface FuzzResult {
  seed: number;
  inputs: number;
  replies: number;
  failures: FuzzFailure[];
  /** How many failures are the actor check's (another person changed or shown out of scope). */
  actorViolations: number;
  byKind: Record<string, number>;
}

const TEXTS = [
  "ya",
  "tidak",
  "Ya",
  "kembali",
  "lewati",
  "selesai",
  "batal",
  "1",
  "2",
  "3",
  "4",
  "1,2",
  "0",
  "-1",
  "99",
  "Budi Santoso",
  "Siti",
  "Dinas",
  "Kepala",
  "Kesehatan",
  "Jambi",
  "Bahasa Indonesia",
  "English",
  "198203142008012005",
  "19820314 200801 2 005",
  "123456789012345678",
  "2026-12-01",
  "31/12/2026",
  "2027-02-30 25:61",
  "08:00",
  "😀🙏🇮🇩",
  "‏مرحبا‎",
  "\u200b\u200b",
  "   ",
  "\n\n",
  '{"$gt": ""}',
  '{"$ne": null}',
  "$where",
  "<script>alert(1)</script>",
  "'; DROP TABLE people; --",
  '=HYPERLINK("http://x")',
  "/start",
  "/batal",
  "%s%s%n",
];

const BUTTON_PREFIXES = [
  "cmd|",
  "lang|",
  "start|",
  "crs|e|",
  "crs|x|",
  "srv|",
  "pgr|s|on",
  "pgr|q|",
  "rem|",
  "mnt|",
  "brd|x|",
  "rks|u|",
  "rks|w|on|",
  "rks|w|off",
  "per|g|",
  "per|p|",
  "trn|siasn",
  "run|",
];

/** The words a fuzzer may type: fixed oddities, very long strings, and what the last reply offered. */
function randomText(r: ReturnType<typeof rng>, offered: readonly Choice[]): string {
  const roll = r.next();
  if (roll < 0.3 && offered.length > 0) return r.pick(offered).label;
  if (roll < 0.38) return "x".repeat(1 + r.int(12_000));
  if (roll < 0.45)
    return Array.from({ length: 1 + r.int(40) }, () => String.fromCodePoint(0x20 + r.int(0x2ff0))).join("");
  return r.pick(TEXTS);
}

/**
 * Anything that is not a message Pandu means to send: a missing key, a missing argument, a leak.
 * (The fuzzer never types "undefined" or "NaN" itself, so an echo of its input is not mistaken
 * for a leak.)
 */
export function problemOf(out: Outbound): string | undefined {
  if (!out.text.trim() && !out.media) return "empty reply";
  if (/\[[a-z][a-z0-9]*(-[a-z0-9]+)+\]/.test(out.text)) return "missing translation key";
  if (/\{\s*\$[a-zA-Z]/.test(out.text)) return "unfilled placeholder";
  if (/\bundefined\b|\bNaN\b|\[object Object\]|Invalid Date/.test(out.text)) return "leaked value";
  for (const row of out.choices ?? []) {
    for (const c of row) {
      if (!c.label.trim()) return "button without a label";
      if (Buffer.byteLength(c.data) > 64) return `button data over 64 bytes: ${c.data}`;
    }
  }
  return undefined;
}

/**
 * Drives every flow and command with `inputs` random inputs from several people at once
 * (registered staff of the whole instansi and of one small unit, strangers, a bootstrap admin), on
 * both channels: random texts, commands in the middle of flows, their own and other people's
 * buttons, forged callback data, files and stickers. After each input: no exception, every reply
 * a known message, every live conversation at a step its flow has, and the actor check
 * (actor-check.ts): nobody else's documents changed and no sentinel named, outside the scope of
 * the one who typed it.
 */
export async function runFuzz(opts: {
  database: Database;
  seed: number;
  inputs: number;
  onProgress?: (done: number) => void;
}): Promise<FuzzResult> {
  const translator = loadTranslations(LOCALES_DIR);
  let clock = new Date("2026-11-25T02:00:00Z");
  const bootstrap: IncomingIdentity = { id: "telegram:1", channel: "telegram" };
  const app: App = createApp({
    database: opts.database,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [bootstrap.id],
    surveyHashKey: "fuzz",
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await seedCoursesIfEmpty(app.courseCatalog, app.repos.courses.count, app.courseSeedFile);
  const root = (await app.repos.orgUnits.roots())[0]!;
  const narrow = (await app.repos.orgUnits.children(root._id))[0]!;
  const people: IncomingIdentity[] = [bootstrap];
  // Staff of the whole instansi, and of one of its units (whose neighbours are outside their scope).
  const fuzzers = [
    { name: "asn", unit: root, role: undefined },
    { name: "koordinator", unit: root, role: "koordinator" },
    { name: "supervisor", unit: root, role: "supervisor" },
    { name: "admin", unit: root, role: "admin" },
    { name: "koordinator unit", unit: narrow, role: "koordinator" },
    { name: "supervisor unit", unit: narrow, role: "supervisor" },
    { name: "admin unit", unit: narrow, role: "admin" },
  ] as const;
  for (const [i, f] of fuzzers.entries()) {
    const p = await app.repos.people.create({
      name: `Fuzz ${f.name}`,
      timeZone: "Asia/Jakarta",
      unitId: f.unit._id,
      instansiId: root._id,
      onboardedAt: clock,
      roles: f.role ? [{ role: f.role, unitId: f.unit._id, grantedAt: clock }] : [],
    });
    const id: IncomingIdentity = {
      id: `${i % 2 ? "slack:T1:U" : "telegram:"}${100 + i}`,
      channel: i % 2 ? "slack" : "telegram",
    };
    await app.repos.identities.bind({ id: id.id, channel: id.channel, personId: p._id, now: clock });
    people.push(id);
  }
  for (let i = 0; i < 3; i++) people.push({ id: `telegram:${900 + i}`, channel: "telegram" });
  people.push({ id: "slack:T1:U999", channel: "slack" });
  const sentinels = await plantSentinels(app, root._id, narrow._id, clock);
  const actorCheck = createActorCheck({ app, database: opts.database, bootstrapIds: [bootstrap.id] });
  await actorCheck.start();
  let actorViolations = 0;

  const r = rng(opts.seed);
  const offered = new Map<string, Choice[]>();
  const failures: FuzzFailure[] = [];
  const byKind: Record<string, number> = {};
  let replies = 0;
  const commandNames = [...app.registry.listed.map((c) => c.name), "tidakada", "START"];

  for (let step = 0; step < opts.inputs; step++) {
    const who = r.pick(people);
    const mine = offered.get(who.id) ?? [];
    const roll = r.next();
    let inbound: Inbound;
    if (roll < 0.18) {
      inbound = {
        kind: "command",
        command: r.pick(commandNames).toLowerCase(),
        args: r.next() < 0.7 ? "" : randomText(r, mine).slice(0, 300),
      };
    } else if (roll < 0.55) {
      inbound = { kind: "text", text: randomText(r, mine) };
    } else if (roll < 0.9) {
      const others = [...offered.entries()].filter(([k]) => k !== who.id).flatMap(([, v]) => v);
      const b = r.next();
      const data =
        b < 0.6 && mine.length > 0
          ? r.pick(mine).data
          : b < 0.8 && others.length > 0
            ? r.pick(others).data // someone else's button
            : r.pick(BUTTON_PREFIXES) + randomText(r, []).slice(0, 40);
      inbound = { kind: "button", data };
    } else if (roll < 0.96) {
      inbound = {
        kind: "file",
        file: {
          kind: r.next() < 0.5 ? "photo" : "document",
          channel: who.channel,
          fileId: `f${r.int(1e6)}`,
          mime: r.pick(["image/jpeg", "application/pdf", "text/csv", "application/x-msdownload"]),
          name: r.pick(["sertifikat.pdf", "pegawai.csv", "x.exe", "foto.jpg"]),
          size: r.int(30_000_000),
        },
      };
    } else {
      inbound = { kind: "unsupported", what: r.pick(["sticker", "voice", "location"] as const) };
    }
    byKind[inbound.kind] = (byKind[inbound.kind] ?? 0) + 1;
    const fail = (problem: string) =>
      failures.push({ seed: opts.seed, step, who: who.id, inbound: shorten(inbound), problem });
    const actorId = await actorCheck.personOf(who.id);
    let out: Outbound[] = [];
    try {
      out = await app.conversations.handle(who, inbound);
    } catch (err) {
      fail(`threw: ${(err as Error).stack ?? err}`);
    }
    replies += out.length;
    for (const o of out) {
      const problem = problemOf(o);
      if (problem) fail(`${problem}: ${o.text.slice(0, 200)}`);
    }
    for (const v of await actorCheck.check({ identityId: who.id, actorId, replies: out, sentinels })) {
      actorViolations++;
      fail(`actor: ${v}`);
    }
    const choices = out.flatMap((o) => (o.choices ?? []).flat());
    if (choices.length > 0) offered.set(who.id, choices);
    // Every live conversation must be at a step its flow has.
    const identity = await app.repos.identities.get(who.id);
    for (const run of await app.repos.flowRuns.listForPerson(identity?.personId ?? who.id)) {
      const flow = app.catalog.get(run.flowId);
      if (!flow) fail(`run ${run._id} of unknown flow ${run.flowId}`);
      else if (!flow.steps.some((s) => s.id === run.stepId))
        fail(`run ${run._id} at unknown step ${run.flowId}/${run.stepId}`);
    }
    if (failures.length >= 20) break;
    // Time passes: minutes mostly, sometimes days (runs expire, surveys close, sessions start).
    clock = new Date(clock.getTime() + (r.next() < 0.05 ? r.int(3) * 86_400_000 : r.int(120_000)));
    if (step % 250 === 249) opts.onProgress?.(step + 1);
  }
  return { seed: opts.seed, inputs: opts.inputs, replies, failures, actorViolations, byKind };
}

/**
 * People who never type anything, with distinctive names and NIPs and some data of every kind: one
 * in a unit beside the small unit's staff (inside the instansi staff's scope only), one in another
 * instansi holding a role there and with a broadcast of their own, one in a third instansi.
 */
async function plantSentinels(app: App, rootId: string, narrowId: string, now: Date): Promise<Sentinel[]> {
  const roots = await app.repos.orgUnits.roots();
  const beside = (await app.repos.orgUnits.children(rootId)).find((u) => u._id !== narrowId)!;
  const elsewhere = await Promise.all(
    roots.filter((u) => u._id !== rootId).map(async (r) => (await app.repos.orgUnits.children(r._id))[0]!),
  );
  const planted = [
    { name: "Sentinel Larasati Wibisono", nip: "197703152001122009", unit: beside },
    { name: "Sentinel Gregorius Manurung", nip: "196812301994031005", unit: elsewhere[0]! },
    { name: "Sentinel Ayu Kartikasari", nip: "198911112015042001", unit: elsewhere[1] ?? elsewhere[0]! },
  ];
  const sentinels: Sentinel[] = [];
  for (const [i, s] of planted.entries()) {
    const p = await app.repos.people.create({
      name: s.name,
      nip: s.nip,
      timeZone: "Asia/Jakarta",
      unitId: s.unit._id,
      instansiId: s.unit.instansiId,
      onboardedAt: now,
      roles: i === 1 ? [{ role: "koordinator", unitId: s.unit._id, grantedAt: now }] : [],
    });
    await app.repos.nipClaims.claim(s.nip, p._id, now);
    await app.repos.identities.bind({ id: `telegram:${700 + i}`, channel: "telegram", personId: p._id, now });
    await app.repos.completions.insert({
      _id: `${p._id}|self|sentinel`,
      personId: p._id,
      source: "self",
      title: `Seminar ${s.name}`,
      method: "seminar",
      kind: "nonklasikal",
      competencyType: "teknis",
      jp: 4,
      completedOn: "2026-11-20",
      year: 2026,
      recordedAt: now,
      state: "pending",
    });
    await app.repos.placeRequests.open({
      _id: `pr-sentinel-${i}`,
      key: `sentinel${i}`,
      personId: p._id,
      courseId: "c-sentinel",
      sessionId: `s-sentinel-${i}`,
      title: `Pelatihan ${s.name}`,
      unitId: s.unit._id,
      requestedAt: now,
      state: "pending",
    });
    await app.repos.surveys.respond({
      _id: `resp-sentinel-${i}`,
      surveyId: "pasca-pelatihan",
      occurrence: "s-sentinel",
      personId: p._id,
      answers: [4, 4, 4, 4, 4],
      instansiId: s.unit.instansiId,
      unitId: s.unit._id,
      answeredOn: "2026-11-20",
    });
    await app.repos.audit.append({
      at: now,
      action: "sentinel.planted",
      outcome: "ok",
      targetKind: "person",
      targetId: p._id,
      scopeUnitId: s.unit._id,
    });
    if (i === 1)
      await app.repos.broadcasts.create({
        _id: "b-sentinel",
        createdBy: p._id,
        createdByIdentity: "telegram:701",
        text: `Pengumuman dari ${s.name}`,
        audience: { kind: "all" },
        scopeRoots: [s.unit._id],
        recipients: 1,
        dueAt: new Date(now.getTime() + 86_400_000),
        status: "scheduled",
        createdAt: now,
      });
    sentinels.push({ personId: p._id, name: s.name, nip: s.nip });
  }
  return sentinels;
}

/** An input as printed in a failure: long texts cut, so the report stays readable. */
function shorten(inbound: Inbound): Inbound {
  if (inbound.kind === "text" && inbound.text.length > 120)
    return { kind: "text", text: `${inbound.text.slice(0, 60)}…(${inbound.text.length} chars)` };
  return inbound;
}
