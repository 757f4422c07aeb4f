import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadDomainContent } from "../../src/content/load.js";
import { connectDatabase, type Database } from "../../src/db/connection.js";
import { createRepositories, type Repositories } from "../../src/db/repositories/index.js";
import type { Level } from "../../src/domain/competency.js";
import { FLOWS_DIR } from "../../src/paths.js";
import { type AppProcess, startApp } from "../support/app-process.js";
import { dropDatabase, uriWithDatabase } from "../support/database.js";
import { type SentMessage, TelegramEmulator, textFits } from "../support/telegram-emulator.js";

/**
 * The self-assessment rule seen from outside: real app process, Bot API emulator, answers by
 * button. What was asked is read back from the statement texts, and what the app kept from its
 * database.
 */

const TOKEN = "123456:TEST-token-for-the-emulator_0003";
const dbName = `e2e_tga_${randomBytes(4).toString("hex")}`;
let tg: TelegramEmulator;
let cwd: string;
let app: AppProcess | undefined;
let db: Database;
let repos: Repositories;

beforeAll(async () => {
  tg = new TelegramEmulator({ token: TOKEN });
  await tg.start();
  cwd = await mkdtemp(join(tmpdir(), "pandu-tga-"));
  const uri = uriWithDatabase(inject("mongoUri"), dbName);
  app = startApp(
    {
      MONGODB_URI: uri,
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_API_ROOT: tg.apiRoot,
      PORT: "0",
      LOG_LEVEL: "info",
      // Statements are answered the moment they arrive, faster than any person taps.
      RATE_LIMIT_UPDATES: "1000",
    },
    cwd,
  );
  await app.waitForStderr(/\/healthz/);
  db = await connectDatabase({ uri: inject("mongoUri"), dbName, poolSize: 2 });
  repos = createRepositories(db.models);
});
afterAll(async () => {
  app?.child.kill("SIGTERM");
  await app?.exited();
  await db?.close();
  await tg.stop();
  await dropDatabase(inject("mongoUri"), dbName);
  await rm(cwd, { recursive: true, force: true });
});

const matches = (m: SentMessage, text: string | RegExp) =>
  textFits([m.text, ...m.buttons.flat().map((b) => b.text)].join("\n"), text);
const act = (chat: number, action: () => void, text: string | RegExp): Promise<SentMessage> =>
  tg.nextMessage(chat, action, (m) => matches(m, text), 15_000, `a message matching ${text}`);
const say = (chat: number, text: string, expected: string | RegExp) =>
  act(chat, () => tg.sendText(chat, text), expected);
const button = (m: SentMessage, label: string) => {
  // Exactly first: "Sesuai" is also part of "Tidak sesuai" and "Sangat sesuai" in other cases.
  const all = m.buttons.flat();
  const b = all.find((x) => x.text === label) ?? all.find((x) => x.text.includes(label));
  if (!b) throw new Error(`no button ${label} in ${JSON.stringify(m.buttons)}`);
  return b.callback_data;
};

async function register(chat: number, name: string, nip: string, jabatan: string) {
  await say(chat, "/start", "Apakah Anda setuju?");
  for (const [answer, next] of [
    ["ya", "nama lengkap"],
    [name, "NIP"],
    [nip, "kode aktivasi"],
    ["tidak", "instansi"],
    ["Pemerintah Provinsi Jambi", "unit kerja"],
    ["Dinas Kesehatan › Bidang Pelayanan Kesehatan", "jabatan"],
  ] as const) {
    await say(chat, answer, next);
  }
  // A jabatan beyond the first page of options is found by typing, then picked by its button.
  // The province follows the instansi (Jambi), so the time zone comes next.
  const m = await say(chat, jabatan, /Zona waktu|Apa jabatan Anda/);
  if (!m.text.includes("Zona waktu"))
    await act(chat, () => tg.press(chat, m.message_id, button(m, jabatan)), "WIB");
  for (const [answer, next] of [
    ["ya", "Bahasa"],
    ["Bahasa Indonesia", "Cara belajar"],
    ["1,2", "Pendaftaran selesai"],
  ] as const) {
    await say(chat, answer, next);
  }
}

/** Which competency, level and statement index a statement text is, from the instrument itself. */
const content = loadDomainContent(FLOWS_DIR);
const statementOf = new Map<string, { c: string; l: Level; i: number }>();
for (const c of content.allCompetencies)
  for (const l of [1, 2, 3, 4, 5] as const)
    for (let i = 0; i < content.instrument.count(c.code, l); i++)
      statementOf.set(content.instrument.statement(c.code, l, i)!.id, { c: c.code, l, i });

const RATING: Record<string, number> = {
  "Tidak sesuai": 1,
  "Kurang sesuai": 2,
  Sesuai: 3,
  "Sangat sesuai": 4,
};

/** The answers of the person's assessment run once it holds `n` responses (it is saved as the step moves on). */
async function storedAnswers(personId: string, n: number): Promise<Record<string, unknown>> {
  for (let tries = 0; tries < 100; tries++) {
    const [run] = await repos.flowRuns.listForPerson(personId);
    const responses = run?.answers.responses;
    if (Array.isArray(responses) && responses.length >= n) return run!.answers;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`the run never held ${n} responses`);
}

/** Takes /asesmen answering each statement with the label `choose` gives; returns what was asked and the result. */
async function assess(chat: number, choose: (q: { c: string; l: Level; i: number }) => keyof typeof RATING) {
  let m = await say(chat, "/asesmen", "Mulai sekarang?");
  expect(m.text).toContain("Biasanya 27–45 pernyataan");
  m = await act(chat, () => tg.press(chat, m.message_id, button(m, "Ya")), "Kompetensi 1 dari 9");
  const personId = (await repos.identities.get(`telegram:${chat}`))!.personId!;
  const asked: { c: string; l: Level; i: number; s: number }[] = [];
  for (;;) {
    const q = statementOf.get(m.text.split("\n\n").at(-1)!);
    if (!q) break;
    if (asked.length === 5) {
      // The run keeps ids and ratings only, exactly what was asked and answered.
      const answers = await storedAnswers(personId, asked.length);
      expect(answers.responses).toEqual(asked);
      expect(JSON.stringify(answers)).not.toContain(m.text.split("\n\n").at(-1)!);
    }
    const label = choose(q);
    asked.push({ ...q, s: RATING[label]! });
    m = await act(
      chat,
      () => tg.press(chat, m.message_id, button(m, label)),
      /Kompetensi \d dari 9|Hasil asesmen/,
    );
    expect(asked.length).toBeLessThanOrEqual(45);
  }
  expect(m.text).toContain("Hasil asesmen");
  await tg.waitFor(() => tg.chat(chat).find((x) => x.text.includes("Hasil ini tersimpan")));
  const [stored] = await repos.assessments.listForPerson(personId);
  expect(stored!.statements).toBe(asked.length);
  return { asked, result: m, stored: stored!, personId };
}

/** Every credited level rests on two "yes" at that level and, below 5, two "no" at the level above. */
function expectCreditedOnTwoStatements(
  asked: readonly { c: string; l: Level; s: number }[],
  results: readonly { competency: string; assessed: number }[],
) {
  for (const r of results) {
    const mine = asked.filter((a) => a.c === r.competency);
    if (r.assessed > 0)
      expect(mine.filter((a) => a.l === r.assessed && a.s >= 3).length, r.competency).toBeGreaterThanOrEqual(
        2,
      );
    if (r.assessed < 5)
      expect(
        mine.filter((a) => a.l === r.assessed + 1 && a.s <= 2).length,
        r.competency,
      ).toBeGreaterThanOrEqual(2);
  }
}

describe("the self-assessment rule on Telegram (real app, Bot API emulator)", () => {
  it('a pelaksana answering "Tidak sesuai" to everything is below level 1 everywhere, with gaps and recommendations', async () => {
    const chat = 7301;
    await register(chat, "Wulan Sari", "198805202011012004", "Pengadministrasi Perkantoran");
    const { asked, result, stored, personId } = await assess(chat, () => "Tidak sesuai");
    const rows = result.text.split("\n").filter((l) => /^(🔸|✅)/.test(l));
    expect(rows).toHaveLength(9);
    expect(rows).toContain("🔸 Integritas: belum mencapai level 1 (standar jabatan 1)");
    expect(rows.every((l) => l.startsWith("🔸") && l.includes("belum mencapai level 1"))).toBe(true);
    expect(result.text).toContain("9 kompetensi masih di bawah standar jabatan");
    expect(stored.results.every((r) => r.assessed === 0 && r.gap === 1)).toBe(true);
    // The gap count the supervisor's /ekspor reads.
    expect((await repos.people.get(personId))!.status.gapCount).toBe(9);
    expectCreditedOnTwoStatements(asked, stored.results);
    const photo = await tg.waitFor(() => tg.chat(chat).find((x) => x.kind === "photo"));
    expect(photo.text).toContain("Grafik hasil asesmen");

    const card = await say(chat, "/rekomendasi", "belum mencapai level 1, sedangkan standar jabatan Anda 1");
    // A course to act on: Daftar for a session, Buka for a self-paced one (which comes first
    // depends on who may take what, since courses state their eligibility).
    expect(card.buttons.flat().some((b) => /Daftar|Buka/.test(b.text))).toBe(true);
    await say(chat, "/hasil", "Asesmen diambil pada");
  }, 120_000);

  it('a Kepala Seksi answering "Sesuai" to everything is credited no level without two statements of it', async () => {
    const chat = 7302;
    await register(chat, "Bambang Irawan", "199002112014031001", "Kepala Seksi");
    const { asked, result, stored } = await assess(chat, () => "Sesuai");
    expect(stored.results.map((r) => r.assessed)).toEqual([5, 5, 5, 5, 5, 5, 5, 5, 5]);
    expect(result.text).toContain("✅ Integritas: level 5 (standar jabatan 2)");
    expectCreditedOnTwoStatements(asked, stored.results);
    // Two different statements of level 5 for each competency, never the same one twice.
    for (const r of stored.results) {
      const fives = asked.filter((a) => a.c === r.competency && a.l === 5).map((a) => a.i);
      expect(new Set(fives).size).toBe(fives.length);
    }
  }, 120_000);

  it("asks a contradiction once more with a new statement, then reports the answers as mixed", async () => {
    const chat = 7303;
    await register(chat, "Ratna Dewi", "198612302009121002", "Kepala Seksi");
    // Claims the behaviour above the standard (levels 3–5) and denies it at and below (levels 1–2).
    const { asked, result, stored } = await assess(chat, (q) =>
      q.l >= 3 ? "Sangat sesuai" : "Tidak sesuai",
    );
    const integritas = asked.filter((a) => a.c === "M.1");
    expect(integritas.slice(0, 3).map((a) => [a.l, a.i])).toEqual([
      [2, 0],
      [3, 0],
      [2, 1], // level 2 once more, with a statement not shown before
    ]);
    expect(integritas.filter((a) => a.l === 2)).toHaveLength(2);
    const m1 = stored.results.find((r) => r.competency === "M.1")!;
    expect(m1).toMatchObject({ assessed: 0, mixed: true });
    expect(result.text).toContain("🔸 Integritas: belum mencapai level 1 (standar jabatan 2) ⚠️");
    expect(result.text).toContain("Jawaban Anda untuk Integritas tidak konsisten");
    expectCreditedOnTwoStatements(asked, stored.results);
  }, 120_000);
});
