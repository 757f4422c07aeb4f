import type { Database } from "../../src/db/connection.js";
import type { Enrollment } from "../../src/db/models/index.js";
import type { Translate } from "../../src/engine/text.js";
import { rosterButton } from "../../src/features/roster/roster.js";
import { shortKey } from "../../src/services/course-catalog.js";
import { type AgencySeed, seedAgency } from "./agency-seed.js";
import { movingClock } from "./moving-clock.js";
import { percentile, progress, round1 } from "./report.js";
import { seedStaffMember } from "./seed-people.js";
import { syntheticCatalog } from "./synthetic-catalog.js";
import { startTelegramPandu, type TelegramPandu } from "./telegram-pandu.js";

/** What the roster benchmark reports. */
export interface RosterResult extends Record<string, string | number> {
  /** Enrolees in the session whose roster is timed. */
  people: number;
  people_in_db: number;
  waiting: number;
  runs: number;
  p50_ms: number;
  p95_ms: number;
  /** /peserta itself (the session list), typed. */
  list_p95_ms: number;
  seed_s: number;
}

const FIRST_CHAT = 700_000_000;
const KOORD_CHAT = FIRST_CHAT - 1;
const COURSE = "bench-roster";
const SESSION = "bench-roster@202612020800";

/**
 * The roster of a 500-person session through the Telegram path: Pandu wired as main.ts wires it,
 * the koordinator's chat on the local Bot API emulator. An agency of `peopleInDb` people with their
 * history is seeded; `enrolled` of one instansi are enrolled in a session of a course that instansi
 * runs (most with a reminder answer), 20 more wait for a seat. Timed, one at a time: the roster
 * opened from /peserta's list (its first page, counts and waiting list; the message edited in
 * place), cycling through its pages; and /peserta typed.
 */
export async function runRosterBench(opts: {
  database: Database;
  translate: Translate;
  peopleInDb: number;
  enrolled: number;
  runs: number;
}): Promise<RosterResult> {
  const clock = movingClock(new Date("2026-11-25T01:00:00Z"));
  const today = clock.now();
  let seed!: AgencySeed;
  const seedStart = performance.now();
  let pandu: TelegramPandu | undefined;
  try {
    pandu = await startTelegramPandu({
      database: opts.database,
      translate: opts.translate,
      now: clock.now,
      // One koordinator presses a hundred times in a row: the per-person flood limit is raised.
      env: { RATE_LIMIT_UPDATES: "10000" },
      prepare: async (app) => {
        await app.courseCatalog.save(syntheticCatalog(200));
        progress(`roster: seeding ${opts.peopleInDb} people (bulk inserts)`);
        seed = await seedAgency(app, opts.database, {
          people: opts.peopleInDb,
          mentorShare: 0.05,
          today,
          firstChat: FIRST_CHAT,
        });
        // The instansi with the most people on Telegram runs the course.
        const counts = new Map<string, number>();
        for (const p of seed.onTelegram) counts.set(p.instansiId, (counts.get(p.instansiId) ?? 0) + 1);
        const instansi = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
        await app.courseCatalog.save([
          {
            id: COURSE,
            title: "Pelatihan Pelayanan Publik Angkatan Besar",
            provider: "BKPSDM",
            providerInstansi: instansi,
            method: "pelatihan-teknis",
            jp: 24,
            competencies: [{ code: "M.3", from: 1, to: 3 }],
            mode: "online",
            url: "https://bkpsdm.example.id/pelayanan",
            sessions: [
              {
                start: "2026-12-02 08:00",
                end: "2026-12-04 16:00",
                timeZone: "Asia/Jakarta",
                quota: opts.enrolled,
              },
            ],
            admission: "open",
          },
        ]);
        const chosen = seed.onTelegram.filter((p) => p.instansiId === instansi);
        if (chosen.length < opts.enrolled + 20)
          throw new Error(`roster: only ${chosen.length} people in ${instansi} for ${opts.enrolled} seats`);
        const people = await app.repos.people.byIds(chosen.map((p) => p.personId));
        const startsAt = new Date("2026-12-02T01:00:00Z");
        const docs: Enrollment[] = chosen.slice(0, opts.enrolled).map((p, i) => ({
          _id: `${SESSION}|${p.personId}`,
          seat: `${SESSION}#${i + 1}`,
          personId: p.personId,
          courseId: COURSE,
          sessionId: SESSION,
          title: "Pelatihan Pelayanan Publik Angkatan Besar",
          jp: 24,
          startsAt,
          endsAt: new Date("2026-12-04T09:00:00Z"),
          timeZone: "Asia/Jakarta",
          enrolledAt: new Date(today.getTime() - 10 * 86_400_000),
          ...(people.get(p.personId)?.unitId ? { unitId: people.get(p.personId)!.unitId! } : {}),
          ...(i % 10 < 4 ? { attendance: "hadir" as const, attendanceAt: today } : {}),
          ...(i % 10 === 4 ? { attendance: "tidak" as const, attendanceAt: today } : {}),
        }));
        await opts.database.models.Enrollment.insertMany(docs, { ordered: false });
        for (const p of chosen.slice(opts.enrolled, opts.enrolled + 20))
          await app.repos.waitlist.join({
            sessionId: SESSION,
            courseId: COURSE,
            personId: p.personId,
            title: "Pelatihan Pelayanan Publik Angkatan Besar",
            joinedAt: today,
          });
        await seedStaffMember(app.repos, {
          name: "Koordinator Bench",
          chat: KOORD_CHAT,
          role: "koordinator",
          units: [instansi],
          at: today,
        });
      },
    });
    const seedSeconds = (performance.now() - seedStart) / 1000;
    const listed = await pandu.time(KOORD_CHAT, "/peserta Angkatan Besar");
    const list = listed.replies.at(-1);
    if (!list?.buttons.flat().some((b) => b.callback_data.includes(shortKey(SESSION))))
      throw new Error(`roster: /peserta did not list the session: ${list?.text}`);
    const pages = Math.ceil(opts.enrolled / 10);
    const times: number[] = [];
    const listTimes: number[] = [listed.ms];
    for (let i = 0; i < opts.runs; i++) {
      const data = rosterButton.pack("open", shortKey(SESSION), 1 + ((i * 7) % pages));
      const r = await pandu.press(KOORD_CHAT, list.message_id, data);
      if (r.failed) throw new Error("roster: opening the roster failed");
      times.push(r.ms);
      if (i % 5 === 4) listTimes.push((await pandu.time(KOORD_CHAT, "/peserta")).ms);
    }
    const shown = pandu.emulator.messages.get(list.message_id)?.text ?? "";
    if (!shown.includes(`Peserta: ${opts.enrolled}`)) throw new Error(`roster: unexpected roster: ${shown}`);
    return {
      people: opts.enrolled,
      people_in_db: seed.people,
      waiting: 20,
      runs: times.length,
      p50_ms: round1(percentile(times, 50)),
      p95_ms: round1(percentile(times, 95)),
      list_p95_ms: round1(percentile(listTimes, 95)),
      seed_s: round1(seedSeconds),
    };
  } finally {
    await pandu?.stop();
  }
}
