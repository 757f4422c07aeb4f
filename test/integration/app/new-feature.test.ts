import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { roleMenus } from "../../../src/conversation/role-menus.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Role } from "../../../src/db/models/index.js";
import { button, buttonCodec, type Feature } from "../../../src/features/feature.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * The "Extending Pandu" recipe, proved: a feature declared in one place (here, in the test) gets
 * its command routed, its role checked and audited, and its line in /bantuan and in the command
 * menus, with no other edit anywhere.
 */
const translator = loadTranslations(LOCALES_DIR);
// The recipe's locale keys, as the new feature would add them to locales/*.ftl.
const translate = (locale: "id" | "en", key: string, args?: Record<string, string | number>) =>
  key === "cmd-cekdata" ? "Periksa kelengkapan data unit" : translator.t(locale, key, args);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const checkButton = buttonCodec("data-check", "cek", { recheck: ["u", 1] });

const dataCheck: Feature = {
  name: "data-check",
  commands: [
    {
      name: "cekdata",
      access: ["supervisor"],
      run: async (c) => [
        {
          text: `Data lengkap (${c.args || "semua unit"})`,
          choices: [[{ data: checkButton.pack("recheck", "setda"), label: "Ulang" }]],
        },
      ],
    },
  ],
  buttons: [
    button({
      codec: checkButton,
      access: ["supervisor"],
      command: "cekdata",
      run: async (_c, press) => [{ text: `Diperiksa ulang: ${press.args[0]}` }],
    }),
  ],
};

const who: Record<string, IncomingIdentity> = {};
let n = 10;
async function person(key: string, roles: { role: Role; unitId: string }[] = []) {
  const nip = `19850101201001${String(1000 + n).slice(-4)}`;
  const p = await ctx.repos.people.create({
    name: key,
    nip,
    timeZone: "Asia/Makassar",
    unitId: "mataram.setda",
    instansiId: "mataram",
    onboardedAt: clock,
    roles: roles.map((r) => ({ ...r, grantedAt: clock })),
  });
  who[key] = { id: `telegram:${n++}`, channel: "telegram" };
  await ctx.repos.identities.bind({ id: who[key]!.id, channel: "telegram", personId: p._id, now: clock });
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate, now: () => clock, extra: { features: [dataCheck] } });
  await ctx.repos.orgUnits.upsertMany([
    { _id: "mataram", name: "Mataram", kind: "instansi", parentId: null, instansiId: "mataram", path: [] },
    {
      _id: "mataram.setda",
      name: "Setda",
      kind: "unit",
      parentId: "mataram",
      instansiId: "mataram",
      path: ["mataram"],
    },
  ]);
  await person("asn");
  await person("supervisor", [{ role: "supervisor", unitId: "mataram.setda" }]);
});

describe("a feature added by its declaration alone", () => {
  it("is routed for the role it declares, with its arguments, and its button works", async () => {
    const out = await cmd(who.supervisor!, "cekdata", "setda");
    expect(all(out)).toContain("Data lengkap (setda)");
    expect(all(await press(who.supervisor!, out[0]!.choices![0]![0]!.data))).toContain(
      "Diperiksa ulang: setda",
    );
  });

  it("refuses everyone else, for the command and the button, and audits the refusal", async () => {
    expect(all(await cmd(who.asn!, "cekdata"))).toContain("hanya untuk petugas");
    expect(all(await press(who.asn!, "cek|u|setda"))).toContain("hanya untuk petugas");
    const audit = await ctx.repos.audit.list({ action: "command.cekdata", limit: 10 });
    expect(audit.map((e) => e.outcome)).toEqual(["refused", "refused"]);
  });

  it("appears in /bantuan and in the command menus of those who may use it, and nowhere else", async () => {
    expect(all(await cmd(who.supervisor!, "bantuan"))).toContain("/cekdata — Periksa kelengkapan data unit");
    expect(all(await cmd(who.asn!, "bantuan"))).not.toContain("/cekdata");
    expect(app.registry.commandsFor([]).map((c) => c.name)).not.toContain("cekdata");
    const menus = await roleMenus({
      repos: app.repos,
      adminIds: [],
      channel: "telegram",
      commandsFor: app.registry.commandsFor,
    });
    const supervisorMenu = menus.find((m) => m.identityId === who.supervisor!.id)!;
    expect(supervisorMenu.commands.map((c) => c.name)).toContain("cekdata");
    expect(menus.find((m) => m.identityId === who.asn!.id)).toBeUndefined();
  });

  it("refuses a second feature that claims the same command or button prefix", () => {
    const again = (f: Feature) => () =>
      createApp({ database: ctx.db, translate, extra: { features: [dataCheck, f] } });
    expect(
      again({ name: "twin", commands: [{ name: "cekdata", access: "anyone", run: async () => [] }] }),
    ).toThrow(/declares command "cekdata"/);
    expect(
      again({
        name: "twin",
        buttons: [
          button({
            codec: buttonCodec("other", "cek", { x: ["x", 0] }),
            access: "anyone",
            command: "x",
            run: async () => [],
          }),
        ],
      }),
    ).toThrow(/button prefix "cek"/);
  });
});
