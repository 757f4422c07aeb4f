import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import type { Locale } from "../../../src/i18n/locales.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { startTelegramPandu, type TelegramPandu } from "../../bench/telegram-pandu.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Telegram command menus follow the person (issue 21): Pandu wired as main.ts wires it, the real
 * bot against the Bot API emulator. A grant sets the grantee's chat menu, a revocation deletes it,
 * a language change redoes it in that language, and groups get no personal commands.
 */
const translator = loadTranslations(LOCALES_DIR);
const translate = translator.t.bind(translator);
const ctx = useTestDatabase();
const ADMIN = 9;
const RINA = 7001;
/** Rina's second Telegram account, linked to the same person. */
const RINA_OTHER = 7002;
const NIP = "199001152015032004";
let pandu: TelegramPandu;

type Call = { method: string; body: Record<string, unknown> };
type Scope = { type?: string; chat_id?: number } | undefined;
const scopeOf = (c: Call) => c.body.scope as Scope;
const commandsOf = (c: Call) => c.body.commands as { command: string; description: string }[];
/** The menu calls for one chat made after the first `since` calls. */
const chatCalls = (method: string, chat: number, since: number) =>
  pandu.emulator.calls.slice(since).filter((c) => c.method === method && scopeOf(c)?.chat_id === chat);
const waitForCall = (method: string, chat: number, since: number) =>
  pandu.emulator.waitFor(() => chatCalls(method, chat, since).at(-1), 10_000, `${method} for chat ${chat}`);
/** The menu someone holding `roles` should see, in `locale`. */
const expectedMenu = (roles: string[], locale: Locale) =>
  pandu.app.registry
    .commandsFor(roles)
    .map((c) => ({ command: c.name, description: translate(locale, c.descriptionKey) }));

beforeAll(async () => {
  pandu = await startTelegramPandu({
    database: ctx.db,
    translate,
    env: { ADMIN_IDS: `telegram:${ADMIN}` },
    logLevel: "silent",
    logCalls: true,
  });
  const { onboard } = chatDriver(() => pandu.app);
  await onboard({ id: `telegram:${RINA}`, channel: "telegram" }, "Rina Wulandari", NIP);
  const rina = (await ctx.repos.identities.get(`telegram:${RINA}`))!.personId;
  await ctx.repos.identities.bind({
    id: `telegram:${RINA_OTHER}`,
    channel: "telegram",
    personId: rina,
    now: new Date(),
  });
});
afterAll(async () => {
  await pandu?.stop();
});

describe("Telegram command menus that follow the person", () => {
  it("at start-up: personal commands for private chats only, the old default menus deleted", async () => {
    const calls = pandu.emulator.calls;
    const personal = calls.filter(
      (c) => c.method === "setMyCommands" && scopeOf(c)?.type === "all_private_chats",
    );
    expect(personal.map((c) => c.body.language_code ?? "")).toEqual(["", "id", "en"]);
    expect(commandsOf(personal.find((c) => c.body.language_code === "en")!)).toEqual(expectedMenu([], "en"));
    // Nothing is set where groups would see it: not the bot's default, not the group scopes.
    expect(
      calls.filter((c) => c.method === "setMyCommands" && (!scopeOf(c) || /group/.test(scopeOf(c)!.type!))),
    ).toEqual([]);
    expect(calls.filter((c) => c.method === "deleteMyCommands" && !scopeOf(c)).length).toBe(3);
    // The bootstrap admin's own chat has the admin's menu.
    expect(commandsOf(await waitForCall("setMyCommands", ADMIN, 0))).toEqual(expectedMenu(["admin"], "id"));
  });

  it("a grant sets the role's menu in each of the grantee's chats; a failing Bot API does not stop it", async () => {
    const since = pandu.emulator.calls.length;
    // Refused rather than a 5xx, which auto-retry would retry for seconds.
    pandu.emulator.refusing.set("setMyCommands", { code: 400, description: "Bad Request: emulated" });
    const reply = await pandu.time(ADMIN, `/peran beri ${NIP} koordinator jambi`);
    expect(reply.replies.at(-1)?.text).toContain("kini memegang peran");
    // Both chats were tried (and failed): the grant stands, and later changes publish again.
    await waitForCall("setMyCommands", RINA_OTHER, since);
    pandu.emulator.refusing.delete("setMyCommands");
    const rina = await ctx.repos.people.get((await ctx.repos.identities.get(`telegram:${RINA}`))!.personId);
    expect(rina!.roles.map((r) => r.role)).toEqual(["koordinator"]);

    const again = pandu.emulator.calls.length;
    await pandu.time(ADMIN, `/peran beri ${NIP} supervisor jambi`);
    for (const chat of [RINA, RINA_OTHER]) {
      const menu = commandsOf(await waitForCall("setMyCommands", chat, again));
      expect(menu).toEqual(expectedMenu(["koordinator", "supervisor"], "id"));
      expect(menu.map((c) => c.command)).toContain("umumkan");
    }
  });

  it("/bahasa en redoes the chat's menu in English", async () => {
    const since = pandu.emulator.calls.length;
    const reply = await pandu.time(RINA, "/bahasa en");
    expect(reply.replies.at(-1)?.text).toBe(translate("en", "language-switched"));
    const menu = commandsOf(await waitForCall("setMyCommands", RINA, since));
    expect(menu).toEqual(expectedMenu(["koordinator", "supervisor"], "en"));
    expect(menu).not.toEqual(expectedMenu(["koordinator", "supervisor"], "id"));
    await waitForCall("setMyCommands", RINA_OTHER, since);
  });

  it("revoking one role leaves the other's menu; revoking the last deletes the chat's menu", async () => {
    let since = pandu.emulator.calls.length;
    await pandu.time(ADMIN, `/peran cabut ${NIP} koordinator jambi`);
    const menu = commandsOf(await waitForCall("setMyCommands", RINA, since));
    expect(menu).toEqual(expectedMenu(["supervisor"], "en"));
    expect(menu.map((c) => c.command)).not.toContain("umumkan");

    since = pandu.emulator.calls.length;
    await pandu.time(ADMIN, `/peran cabut ${NIP} supervisor jambi`);
    await waitForCall("deleteMyCommands", RINA, since);
    await waitForCall("deleteMyCommands", RINA_OTHER, since);
    expect(chatCalls("setMyCommands", RINA, since)).toEqual([]);
  });

  it("an erased person's chats lose the staff menu they had", async () => {
    await pandu.time(ADMIN, `/peran beri ${NIP} supervisor jambi`);
    await waitForCall("setMyCommands", RINA_OTHER, 0);
    const since = pandu.emulator.calls.length;
    const asked = await pandu.time(RINA, "/hapusdata");
    const question = asked.replies.at(-1)!;
    const yes = question.buttons.flat().find((b) => b.callback_data.startsWith("prv|y"));
    expect(yes, question.text).toBeDefined();
    await pandu.press(RINA, question.message_id, yes!.callback_data);
    await waitForCall("deleteMyCommands", RINA, since);
    await waitForCall("deleteMyCommands", RINA_OTHER, since);
    expect(await ctx.repos.identities.get(`telegram:${RINA}`)).toBeNull();
  });
});
