import { TelegramEmulator } from "../support/telegram-emulator.js";
import { percentile } from "./report.js";

/**
 * The load benchmark's Telegram side, in its own process (forked, talking over IPC): the Bot API
 * emulator and the simulated people. Each person registers through onboarding and takes the whole
 * /asesmen, answering the moment Pandu's question arrives, as a person reading every message and
 * acting on the one that asks something. A real platform and real phones do not share Pandu's
 * event loop; here they share only the machine.
 */

/** What a person answers to a question they recognise. */
interface Answer {
  text?: string;
  press?: string;
}

/** The question a step answers, for latency by kind: what a person waited for after it. */
type Kind = string;

interface Person {
  chat: number;
  name: string;
  nip: string;
  unit: string;
  jabatan: string;
  /** When the update waiting for its answer was pushed (performance.now()), if one is. */
  sentAt?: number;
  /** What that update answered. */
  kind?: Kind;
  steps: number;
  statements: number;
  finished: boolean;
  /** When the result was saved (performance.now()). */
  finishedAt?: number;
  /** When Pandu's first reply arrived (performance.now()). */
  firstReplyAt?: number;
  /** The last text Pandu sent, for the report on people who did not finish. */
  last: string;
}

const UNITS = [
  "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
  "Dinas Kesehatan › Bidang Pencegahan dan Pengendalian Penyakit",
  "Badan Perencanaan Pembangunan Daerah",
  "Dinas Komunikasi dan Informatika",
  "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia › Bidang Pengembangan Kompetensi Aparatur",
];
const JABATAN = [
  "Kepala Seksi",
  "Perencana Ahli Pertama",
  "Pranata Komputer Ahli Pertama",
  "Analis Kebijakan Ahli Muda",
];
const GIVEN = ["Siti", "Ahmad", "Dewi", "Rizky", "Putri", "Hendra", "Nur", "Agus", "Ratna", "Fajar"];
const FAMILY = ["Rahmawati", "Saputra", "Lestari", "Hidayat", "Wulandari", "Pratama", "Syahputra", "Susanti"];

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A PNS NIP appointed years ago (so onboarding asks nothing more), unique per index. */
function nipOf(k: number): string {
  const birth = 1970 + (k % 25);
  const born = `${birth}${pad(1 + (k % 12))}${pad(1 + (k % 28))}`;
  const tmt = `${Math.min(2018, birth + 24)}${pad(1 + ((k * 7) % 12))}`;
  return `${born}${tmt}${1 + (k % 2)}${pad((k % 999) + 1, 3)}`;
}

/** What a person types or presses after Pandu's message `text` with buttons `buttons`, if it asks something. */
function answerTo(
  p: Person,
  text: string,
  buttons: { text: string; callback_data?: string }[],
): Answer | "done" | undefined {
  if (/Hasil ini tersimpan/.test(text)) return "done";
  const agree = buttons.find((b) => b.text === "Sesuai");
  if (agree?.callback_data) return { press: agree.callback_data };
  if (/Apakah Anda setuju\?/.test(text)) return { text: "ya" };
  if (/nama lengkap/.test(text)) return { text: p.name };
  if (/Berapa NIP Anda/.test(text)) return { text: p.nip };
  // New hires in this load have no activation code yet: they register "belum terverifikasi".
  if (/kode aktivasi Pandu\?/.test(text)) return { text: "tidak" };
  if (/Di instansi mana/.test(text)) return { text: "Pemerintah Provinsi Jambi" };
  if (/Pilih unit kerja/.test(text)) return { text: p.unit };
  if (/Apa jabatan Anda/.test(text)) return { text: p.jabatan };
  if (/Zona waktu Anda/.test(text)) return { text: "ya" };
  if (/Bahasa yang Anda inginkan/.test(text)) return { text: "Bahasa Indonesia" };
  if (/Cara belajar apa/.test(text)) return { text: "1,2" };
  if (/Pendaftaran selesai/.test(text)) return { text: "/asesmen" };
  if (/Mulai sekarang\?/.test(text)) return { text: "ya" };
  return undefined;
}

/** "p50 a s, p95 b s, max c s" of durations in ms. */
const secondsOf = (ms: number[]) =>
  `p50 ${(percentile(ms, 50) / 1000).toFixed(1)} s, p95 ${(percentile(ms, 95) / 1000).toFixed(1)} s, max ${(Math.max(0, ...ms) / 1000).toFixed(1)} s`;

const tg = new TelegramEmulator();
tg.logCalls = false;
await tg.start();
process.send!({ kind: "ready", apiRoot: tg.apiRoot });

const people = new Map<number, Person>();
const latencies: number[] = [];
const byKind = new Map<Kind, number[]>();
let startedAt = 0;
let finishedAt = 0;
let total = 0;
let onAllFinished: (() => void) | undefined;

const act = (p: Person, a: Answer, kind: Kind) => {
  p.steps++;
  p.sentAt = performance.now();
  p.kind = kind;
  if (a.text !== undefined) tg.sendText(p.chat, a.text);
  else {
    const question = tg.lastByChat.get(p.chat);
    if (!question) return;
    p.statements++;
    tg.press(p.chat, question.message_id, a.press!);
  }
};

const calls = new Map<string, number>();
tg.hooks.called = (method, body, at) => {
  calls.set(method, (calls.get(method) ?? 0) + 1);
  if (method !== "sendMessage" && method !== "editMessageText") return;
  const p = people.get(Number(body.chat_id));
  if (!p || p.finished) return;
  p.firstReplyAt ??= at;
  const text = String(body.text ?? "");
  p.last = text.slice(0, 120);
  const markup = body.reply_markup as
    | { inline_keyboard?: { text: string; callback_data?: string }[][] }
    | undefined;
  const answer = answerTo(p, text, markup?.inline_keyboard?.flat() ?? []);
  if (answer === undefined) return;
  if (p.sentAt !== undefined) {
    latencies.push(at - p.sentAt);
    // The answer that completes the assessment saves it and draws the result: its own kind.
    const kind = answer === "done" ? "last statement" : p.kind!;
    const list = byKind.get(kind) ?? [];
    list.push(at - p.sentAt);
    byKind.set(kind, list);
  }
  p.sentAt = undefined;
  if (answer === "done") {
    p.finished = true;
    p.finishedAt = at;
    if ([...people.values()].every((x) => x.finished)) {
      finishedAt = performance.now();
      onAllFinished?.();
    }
    return;
  }
  // After the emulator has stored the message (a press names the message it was on).
  const kind = answer.press
    ? "statement"
    : /Pendaftaran selesai/.test(text)
      ? "/asesmen"
      : /Mulai sekarang/.test(text)
        ? "intro"
        : "onboarding";
  setImmediate(() => act(p, answer, kind));
};

process.on(
  "message",
  async (msg: { kind: string; people?: number; firstChat?: number; timeoutMs?: number }) => {
    if (msg.kind === "go") {
      total = msg.people!;
      for (let k = 0; k < total; k++) {
        const chat = msg.firstChat! + k;
        people.set(chat, {
          chat,
          name: `${GIVEN[k % GIVEN.length]} ${FAMILY[(k * 3) % FAMILY.length]}`,
          nip: nipOf(k),
          unit: UNITS[k % UNITS.length]!,
          jabatan: JABATAN[k % JABATAN.length]!,
          steps: 0,
          statements: 0,
          finished: false,
          last: "",
        });
      }
      const all = new Promise<void>((ok) => {
        onAllFinished = ok;
      });
      startedAt = performance.now();
      for (const p of people.values()) act(p, { text: "/start" }, "/start");
      await Promise.race([all, new Promise((ok) => setTimeout(ok, msg.timeoutMs))]);
      const list = [...people.values()];
      const end = finishedAt || performance.now();
      const steps = list.reduce((n, p) => n + p.steps, 0);
      process.send!({
        kind: "result",
        people: total,
        finished: list.filter((p) => p.finished).length,
        steps,
        statements: list.reduce((n, p) => n + p.statements, 0),
        seconds: (end - startedAt) / 1000,
        p50_ms: percentile(latencies, 50),
        p95_ms: percentile(latencies, 95),
        max_ms: Math.max(0, ...latencies),
        // Each person's own experience: the wait for Pandu's first reply (the welcome's notice
        // included), and the time from their /start to their saved result.
        first_reply_s: secondsOf(list.map((p) => (p.firstReplyAt ?? end) - startedAt)),
        finish_s: secondsOf(list.map((p) => (p.finishedAt ?? end) - startedAt)),
        api_calls: { ...Object.fromEntries(calls), getUpdates: tg.stats.polls },
        by_kind: Object.fromEntries(
          [...byKind].map(([k, l]) => [
            k,
            { n: l.length, p50: Math.round(percentile(l, 50)), p95: Math.round(percentile(l, 95)) },
          ]),
        ),
        stuck: list
          .filter((p) => !p.finished)
          .slice(0, 5)
          .map((p) => ({ chat: p.chat, steps: p.steps, last: p.last })),
      });
    } else if (msg.kind === "stop") {
      await tg.stop();
      process.send!({ kind: "stopped" }, () => process.exit(0));
    }
  },
);
