import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

// Issue 17: the province follows the instansi, so the two cannot contradict.
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const { cmd, text, all, onboard } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const PROVINCE = "Di provinsi mana";
const personOf = async (who: IncomingIdentity) =>
  ctx.repos.people.get((await ctx.repos.identities.get(who.id))!.personId);

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator) });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  // As an import leaves them: a region on the instansi only, and an instansi that states none.
  await app.repos.orgUnits.upsertMany([
    {
      _id: "halut",
      name: "Pemerintah Kabupaten Halmahera Utara",
      kind: "instansi",
      parentId: null,
      instansiId: "halut",
      path: [],
      regionId: "maluku-utara",
    },
    {
      _id: "halut.setda",
      name: "Sekretariat Daerah",
      kind: "unit",
      parentId: "halut",
      instansiId: "halut",
      path: ["halut"],
    },
    {
      _id: "lan",
      name: "Lembaga Administrasi Negara",
      kind: "instansi",
      parentId: null,
      instansiId: "lan",
      path: [],
    },
    {
      _id: "lan.pusbang",
      name: "Pusat Pembinaan Analis Kebijakan",
      kind: "unit",
      parentId: "lan",
      instansiId: "lan",
      path: ["lan"],
    },
  ]);
});

describe("onboarding takes the province from the instansi", () => {
  it("never asks the province in a Jambi instansi: region and time zone come from it", async () => {
    const said = await onboard(tg(1), "Sri Wahyuni", "198203142008012005");
    expect(said).not.toContain(PROVINCE);
    expect(said).toContain("Zona waktu Anda WIB");
    expect(await personOf(tg(1))).toMatchObject({
      instansiId: "jambi",
      regionId: "jambi",
      timeZone: "Asia/Jakarta",
    });
  });

  it("inherits the region from an ancestor when the unit itself states none", async () => {
    const said = await onboard(tg(2), "Yohanes Lobo", "199001012015031004", {
      instansi: "Pemerintah Kabupaten Halmahera Utara",
      unit: "Sekretariat Daerah",
    });
    expect(said).not.toContain(PROVINCE);
    expect(await personOf(tg(2))).toMatchObject({ regionId: "maluku-utara", timeZone: "Asia/Jayapura" });
  });

  it("asks the province when the instansi states none, and suggests the zone from the answer", async () => {
    const said = await onboard(tg(3), "Made Aryasa", "198703152010011003", {
      instansi: "Lembaga Administrasi Negara",
      unit: "Pusat Pembinaan Analis Kebijakan",
      region: "Bali",
    });
    expect(said).toContain(PROVINCE);
    expect(said).toContain("Zona waktu Anda WITA");
    expect(await personOf(tg(3))).toMatchObject({
      instansiId: "lan",
      regionId: "bali",
      timeZone: "Asia/Makassar",
    });
  });
});

describe("/profil keeps the province with the instansi", () => {
  it("explains instead of asking when the instansi states the province", async () => {
    await cmd(tg(1), "profil");
    const reply = all(await text(tg(1), "Provinsi tempat bertugas"));
    expect(reply).toContain("Provinsi Anda mengikuti instansi: Jambi");
    expect(reply).not.toContain(PROVINCE);
    expect(reply).toContain("Apa yang ingin Anda ubah?");
    expect((await personOf(tg(1)))?.regionId).toBe("jambi");
  });

  it("lets the person choose it when the instansi states none", async () => {
    await cmd(tg(3), "profil");
    expect(all(await text(tg(3), "Provinsi tempat bertugas"))).toContain(PROVINCE);
    await text(tg(3), "Jawa Timur");
    expect((await personOf(tg(3)))?.regionId).toBe("jawa-timur");
  });

  it("moves the province with the unit when the new instansi states one", async () => {
    // Made registered himself with a NIP no HR import confirmed: his unit is his own word to change
    // (a verified person's change is a move request, test/integration/app/unit-moves.test.ts).
    await ctx.db.models.Person.updateOne(
      { _id: (await personOf(tg(3)))!._id },
      { $set: { unverified: true } },
    );
    await cmd(tg(3), "profil");
    await text(tg(3), "Instansi dan unit kerja");
    await text(tg(3), "Pemerintah Provinsi Jambi");
    await text(tg(3), "Badan Perencanaan Pembangunan Daerah");
    expect(await personOf(tg(3))).toMatchObject({ unitId: "jambi.bappeda", regionId: "jambi" });
  });
});
