import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StorageConfig } from "../../src/config/config.js";
import { ensureSchema } from "../../src/db/ensure-schema.js";
import { openStorage } from "../../src/db/open-storage.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { runBroadcastBench } from "./broadcast-bench.js";
import { runCatalogBench } from "./catalog-bench.js";
import { runLoadBench } from "./load-bench.js";
import { runMemoryBench } from "./memory-bench.js";
import { runNonRespondersBench } from "./nonresponders-bench.js";
import { runRecommendBench } from "./recommend-bench.js";
import { progress, readReport, resetReport, writeReport } from "./report.js";
import { runRosterBench } from "./roster-bench.js";
import { runScaleBench } from "./scale-bench.js";
import { runSummaryBench } from "./summary-bench.js";
import { runUpdateBench } from "./update-bench.js";

/** `npm run bench -- --quick`: every benchmark at small sizes, to prove each still runs and reports. */
const QUICK = process.argv.includes("--quick");
const QUICK_SIZES: Record<string, number> = {
  BENCH_MEMORY_PEOPLE: 300,
  BENCH_COURSES: 300,
  BENCH_RECOMMEND_PEOPLE: 1_500,
  BENCH_RECOMMEND_IDENTITIES: 20,
  BENCH_RECOMMEND_RUNS: 20,
  BENCH_RECOMMEND_BUDGET_S: 120,
  BENCH_CATALOG_PEOPLE: 500,
  BENCH_BROADCAST: 60,
  BENCH_HISTORY: 1_000,
  BENCH_QUEUED: 500,
  BENCH_SUMMARY_PEOPLE: 2_000,
  BENCH_SUMMARY_RUNS: 5,
  BENCH_SCALE_PEOPLE: 1_500,
  BENCH_SCALE_RUNS: 20,
  BENCH_UPDATE_RUNS: 100,
  BENCH_UPDATE_OTHERS: 200,
  BENCH_UPDATE_BROADCAST: 60,
  BENCH_LOAD_PEOPLE: 20,
  BENCH_ROSTER_PEOPLE: 1_500,
  BENCH_ROSTER_RUNS: 20,
  BENCH_NONRESPONDERS_PEOPLE: 1_500,
  BENCH_NONRESPONDERS_RUNS: 10,
};

/** A benchmark size: its environment variable when set, else the full (or quick) default. */
function size(name: string, full: number): number {
  const set = process.env[name];
  if (set) return Number(set);
  return QUICK ? (QUICK_SIZES[name] ?? full) : full;
}

/** What every full or quick run must have written (the quick run in CI checks it). */
const KEYS = [
  "memory",
  "recommend",
  "catalog",
  "broadcast",
  "summary",
  "export",
  "scale",
  "roster",
  "load",
  "nonresponders",
  "update",
  "run",
];

/**
 * `npm run bench`: MONGODB_URI when set, else the embedded FerretDB on PostgreSQL when
 * FERRETDB_POSTGRESQL_URL is set, else on SQLite. Writes test/bench/report.json and report.md.
 */
async function main(): Promise<void> {
  if (QUICK) resetReport();
  const sqliteDir = mkdtempSync(join(tmpdir(), "pandu-bench-"));
  const storage: StorageConfig = process.env.MONGODB_URI
    ? { kind: "mongodb", uri: process.env.MONGODB_URI }
    : process.env.FERRETDB_POSTGRESQL_URL
      ? {
          kind: "embedded-postgresql",
          postgresqlUrl: process.env.FERRETDB_POSTGRESQL_URL,
          dataDir: sqliteDir,
        }
      : { kind: "embedded-sqlite", dataDir: sqliteDir };
  const db = {
    mongodb: "mongodb (MONGODB_URI)",
    "embedded-postgresql": "ferretdb-postgresql",
    "embedded-sqlite": "ferretdb-sqlite",
  }[storage.kind];
  progress(`database: ${db}`);
  // BENCH_FERRETDB=stock: the same run on unpatched FerretDB, for a before-and-after figure.
  const variant = process.env.BENCH_FERRETDB === "stock" ? "stock" : "patched";
  if (variant === "stock") progress("embedded FerretDB: stock (unpatched) build");
  const counter = { n: 0 };
  const opened = await openStorage({
    storage,
    poolSize: 20,
    dbName: `pandu_bench_${Date.now().toString(36)}`,
    variant,
    onBuild: () => progress("building the embedded database (first run, about a minute)"),
    onCommand: () => {
      counter.n++;
    },
  });
  const translator = loadTranslations(LOCALES_DIR);
  const only = process.env.BENCH_ONLY;
  /** Each benchmark starts from an empty database (its own data, nothing left by the one before). */
  const startAfresh = async () => {
    await opened.database.connection.dropDatabase();
    await ensureSchema(opened.database);
  };
  const started = Date.now();
  try {
    // Pandu runs in a process of its own here; first anyway, before the others load the machine.
    if (!only || only === "memory") {
      const memory = await runMemoryBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        serverUri: opened.embedded?.uri ?? process.env.MONGODB_URI!,
        ...(opened.embedded ? { embeddedPid: opened.embedded.pid } : {}),
        people: size("BENCH_MEMORY_PEOPLE", 10_000),
        statements: 15,
        concurrency: 32,
      });
      writeReport("memory", { db, ...memory }, [
        "Resident memory (RSS, from /proc) of Pandu's own process as `npm start` runs it (src/main.ts in a process " +
          "of its own: HTTP and metrics servers, grammY runner, router with its flood guard, the outbox dispatcher, " +
          "the scheduler, the course catalog), with `people` people statements_answered statements into the real " +
          "/asesmen, every one of them live and cached. The people are seeded by the benchmark's process, not " +
          "Pandu's, across the demo org's units and tiers with valid distinct NIPs: one person of each tier, jabatan " +
          "and language takes the whole assessment through the app, the others get a copy of that run after one " +
          "answer fewer (seed_seconds). Pandu then starts on that database, and each person types the answer to their " +
          "statement once through the Telegram adapter (a Bot API emulator in the benchmark's process), 32 at a " +
          "time; every reply is checked to be the next statement. rss_mb is read 5 s after the last reply, without " +
          "forcing a garbage collection; rss_peak_mb is the process's high-water mark (VmHWM); rss_ready_mb is the " +
          "same process once started, before anyone wrote; heap_used_mb and external_mb are from Pandu's own " +
          "/metrics at the same moment.",
        "db_rss_mb is the embedded FerretDB process (with SQLite inside it; on PostgreSQL storage PostgreSQL's own " +
          "processes are not included).",
        "Target: ≤ 300 MB for Pandu's process with 10,000 people mid-assessment.",
      ]);
      progress(`memory: ${JSON.stringify(memory)}`);
      await startAfresh();
    }
    if (!only || only === "recommend") {
      const recommend = await runRecommendBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        courses: size("BENCH_COURSES", 5_000),
        people: size("BENCH_RECOMMEND_PEOPLE", 50_000),
        moreUnits: QUICK ? 40 : 480,
        mentorShare: 0.05,
        identities: size("BENCH_RECOMMEND_IDENTITIES", 300),
        runs: size("BENCH_RECOMMEND_RUNS", 300),
        // Quick runs are few: a longer gap still takes the clock past the catalog's 5 minutes.
        gapMs: QUICK ? 30_000 : 10_000,
        budgetMs: size("BENCH_RECOMMEND_BUDGET_S", 600) * 1000,
      });
      writeReport("recommend", { db, via: "/rekomendasi", ...recommend }, [
        "/rekomendasi as a person sends it: a Telegram message through the local Bot API emulator (in this process) " +
          "to Pandu wired as main.ts wires it (production configuration with only the token and API root set, grammY " +
          "long polling, the router with its flood guard, metrics, the outbox dispatcher; no HTTP server, no cron jobs). " +
          "Latency is from the emulator handing the update to getUpdates until it received the last reply message " +
          "(intro, course cards, mentor suggestions); requests are sent one at a time. Every reply is checked " +
          "against the person's seeded results: courses (or the text that none fits) for someone with gaps, the " +
          "congratulation for someone without.",
        "Data: people_in_db people registered in the units of flows/seed/demo-org.yaml and the sections added " +
          "below them (`units` in all; DKI 55%, Jambi 30%, Mataram 15%; PNS 76%, PPPK 19%, CPNS 5%, each with a " +
          "distinct NIP valid by the app's rules; a regional government's tiers and jabatan; NIP, region and zone as " +
          "onboarding stores them; most on Telegram, some on Slack), each with a latest self-assessment as the recorder " +
          "stores it (a third with an earlier one), completions and some enrolments; 5% opted in to mentoring with high " +
          "levels (mentors_per_instansi). courses courses from syntheticCatalog, a fifth with eligibility conditions and " +
          "request or nomination admission. Seeded with bulk inserts through the models (seed_s; seed_breakdown_s).",
        "Cache expiry: the app's clock runs with real time plus app_gap_s between requests, and the catalog cache lives " +
          "catalog_ttl_s, so it expires during the run: the request that finds it expired is answered from the copy " +
          "held while the catalog's change stamp is read beside it, and the catalog is loaded again only when the " +
          "stamp moved. Halfway through, the stamp is moved as an import on another instance would move it, so one " +
          "full reload runs beside the timed requests; the runs it overlapped are counted (reloads_during_timing, " +
          "runs_with_reload, reload_runs_p50_ms; catalog_load_ms is one load on its own). Timing stops after budget_s of wall time when " +
          "requests are too slow for all runs (stopped_by); with fewer than 20 runs, p95 is the maximum.",
        "Where the time goes: top_queries lists the database commands by total time (per request, mean duration); " +
          "they run concurrently, so db_ms_per_run_p50 can exceed the latency. p50_ms_by_instansi shows the latency " +
          "per instansi (mentors_per_instansi mentors to choose from): mentor suggestions read the instansi's mentor " +
          "profiles from memory (refreshed in the background every 5 minutes, like the catalog) and check the chosen " +
          "mentor's record.",
        "Target: p95 ≤ 50 ms for 5,000 courses with 50,000 people and mentors in the database.",
      ]);
      progress(`recommend: ${JSON.stringify(recommend)}`);
      await startAfresh();
    }
    if (!only || only === "catalog") {
      const catalog = await runCatalogBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        courses: size("BENCH_COURSES", 5_000),
        people: size("BENCH_CATALOG_PEOPLE", 50_000),
        searches: QUICK ? 24 : 300,
      });
      writeReport("catalog", { db, ...catalog }, [
        "/katalog <search> as a person sends it on Telegram: a message through the local Bot API emulator (in " +
          "this process) to Pandu wired as main.ts wires it, timed from the emulator handing over the update to the " +
          "reply. Each search comes from a different person (never a cached profile); the command reads the person, " +
          "decides eligibility for every course, searches the catalog held in memory and draws a page. Searches " +
          "cycle through words of a title, a competency (code or name), a method or kind with a month, and the " +
          "whole catalog; p95_<kind>_ms splits them. The clock moves 2 s a search, so the catalog cache (5 minutes) " +
          "expires and reloads on the request path during the run; page_p95_ms times the next-page button pressed " +
          "after every other search (until Pandu has edited the message). The people are seeded with bulk inserts " +
          "(seed_s, with the course import).",
        "Target: p95 ≤ 100 ms for 5,000 courses with 50,000 people in the database.",
      ]);
      progress(`catalog: ${JSON.stringify(catalog)}`);
      await startAfresh();
    }
    if (!only || only === "broadcast") {
      const broadcast = await runBroadcastBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        deliveries: size("BENCH_BROADCAST", 3_000),
        history: size("BENCH_HISTORY", 100_000),
        queued: size("BENCH_QUEUED", 50_000),
      });
      writeReport("broadcast", { db, ...broadcast }, [
        "Three announcements written with /umumkan by a coordinator on Telegram (to everyone, to four of six " +
          "units, to two of six: `deliveries` messages to `recipients` people, some getting three), with " +
          '"Sudah dibaca" asked. Pandu is wired as main.ts wires it (runner, router with its flood guard, the rate ' +
          "limiter its replies and outbox share, dispatcher, progress message, scheduler). The Bot API emulator " +
          "runs in its own process and answers 429 above limit_per_s overall or per_chat_limit_per_s in one chat " +
          "(fixed in the benchmark, not read from Pandu); history sent deliveries are in the log and queued_future " +
          "deliveries due in the coming month wait in the outbox. A tenth of the announcements are answered with " +
          '"Sudah dibaca" 1.5 to 8 s after they arrive, and Pandu replies to each; the coordinator writes the ' +
          "second and third announcements while the first is sending.",
        "rate_per_s is every message the emulator accepted from the moment the first announcement was confirmed " +
          '(the coordinator\'s "ya" reaching the emulator) until the last announcement arrived, divided by that ' +
          "time: announcements, the replies to presses and to the coordinator, and the progress message " +
          "(replies_during counts all but the announcements; progress_edits are edits, not counted); " +
          "first_send_after_ms runs from that moment to the first announcement's arrival (confirm_reply_after_ms " +
          "to the arrival of Pandu's reply to the confirmation, sent once every message is in the outbox). The run " +
          "fails when any send was refused with 429, an announcement was sent twice, lost or sent outside its " +
          "audience, or a future-dated delivery was sent. due_read_ms is one read of what is due (600 at most, as " +
          "the dispatcher reads it, by due keys), due_first_read_ms the first such read after a dispatcher starts " +
          "(it also reads the whole outbox once to find the oldest slot still due), and progress_read_ms one count " +
          "of a broadcast's progress (the progress message makes one per open broadcast every 2 s), each alone " +
          "after the sending, with the future-dated deliveries in the outbox.",
        "Target: rate ≥ 95% of 30 msg/s, 0 throttled, 0 duplicates, 0 lost.",
      ]);
      progress(`broadcast: ${JSON.stringify(broadcast)}`);
      await startAfresh();
    }
    if (!only || only === "summary") {
      const { summary, export: exported } = await runSummaryBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        people: size("BENCH_SUMMARY_PEOPLE", 50_000),
        moreUnits: QUICK ? 40 : 480,
        runs: size("BENCH_SUMMARY_RUNS", 40),
        pendingPerRun: 200,
      });
      writeReport("summary", { db, ...summary }, [
        "/ringkasan as a supervisor of every instansi sends it: a Telegram message through the local Bot API " +
          "emulator to Pandu wired as main.ts wires it, timed from the emulator handing over the update until it " +
          "received the last reply (the text and the chart). Before each of `runs` requests the app's clock moves a " +
          "minute and pending_per_run people finish an assessment through the app's recorder (8 at a time, untimed: " +
          "record_s_per_run), which leaves one change mark each, as in production; the request then takes those " +
          "changes in (for each person: reread their assessments, completions and achievements, rewrite their " +
          "contributions; then shift the totals of each unit and year they touched, and the rolled-up totals of " +
          "every unit above them, by the difference), reads the rolled-up totals and headcounts of the scope's instansi, adds them up, checks which " +
          "small cells to hide, writes the text and draws the chart (ECharts on a Skia canvas, JPEG). Every reply is checked " +
          "against the seeded and recorded facts (headcount, people assessed this year, gaps closed) and for no " +
          "change left waiting. nothing_pending_p50_ms is the same request with no change waiting (3 requests, not " +
          "counted in p50/p95), for comparison; commands_per_run_p50 and top_queries are the database commands of " +
          "a timed request.",
        "Data: people seeded as for recommend (the demo org's units and `units` in all with the sections added " +
          "below them; tiers, jabatan, NIPs and statuses as there), their latest self-assessments spread over 18 " +
          "months (a third not yet assessed this year), results competency results in all; the totals built by the " +
          "rebuild command's code (rebuild_s) before Pandu answers anyone.",
        "Target: p95 ≤ 1,000 ms for 50,000 people with 450,000 competency results and 200 changes waiting.",
      ]);
      writeReport("export", { db, ...exported }, [
        "/ekspor of the same scope through the same Telegram path, after the summary runs: every person with " +
          "registration, latest assessment date, gaps, JP and trainings this year, read from each person's status, " +
          "written as CSV with a BOM and formula-like cells neutralised and sent as a document; seconds until the " +
          "emulator received it.",
        "Target: ≤ 60 s for 50,000 people.",
      ]);
      progress(`summary: ${JSON.stringify(summary)}; export: ${JSON.stringify(exported)}`);
      await startAfresh();
    }
    if (!only || only === "scale") {
      // Both storages, each in its own embedded server, whatever the storage of the rest.
      const scale: Record<string, Record<string, string | number | Record<string, number>>> = {};
      const settings = {
        translate: translator.t.bind(translator),
        people: size("BENCH_SCALE_PEOPLE", 50_000),
        midAssessment: QUICK ? 40 : 2_000,
        deliveryLog: QUICK ? 2_000 : 100_000,
        runs: size("BENCH_SCALE_RUNS", 200),
      };
      scale.sqlite = await runScaleBench({ storage: "sqlite", ...settings });
      progress(`scale.sqlite: ${JSON.stringify(scale.sqlite)}`);
      const pg = process.env.FERRETDB_POSTGRESQL_URL;
      if (pg) {
        scale.postgresql = await runScaleBench({ storage: "postgresql", postgresqlUrl: pg, ...settings });
        progress(`scale.postgresql: ${JSON.stringify(scale.postgresql)}`);
      } else {
        scale.postgresql = { storage: "not run: set FERRETDB_POSTGRESQL_URL" };
      }
      writeReport("scale", scale, [
        "Province scale on each storage of the embedded (patched) FerretDB, in its own server: people registered " +
          "people with their assessment history as the recorder stores it (results competency results), " +
          "completions, enrolments and mentors; delivery_log sent deliveries of the past six months; mid_assessment " +
          "people left in the middle of /asesmen. Pandu serves Telegram through the local Bot API emulator as main.ts " +
          "wires it; each figure is from the emulator handing over the update until the last reply arrived, one " +
          'request at a time. answer_*: the answer "3" to the statement a person is at. command_p95_ms: /hasil, ' +
          '/rekomendasi and /pelatihan, and first_message ("halo"), each from people who had not written since ' +
          "Pandu started. find_id_ms: the median findOne({_id}) on the people collection.",
        "Targets: answer p95 ≤ 25 ms; each command and the first message p95 ≤ 50 ms; find_id ≤ 3 ms; on both storages.",
      ]);
    }
    if (!only || only === "roster") {
      const roster = await runRosterBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        peopleInDb: size("BENCH_ROSTER_PEOPLE", 10_000),
        enrolled: 500,
        runs: size("BENCH_ROSTER_RUNS", 100),
      });
      writeReport("roster", { db, ...roster }, [
        "/peserta's roster of a session with `people` enrolled (most with a reminder answer, 20 more on the waiting " +
          "list), for a koordinator of the instansi that runs the course, through the Telegram path: Pandu wired as " +
          "main.ts wires it, the koordinator's chat on the local Bot API emulator, people_in_db people of an agency " +
          "seeded with their history (bulk inserts, seed_s). Each run presses the session's button under /peserta's " +
          "list (a page of the roster: counts, ten people, the waiting list; the message edited in place), cycling " +
          "through the pages, timed from the emulator handing over the update until Pandu has handled it; every page " +
          "reads the whole session (counts), its people by id, and the waiting list. list_p95_ms times /peserta typed.",
        "Target: p95 ≤ 300 ms for a 500-person session.",
      ]);
      progress(`roster: ${JSON.stringify(roster)}`);
      await startAfresh();
    }
    if (!only || only === "load") {
      const load = await runLoadBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        people: size("BENCH_LOAD_PEOPLE", 200),
        timeoutMs: 300_000,
      });
      writeReport("load", { db, ...load }, [
        "people new people at once on Telegram, each sending /start, registering through onboarding (consent, " +
          "name, NIP, instansi, unit, jabatan, time zone, language, ways of learning; typed as people type them) " +
          "and taking the whole /asesmen (the intro, then every statement until the result is saved, pressing the " +
          "answer button), each answering the moment Pandu's question arrives. The Bot API emulator and the people run " +
          "in a child process; Pandu is wired as main.ts wires it (grammY runner, router with its flood guard, " +
          "metrics, outbox dispatcher, the conversation order) with the per-person flood limit raised, as for any " +
          "load test. A step is one " +
          "update a person sent; its latency runs from the update entering the emulator's queue until Pandu's next " +
          "question reached the emulator, so waiting to be polled counts. steps_per_s is all steps over the time from " +
          "the first /start to the last saved result.",
        "Where the time went: cpu_s is the CPU each process used during the run (Pandu's process, the embedded " +
          "FerretDB, PostgreSQL's processes, the emulator with the people); db_commands_per_step and db_ms_per_step " +
          "are the database commands Pandu sent and their summed durations, per step; top_queries lists them by " +
          "total time.",
        "The people answer at once, so the run is a closed loop: by Little's law the mean latency is people ÷ " +
          "steps_per_s (Pandu, FerretDB and PostgreSQL share the machine's cores; cpu_s ÷ steps is each one's CPU " +
          "per step). Answering all 200 a little at a time made every step wait about that long; with the " +
          "conversation order (BUSY_TARGET_MS, README: Limits at the front door) people already in a conversation " +
          "go first while the machine is saturated, and a newcomer's /start waits its turn (told after 3 s that it " +
          "arrived): the wait gathers in the /start steps (by_step), first_reply_s gives each person's wait for " +
          "their first reply and finish_s the time from the first /start to their saved result. The last statement " +
          "saves the assessment and draws its chart.",
        "Target (FerretDB on PostgreSQL storage): all finish, ≥ 200 steps/s, p95 ≤ 500 ms.",
      ]);
      progress(`load: ${JSON.stringify(load)}`);
      await startAfresh();
    }
    if (!only || only === "nonresponders") {
      const nonresponders = await runNonRespondersBench({
        database: opened.database,
        translate: translator.t.bind(translator),
        people: size("BENCH_NONRESPONDERS_PEOPLE", 50_000),
        deliveryLog: QUICK ? 2_000 : 100_000,
        runs: size("BENCH_NONRESPONDERS_RUNS", 100),
      });
      writeReport("nonresponders", { db, ...nonresponders }, [
        '/belum\'s list "registered but not assessed this period" (no assessment this calendar year) for a ' +
          "koordinator of every instansi, so the scope is all `people` people, with their assessment history " +
          "(results competency results) and delivery_log logged deliveries present; the running totals are built " +
          "once after the bulk seed by the rebuild command's code (rebuild_s, not timed). Pandu serves Telegram " +
          "through the local Bot API emulator as main.ts wires it. Each of `runs` runs is a coordinator opening " +
          "the list afresh, with the app's clock moved 6 minutes past the run before (no people are cached): " +
          '/belum (overview_*; first_overview_ms is the first after start-up), then its "Belum asesmen" button ' +
          '(the list\'s first page: first_page_*), then "Berikutnya" twice (next_page_p95_ms); each figure is ' +
          "from the emulator handing over the update until the answer was sent. p50_ms/p95_ms cover every list " +
          "press (first pages and next pages). The clock is at February, when nobody has assessed yet, so listed " +
          "(from the totals) is everyone registered. Counts come from the running totals; a page reads the " +
          "scope's units one at a time by an indexed equality on unitId with a projection, from the cursor in " +
          "the button, so a page costs the people of the one or two units it spans.",
        "Target: p95 ≤ 2,000 ms for 50,000 people with 450,000 results and 100,000 delivery-log entries.",
      ]);
      progress(`nonresponders: ${JSON.stringify(nonresponders)}`);
      await startAfresh();
    }
    if (only && only !== "update") return;
    const result = await runUpdateBench({
      database: opened.database,
      translate: translator.t.bind(translator),
      liveRuns: size("BENCH_UPDATE_RUNS", 2_000),
      others: size("BENCH_UPDATE_OTHERS", 8_000),
      perSecond: 25,
      broadcast: size("BENCH_UPDATE_BROADCAST", 1_500),
    });
    writeReport("update", { db, ...result }, [
      "Answers to the real /asesmen (flows/asesmen.yaml) on Telegram. Pandu is wired as main.ts wires it (grammY " +
        "runner, router with its flood guard and per-person limit, metrics, the outbox dispatcher sharing the bot's " +
        "send budget with the replies, the scheduler's cron jobs and the broadcast progress loop, the course catalog " +
        "loaded; the app's own clock, so its caches expire in real time; no HTTP server). registered people are " +
        "seeded across the demo org's instansi, units and tiers with valid distinct NIPs; one person of each tier, " +
        "jabatan and language takes the whole assessment through the app first (not timed), and live_runs others get " +
        "a copy of that run as it stood after 0 to all-but-one answers, spread evenly over the assessment, then send " +
        "/asesmen once to see their statement again (not timed; their runs and profiles are then cached, as for " +
        "anyone answering). Meanwhile broadcast_queued broadcast messages to other people wait in the outbox.",
      "Each live person then presses an answer once, in shuffled order, offered at 25/s by the Bot API emulator in " +
        "its own process (so a pause in Pandu cannot delay the offers). Latency is from the update being offered " +
        "(pushed to getUpdates) until the emulator accepted Pandu's last reply: the next statement, or for a final " +
        "answer (final_answers; it saves the assessment and draws the result and chart) the closing line. Every " +
        "reply is checked against what the engine said to the same answer, every run against one more recorded " +
        "response (or one saved assessment), and the run fails on any wrong, lost or extra reply.",
      "Round trips: every database command is counted against the update it was sent for (async context; on Node " +
        "20 this tracking costs some CPU, so the latencies are measured with it on); db_roundtrips_per_answer is " +
        "the mean over every ordinary answer, final_answer_roundtrips over the final ones; unattributed_commands " +
        "were sent by the dispatcher and jobs meanwhile. roundtrip_breakdown (ordinary answers) and " +
        "final_roundtrip_breakdown give the mean count per answer of each command by name, collection and the " +
        "fields of its (first statement's) filter. broadcast_sent_during counts broadcast messages the " +
        "dispatcher got out while answers were timed (replies come first in the send budget of 30/s).",
      "Targets (FerretDB on PostgreSQL): p50 ≤ 15 ms, p95 ≤ 40 ms, ≤ 2 round trips per ordinary answer.",
    ]);
    progress(`update: ${JSON.stringify(result)}`);
    const seconds = Math.round((Date.now() - started) / 1000);
    writeReport("run", { db, seconds }, [
      "The whole run, every benchmark above one after the other in one process, from the database being " +
        "open to the last result (building the embedded server on a first run is not included).",
      "Target: ≤ 1,200 s (20 minutes) on the CI machine (2 cores).",
    ]);
    progress(`all benchmarks done in ${seconds} s`);
    if (!only) {
      const missing = KEYS.filter((k) => !(k in readReport()));
      if (missing.length > 0) throw new Error(`the report lacks ${missing.join(", ")}`);
    }
  } finally {
    await opened.database.connection.dropDatabase().catch(() => {});
    await opened.close();
    rmSync(sqliteDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
