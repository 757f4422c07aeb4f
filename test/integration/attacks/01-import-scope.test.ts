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
 * Finding 1 of the security review (issue "Trust"): "`/impor` ignores the admin's scope. Any admin
 * grant, even on one small unit, passes the gate; the import never sees who acts. A people row with
 * someone's NIP and the attacker's unit moves that person into the attacker's scope […]; a units row
 * re-parents another instansi's units; a courses file rewrites every instansi's catalog."
 *
 * The attacker is an admin of Dinas Kesehatan Jambi only. Each attack file is sent through /impor
 * as they would send it; the file is refused whole, the admin is told which row and why, and the
 * refusal is in the audit log. (A demoted admin finishing an open /impor is finding 4's file.)
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const { cmd, all, csvFile, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });

/** An admin of Dinas Kesehatan Jambi only (telegram:2), and a DKI employee imported by the operator. */
const DKI_NIP = "198507172010012003";
let dinkesAdmin: string;

/** Sends `csv` as a file to an /impor the admin started; returns what Pandu said. */
async function importAs(who: IncomingIdentity, csv: string, name = "data.csv"): Promise<string> {
  app.files.register("telegram", async () => new TextEncoder().encode(csv));
  await cmd(who, "impor");
  return all(await csvFile(who, name, csv.length));
}

const refusals = async (action: string) =>
  (await ctx.repos.audit.list({ action, limit: 50 })).filter((a) => a.outcome === "refused");

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), adminIds: ["telegram:1"] });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(2), "Rina Marlina", "198203142008012005", {
    unit: "Dinas Kesehatan › Bidang Pelayanan Kesehatan",
  });
  dinkesAdmin = (await ctx.repos.identities.get("telegram:2"))!.personId;
  await ctx.repos.people.setRoles(dinkesAdmin, [
    { role: "admin", unitId: "jambi.dinkes", grantedAt: new Date() },
  ]);
  expect(
    await app.orgImport.people(`nip;nama;unit\n${DKI_NIP};Dewi Anggraini;dki.bkd.pengembangan`, OPERATOR),
  ).toMatchObject({ ok: true, created: 1 });
});

describe("an admin imports only inside their own scope", () => {
  it("imports people into units under their grant", async () => {
    const said = await importAs(tg(2), "nip;nama;unit\n199001012015031004;Ahmad Fauzi;jambi.dinkes.p2p");
    expect(said).toContain("1 pegawai baru");
  });

  it("refuses a people row that would pull someone from another instansi into their unit, naming the row", async () => {
    const said = await importAs(
      tg(2),
      `nip;nama;unit\n199103032019031002;Yudi Pratama;jambi.dinkes.yankes\n${DKI_NIP};Dewi Anggraini;jambi.dinkes.yankes`,
    );
    expect(said).toContain(id("import-failed", { count: 1 }));
    expect(said).toContain(id("import-where-cell", { row: 3, column: "nip" }));
    expect(said).toContain(id("import-scope-person"));
    // All or nothing: the row in scope was not written either, and the DKI employee stayed where HR put them.
    expect(await ctx.repos.nipClaims.ownerOf("199103032019031002")).toBeNull();
    const dewi = await ctx.repos.people.get((await ctx.repos.nipClaims.ownerOf(DKI_NIP))!);
    expect(dewi).toMatchObject({ unitId: "dki.bkd.pengembangan", instansiId: "dki" });
    expect((await refusals("import.people")).at(0)).toMatchObject({
      actorPersonId: dinkesAdmin,
      details: { outOfScope: [3] },
    });
  });

  it("refuses a people row that puts someone into a unit outside their grant", async () => {
    const said = await importAs(tg(2), "nip;nama;unit\n199204042020121001;Budi Santoso;jambi.bappeda");
    expect(said).toContain(id("import-scope-unit", { unit: "jambi.bappeda" }));
    expect(await ctx.repos.nipClaims.ownerOf("199204042020121001")).toBeNull();
    expect((await refusals("import.people")).at(0)).toMatchObject({
      actorPersonId: dinkesAdmin,
      details: { outOfScope: [2] },
    });
  });

  it("refuses units that re-parent another instansi's unit or create an instansi, and keeps the tree", async () => {
    const said = await importAs(
      tg(2),
      ["kode;nama;induk", "dki.bappeda;Bappeda DKI;jambi.dinkes", "banten;Pemerintah Provinsi Banten;"].join(
        "\n",
      ),
    );
    expect(said).toContain(id("import-where-cell", { row: 2, column: "id" }));
    expect(said).toContain(id("import-where-cell", { row: 3, column: "parent" }));
    expect(said).toContain(id("import-scope-instansi", { unit: "banten" }));
    expect(await ctx.repos.orgUnits.get("dki.bappeda")).toMatchObject({ parentId: "dki" });
    expect(await ctx.repos.orgUnits.get("banten")).toBeNull();
    expect(await refusals("import.units")).toHaveLength(1);
  });

  it("adds a unit under their own tree", async () => {
    const said = await importAs(
      tg(2),
      "kode;nama;induk\njambi.dinkes.farmasi;Bidang Kefarmasian;jambi.dinkes",
    );
    expect(said).toContain("1 unit baru");
  });

  it("refuses jabatan for every instansi or another instansi, but a grant below the instansi is not enough either", async () => {
    const said = await importAs(
      tg(2),
      [
        "kode jabatan;nama jabatan;jenjang;instansi",
        "analis-dinkes;Analis Kesehatan;ahli pertama;jambi",
        "analis-umum;Analis Umum;ahli pertama;",
      ].join("\n"),
    );
    expect(said).toContain("Baris 2, kolom instansi");
    expect(said).toContain("Baris 3, kolom instansi");
    expect(await ctx.repos.jabatan.get("analis-dinkes")).toBeNull();
    expect(await refusals("import.jabatan")).toHaveLength(1);
  });

  it("refuses the course catalog and teknis competencies, which serve every instansi", async () => {
    const courses =
      "id;judul;penyelenggara;metode;jenis;jp;kompetensi;mode\nx;Judul;BPSDM;e-learning;nonklasikal;4;M.1:1-2;online";
    expect(await importAs(tg(2), courses)).toContain(id("import-scope-courses"));
    expect(await refusals("import.courses")).toHaveLength(1);
  });

  it("lets a bootstrap admin import anywhere", async () => {
    const said = await importAs(tg(1), "kode;nama;induk\nbanten;Pemerintah Provinsi Banten;");
    expect(said).toContain("1 unit baru");
  });
});
