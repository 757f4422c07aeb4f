import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Role } from "../../../src/db/models/index.js";
import type { Outbound } from "../../../src/engine/types.js";
import { type Access, accessLabel } from "../../../src/features/feature.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * The access table, tested from the declarations themselves: every command, every variant and
 * every button of every feature, pressed by every kind of person, is refused or answered as its
 * declared access says; and staff outside the organisation's units see nothing of its people.
 */
const translator = loadTranslations(LOCALES_DIR);
const t = (key: string, args?: Record<string, string>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const clock = new Date("2026-11-25T02:00:00Z");

interface Actor {
  key: string;
  identity: IncomingIdentity;
  registered: boolean;
  roles: string[];
}
const actors: Actor[] = [];
let n = 100;
const SENTINEL = "Sentinel Mataram";
const SENTINEL_NIP = "198501012010011777";

async function actor(key: string, unitId: string | null, roles: { role: Role; unitId: string }[] = []) {
  const identity: IncomingIdentity = { id: `telegram:${n++}`, channel: "telegram" };
  if (unitId) {
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
    await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  }
  actors.push({ key, identity, registered: unitId !== null, roles: roles.map((r) => r.role) });
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
    adminIds: ["telegram:1"],
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", null, []),
    unit("mataram.bkpsdm", "mataram", ["mataram"]),
    unit("mataram.setda", "mataram", ["mataram"]),
    unit("jambi", null, []),
  ]);
  actors.push({
    key: "stranger",
    identity: { id: "telegram:99", channel: "telegram" },
    registered: false,
    roles: [],
  });
  actors.push({
    key: "bootstrap-admin",
    identity: { id: "telegram:1", channel: "telegram" },
    registered: false,
    roles: ["admin"],
  });
  await actor("asn", "mataram.setda");
  await actor("koordinator", "mataram.bkpsdm", [{ role: "koordinator", unitId: "mataram.bkpsdm" }]);
  await actor("supervisor", "mataram.setda", [{ role: "supervisor", unitId: "mataram.setda" }]);
  await actor("admin", "mataram.bkpsdm", [{ role: "admin", unitId: "mataram" }]);
  // Staff of another instansi: the role is theirs, Mataram's people are not.
  await actor("koordinator-jambi", "jambi", [{ role: "koordinator", unitId: "jambi" }]);
  await actor("supervisor-jambi", "jambi", [{ role: "supervisor", unitId: "jambi" }]);
  await actor("admin-jambi", "jambi", [{ role: "admin", unitId: "jambi" }]);
  const sentinel = await ctx.repos.people.create({
    name: SENTINEL,
    nip: SENTINEL_NIP,
    timeZone: "Asia/Makassar",
    unitId: "mataram.setda",
    instansiId: "mataram",
    onboardedAt: clock,
    roles: [],
  });
  await ctx.repos.identities.bind({
    id: "telegram:777",
    channel: "telegram",
    personId: sentinel._id,
    now: clock,
  });
});

type Outcome = "answered" | "register-first" | "refused";

/** What the access rule promises `who`, stated independently of the router's code. */
function promised(access: Access, who: Actor): Outcome {
  if (access === "anyone") return "answered";
  const adminOnly = access !== "registered" && access.length === 1 && access[0] === "admin";
  if (!who.registered && !(adminOnly && who.roles.includes("admin"))) return "register-first";
  if (access === "registered") return "answered";
  return who.roles.some((r) => r === "admin" || access.includes(r as never)) ? "answered" : "refused";
}

function outcomeOf(replies: Outbound[], shown: string): Outcome {
  const first = replies[0]?.text ?? "";
  if (first === t("command-not-allowed", { command: shown })) return "refused";
  if (first === t("onboarding-needed") && replies.length === 1) return "register-first";
  return "answered";
}

const textOf = (replies: Outbound[]) =>
  replies.map((r) => `${r.text}\n${r.media ? Buffer.from(r.media.bytes).toString("utf8") : ""}`).join("\n");

describe("every declared command, variant and button, for every kind of person", () => {
  it("refuses or answers each command as its declaration says, and audits each staff refusal", async () => {
    const rows: string[] = [];
    for (const command of app.registry.commands()) {
      const cases = [
        { name: command.name, args: "", access: command.access, shown: `/${command.name}` },
        ...(command.variants ?? []).map((v) => {
          const args = v.args.source.includes("hasil")
            ? "hasil"
            : v.args.source.includes("ekspor")
              ? "ekspor"
              : "123456";
          return { name: v.name, args, access: v.access, shown: `/${command.name} ${args}` };
        }),
      ];
      for (const c of cases) {
        for (const who of actors) {
          const before = (await ctx.repos.audit.list({ action: `command.${c.name}`, limit: 500 })).length;
          const replies = await app.conversations.handle(who.identity, {
            kind: "command",
            command: command.name,
            args: c.args,
          });
          await app.conversations.handle(who.identity, { kind: "command", command: "batal", args: "" });
          const got = outcomeOf(replies, c.shown);
          const want = promised(c.access, who);
          rows.push(`${c.shown} [${accessLabel(c.access)}] ${who.key}: ${got}`);
          // A command open to all may still tell a stranger to register first (/hapusdata does).
          if (want === "answered" && got === "register-first" && c.access === "anyone") continue;
          expect(got, `${c.shown} by ${who.key}`).toBe(want);
          const after = (await ctx.repos.audit.list({ action: `command.${c.name}`, limit: 500 })).length;
          if (want === "refused") expect(after, `audit of ${c.shown} by ${who.key}`).toBe(before + 1);
        }
      }
    }
    // Every command of every feature was tried by every kind of person.
    expect(rows.length).toBeGreaterThanOrEqual(app.registry.listed.length * actors.length);
  });

  it("refuses or answers each kind of button as its declaration says", async () => {
    for (const button of app.registry.buttons()) {
      for (const data of button.codec.samples()) {
        expect(button.codec.parse(data), `${button.codec.name}: ${data}`).toBeDefined();
        for (const who of actors) {
          const replies = await app.conversations.handle(who.identity, { kind: "button", data });
          const got = outcomeOf(replies, `/${button.command}`);
          const want = promised(button.access, who);
          if (want === "answered") expect(got, `${data} by ${who.key}`).not.toBe("refused");
          else expect(got, `${data} by ${who.key}`).toBe(want);
        }
      }
    }
  });

  it("shows staff of another instansi nothing of Mataram's people", async () => {
    const outsiders = actors.filter((a) => a.key.endsWith("-jambi"));
    for (const command of app.registry
      .commands()
      .filter((c) => c.access !== "anyone" && c.access !== "registered")) {
      for (const who of outsiders) {
        const replies = await app.conversations.handle(who.identity, {
          kind: "command",
          command: command.name,
          args: "",
        });
        await app.conversations.handle(who.identity, { kind: "command", command: "batal", args: "" });
        expect(textOf(replies), `/${command.name} by ${who.key}`).not.toContain(SENTINEL);
        expect(textOf(replies), `/${command.name} by ${who.key}`).not.toContain(SENTINEL_NIP);
      }
    }
    // The same commands in scope do show the person (so the check above can fail).
    const admin = actors.find((a) => a.key === "admin")!;
    const exported = await app.conversations.handle(admin.identity, {
      kind: "command",
      command: "ekspor",
      args: "",
    });
    expect(textOf(exported)).toContain(SENTINEL_NIP);
  });
});
