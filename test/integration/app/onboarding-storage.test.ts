import { describe, expect, it } from "vitest";
import { createApp } from "../../../src/app.js";
import { DDL_COMMANDS } from "../../../src/db/ensure-schema.js";
import type { Inbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);

describe("a whole onboarding on the real app services", () => {
  const ctx = useTestDatabase();

  it("sends no DDL after the app is ready, and costs one database round trip per plain answer", async () => {
    const app = createApp({ database: ctx.db, translate: translator.t.bind(translator) });
    await seedDemoIfEmpty(app.repos, app.seedFile);
    const ready = ctx.commands.length;

    const who = { id: "telegram:777", channel: "telegram" as const };
    const say = async (inbound: Inbound) =>
      (await app.conversations.handle(who, inbound)).map((o) => o.text).join("\n");
    const text = (t: string) => say({ kind: "text", text: t });

    expect(await say({ kind: "command", command: "start", args: "" })).toContain("Apakah Anda setuju?");
    const answers = [
      "ya",
      "Ani Suryani",
      "199001012015032001",
      // No activation code: she registers "belum terverifikasi" and picks her unit.
      "tidak",
      "Pemerintah Kota Mataram",
      "Kecamatan Ampenan",
      "Camat Ampenan",
      "ya",
      "Bahasa Indonesia",
      "2,4",
    ];
    const perAnswer: number[] = [];
    let last = "";
    for (const a of answers) {
      const before = ctx.commands.length;
      last = await text(a);
      perAnswer.push(ctx.commands.length - before);
    }
    expect(last).toContain("Pendaftaran selesai");

    const after = ctx.commands.slice(ready);
    expect(after.filter((c) => DDL_COMMANDS.has(c))).toEqual([]);

    const person = await ctx.repos.people.get((await ctx.repos.identities.get("telegram:777"))!.personId);
    expect(person).toMatchObject({
      name: "Ani Suryani",
      declaredNip: "199001012015032001",
      unverified: true,
      instansiId: "mataram",
      unitId: "mataram.ampenan",
      jabatanId: "camat-ampenan",
      tier: "administrator",
      regionId: "nusa-tenggara-barat",
      timeZone: "Asia/Makassar",
      locale: "id",
      learningModes: ["e-learning", "coaching"],
      consent: { textVersion: "onboarding-1" },
    });
    // A NIP given without a code claims nothing: it cannot take anyone's record.
    expect(person!.nip).toBeUndefined();
    expect(await ctx.repos.nipClaims.ownerOf("199001012015032001")).toBeNull();
    expect(await ctx.repos.flowRuns.listForPerson("telegram:777")).toEqual([]);
    expect((await ctx.repos.audit.list({ action: "person.onboarded" }))[0]?.targetId).toBe(person!._id);

    // A plain answer sends the claim and the update in one command: 1 round trip (the run is
    // cached in memory).
    expect(perAnswer[1]).toBe(1); // name → NIP question
    expect(perAnswer[7]).toBe(1); // zone confirmed → language question
    // A compute step that writes nothing is passed through without a claim of its own: still 1.
    expect(perAnswer[2]).toBe(1); // NIP → checkNip → activation question
    expect(perAnswer[8]).toBe(1); // language → useLanguage → learning modes
    // An answer whose next step reads the units, the jabatan list or a unit's region: 2.
    expect(perAnswer.slice(3, 7)).toEqual([2, 2, 2, 2]);
  });
});
