import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

// Status kepegawaian on a fixed clock: 4 December 2026.
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const clock = new Date("2026-12-04T03:00:00Z");
let app: App;
const { cmd, text, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const personOf = async (who: IncomingIdentity) =>
  ctx.repos.people.get((await ctx.repos.identities.get(who.id))!.personId);

/** PPPK NIPs (digit 13 is 2), appointed in 2022. */
const PPPK = ["199505052022212003", "199406062022211004", "199307072022211005"] as const;
/** PNS NIPs whose TMT CPNS (June 2026) is six months old: it only suggests CPNS. */
const RECENT_TMT = ["199801012026062001", "199802022026062002"] as const;

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
});

describe("an onboarding run started before the status kepegawaian was asked", () => {
  /** A run parked at the last question, with the answers the flow collected before these steps. */
  const parkedRun = (who: IncomingIdentity, nip: string) =>
    ctx.repos.flowRuns.start({
      personId: who.id,
      identityId: who.id,
      flowId: "onboarding",
      flowVersion: "1",
      stepId: "modes",
      answers: {
        consent: true,
        name: "Pegawai Lama",
        nip,
        instansi: "jambi",
        unit: "jambi.dinkes.yankes",
        jabatan: "other",
        tier: "pelaksana",
        region: "jambi",
        zoneSuggested: "Asia/Jakarta",
        zoneLabel: "WIB",
        zone_confirm: true,
        language: "id",
      },
      trail: ["consent", "name", "nip", "instansi", "unit", "jabatan", "tier", "zone_confirm", "language"],
      offered: [],
      startedAt: clock,
      updatedAt: clock,
    });

  it("is saved with what the NIP says: PPPK for a PPPK NIP, PNS for a PNS NIP (even a recent TMT)", async () => {
    await parkedRun(tg(1), PPPK[0]);
    expect(all(await text(tg(1), "1,2"))).toContain("Pendaftaran selesai");
    const pppk = await personOf(tg(1));
    expect(pppk).toMatchObject({ employment: "PPPK", employmentSource: "nip" });
    expect(pppk!.contractStart).toBeUndefined();

    await parkedRun(tg(2), RECENT_TMT[0]);
    expect(all(await text(tg(2), "1,2"))).toContain("Pendaftaran selesai");
    expect(await personOf(tg(2))).toMatchObject({ employment: "PNS", employmentSource: "nip" });
  });
});

describe("onboarding asks what the NIP cannot tell", () => {
  it("stores PNS, confirmed, when someone with a recent TMT says they are no longer CPNS", async () => {
    const said = await onboard(tg(3), "Rina Kartika", RECENT_TMT[1], { stillCpns: false });
    expect(said).toContain("Apakah saat ini Anda masih CPNS");
    expect(await personOf(tg(3))).toMatchObject({ employment: "PNS", employmentSource: "confirmed" });
  });

  it("stores a PPPK's contract start as the first day of the month typed", async () => {
    const said = await onboard(tg(4), "Ayu Lestari", PPPK[1], { contractStart: "Maret 2025" });
    expect(said).not.toContain("masih CPNS");
    expect(await personOf(tg(4))).toMatchObject({
      employment: "PPPK",
      employmentSource: "nip",
      contractStart: "2025-03-01",
    });
  });
});

describe("an imported employee registering", () => {
  it("keeps the imported PPPK status and is asked only the contract start the import lacked", async () => {
    const nip = "199208082022212006";
    expect(
      await app.orgImport.people(`nip;nama;unit;status\n${nip};Sari Dewi;jambi.dinkes.yankes;PPPK`, OPERATOR),
    ).toMatchObject({
      ok: true,
      created: 1,
      updated: 0,
      unchanged: 0,
    });
    const said = await onboard(tg(6), "Sari Dewi", nip, { contractStart: "07/2024" });
    expect(said).toContain("Sejak bulan apa kontrak kerja Anda");
    expect(await personOf(tg(6))).toMatchObject({
      employment: "PPPK",
      employmentSource: "import",
      contractStart: "2024-07-01",
    });
  });
});

describe("/profil shows the status kepegawaian and lets the person correct what is theirs to say", () => {
  it("shows the status by its name, and lets a CPNS become PNS", async () => {
    await cmd(tg(3), "profil");
    await text(tg(3), "Status kepegawaian");
    expect(all(await text(tg(3), "1"))).toContain("Status kepegawaian: CPNS (calon PNS, masa percobaan)");
    expect(await personOf(tg(3))).toMatchObject({ employment: "CPNS", employmentSource: "confirmed" });
    const asked = all(await text(tg(3), "Status kepegawaian"));
    expect(asked).toContain("Apa status kepegawaian Anda saat ini?");
    expect(asked).not.toContain("PPPK");
    const after = all(await text(tg(3), "PNS"));
    expect(after).toContain("Status kepegawaian: PNS");
    await cmd(tg(3), "batal");
    expect(await personOf(tg(3))).toMatchObject({ employment: "PNS", employmentSource: "confirmed" });
    const audit = await ctx.repos.audit.list({ action: "profile.update" });
    expect(audit.some((e) => e.details?.field === "employment")).toBe(true);
  });

  it("never lets a PPPK choose a status, but lets them update the contract start, explaining a wrong one", async () => {
    const shown = all(await cmd(tg(4), "profil"));
    expect(shown).toContain("Status kepegawaian: PPPK");
    expect(shown).toContain("Mulai kontrak: 1 Maret 2025");
    const asked = all(await text(tg(4), "Status kepegawaian"));
    expect(asked).toContain("Status PPPK mengikuti NIP");
    expect(asked).toContain("Sejak bulan apa kontrak kerja Anda yang sekarang berlaku?");
    expect(asked).not.toContain("Apa status kepegawaian Anda saat ini?");
    const wrong = all(await text(tg(4), "2026"));
    expect(wrong).toContain("Bulan dan tahunnya belum terbaca");
    expect(wrong).toContain("Sejak bulan apa kontrak kerja Anda");
    expect(all(await text(tg(4), "01/2027"))).toContain("Bulan itu belum tiba");
    const saved = all(await text(tg(4), "1/2026"));
    expect(saved).toContain("Mulai kontrak: 1 Januari 2026");
    await cmd(tg(4), "batal");
    expect(await personOf(tg(4))).toMatchObject({
      employment: "PPPK",
      employmentSource: "nip",
      contractStart: "2026-01-01",
    });
  });

  it("treats someone registered before the status was stored by their NIP: a PPPK NIP updates the contract", async () => {
    const person = await ctx.repos.people.create({
      name: "Pegawai Terdahulu",
      nip: PPPK[2],
      timeZone: "Asia/Jakarta",
      instansiId: "jambi",
      unitId: "jambi.dinkes.yankes",
      onboardedAt: clock,
    });
    await ctx.repos.identities.bind({ id: tg(5).id, channel: "telegram", personId: person._id, now: clock });
    expect(all(await cmd(tg(5), "profil"))).toContain("Status kepegawaian: —");
    expect(all(await text(tg(5), "Status kepegawaian"))).toContain("Status PPPK mengikuti NIP");
    expect(all(await text(tg(5), "5/2024"))).toContain("Status kepegawaian: PPPK");
    await cmd(tg(5), "batal");
    expect(await personOf(tg(5))).toMatchObject({
      employment: "PPPK",
      employmentSource: "nip",
      contractStart: "2024-05-01",
    });
  });
});
