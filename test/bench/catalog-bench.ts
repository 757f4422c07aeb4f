import type { Database } from "../../src/db/connection.js";
import type { Person } from "../../src/db/models/index.js";
import type { Translate } from "../../src/engine/text.js";
import { catalogButton } from "../../src/features/catalog/catalog-browser.js";
import { movingClock } from "./moving-clock.js";
import { syntheticCatalog } from "./recommend-bench.js";
import { percentile, progress, round1 } from "./report.js";
import { startTelegramPandu } from "./telegram-pandu.js";

const FIRST_CHAT = 900_000;

export interface CatalogBenchResult {
  [key: string]: number | string;
  courses: number;
  people_in_db: number;
  searches: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
  p95_word_ms: number;
  p95_competency_ms: number;
  p95_method_month_ms: number;
  p95_browse_ms: number;
  page_presses: number;
  page_p95_ms: number;
  median_results: number;
  simulated_minutes: number;
  seed_s: number;
}

/** Topics and levels of an agency's catalog, so word searches find what they would find there. */
const TOPICS = [
  "Manajemen Arsip Dinamis",
  "Pengelolaan Keuangan Daerah",
  "Komunikasi Publik",
  "Pengadaan Barang dan Jasa Pemerintah",
  "Penyusunan Standar Pelayanan",
  "Literasi Digital ASN",
  "Analisis Kebijakan Publik",
  "Penulisan Naskah Dinas",
  "Perencanaan Pembangunan Daerah",
  "Audit Kinerja",
  "Manajemen Risiko",
  "Kepemimpinan Transformasional",
  "Pelayanan Publik Prima",
  "Etika dan Integritas Aparatur",
  "Data dan Statistik Sektoral",
  "Keamanan Informasi",
  "Manajemen Proyek",
  "Penganggaran Berbasis Kinerja",
  "Pengelolaan Barang Milik Daerah",
  "Sistem Akuntabilitas Kinerja",
  "Inovasi Pelayanan",
  "Kearsipan Elektronik",
  "Penyusunan SOP",
  "Pengawasan Internal",
  "Manajemen SDM Aparatur",
  "Penilaian Kinerja Pegawai",
  "Tata Kelola Teknologi Informasi",
  "Pajak dan Retribusi Daerah",
  "Penanggulangan Bencana",
  "Moderasi Beragama dan Wawasan Kebangsaan",
];
const LEVELS = ["Dasar", "Lanjutan", "untuk Pimpinan Unit", "bagi Pelaksana", "Terapan", "Tingkat Menengah"];

/**
 * What people search for, by kind: words of a title, a competency (by code or name), a method with
 * a month, and the whole catalog.
 */
const SEARCHES: { kind: "word" | "competency" | "method_month" | "browse"; args: string }[] = [
  { kind: "word", args: "arsip" },
  { kind: "competency", args: "M.4" },
  { kind: "method_month", args: "klasikal maret" },
  { kind: "word", args: "keuangan daerah" },
  { kind: "competency", args: "komunikasi" },
  { kind: "method_month", args: "workshop mei 2027" },
  { kind: "word", args: "jambi pengadaan" },
  { kind: "browse", args: "" },
];

const REGIONS = ["jambi", "dki-jakarta", "nusa-tenggara-barat", "bali", "jawa-barat"];
const TIER_IDS = [
  "pelaksana",
  "pelaksana",
  "fungsional-ahli-pertama",
  "fungsional-terampil",
  "pengawas",
  "administrator",
];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** A registered person as an agency's would be: a valid NIP, a status, a tier and a province. */
function benchPerson(k: number, now: Date): Partial<Person> {
  const birthYear = 1968 + (k % 30);
  const birth = `${birthYear}${pad(1 + (k % 12), 2)}${pad(1 + (k % 28), 2)}`;
  const gender = 1 + (k % 2);
  const seq = pad(1 + (k % 999), 3);
  const kind = k % 20;
  // One in ten PPPK (with a contract year), a few CPNS, the rest PNS of various years of service.
  const employment =
    kind < 2
      ? {
          nip: `${birth}${2022 + (k % 3)}21${gender}${seq}`,
          employment: "PPPK" as const,
          contractStart: "2026-03-01",
        }
      : kind < 3
        ? { nip: `${birth}2025${pad(1 + (k % 9), 2)}${gender}${seq}`, employment: "CPNS" as const }
        : {
            nip: `${birth}${Math.min(2024, birthYear + 23 + (k % 6))}${pad(1 + (k % 12), 2)}${gender}${seq}`,
            employment: "PNS" as const,
          };
  return {
    _id: `pk${k}`,
    name: `Pegawai ${k}`,
    ...employment,
    employmentSource: "import",
    tier: TIER_IDS[k % TIER_IDS.length]!,
    regionId: REGIONS[k % REGIONS.length]!,
    instansiId: "bench",
    unitId: "bench",
    timeZone: "Asia/Jakarta",
    locale: "id",
    learningModes: ["klasikal", "e-learning"],
    roles: [],
    status: {},
    consent: { givenAt: now, textVersion: "onboarding-1" },
    onboardedAt: now,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * `/katalog <search>` as a person sends it on Telegram: a message through the local Bot API
 * emulator to Pandu wired as main.ts wires it (grammY, the router with its access check and
 * profile cache, the command, eligibility, rendering, the reply), over `courses` courses with
 * `people` registered people in the database. Each search comes from a different person, so each
 * resolves its profile afresh; the clock moves 2 s a search, so the catalog cache (5 minutes)
 * expires and reloads on the request path during the run, as it would in service. Every other
 * search, the same person presses "next page" under the result.
 */
export async function runCatalogBench(opts: {
  database: Database;
  translate: Translate;
  courses: number;
  people: number;
  searches: number;
}): Promise<CatalogBenchResult> {
  const clock = movingClock(new Date("2026-11-25T03:00:00Z"));
  const seedStart = performance.now();
  const pandu = await startTelegramPandu({
    database: opts.database,
    translate: opts.translate,
    now: clock.now,
    prepare: async (app) => {
      progress(`catalog: importing ${opts.courses} courses`);
      const catalog = syntheticCatalog(opts.courses).map((c, i) => ({
        ...c,
        title: `${TOPICS[i % TOPICS.length]} ${LEVELS[Math.floor(i / TOPICS.length) % LEVELS.length]}`,
      }));
      await app.courseCatalog.save(catalog);
      progress(`catalog: ${opts.people} registered people`);
      const m = opts.database.models;
      const now = clock.now();
      for (let from = 0; from < opts.people; from += 1000) {
        const ks = Array.from({ length: Math.min(1000, opts.people - from) }, (_, j) => from + j);
        await m.Person.insertMany(
          ks.map((k) => benchPerson(k, now)),
          { lean: true },
        );
        await m.Identity.insertMany(
          ks.map((k) => ({
            _id: `telegram:${FIRST_CHAT + k}`,
            channel: "telegram",
            personId: `pk${k}`,
            linkedAt: now,
          })),
          { lean: true },
        );
        if ((from / 1000) % 10 === 0)
          progress(`catalog: seeded ${from + ks.length} of ${opts.people} people`);
      }
    },
  });
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const start = clock.elapsedMs();
  const chatOf = (i: number) => FIRST_CHAT + ((i * 7919) % opts.people);
  const search = (i: number, args: string) => pandu.time(chatOf(i), args ? `/katalog ${args}` : "/katalog");

  try {
    // Warm-up (untimed): the first searches after a start.
    for (let i = 0; i < SEARCHES.length; i++) await search(opts.searches + i, SEARCHES[i]!.args);

    const times: Record<string, number[]> = { word: [], competency: [], method_month: [], browse: [] };
    const all: number[] = [];
    const pageTimes: number[] = [];
    const results: number[] = [];
    for (let i = 0; i < opts.searches; i++) {
      const { kind, args } = SEARCHES[i % SEARCHES.length]!;
      clock.advance(2_000);
      const reply = await search(i, args);
      if (reply.failed) throw new Error(`/katalog ${args} failed`);
      all.push(reply.ms);
      times[kind]!.push(reply.ms);
      const page = reply.replies[0]!;
      const found = /^([\d.]+) pelatihan/m.exec(page.text);
      if (!found) throw new Error(`/katalog ${args} found nothing: ${page.text.slice(0, 200)}`);
      results.push(Number(found[1]!.replace(/\./g, "")));
      // The next page, pressed by the same person, every other search.
      const next = page.buttons
        .flat()
        .find((b) => catalogButton.parse(b.callback_data) && b.text.includes("▶"));
      if (next && i % 2 === 0) {
        const pressed = await pandu.press(chatOf(i), page.message_id, next.callback_data);
        if (pressed.failed) throw new Error("/katalog next page failed");
        pageTimes.push(pressed.ms);
      }
    }
    const p95 = (xs: number[]) => round1(percentile(xs, 95));
    return {
      courses: opts.courses,
      people_in_db: opts.people,
      searches: opts.searches,
      p50_ms: round1(percentile(all, 50)),
      p95_ms: p95(all),
      max_ms: round1(Math.max(...all)),
      p95_word_ms: p95(times.word!),
      p95_competency_ms: p95(times.competency!),
      p95_method_month_ms: p95(times.method_month!),
      p95_browse_ms: p95(times.browse!),
      page_presses: pageTimes.length,
      page_p95_ms: p95(pageTimes),
      median_results: percentile(results, 50),
      simulated_minutes: round1((clock.elapsedMs() - start) / 60_000),
      seed_s: round1(seedSeconds),
    };
  } finally {
    await pandu.stop();
  }
}
