import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Inbound, Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const sl = (user: string): IncomingIdentity => ({ id: `slack:T01:${user}`, channel: "slack" });
const send = (who: IncomingIdentity, inbound: Inbound) => app.conversations.handle(who, inbound);
const cmd = (who: IncomingIdentity, command: string, args = "") =>
  send(who, { kind: "command", command, args });
const text = (who: IncomingIdentity, t: string) => send(who, { kind: "text", text: t });
const all = (out: Outbound[]) => out.map((o) => o.text).join("\n");

/** Registers a person through the real onboarding flow. */
async function onboard(who: IncomingIdentity, name: string, nip: string) {
  await cmd(who, "start");
  for (const a of [
    "ya",
    name,
    nip,
    // No activation code: registered "belum terverifikasi" (linking does not depend on it).
    "tidak",
    "Pemerintah Provinsi Jambi",
    "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
    "Kepala Seksi",
    // No province: it follows the instansi (Jambi).
    "ya",
    "Bahasa Indonesia",
  ]) {
    await text(who, a);
  }
  expect(all(await text(who, "1,2"))).toContain("Pendaftaran selesai");
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(1), "Sri Wahyuni", "198203142008012005");
  // Sri's Slack account, linked (how /tautkan links is test/integration/attacks/05-link-codes.test.ts).
  const person = (await ctx.repos.identities.get("telegram:1"))!.personId;
  await ctx.repos.identities.bind({ id: "slack:T01:U1", channel: "slack", personId: person, now: clock });
});

describe("every command of the list answers", () => {
  it("answers each command for a registered person and for a newcomer, never silently", async () => {
    for (const c of app.registry.listed) {
      for (const who of [tg(1), tg(99)]) {
        const out = await cmd(who, c.name);
        expect(out.length, `/${c.name} for ${who.id}`).toBeGreaterThan(0);
        expect(all(out)).not.toMatch(/\[[a-z-]+\]/); // no missing translation
        await cmd(who, "batal");
      }
    }
    expect((await cmd(tg(1), "dataku"))[0]!.media?.mime).toBe("application/json");
    // /hapusdata only asks: nothing is erased without the button.
    expect(await ctx.repos.identities.get("telegram:1")).not.toBeNull();
    expect(all(await cmd(tg(1), "survei"))).toContain("Tidak ada survei yang menunggu jawaban Anda");
    expect(all(await cmd(tg(1), "entahlah"))).toContain("/entahlah");
  });
});

describe("/profil and /bahasa", () => {
  it("shows the profile and changes a field", async () => {
    const out = all(await cmd(tg(1), "profil"));
    expect(out).toContain("Sri Wahyuni");
    expect(out).toContain("1982");
    expect(out).toContain("Apa yang ingin Anda ubah?");
    await text(tg(1), "Nama");
    const saved = all(await text(tg(1), "Sri Wahyuni, S.Kep."));
    expect(saved).toContain("Tersimpan");
    expect(saved).toContain("Sri Wahyuni, S.Kep.");
    expect(all(await text(tg(1), "Selesai, tidak ada lagi"))).toContain("Profil Anda tersimpan");
    const person = await ctx.repos.people.get((await ctx.repos.identities.get("telegram:1"))!.personId);
    expect(person?.name).toBe("Sri Wahyuni, S.Kep.");
  });

  it("switches every text to English and back", async () => {
    const menu = await cmd(tg(1), "bahasa");
    expect(all(await send(tg(1), { kind: "button", data: menu[0]!.choices![0]![1]!.data }))).toContain(
      "English",
    );
    const english = [
      await cmd(tg(1), "menu"),
      await cmd(tg(1), "bantuan"),
      await cmd(tg(1), "profil"),
      await cmd(tg(1), "entahlah"),
    ];
    await cmd(tg(1), "batal");
    const joined = english.map(all).join("\n");
    expect(joined).toContain("What would you like to do?");
    expect(joined).toContain("Your profile");
    expect(joined).not.toMatch(/Apa yang|Profil Anda|Saya belum/);
    // The linked Slack account follows the same person's language.
    expect(all(await cmd(sl("U1"), "menu"))).toContain("What would you like to do?");
    await send(tg(1), { kind: "button", data: "lang|id" });
    expect(all(await cmd(tg(1), "menu"))).toContain("Apa yang ingin Anda lakukan?");
  });

  it("treats the same answer delivered twice as one", async () => {
    await cmd(tg(1), "profil");
    const first = await text(tg(1), "Bahasa");
    const button = first.at(-1)!.choices![0]![0]!.data;
    const [a, b] = await Promise.all([
      send(tg(1), { kind: "button", data: button }),
      send(tg(1), { kind: "button", data: button }),
    ]);
    const saves = [...a, ...b].filter((o) => o.text.includes("Tersimpan"));
    expect(saves).toHaveLength(1);
    await cmd(tg(1), "batal");
  });
});

describe("/hasil", () => {
  it("says how to get a result, then shows the latest with the change since the previous one", async () => {
    expect(all(await cmd(tg(1), "hasil"))).toContain("belum punya hasil");
    const { createAssessmentRecorder } = await import(
      "../../../src/features/assessment/assessment-record.js"
    );
    const record = createAssessmentRecorder({ repos: ctx.repos });
    const personId = (await ctx.repos.identities.get("telegram:1"))!.personId;
    const required = { "M.1": 2, "M.3": 2, "M.5": 2 } as const;
    await record({
      personId,
      assessed: { "M.1": 1, "M.3": 2, "M.5": 1 },
      required,
      statements: 7,
      completedAt: clock,
    });
    advance(60 * 24 * 100);
    await record({
      personId,
      assessed: { "M.1": 2, "M.3": 1, "M.5": 1 },
      required,
      statements: 8,
      completedAt: clock,
    });
    const out = all(await cmd(tg(1), "hasil"));
    const lines = out.split("\n").filter((l) => /^(🔸|✅)/.test(l));
    expect(lines).toEqual([
      "🔸 Komunikasi: level 1 (standar jabatan 2) (-1)",
      "🔸 Pelayanan Publik: level 1 (standar jabatan 2)",
      "✅ Integritas: level 2 (standar jabatan 2) (+1)",
    ]);
    expect(out).toContain("2 kompetensi masih di bawah standar");
    expect(out).toMatch(/Asesmen diambil pada \w+, \d+ \w+ 2027/);
  });
});
