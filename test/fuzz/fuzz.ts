import { type App, createApp } from "../../src/app.js";
import type { IncomingIdentity } from "../../src/conversation/router.js";
import type { Database } from "../../src/db/connection.js";
import type { Choice, Inbound, Outbound } from "../../src/engine/types.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { seedCoursesIfEmpty } from "../../src/services/course-seed.js";
import { seedDemoIfEmpty } from "../../src/services/demo-seed.js";

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
 * (registered staff, strangers, a bootstrap admin), on both channels: random texts, commands in
 * the middle of flows, their own and other people's buttons, forged callback data, files and
 * stickers. After each input: no exception, every reply a known message, and every live
 * conversation at a step its flow has.
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
  const people: IncomingIdentity[] = [bootstrap];
  for (const [i, role] of (["asn", "koordinator", "supervisor", "admin"] as const).entries()) {
    const p = await app.repos.people.create({
      name: `Fuzz ${role}`,
      timeZone: "Asia/Jakarta",
      unitId: root._id,
      instansiId: root._id,
      onboardedAt: clock,
      roles: role === "asn" ? [] : [{ role, unitId: root._id, grantedAt: clock }],
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
  return { seed: opts.seed, inputs: opts.inputs, replies, failures, byKind };
}

/** An input as printed in a failure: long texts cut, so the report stays readable. */
function shorten(inbound: Inbound): Inbound {
  if (inbound.kind === "text" && inbound.text.length > 120)
    return { kind: "text", text: `${inbound.text.slice(0, 60)}…(${inbound.text.length} chars)` };
  return inbound;
}
