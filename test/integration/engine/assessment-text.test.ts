import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * The assessment's statement is a step text from a text source (assessment.statement): runs keep
 * the statement's ids and it is put into words each time it is shown.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let clock = new Date("2026-11-24T02:00:00Z");
/** A minute passes: the most recently used conversation is the one that takes typed answers. */
const aMinuteLater = () => {
  clock = new Date(clock.getTime() + 60_000);
};
const build = () =>
  createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
let app: App;
const { cmd, text, press, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const personOf = async (who: IncomingIdentity) => (await ctx.repos.identities.get(who.id))!.personId;
const statement = (out: Outbound[]) => out.at(-1)!.text.split("\n\n").at(-1)!;

/** Answers every statement with "Sesuai" until the result comes; returns the statements seen. */
async function answerToTheEnd(who: IncomingIdentity, out: Outbound[]) {
  const seen: string[] = [];
  for (let guard = 0; guard < 40 && !all(out).includes("Hasil ini tersimpan"); guard++) {
    seen.push(statement(out));
    out = await text(who, "3");
  }
  expect(all(out)).toContain("Hasil ini tersimpan");
  return seen;
}

beforeAll(async () => {
  app = build();
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(1), "Sri Wahyuni", "198203142008012005");
  await onboard(tg(2), "Dewi Lestari", "198507212010012003");
});

describe("the assessment statement, put into words when shown", () => {
  it("resumes and finishes a run stored before, whose answers hold the sentences themselves", async () => {
    const personId = await personOf(tg(1));
    const asked = app.content.instrument.statement("M.1", 3, 0)!;
    // What the previous code stored after "ya" and one answer (read from a run it left).
    await ctx.db.models.FlowRun.create({
      personId,
      identityId: tg(1).id,
      flowId: "asesmen",
      flowVersion: "1",
      stepId: "ask",
      seq: 3,
      answers: {
        count: "9",
        maximum: "36",
        minimum: "18",
        required: ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"].map((c) => ({ c, l: 2 })),
        responses: [{ c: "M.1", l: 2, i: 0, s: 4 }],
        current: { c: "M.1", l: 3, i: 0 },
        intro: true,
        progressLabel: "Kompetensi 1 dari 9 · Integritas",
        statement: asked.id,
        ask: 4,
      },
      trail: ["intro", "ask"],
      offered: [],
      startedAt: clock,
      updatedAt: clock,
    });
    // The new code starts (a deploy): nothing of that run is cached.
    app = build();

    const out = await cmd(tg(1), "asesmen");
    expect(all(out)).toContain("Kita lanjutkan dari pertanyaan terakhir Anda.");
    expect(all(out)).toContain(`Kompetensi 1 dari 9 · Integritas\n\n${asked.id}`);
    const seen = await answerToTheEnd(tg(1), out);
    expect(seen[0]).toBe(asked.id);

    const [stored] = await ctx.repos.assessments.listForPerson(personId);
    expect(stored!.statements).toBe(seen.length + 1);
    expect(await ctx.repos.flowRuns.listForPerson(personId)).toEqual([]);
  });

  it("shows the statement in English once the person switched to English mid-assessment", async () => {
    const who = tg(2);
    await cmd(who, "asesmen");
    await text(who, "ya");
    let out = await text(who, "4");
    const second = app.content.instrument.statement("M.1", 3, 0)!;
    expect(all(out)).toContain(`Kompetensi 1 dari 9 · Integritas\n\n${second.id}`);
    const [run] = await ctx.repos.flowRuns.listForPerson(await personOf(who));
    expect(run!.answers.current).toEqual({ c: "M.1", l: 3, i: 0 });
    // Only ids: no sentence in one language is stored in the run.
    expect(JSON.stringify(run!.answers)).not.toContain(second.id);

    aMinuteLater();
    await cmd(who, "profil");
    await text(who, "Bahasa");
    out = await text(who, "English");
    expect(all(out)).toContain("What would you like to change?");
    await text(who, "Done, nothing else");

    aMinuteLater();
    out = await cmd(who, "asesmen");
    expect(all(out)).toContain("Let's continue from your last question.");
    expect(all(out)).toContain(`Competency 1 of 9 · Integrity\n\n${second.en}`);
    expect(out.at(-1)!.choices![0]!.map((c) => c.label)).toContain("Very much like me");

    out = await press(who, out.at(-1)!.choices![0]![0]!.data);
    expect(out[0]!.text).toBe(`Competency 1 of 9 · Integrity\n\n${second.en}\n\n✅ Not like me`);
    // One statement per level settles nothing: level 2 gets its second statement, in English too.
    const third = app.content.instrument.statement("M.1", 2, 1)!;
    expect(out.at(-1)!.text).toBe(`Competency 1 of 9 · Integrity\n\n${third.en}`);
    await cmd(who, "batal");
  });
});
