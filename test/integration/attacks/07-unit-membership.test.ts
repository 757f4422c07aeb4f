import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { OPERATOR } from "../../../src/domain/scope.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 7 of the security review (issue "Trust"): "Unit membership is self-declared at onboarding
 * and in `/profil`, and overrides the HR-imported unit: a stranger joins any unit and receives its
 * broadcasts and attachments and its mentors."
 *
 * First the onboarding half: a stranger with no activation code registers "into" Mataram's BKPSDM.
 * They are "belum terverifikasi": a coordinator's broadcast to the unit does not reach them and
 * they are offered to nobody as a mentor (test 02 shows the NIP side of the same registration).
 *
 * Then the `/profil` half: a verified employee (imported by HR, in Dinas Kesehatan Jambi) tries to
 * put themselves into Kota Mataram's BKPSDM. Their unit does not change; they are told the request
 * went to that unit's admin; the request is audited; neither they nor an accomplice admin of their
 * own unit can approve it; only Mataram's admin can. The admins' side in more detail (one winner,
 * demoted admins, /pindah) is test/integration/app/unit-moves.test.ts.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const { cmd, text, press, all, onboard } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });

const ATTACKER = tg(1);
const ACCOMPLICE = tg(2); // an admin of the attacker's own Dinas Kesehatan
const MATARAM_ADMIN = tg(3);
const TARGET = "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (Pemerintah Kota Mataram)";
const people: Record<string, string> = {};

/** An employee as HR imported them, registered on `who` (what onboarding with their NIP leaves). */
async function employee(key: string, who: IncomingIdentity, nip: string, unit: string) {
  expect(await app.orgImport.people(`nip;nama;unit\n${nip};${key};${unit}`, OPERATOR)).toMatchObject({
    ok: true,
  });
  const personId = (await ctx.repos.nipClaims.ownerOf(nip))!;
  await ctx.repos.people.update(personId, { onboardedAt: new Date(), timeZone: "Asia/Jakarta" });
  await ctx.repos.identities.bind({ id: who.id, channel: "telegram", personId, now: new Date() });
  people[key] = personId;
}
const unitOf = async (key: string) => (await ctx.repos.people.get(people[key]!))?.unitId;

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator) });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await employee("Bayu Saputra", ATTACKER, "199001012015031004", "jambi.dinkes.yankes");
  await employee("Rina Marlina", ACCOMPLICE, "198203142008012005", "jambi.dinkes");
  await employee("Lalu Ahmad", MATARAM_ADMIN, "197911232005011004", "mataram.bkpsdm");
  await ctx.repos.people.setRoles(people["Rina Marlina"]!, [
    { role: "admin", unitId: "jambi.dinkes", grantedAt: new Date() },
  ]);
  await ctx.repos.people.setRoles(people["Lalu Ahmad"]!, [
    { role: "admin", unitId: "mataram", grantedAt: new Date() },
  ]);
});

describe("finding 7: a stranger declaring themselves a member of a unit at registration", () => {
  const STRANGER = tg(66);
  const COORD = tg(4);

  it("reaches them with none of the unit's broadcasts, and offers them to nobody as a mentor", async () => {
    await onboard(STRANGER, "Orang Asing", "199505052019031002", {
      verified: false,
      instansi: "Pemerintah Kota Mataram",
      unit: "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
      jabatan: "Kepala Seksi",
    });
    const strangerId = (await ctx.repos.identities.get(STRANGER.id))!.personId;
    expect(await ctx.repos.people.get(strangerId)).toMatchObject({
      unitId: "mataram.bkpsdm",
      unverified: true,
    });

    await employee("Made Koordinator", COORD, "198807072012011003", "mataram.bkpsdm");
    await ctx.repos.people.setRoles(people["Made Koordinator"]!, [
      { role: "koordinator", unitId: "mataram.bkpsdm", grantedAt: new Date() },
    ]);
    await cmd(COORD, "umumkan");
    await text(COORD, "Rapat BKPSDM: berkas mutasi rahasia dibagikan besok.");
    await text(COORD, "lewati");
    await text(COORD, "Semua orang dalam cakupan saya");
    const preview = all(await text(COORD, "Tidak perlu dijawab"));
    // BKPSDM's two employees HR knows (its admin and the coordinator); not the stranger.
    expect(preview).toMatch(/diterima 2 orang/);
    await text(COORD, "Kirim sekarang");
    await text(COORD, "ya");
    const { waiting, logged } = await ctx.repos.deliveries.ofPerson(strangerId);
    expect([...waiting, ...logged]).toEqual([]);

    // Offering to mentor stores no profile: colleagues of the instansi are never shown them.
    await ctx.repos.people.update(strangerId, { mentorOptIn: true });
    await app.mentoring.refreshProfile(strangerId);
    expect((await ctx.repos.mentoring.profilesIn("mataram")).map((p) => p._id)).not.toContain(strangerId);
  });
});

describe("finding 7: a verified person moving themselves into another unit through /profil", () => {
  let approve = "";

  it("changes nothing: the attacker is told the request went to that unit's admin, and it is audited", async () => {
    await cmd(ATTACKER, "profil");
    await text(ATTACKER, "Instansi dan unit kerja");
    await text(ATTACKER, "Pemerintah Kota Mataram");
    const said = all(await text(ATTACKER, "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"));
    await cmd(ATTACKER, "batal");
    expect(said).toContain(id("unit-move-requested", { unit: TARGET }));
    expect(await ctx.repos.people.get(people["Bayu Saputra"]!)).toMatchObject({
      unitId: "jambi.dinkes.yankes",
      instansiId: "jambi",
    });
    const [entry] = await ctx.repos.audit.list({ action: "person.unit-move-requested" });
    expect(entry).toMatchObject({
      outcome: "ok",
      actorPersonId: people["Bayu Saputra"],
      targetId: people["Bayu Saputra"],
      scopeUnitId: "mataram.bkpsdm",
    });
    expect(await ctx.repos.audit.list({ action: "profile.update" })).toEqual([]);
    const [move] = await ctx.repos.unitMoves.pendingOf(people["Bayu Saputra"]!);
    approve = `umv|a|${move!._id}`;
  });

  it("cannot be approved by the attacker, nor by an admin of their own unit", async () => {
    // The attacker forges the admin's button: the router refuses it (staff only) and audits it.
    expect(all(await press(ATTACKER, approve))).toContain(id("command-not-allowed", { command: "/pindah" }));
    expect((await ctx.repos.audit.list({ action: "command.pindah" })).at(0)).toMatchObject({
      outcome: "refused",
      actorPersonId: people["Bayu Saputra"],
    });
    // An admin of Dinas Kesehatan Jambi does not decide who joins Kota Mataram.
    expect(all(await press(ACCOMPLICE, approve))).toContain(id("unit-move-out-of-scope", { unit: TARGET }));
    expect((await ctx.repos.audit.list({ action: "person.unit-moved" })).at(0)).toMatchObject({
      outcome: "refused",
      actorPersonId: people["Rina Marlina"],
      targetId: people["Bayu Saputra"],
      details: { reason: "out-of-scope" },
    });
    expect(await unitOf("Bayu Saputra")).toBe("jambi.dinkes.yankes");
  });

  it("moves the person only once an admin of the unit they join approves", async () => {
    expect(all(await press(MATARAM_ADMIN, approve))).toContain(
      id("unit-move-approved-done", { name: "Bayu Saputra", unit: TARGET }),
    );
    expect(await ctx.repos.people.get(people["Bayu Saputra"]!)).toMatchObject({
      unitId: "mataram.bkpsdm",
      instansiId: "mataram",
    });
  });
});
