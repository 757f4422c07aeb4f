import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { Role } from "../../../src/db/models/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import type { IncomingIdentity } from "../../../src/services/conversation.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T02:00:00Z");
const { cmd, all } = chatDriver(() => app);

const BOOTSTRAP: IncomingIdentity = { id: "telegram:1", channel: "telegram" };
const who: Record<string, { identity: IncomingIdentity; personId: string; nip: string }> = {};
let n = 10;

async function person(key: string, unitId: string, roles: { role: Role; unitId: string }[] = []) {
  const nip = `19850101201001${String(1000 + n).slice(-4)}`;
  const p = await ctx.repos.people.create({
    name: key,
    nip,
    timeZone: "Asia/Makassar",
    unitId,
    instansiId: unitId.split(".")[0]!,
    onboardedAt: clock,
    roles: roles.map((r) => ({ ...r, grantedAt: clock })),
  });
  await ctx.repos.nipClaims.claim(nip, p._id, clock);
  const identity: IncomingIdentity = { id: `telegram:${n++}`, channel: "telegram" };
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  who[key] = { identity, personId: p._id, nip };
}

const unit = (id: string, parent: string | null, path: string[]) => ({
  _id: id,
  name: id,
  kind: parent ? ("unit" as const) : ("instansi" as const),
  parentId: parent,
  instansiId: path[0] ?? id,
  path,
});

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [BOOTSTRAP.id],
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", null, []),
    unit("mataram.bkpsdm", "mataram", ["mataram"]),
    unit("mataram.setda", "mataram", ["mataram"]),
    unit("jambi", null, []),
  ]);
  await person("asn", "mataram.setda");
  await person("koordinator", "mataram.bkpsdm", [{ role: "koordinator", unitId: "mataram.bkpsdm" }]);
  await person("supervisor", "mataram.setda", [{ role: "supervisor", unitId: "mataram.setda" }]);
  await person("admin", "mataram.bkpsdm", [{ role: "admin", unitId: "mataram" }]);
  await person("target", "mataram.setda");
  await person("jambian", "jambi");
});

describe("who may use which staff command", () => {
  it("refuses every admin command to everyone else with a clear message, and audits the refusal", async () => {
    const cases: [string, string, boolean][] = [];
    for (const key of ["asn", "koordinator", "supervisor", "admin"]) {
      for (const [command, args] of [
        ["peran", ""],
        ["audit", ""],
        ["impor", ""],
        ["survei", "hasil"],
        ["ekspor", ""],
        ["ringkasan", ""],
      ] as const) {
        const said = all(await cmd(who[key]!.identity, command, args));
        await cmd(who[key]!.identity, "batal");
        cases.push([`${key} /${command} ${args}`.trim(), key, !said.includes("hanya untuk petugas")]);
      }
    }
    expect(Object.fromEntries(cases.map(([c, , allowed]) => [c, allowed]))).toEqual({
      "asn /peran": false,
      "asn /audit": false,
      "asn /impor": false,
      "asn /survei hasil": false,
      "asn /ekspor": false,
      "asn /ringkasan": false,
      "koordinator /peran": false,
      "koordinator /audit": false,
      "koordinator /impor": false,
      "koordinator /survei hasil": true,
      "koordinator /ekspor": false,
      "koordinator /ringkasan": false,
      "supervisor /peran": false,
      "supervisor /audit": false,
      "supervisor /impor": false,
      "supervisor /survei hasil": true,
      "supervisor /ekspor": true,
      "supervisor /ringkasan": true,
      "admin /peran": true,
      "admin /audit": true,
      "admin /impor": true,
      "admin /survei hasil": true,
      "admin /ekspor": true,
      "admin /ringkasan": true,
    });
    const refusals = await ctx.repos.audit.list({ limit: 100 });
    expect(refusals.filter((e) => e.outcome === "refused")).toHaveLength(14);
    expect(
      refusals
        .filter((e) => e.actorPersonId === who.asn!.personId)
        .map((e) => e.action)
        .sort(),
    ).toEqual([
      "command.audit",
      "command.ekspor",
      "command.impor",
      "command.peran",
      "command.ringkasan",
      "command.survei-hasil",
    ]);
  });
});

describe("/ekspor", () => {
  it("sends a supervisor's scope only, as Excel-ready CSV with formulas neutralised", async () => {
    await person('=HYPERLINK("http://x")', "mataram.setda");
    const [out] = await cmd(who.supervisor!.identity, "ekspor");
    expect(out!.text).toContain("pegawai dalam cakupan Anda");
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(out!.media!.bytes);
    expect(csv.startsWith("\uFEFFnip,nama,unit,jabatan,jenjang,terdaftar,asesmen_terakhir,jumlah_gap,")).toBe(
      true,
    );
    const names = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[1]);
    // Only mataram.setda (the supervisor's unit): not the BKPSDM, not Jambi.
    expect(names.sort()).toEqual(['"\'=HYPERLINK(""http://x"")"', "asn", "supervisor", "target"].sort());
    const log = await ctx.repos.audit.list({ action: "export.people" });
    expect(
      log.filter((e) => e.actorPersonId === who.supervisor!.personId && e.outcome === "ok").length,
    ).toBeGreaterThan(0);
  });
});

describe("/peran within the admin's scope", () => {
  it("grants and revokes inside the subtree, refuses outside it, and the grant takes effect", async () => {
    const admin = who.admin!.identity;
    const granted = all(await cmd(admin, "peran", `beri ${who.target!.nip} koordinator mataram.setda`));
    expect(granted).toContain("target kini memegang peran koordinator di mataram.setda");
    // The new koordinator may now read survey results.
    expect(all(await cmd(who.target!.identity, "survei", "hasil"))).toContain("Hasil survei");
    const outside = all(await cmd(admin, "peran", `beri ${who.jambian!.nip} admin jambi`));
    expect(outside).toContain("di luar cakupan admin Anda");
    expect((await ctx.repos.people.get(who.jambian!.personId))!.roles).toEqual([]);
    // A bootstrap admin (ADMIN_IDS) reaches every instansi, even before registering.
    expect(all(await cmd(BOOTSTRAP, "peran", `beri ${who.jambian!.nip} admin jambi`))).toContain(
      "kini memegang",
    );
    expect(all(await cmd(admin, "peran", `cabut ${who.target!.nip} koordinator mataram.setda`))).toContain(
      "dicabut",
    );
    expect((await ctx.repos.people.get(who.target!.personId))!.roles).toEqual([]);
    expect(all(await cmd(admin, "peran", "beri 123 raja mataram"))).toContain("Cara memakai");

    // A NIP registered by the wrong person is released, within scope only.
    expect(all(await cmd(admin, "peran", `lepas-nip ${who.jambian!.nip}`))).toContain("di luar cakupan");
    expect(all(await cmd(admin, "peran", `lepas-nip ${who.target!.nip}`))).toContain(
      "NIP dilepas dari profil target",
    );
    expect(await ctx.repos.nipClaims.ownerOf(who.target!.nip)).toBeNull();
    expect((await ctx.repos.people.get(who.target!.personId))!.nip).toBeUndefined();
    const log = all(await cmd(admin, "audit", "role.grant"));
    expect(log).toContain("role.grant · berhasil");
    expect(log).toContain("role.grant · ditolak");
    const listing = all(await cmd(admin, "peran"));
    expect(listing).toContain("koordinator: koordinator — mataram.bkpsdm");
    expect(listing).not.toContain("jambi");
  });
});
