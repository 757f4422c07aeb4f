import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import type { StorageConfig } from "../../src/config/config.js";
import { openStorage } from "../../src/db/open-storage.js";
import { countedLevel } from "../../src/domain/counted-level.js";
import { rankCourses } from "../../src/domain/recommend.js";
import type { Conversation } from "../../src/engine/types.js";
import { createMentoring } from "../../src/features/mentoring/mentoring.js";
import { loadTranslations } from "../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../src/paths.js";
import { seedAgency } from "./agency-seed.js";
import { medianMs, progress } from "./report.js";
import { syntheticCatalog } from "./synthetic-catalog.js";

/**
 * Where one /rekomendasi spends its time, part by part, on the recommend benchmark's data: each
 * read the command makes, timed alone and one after another (no concurrency), then the mentor
 * lookups as the app makes them. Not part of `npm run bench`; run it when the benchmark misses:
 * `FERRETDB_POSTGRESQL_URL=… node --import tsx test/bench/recommend-profile.ts`.
 */
async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "pandu-profile-"));
  const storage: StorageConfig = process.env.MONGODB_URI
    ? { kind: "mongodb", uri: process.env.MONGODB_URI }
    : process.env.FERRETDB_POSTGRESQL_URL
      ? { kind: "embedded-postgresql", postgresqlUrl: process.env.FERRETDB_POSTGRESQL_URL, dataDir }
      : { kind: "embedded-sqlite", dataDir };
  const opened = await openStorage({
    storage,
    poolSize: 20,
    dbName: `pandu_profile_${Date.now().toString(36)}`,
  });
  const translator = loadTranslations(LOCALES_DIR);
  const translate = translator.t.bind(translator);
  const now = new Date("2026-11-25T01:00:00Z");
  const app = createApp({ database: opened.database, translate, now: () => now });
  const r = app.repos;
  const lines: [string, number | string][] = [];
  try {
    progress("profile: seeding the recommend benchmark's agency");
    await app.courseCatalog.save(syntheticCatalog(Number(process.env.BENCH_COURSES ?? 5_000)));
    const seed = await seedAgency(app, opened.database, {
      people: Number(process.env.BENCH_RECOMMEND_PEOPLE ?? 50_000),
      mentorShare: 0.05,
      today: now,
      firstChat: 700_000_000,
    });
    const instansi = process.env.PROFILE_INSTANSI ?? "dki";
    const sample = seed.onTelegram.filter((p) => !p.mentor && p.instansiId === instansi).slice(0, 5);
    const person = (await r.people.get(sample[0]!.personId))!;
    const assessmentIds = sample.map((p) => `s-rag${p.personId.slice(3)}`);

    lines.push([
      "identities.get (router, profile cache miss)",
      await medianMs(5, (i) => r.identities.get(`telegram:${sample[i]!.chat}`)),
    ]);
    lines.push(["people.get by _id", await medianMs(5, (i) => r.people.get(sample[i]!.personId))]);
    lines.push(["assessments.get by _id", await medianMs(5, (i) => r.assessments.get(assessmentIds[i]!))]);
    lines.push([
      "completions.listForPerson",
      await medianMs(5, (i) => r.completions.listForPerson(sample[i]!.personId)),
    ]);
    lines.push([
      "enrollments.listForPerson",
      await medianMs(5, (i) => r.enrollments.listForPerson(sample[i]!.personId)),
    ]);
    lines.push(["jabatan.get", await medianMs(5, () => r.jabatan.get("kepala-seksi"))]);
    lines.push([
      "catalog reload (5,000 courses)",
      await medianMs(3, async () => {
        app.courseCatalog.invalidate();
        await app.courseCatalog.all();
      }),
    ]);
    const latest = (await r.assessments.get(person.status.lastAssessmentId!))!;
    const catalog = await app.courseCatalog.all();
    lines.push([
      "rankCourses in memory (CPU only)",
      await medianMs(5, () =>
        rankCourses(catalog, {
          gaps: latest.results.map((x) => ({
            code: x.competency,
            assessed: countedLevel(x),
            required: x.required,
          })),
          ...(person.regionId ? { regionId: person.regionId } : {}),
          preferences: person.learningModes,
          taken: new Set(),
          jpRemaining: 10,
          jpGoal: 20,
          now,
        }),
      ),
    ]);
    lines.push([
      "recommendations.forPerson (no mentors)",
      await medianMs(3, (i) => app.recommendations.forPerson(sample[i]!.personId)),
    ]);
    const profiles = await r.mentoring.profilesIn(instansi);
    lines.push([
      `mentoring.profilesIn(${instansi}): ${profiles.length} mentors`,
      await medianMs(3, () => r.mentoring.profilesIn(instansi)),
    ]);
    const mentoring = createMentoring({
      repos: r,
      competencies: app.content.allCompetencies,
      translate,
      now: () => now,
    });
    const conv = { profile: { locale: "id" } } as Conversation;
    lines.push([
      `mentoring.suggestions (${profiles.length} profiles)`,
      await medianMs(1, () => mentoring.suggestions(conv, person)),
    ]);
    for (const [what, ms] of lines)
      process.stdout.write(`${what.padEnd(62)} ${String(ms).padStart(10)} ms\n`);
  } finally {
    await opened.database.connection.dropDatabase().catch(() => {});
    await opened.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`profile failed: ${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
