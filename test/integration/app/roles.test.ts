import { parse } from "csv-parse/sync";
import { pino } from "pino";
import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createTelegramBot } from "../../../src/channels/telegram/bot.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Role } from "../../../src/db/models/index.js";
import type { Outbound } from "../../../src/engine/types.js";
import { EXPORT_COLUMNS } from "../../../src/features/export/people-export.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T02:00:00Z");
const { cmd, text, press, all } = chatDriver(() => app);

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
        ["umumkan", ""],
        ["siaran", ""],
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
      "asn /umumkan": false,
      "asn /siaran": false,
      "koordinator /peran": false,
      "koordinator /audit": false,
      "koordinator /impor": false,
      "koordinator /survei hasil": true,
      "koordinator /ekspor": true,
      "koordinator /ringkasan": true,
      "koordinator /umumkan": true,
      "koordinator /siaran": true,
      "supervisor /peran": false,
      "supervisor /audit": false,
      "supervisor /impor": false,
      "supervisor /survei hasil": true,
      "supervisor /ekspor": true,
      "supervisor /ringkasan": true,
      "supervisor /umumkan": false,
      "supervisor /siaran": false,
      "admin /peran": true,
      "admin /audit": true,
      "admin /impor": true,
      "admin /survei hasil": true,
      "admin /ekspor": true,
      "admin /ringkasan": true,
      "admin /umumkan": true,
      "admin /siaran": true,
    });
    const refusals = await ctx.repos.audit.list({ limit: 100 });
    expect(refusals.filter((e) => e.outcome === "refused")).toHaveLength(16);
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
      "command.siaran",
      "command.survei-hasil",
      "command.umumkan",
    ]);
  });
});

describe("/ekspor", () => {
  it("sends a supervisor's scope only, as CSV an Indonesian spreadsheet opens in columns, with formulas neutralised", async () => {
    await person('=HYPERLINK("http://x")', "mataram.setda");
    const [out] = await cmd(who.supervisor!.identity, "ekspor");
    expect(out!.text).toContain("pegawai dalam cakupan Anda");
    const csv = new TextDecoder("utf-8", { ignoreBOM: true }).decode(out!.media!.bytes);
    // A byte order mark, so Excel reads UTF-8, and ";" between fields: the supervisor writes in
    // Indonesian, whose regional settings split a CSV on ";".
    expect(csv.startsWith("\uFEFFnip;nama;unit;jabatan;jenjang;terdaftar;")).toBe(true);
    const rows = parse(csv, { bom: true, delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual([...EXPORT_COLUMNS]);
    // One column per field on every row, the levels cell ("M.1:3; M.3:2") included.
    expect(rows.every((r) => r.length === EXPORT_COLUMNS.length)).toBe(true);
    // Only mataram.setda (the supervisor's unit): not the BKPSDM, not Jambi; a name that is a
    // formula is shown as text.
    const names = rows.slice(1).map((r) => r[1]);
    expect(names.sort()).toEqual(['\'=HYPERLINK("http://x")', "asn", "supervisor", "target"].sort());
    const log = await ctx.repos.audit.list({ action: "export.people" });
    expect(
      log.filter((e) => e.actorPersonId === who.supervisor!.personId && e.outcome === "ok").length,
    ).toBeGreaterThan(0);
  });

  it("on Telegram says it is preparing the file before the work starts, then sends the file", async () => {
    const tg = new TelegramEmulator();
    await tg.start();
    const bot = createTelegramBot({
      token: "123456:TEST-token-for-the-emulator_0021",
      apiRoot: tg.apiRoot,
      handle: app.conversations.handle,
      groupText: () => "",
      errorText: () => "gagal",
      logger: pino({ level: "silent" }),
    });
    try {
      await bot.init();
      const chat = Number(who.supervisor!.identity.id.split(":")[1]);
      const exports = async () =>
        (await ctx.repos.audit.list({ action: "export.people" })).filter(
          (e) => e.actorPersonId === who.supervisor!.personId,
        ).length;
      const before = await exports();
      // The note's answer is held: while it is, the export has not begun (nothing is audited).
      tg.holdAnswers();
      const handled = bot.handleUpdate({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: chat, type: "private", first_name: "ASN" },
          from: { id: chat, is_bot: false, first_name: "ASN", language_code: "id" },
          text: "/ekspor",
          entities: [{ type: "bot_command", offset: 0, length: 7 }],
        },
      });
      // Polled: the emulator's own waiter wakes only when a call is answered.
      await waitFor(() => tg.calls.some((c) => c.method === "sendMessage"));
      expect(await exports()).toBe(before);
      tg.releaseAnswers();
      await handled;
      expect(await exports()).toBe(before + 1);
      const log = tg.calls.filter((c) => c.method !== "getMe").map((c) => c.method);
      // The note, "sending a file…", the file, then the offer of an Excel file.
      expect(log).toEqual(["sendMessage", "sendChatAction", "sendDocument", "sendMessage"]);
      expect(tg.calls.find((c) => c.method === "sendMessage")!.body.text).toContain(
        "Sedang menyiapkan berkas ekspor",
      );
      expect(tg.calls.find((c) => c.method === "sendChatAction")!.body.action).toBe("upload_document");
      expect(tg.chat(chat).find((m) => m.upload)!.upload!.filename).toMatch(/^pegawai-2026\.csv$/);
    } finally {
      await tg.stop();
    }
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
    // A unit in scope is not enough: the person must work inside the admin's scope too.
    const lent = all(await cmd(admin, "peran", `beri ${who.jambian!.nip} koordinator mataram.setda`));
    expect(lent).toContain("Pegawai dengan NIP itu bekerja di luar cakupan admin Anda");
    expect(lent).not.toContain("jambian");
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
    const listing = all(await press(admin, "per|l"));
    expect(listing).toContain("koordinator: koordinator — mataram.bkpsdm");
    expect(listing).not.toContain("jambi");
    expect(all(await cmd(admin, "peran", "daftar"))).toBe(listing);
  });
});

/** Every button of these replies, checked against Telegram's 64-byte limit on callback data. */
function buttons(out: Outbound[]) {
  const found = out.flatMap((o) => (o.choices ?? []).flat());
  for (const b of found) expect(Buffer.byteLength(b.data), b.data).toBeLessThanOrEqual(64);
  return found;
}

/** The data of the button whose label contains `label` (the test fails when there is none). */
function button(out: Outbound[], label: string): string {
  const found = buttons(out).find((b) => b.label.includes(label));
  expect(found, `a button "${label}" in ${JSON.stringify(out)}`).toBeDefined();
  return found!.data;
}

/** Labels of the person buttons on a page (`per|gp|…` or `per|rp|…`). */
const personLabels = (out: Outbound[]) =>
  buttons(out)
    .filter((b) => /^per\|[gr]p\|/.test(b.data))
    .map((b) => b.label);

describe("/peran by buttons", () => {
  it("an admin grants a role with buttons only, and the grantee can use the command at once", async () => {
    const admin = who.admin!.identity;
    const menu = await cmd(admin, "peran");
    expect(all(menu)).toContain("Cara memakai");
    const list = await press(admin, button(menu, "Beri peran"));
    expect(all(list)).toContain("Halaman 1 dari 1");
    const roles = await press(admin, button(list, "asn"));
    expect(all(roles)).toContain("Peran apa yang akan diberikan kepada asn?");
    const units = await press(admin, button(roles, "atasan"));
    expect(all(units)).toContain("Di unit mana asn memegang peran atasan?");
    // The person's own unit comes first, as the usual choice.
    expect(buttons(units)[0]!.label).toBe("⭐ mataram.setda (unitnya sendiri)");
    const confirm = await press(admin, button(units, "⭐"));
    expect(all(confirm)).toContain("Berikan peran atasan kepada asn di mataram.setda");
    expect(all(await press(admin, button(confirm, "Ya, beri peran")))).toContain(
      "asn kini memegang peran atasan di mataram.setda",
    );
    expect(all(await cmd(who.asn!.identity, "ekspor"))).toContain("pegawai dalam cakupan Anda");
    // The clock stands still in tests, so entries are found by what they say, not by order.
    const granted = await ctx.repos.audit.list({ action: "role.grant", limit: 100 });
    expect(granted.filter((e) => e.targetId === who.asn!.personId)).toMatchObject([
      { outcome: "ok", actorPersonId: who.admin!.personId, scopeUnitId: "mataram.setda" },
    ]);
    // A second tap on the same confirmation changes nothing.
    expect(all(await press(admin, button(confirm, "Ya, beri peran")))).toContain(
      "sudah memegang peran atasan",
    );
    expect((await ctx.repos.people.get(who.asn!.personId))!.roles).toHaveLength(1);
  });

  it("revokes by buttons, and a second tap on the stale button is answered politely", async () => {
    const admin = who.admin!.identity;
    const holders = await press(admin, button(await cmd(admin, "peran"), "Cabut peran"));
    expect(personLabels(holders)).toContain("asn");
    expect(all(holders)).toContain(`asn — NIP ${who.asn!.nip} — atasan — mataram.setda`);
    expect(personLabels(holders)).not.toContain("jambian");
    const grants = await press(admin, button(holders, "asn"));
    const confirm = await press(admin, button(grants, "atasan — mataram.setda"));
    expect(all(confirm)).toContain("Cabut peran atasan milik asn di mataram.setda?");
    const yes = button(confirm, "Ya, cabut");
    expect(all(await press(admin, yes))).toContain("Peran atasan asn di mataram.setda dicabut");
    expect((await ctx.repos.people.get(who.asn!.personId))!.roles).toEqual([]);
    expect(all(await cmd(who.asn!.identity, "ekspor"))).toContain("hanya untuk petugas");
    expect(all(await press(admin, yes))).toContain(
      "asn tidak lagi memegang peran apa pun dalam cakupan Anda",
    );
    const revoked = await ctx.repos.audit.list({ action: "role.revoke", limit: 100 });
    expect(revoked.filter((e) => e.targetId === who.asn!.personId)).toMatchObject([
      { outcome: "ok", actorPersonId: who.admin!.personId, scopeUnitId: "mataram.setda" },
    ]);
  });

  it("pages people 8 at a time, sorted by name, and answers a page that is gone", async () => {
    for (let i = 1; i <= 10; i++) await person(`Pegawai ${String(i).padStart(2, "0")}`, "mataram.setda");
    const admin = who.admin!.identity;
    const first = await press(admin, "per|g|0");
    expect(all(first)).toContain("Halaman 1 dari 2");
    expect(personLabels(first)).toHaveLength(8);
    expect(buttons(first).some((b) => b.label.includes("Sebelumnya"))).toBe(false);
    const second = await press(admin, button(first, "Berikutnya"));
    expect(all(second)).toContain("Halaman 2 dari 2");
    expect(button(second, "Sebelumnya")).toBe("per|g|0");
    expect(buttons(second).some((b) => b.label.includes("Berikutnya"))).toBe(false);
    const everyone = [...personLabels(first), ...personLabels(second)];
    const inScope = (await ctx.repos.people.listByUnits(["mataram", "mataram.bkpsdm", "mataram.setda"]))
      .filter((p) => p.onboardedAt)
      .map((p) => p.name)
      .sort((a, b) => a.localeCompare(b, "id"));
    expect(everyone).toEqual(inScope);
    expect(everyone).toHaveLength(16);
    const gone = all(await press(admin, "per|g|7"));
    expect(gone).toContain("Halaman itu sudah tidak ada");
    expect(gone).toContain("Halaman 2 dari 2");
  });

  it("filters by typed name or NIP, with the filter kept across pages", async () => {
    const admin = who.admin!.identity;
    const filtered = await cmd(admin, "peran", "beri pegawai 0");
    expect(all(filtered)).toContain('Disaring dengan: "pegawai 0"');
    expect(personLabels(filtered)).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `Pegawai 0${i}`));
    const next = await press(admin, button(filtered, "Berikutnya"));
    // "0" is in "10" too: every typed word is a part of the name, not a whole word.
    expect(personLabels(next)).toEqual(["Pegawai 09", "Pegawai 10"]);
    expect(personLabels(await cmd(admin, "peran", `beri ${who.koordinator!.nip}`))).toEqual(["koordinator"]);
    // The Search button asks for the words, and the typed answer filters the list.
    const ask = await press(admin, button(filtered, "Cari nama atau NIP"));
    expect(all(ask)).toContain("Ketik sebagian nama atau NIP");
    expect(personLabels(await text(admin, "Koordinat"))).toEqual(["koordinator"]);
    expect(all(await cmd(admin, "peran", "beri zzz"))).toContain('cocok dengan "zzz"');
    expect(personLabels(await cmd(admin, "peran", "cabut koord"))).toEqual(["koordinator"]);
  });

  it("never shows a person outside the admin's scope, and refuses and audits a forged button", async () => {
    const admin = who.admin!.identity;
    const jambian = who.jambian!.personId;
    const searched = await cmd(admin, "peran", "beri jambian");
    expect(personLabels(searched)).toEqual([]);
    for (const data of [
      `per|gp|${jambian}`,
      `per|gu|${jambian}|a|0`,
      `per|gy|${jambian}|a|${shortKey("mataram")}`,
      `per|rp|${jambian}`,
      `per|ry|${jambian}|a|${shortKey("jambi")}`,
    ]) {
      expect(all(await press(admin, data)), data).toContain("di luar cakupan admin Anda");
    }
    expect((await ctx.repos.people.get(jambian))!.roles.map((r) => r.unitId)).toEqual(["jambi"]);
    const refused = (await ctx.repos.audit.list({ limit: 200 })).filter(
      (e) => e.outcome === "refused" && e.targetId === jambian && e.actorPersonId === who.admin!.personId,
    );
    // Three forged grant buttons here, and the typed grant to a person outside the scope earlier.
    expect(refused.map((e) => e.action).sort()).toEqual([
      "nip.release",
      "role.grant",
      "role.grant",
      "role.grant",
      "role.grant",
      "role.revoke",
      "role.revoke",
    ]);
    // Someone without the admin role gets the usual refusal, audited too.
    expect(all(await press(who.asn!.identity, "per|g|0"))).toContain("hanya untuk petugas");
    // The search flow is /peran's: its button is refused (and audited) like the command.
    expect(all(await press(who.asn!.identity, "start|peran-cari"))).toContain("hanya untuk petugas");
    const asked = await text(who.asn!.identity, "koordinator");
    expect(personLabels(asked)).toEqual([]);
    const peran = await ctx.repos.audit.list({ action: "command.peran", limit: 100 });
    expect(peran.filter((e) => e.actorPersonId === who.asn!.personId).map((e) => e.outcome)).toEqual([
      "refused",
      "refused",
      "refused",
    ]);
  });

  it("answers stale and malformed buttons politely", async () => {
    const admin = who.admin!.identity;
    const asn = who.asn!.personId;
    expect(all(await press(admin, "per|gp|pnosuchperson"))).toContain(
      "tidak lagi terdaftar dalam cakupan Anda",
    );
    expect(all(await press(admin, `per|gc|${asn}|k|AAAAAAAAAA`))).toContain("Unit itu tidak lagi ada");
    expect(
      all(await press(admin, `per|rc|${who.koordinator!.personId}|s|${shortKey("mataram.bkpsdm")}`)),
    ).toContain("koordinator sudah tidak memegang peran itu lagi");
    for (const data of ["per|zz", "per|g|x", `per|gp|${"a".repeat(41)}`, "per|gy|p1|q|AAAAAAAAAA", "per|"])
      expect(all(await press(admin, data)), data).toContain("Tombol itu sudah tidak berlaku");
    expect(all(await press(admin, "per|x"))).toContain("tidak ada yang diubah");
  });
});
