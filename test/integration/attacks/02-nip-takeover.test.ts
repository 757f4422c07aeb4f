import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { ACTIVATION_MAX_FAILURES_PER_NIP } from "../../../src/services/activation.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 2 of the security review (issue "Trust"): "Anyone can take an unregistered NIP.
 * Registration claims any well-formed, unclaimed NIP; NIPs are printed on official documents. A
 * later HR import then copies the real name, unit and jabatan onto the impostor, and `/peran beri
 * <NIP>` grants the victim's role to the impostor. The 'NIP taken' reply also tells a stranger
 * which NIPs are registered."
 *
 * A stranger knows Sri's NIP (HR imported her; she has not registered) and an unknown NIP. Both get
 * the same question; no code opens Sri's record; guessing pauses her NIP; registering without one
 * leaves the stranger "belum terverifikasi", holding nothing of hers; a re-import reports the
 * conflict instead of copying her data onto them; only Sri, with her code, becomes her record.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
const clock = new Date("2026-12-04T03:00:00Z");
let now = clock;
let app: App;
const { cmd, text, all } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });

const SRI_NIP = "198203142008012005";
const UNKNOWN_NIP = "199001012015031004";
const STRANGER = tg(66);
const ADMIN = tg(900);
const SRI = tg(1);
const ROW = `nip;nama;unit;jabatan\n${SRI_NIP};Sri Wahyuni;jambi.dinkes.yankes;kepala-seksi`;
let sriId = "";
let sriCode = "";

/** From /start to the activation question, with `nip`; returns what Pandu said after the NIP. */
async function upToCode(who: IncomingIdentity, name: string, nip: string): Promise<string> {
  await cmd(who, "batal");
  await cmd(who, "start");
  await text(who, "ya");
  await text(who, name);
  return all(await text(who, nip));
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => now,
    adminIds: [ADMIN.id],
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  const imported = await app.orgImport.people(ROW, OPERATOR);
  if (!imported.ok) throw new Error("import failed");
  sriId = imported.codes[0]!.personId;
  sriCode = imported.codes[0]!.code;
});

describe("finding 2: registering with someone else's NIP", () => {
  it("asks every NIP the same question, so nothing tells the stranger whose NIP is known", async () => {
    const forSri = await upToCode(STRANGER, "Orang Asing", SRI_NIP);
    const forUnknown = await upToCode(STRANGER, "Orang Asing", UNKNOWN_NIP);
    expect(forSri).toBe(forUnknown);
    expect(forSri).toContain("kode aktivasi");
    expect(forSri).not.toContain("sudah terdaftar");
  });

  it("refuses a guessed code with a clear message, audits it against Sri, and pauses her NIP after a few", async () => {
    await upToCode(STRANGER, "Orang Asing", SRI_NIP);
    for (let i = 1; i <= ACTIVATION_MAX_FAILURES_PER_NIP; i++) {
      await text(STRANGER, "ya");
      const said = all(await text(STRANGER, `ABCDE-FGH${20 + i}`));
      if (i < ACTIVATION_MAX_FAILURES_PER_NIP)
        expect(said).toContain(
          id("onboarding-activation-wrong", { left: ACTIVATION_MAX_FAILURES_PER_NIP - i }),
        );
    }
    const refused = await ctx.repos.audit.list({ action: "activation.refused" });
    expect(refused).toHaveLength(ACTIVATION_MAX_FAILURES_PER_NIP);
    expect(refused[0]).toMatchObject({ outcome: "refused", actorIdentityId: STRANGER.id, targetId: sriId });
    // Paused for 10 minutes: from any account, even the right code opens nothing now. Her code
    // stays valid (voiding it would let anyone who knows her NIP cancel it).
    const other = tg(68);
    await upToCode(other, "Orang Asing Dua", SRI_NIP);
    await text(other, "ya");
    expect(all(await text(other, sriCode))).toContain(id("onboarding-activation-nip-locked"));
    await cmd(other, "batal");
    expect(await ctx.repos.activationCodes.forPerson(sriId)).not.toBeNull();
    expect(await ctx.repos.identities.listForPerson(sriId)).toEqual([]);
  });

  it("registers the stranger without a code as unverified, holding nothing of Sri's", async () => {
    await upToCode(STRANGER, "Orang Asing", SRI_NIP);
    const said = all(await text(STRANGER, "tidak"));
    expect(said).toContain(id("onboarding-unverified-note"));
    for (const a of [
      "Pemerintah Provinsi Jambi",
      "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
      "Kepala Seksi",
    ])
      await text(STRANGER, a);
    await text(STRANGER, "ya");
    await text(STRANGER, "Bahasa Indonesia");
    expect(all(await text(STRANGER, "1,2"))).toContain(id("onboarding-unverified-done"));
    const stranger = await ctx.repos.people.get((await ctx.repos.identities.get(STRANGER.id))!.personId);
    expect(stranger).toMatchObject({ unverified: true, declaredNip: SRI_NIP, name: "Orang Asing" });
    expect(stranger!.nip).toBeUndefined();
    expect(await ctx.repos.nipClaims.ownerOf(SRI_NIP)).toBe(sriId);
    expect((await ctx.repos.people.get(sriId))!.onboardedAt).toBeUndefined();
  });

  it("makes a re-import report the conflict instead of copying Sri's data onto the stranger", async () => {
    const again = await app.orgImport.people(ROW, OPERATOR);
    expect(again).toMatchObject({ ok: true, conflicts: [{ row: 2, nip: SRI_NIP }] });
    const stranger = await ctx.repos.people.get((await ctx.repos.identities.get(STRANGER.id))!.personId);
    expect(stranger).toMatchObject({ name: "Orang Asing", unverified: true });
    // The code she was given stays hers: a re-import hands out codes only to those without one.
    expect(again.ok && again.codes).toEqual([]);
  });

  it("gives the stranger no role: /peran by that NIP reaches Sri's record, and the picker does not list them", async () => {
    const strangerId = (await ctx.repos.identities.get(STRANGER.id))!.personId;
    // Sri has not registered, so the NIP names no one who can hold a role yet.
    expect(all(await cmd(ADMIN, "peran", `beri ${SRI_NIP} koordinator jambi.dinkes.yankes`))).toContain(
      id("roles-unknown-person"),
    );
    expect(all(await cmd(ADMIN, "peran", "beri Orang Asing"))).toContain(
      "Tidak ada orang dalam cakupan Anda",
    );
    expect((await ctx.repos.people.get(strangerId))!.roles).toEqual([]);
  });

  it("lets only Sri, with her code, become her record, once", async () => {
    now = new Date(clock.getTime() + 11 * 60_000); // the pause on her NIP is over
    await upToCode(SRI, "Sri Wahyuni", SRI_NIP);
    await text(SRI, "ya");
    // HR's unit and jabatan stand: the next question is the zone.
    expect(all(await text(SRI, sriCode.toLowerCase()))).toContain("Zona waktu Anda");
    await text(SRI, "ya");
    await text(SRI, "Bahasa Indonesia");
    expect(all(await text(SRI, "1,2"))).toContain("Pendaftaran selesai");
    expect((await ctx.repos.identities.get(SRI.id))!.personId).toBe(sriId);
    expect(await ctx.repos.people.get(sriId)).toMatchObject({ unitId: "jambi.dinkes.yankes", nip: SRI_NIP });
    // The code is used up: typed again by anyone, it opens nothing.
    await upToCode(tg(67), "Orang Lain", SRI_NIP);
    await text(tg(67), "ya");
    expect(all(await text(tg(67), sriCode))).toContain("tidak cocok");
  });
});
