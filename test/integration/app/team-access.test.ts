import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { teamButton } from "../../../src/features/team/buttons.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { standardOf } from "../../support/assessment-runs.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Who may use /tim and its buttons. /tim is open to every registered person, so the RBAC matrix
 * (built from staff declarations) does not cover it: the atasan relation and the staff member's
 * consent decide, read again on every press and every step. Refused: someone who is not the
 * atasan (a supervisor or an admin of the unit included), the atasan of someone else, a button
 * kept after consent was withdrawn, and a review whose atasan changed half-way.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-24T02:00:00Z");
const { cmd, text, press, all } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const ATASAN = tg(1);
const OTHER_ATASAN = tg(2);
const SUPERVISOR = tg(3);
const ADMIN = tg(4);
const FAR_ADMIN = tg(5);
const SRI = tg(6);
const UNIT = "jambi.dinkes.yankes";
const NIP = {
  atasan: "197805052005011002",
  other: "198001012006041009",
  supervisor: "197501012000031001",
  admin: "197601012001121002",
  farAdmin: "197701012002121003",
  sri: "198203142008012005",
  rudi: "199001012015031004",
};
const ids: Record<string, string> = {};
const buttonOf = (out: Outbound[], label: string) =>
  out.flatMap((o) => o.choices?.flat() ?? []).find((c) => c.label.includes(label))?.data;
const refusals = async () =>
  (await ctx.repos.audit.list({ action: "team.review" })).filter((e) => e.outcome === "refused").length;
const confirmed = async () =>
  (await ctx.repos.assessments.listForPerson(ids.sri!, 1))[0]!.results.some((r) => r.confirmation);

async function person(
  who: IncomingIdentity | undefined,
  name: string,
  nip: string,
  extra: Record<string, unknown> = {},
  unitId = UNIT,
) {
  const p = await ctx.repos.people.create({
    name,
    nip,
    timeZone: "Asia/Jakarta",
    instansiId: unitId.split(".")[0]!,
    unitId,
    onboardedAt: clock,
    ...extra,
  });
  await ctx.repos.nipClaims.claim(nip, p._id, clock);
  if (who) await ctx.repos.identities.bind({ id: who.id, channel: "telegram", personId: p._id, now: clock });
  return p._id;
}

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    renderTeamHeatmap: () => ({ bytes: new Uint8Array([0xff, 0xd8, 0xff]), mime: "image/jpeg" }),
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  ids.atasan = await person(ATASAN, "Hendra Gunawan", NIP.atasan);
  ids.other = await person(OTHER_ATASAN, "Atasan Lain", NIP.other);
  await person(SUPERVISOR, "Supervisor Unit", NIP.supervisor, {
    roles: [{ role: "supervisor", unitId: UNIT, grantedAt: clock }],
  });
  await person(ADMIN, "Admin Dinkes", NIP.admin, {
    roles: [{ role: "admin", unitId: "jambi.dinkes", grantedAt: clock }],
  });
  await person(
    FAR_ADMIN,
    "Admin Mataram",
    NIP.farAdmin,
    { roles: [{ role: "admin", unitId: "mataram", grantedAt: clock }] },
    "mataram",
  );
  ids.sri = await person(SRI, "Sri Wahyuni", NIP.sri, {
    atasanNip: NIP.atasan,
    atasanConsent: { allowed: true, at: clock },
  });
  ids.rudi = await person(undefined, "Rudi Hartono", NIP.rudi, {
    atasanNip: NIP.other,
    atasanConsent: { allowed: true, at: clock },
  });
  for (const id of [ids.sri, ids.rudi])
    await app.recordAssessment({
      personId: id!,
      assessed: standardOf(2),
      required: standardOf(2),
      statements: 36,
      completedAt: clock,
    });
});

describe("/tim and its Tinjau button", () => {
  it("shows Sri to her atasan only; the other atasan sees their own staff, the unit's staff roles none", async () => {
    expect(all(await cmd(ATASAN, "tim"))).toContain("👤 Sri Wahyuni");
    const other = all(await cmd(OTHER_ATASAN, "tim"));
    expect(other).toContain("👤 Rudi Hartono");
    expect(other).not.toContain("Sri");
    for (const who of [SUPERVISOR, ADMIN, SRI])
      expect(all(await cmd(who, "tim"))).toContain("belum tercatat sebagai atasan langsung");
  });

  it("refuses a Tinjau press for Sri from anyone but her atasan, and audits it", async () => {
    const forged = teamButton.pack("review", ids.sri!);
    for (const who of [OTHER_ATASAN, SUPERVISOR, ADMIN, SRI]) {
      const before = await refusals();
      const said = all(await press(who, forged));
      expect(said).toContain("bukan (lagi) atasan langsung");
      expect(said).not.toContain("Komunikasi");
      expect(await refusals()).toBe(before + 1);
    }
    expect(all(await press(ATASAN, teamButton.pack("review", "p-tidak-ada")))).toContain("bukan (lagi)");
  });

  it("refuses a button kept from before consent was withdrawn, and serves it again once given", async () => {
    const button = buttonOf(await cmd(ATASAN, "tim"), "Tinjau Sri")!;
    await press(SRI, teamButton.pack("consent", "n"));
    expect(all(await press(ATASAN, button))).toContain("tidak (lagi) mengizinkan");
    const list = all(await cmd(ATASAN, "tim"));
    expect(list).toContain("1 staf langsung belum memberi izin");
    expect(list).not.toContain("Sri");
    await press(SRI, teamButton.pack("consent", "y"));
    expect(all(await press(ATASAN, button))).toContain("Kompetensi mana");
    await cmd(ATASAN, "batal");
  });

  it("ends a review half-way when the atasan changes or consent is withdrawn, recording nothing", async () => {
    for (const change of [
      () => ctx.repos.people.update(ids.sri!, { atasanNip: NIP.other }),
      () => ctx.repos.people.update(ids.sri!, { atasanConsent: { allowed: false, at: clock } }),
    ]) {
      await ctx.repos.people.update(ids.sri!, {
        atasanNip: NIP.atasan,
        atasanConsent: { allowed: true, at: clock },
      });
      let out = await press(ATASAN, buttonOf(await cmd(ATASAN, "tim"), "Tinjau Sri")!);
      out = await press(ATASAN, buttonOf(out, "M.3")!);
      out = await press(ATASAN, buttonOf(out, "Level 1")!);
      await change();
      out = await text(ATASAN, "Catatan singkat.");
      expect(all(out)).toMatch(/bukan \(lagi\) atasan langsung|tidak \(lagi\) mengizinkan/);
      expect(await confirmed()).toBe(false);
    }
  });
});

describe("setting an atasan in /profil", () => {
  async function setAtasan(who: IncomingIdentity, staffNip: string, atasanNip: string) {
    await cmd(who, "profil");
    await text(who, "Atasan langsung dan izin");
    const out = await text(who, "Atur atasan langsung pegawai (admin)");
    if (!all(out).includes("Ketik NIP pegawai")) return all(out);
    const staff = all(await text(who, staffNip));
    if (!staff.includes("Ketik NIP atasan")) return staff;
    const confirm = all(await text(who, atasanNip));
    if (!confirm.includes("Jadikan")) return confirm;
    return all(await text(who, "ya"));
  }

  it("lets an admin of the unit set it, and refuses one of another instansi and a non-admin", async () => {
    expect(await setAtasan(ADMIN, NIP.sri, NIP.sri)).toContain(
      "tidak bisa menjadi atasan langsungnya sendiri",
    );
    await cmd(ADMIN, "batal");
    expect(await setAtasan(ADMIN, NIP.sri, NIP.other)).toContain("Atasan langsung Sri Wahyuni");
    expect((await ctx.repos.people.get(ids.sri!))!.atasanNip).toBe(NIP.other);
    await cmd(ADMIN, "batal");
    expect(await setAtasan(FAR_ADMIN, NIP.sri, NIP.farAdmin)).toContain("tidak ditemukan");
    await cmd(FAR_ADMIN, "batal");
    // Not offered to someone without the admin role.
    await cmd(SUPERVISOR, "profil");
    const actions = all(await text(SUPERVISOR, "Atasan langsung dan izin"));
    expect(actions).not.toContain("(admin)");
    await cmd(SUPERVISOR, "batal");
    expect((await ctx.repos.people.get(ids.sri!))!.atasanNip).toBe(NIP.other);
  });

  it("lets a person withdraw and give consent there", async () => {
    await ctx.repos.people.update(ids.sri!, { atasanConsent: { allowed: true, at: clock } });
    await cmd(SRI, "profil");
    expect(all(await text(SRI, "Atasan langsung dan izin"))).toContain(
      "Izin melihat hasil untuk pembinaan: diizinkan",
    );
    await text(SRI, "Tarik izin");
    expect((await ctx.repos.people.get(ids.sri!))!.atasanConsent?.allowed).toBe(false);
    await cmd(SRI, "batal");
  });
});
