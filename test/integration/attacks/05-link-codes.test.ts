import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import {
  LINK_CODE_TTL_MS,
  LINK_MAX_FAILURES,
  LINK_MAX_FAILURES_GLOBAL,
  normalizeCode,
} from "../../../src/features/linking/linking.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 5 of the security review (issue "Trust"): "`/tautkan` codes are 6 digits in one shared
 * pool with lockout per identity only: with many accounts an attacker can hit a live code and link
 * to someone's person (then `/dataku`, `/hapusdata`, their roles); the person is not told."
 *
 * The attacker types codes from many Slack accounts; the victim (telegram:1) has a live code. The
 * guesses are refused with the tries left, then every linking pauses; each wrong code is audited;
 * even the right code links only once the victim's own account approves, and every account of the
 * person hears of a new link.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const MINUTES = LINK_CODE_TTL_MS / 60_000;
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
const { send, cmd, all, onboard } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const sl = (user: string): IncomingIdentity => ({ id: `slack:T01:${user}`, channel: "slack" });
const refusals = async () =>
  (await ctx.repos.audit.list({ action: "identity.link-refused", limit: 500 })).filter(
    (a) => a.outcome === "refused",
  );

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(tg(1), "Sri Wahyuni", "198203142008012005");
});

describe("guessing a live /tautkan code to link to someone's person", () => {
  const codeOf = (out: Outbound[]) => /([A-Z2-9]{5}-[A-Z2-9]{5})/.exec(all(out))![1]!;
  /** The buttons of a stored message (rows are stored as `rows: [{ buttons }]`: FerretDB has no nested arrays). */
  const buttonsOf = (m: unknown) =>
    ((m as { rows?: { buttons: { data: string }[] }[] }).rows ?? []).flatMap((r) => r.buttons);
  /** The latest message the outbox holds for an account, with its buttons. */
  // Each test on its own minute, so "the latest message" is this test's.
  beforeEach(() => advance(1));
  const waitingFor = async (identityId: string, purpose: string) =>
    (await ctx.db.models.Delivery.find({ identityId, purpose }).sort({ createdAt: -1 }).lean().exec()).at(0)
      ?.message;

  it("links only after the account that asked for the code approves, and tells every account", async () => {
    const code = codeOf(await cmd(tg(1), "tautkan"));
    expect(code).toMatch(/^[A-HJKMNP-TW-Z2-9]{5}-[A-HJKMNP-TW-Z2-9]{5}$/);
    // Typed in lower case, with a space instead of the dash: still the code.
    const pending = all(await cmd(sl("U1"), "tautkan", code.toLowerCase().replace("-", " ")));
    expect(pending).toContain(id("link-pending", { minutes: MINUTES }));
    expect(await ctx.repos.identities.get("slack:T01:U1")).toBeNull();
    // Someone else typing the same code now gets nothing: one use, and the try is audited.
    const before = (await refusals()).length;
    expect(all(await cmd(sl("U2"), "tautkan", code))).toContain(
      id("link-code-wrong", { left: LINK_MAX_FAILURES - 1 }),
    );
    expect(await refusals()).toHaveLength(before + 1);
    expect((await refusals())[0]).toMatchObject({ actorIdentityId: "slack:T01:U2" });
    const ask = (await waitingFor("telegram:1", "link.approve"))!;
    expect(ask.text).toContain("akun Slack");
    const approve = buttonsOf(ask)[0]!.data;
    // Pressed from the account that wants in (or anyone else), the button links nothing.
    expect(all(await send(sl("U1"), { kind: "button", data: approve }))).not.toContain("tertaut");
    expect(await ctx.repos.identities.get("slack:T01:U1")).toBeNull();
    expect(all(await send(tg(1), { kind: "button", data: approve }))).toContain("kini tertaut");
    const person = (await ctx.repos.identities.get("telegram:1"))!.personId;
    expect((await ctx.repos.identities.listForPerson(person)).map((i) => i._id)).toEqual([
      "slack:T01:U1",
      "telegram:1",
    ]);
    expect((await waitingFor("slack:T01:U1", "link.done"))!.text).toContain("sudah tertaut");
    expect(all(await cmd(sl("U1"), "start"))).toContain("Selamat datang kembali");
    // A second press decides nothing twice.
    expect(all(await send(tg(1), { kind: "button", data: approve }))).toContain("tidak berlaku");
  });

  it("tells the other linked accounts when a third joins, and a declined link joins nothing", async () => {
    const code = codeOf(await cmd(tg(1), "tautkan"));
    await cmd(tg(7), "tautkan", code);
    const ask = (await waitingFor("telegram:1", "link.approve"))!;
    const decline = buttonsOf(ask)[1]!.data;
    expect(all(await send(tg(1), { kind: "button", data: decline }))).toContain("tidak ditautkan");
    expect(await ctx.repos.identities.get("telegram:7")).toBeNull();
    expect((await waitingFor("telegram:7", "link.declined"))!.text).toBe(id("link-declined-told"));

    const again = codeOf(await cmd(sl("U1"), "tautkan"));
    await cmd(tg(8), "tautkan", again);
    const approve = buttonsOf((await waitingFor("slack:T01:U1", "link.approve"))!)[0]!.data;
    expect(all(await send(sl("U1"), { kind: "button", data: approve }))).toContain("kini tertaut");
    expect((await waitingFor("telegram:1", "link.notice"))!.text).toBe(
      id("link-notice", { channel: "Telegram" }),
    );
  });

  it("refuses an expired code", async () => {
    const code = codeOf(await cmd(tg(1), "tautkan"));
    advance(11);
    expect(all(await cmd(sl("U3"), "tautkan", code))).toContain("kedaluwarsa");
    expect(await ctx.repos.identities.get("slack:T01:U3")).toBeNull();
  });

  it("locks an account out after five wrong codes, even when the sixth is right", async () => {
    const code = codeOf(await cmd(tg(1), "tautkan"));
    const wrong = code.startsWith("A") ? "BBBBB-BBBBB" : "AAAAA-AAAAA";
    const replies: string[] = [];
    for (let i = 0; i < 5; i++) replies.push(all(await cmd(sl("U4"), "tautkan", wrong)));
    expect(replies.slice(0, 4).map((r) => /Sisa percobaan: (\d)/.exec(r)?.[1])).toEqual(["4", "3", "2", "1"]);
    expect(replies[4]).toBe(id("link-locked", { minutes: MINUTES }));
    expect(all(await cmd(sl("U4"), "tautkan", code))).toBe(id("link-locked", { minutes: MINUTES }));
    expect(await ctx.repos.identities.get("slack:T01:U4")).toBeNull();
    expect((await refusals()).filter((a) => a.actorIdentityId === "slack:T01:U4")).toHaveLength(5);
  });

  it("pauses all linking when many accounts together type wrong codes (guessing with many accounts)", async () => {
    // The earlier tests' wrong codes out of the window: the attack starts from none.
    advance(MINUTES + 1);
    const code = codeOf(await cmd(tg(1), "tautkan"));
    const before = (await refusals()).length;
    // Four tries from each account, one under its own lockout: only the shared limit stops them.
    for (let n = 0; n < LINK_MAX_FAILURES_GLOBAL; n++)
      await cmd(sl(`G${Math.floor(n / (LINK_MAX_FAILURES - 1))}`), "tautkan", "CCCCC-CCCCC");
    expect(await refusals()).toHaveLength(before + LINK_MAX_FAILURES_GLOBAL);
    // Now even the live code, typed by anyone, links nothing.
    expect(all(await cmd(sl("U5"), "tautkan", code))).toBe(id("link-busy", { minutes: MINUTES }));
    // The code was not even spent: no approval was asked of the person.
    expect(await ctx.repos.linkCodes.find(normalizeCode(code)!, clock)).not.toBeNull();
    expect(await ctx.repos.identities.get("slack:T01:U5")).toBeNull();
    advance(MINUTES + 1);
    const fresh = codeOf(await cmd(tg(1), "tautkan"));
    expect(all(await cmd(sl("U5"), "tautkan", fresh))).toContain(id("link-pending", { minutes: MINUTES }));
  });
});
