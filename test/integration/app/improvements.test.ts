import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T03:00:00Z");
const { press, all } = chatDriver(() => app);
const ids: Record<string, string> = {};
let n = 40;

async function person(key: string, unitId: string, extra: object = {}) {
  const p = await ctx.repos.people.create({
    name: key,
    timeZone: "Asia/Makassar",
    unitId,
    instansiId: "mataram",
    onboardedAt: clock,
    ...extra,
  });
  await ctx.repos.identities.bind({
    id: `telegram:${n++}`,
    channel: "telegram",
    personId: p._id,
    now: clock,
  });
  ids[key] = p._id;
  return p;
}

const toSupervisors = async () =>
  (await ctx.db.models.Delivery.find({}).lean<Delivery[]>().exec()).filter((d) =>
    d.purpose.startsWith("improvement."),
  );

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await ctx.repos.orgUnits.upsertMany([
    {
      _id: "mataram",
      name: "Kota Mataram",
      kind: "instansi",
      parentId: null,
      instansiId: "mataram",
      path: [],
    },
    {
      _id: "mataram.setda",
      name: "Sekretariat Daerah",
      kind: "unit",
      parentId: "mataram",
      instansiId: "mataram",
      path: ["mataram"],
    },
  ]);
  await person("sekda", "mataram", {
    roles: [{ role: "supervisor", unitId: "mataram.setda", grantedAt: clock }],
  });
  await person("ani", "mataram.setda");
  await person("budi", "mataram.setda");
});

describe("telling supervisors of improvements", () => {
  it("tells the supervisor when a person who agreed reaches 20 JP or closes a gap, and never without consent", async () => {
    const me: IncomingIdentity = { id: "telegram:41", channel: "telegram" };
    expect(all(await press(me, "pgr|s|on"))).toContain("Kabar capaian ke atasan: ya");
    for (const key of ["ani", "budi"]) {
      const p = (await ctx.repos.people.get(ids[key]!))!;
      await app.ledger.record(
        p,
        {
          _id: `${key}|c1`,
          personId: p._id,
          title: "Pelatihan Kepemimpinan Pengawas",
          jp: 24,
          year: 2026,
          completedOn: "2026-11-20",
          source: "self",
          method: "coaching",
          kind: "nonklasikal",
          competencyType: "manajerial",
          recordedAt: clock,
        },
        clock,
      );
    }
    const told = await toSupervisors();
    expect(told.map((d) => [d.purpose, d.personId])).toEqual([["improvement.jp-goal", ids.sekda]]);
    const text = (await ctx.repos.deliveries.get(told[0]!._id))!.message.text;
    expect(text).toContain("ani (Sekretariat Daerah) sudah memenuhi batas minimal JP");

    // A closed gap, through the one recording function.
    await app.recordAssessment({
      personId: ids.ani!,
      assessed: { "M.3": 1 },
      required: { "M.3": 2 },
      statements: 3,
      completedAt: clock,
    });
    await app.recordAssessment({
      personId: ids.ani!,
      assessed: { "M.3": 2 },
      required: { "M.3": 2 },
      statements: 3,
      completedAt: new Date(clock.getTime() + 60_000),
    });
    const gap = (await toSupervisors()).find((d) => d.purpose === "improvement.gap-closed")!;
    expect((await ctx.repos.deliveries.get(gap._id))!.message.text).toContain(
      "ani (Sekretariat Daerah) kini memenuhi standar jabatan untuk kompetensi Komunikasi",
    );

    // Consent withdrawn: nothing more goes.
    expect(all(await press(me, "pgr|s|off"))).toContain("Kabar capaian ke atasan: tidak");
  });
});
