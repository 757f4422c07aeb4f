import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { INVITATION_DAYS, inviteButton } from "../../../src/features/deep-links/invitations.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Deep links (issue 21): `/start <payload>` with signed, expiring payloads. An admin's registration
 * link lands a new person in its instansi with that question skipped; a tampered or expired link
 * is refused with an explanation and changes nothing; `/tautkan` offers a link that, opened from
 * the other account, starts linking exactly as typing the code does.
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const advanceDays = (days: number) => {
  clock = new Date(clock.getTime() + days * 86_400_000);
};
const ADMIN = "telegram:9";
const { cmd, text, press, all, onboard } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const sl = (user: string): IncomingIdentity => ({ id: `slack:T01:${user}`, channel: "slack" });
const payloadOf = (out: Outbound[]) => /t\.me\/PanduBot\?start=([A-Za-z0-9_-]+)/.exec(all(out))?.[1];
const runsOf = (who: IncomingIdentity) => ctx.repos.flowRuns.listForPerson(who.id);
let invitation = "";

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [ADMIN],
  });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  // What the Telegram channel tells the app when it starts (getMe).
  app.deepLinks.useTelegramBot("PanduBot");
});

describe("a registration link made by an admin", () => {
  it("is made for a unit in the admin's scope, as a link and a QR code image", async () => {
    const choose = await cmd(tg(9), "undangan");
    const labels = choose.flatMap((o) => o.choices ?? []).flat();
    expect(labels.map((c) => c.label)).toContain("Pemerintah Kota Mataram");
    const made = await press(tg(9), inviteButton.pack("make", "mataram"));
    invitation = payloadOf(made)!;
    expect(invitation.length).toBeLessThanOrEqual(64);
    expect(all(made)).toContain("Pemerintah Kota Mataram");
    const qr = made[0]!.media!;
    expect(qr).toMatchObject({ kind: "photo", mime: "image/png" });
    expect(Buffer.from(qr.bytes).subarray(1, 4).toString()).toBe("PNG");
    expect(await ctx.repos.audit.list({ action: "invitation.created", limit: 5 })).toHaveLength(1);
  });

  it("lands a new person in that instansi without asking it; they still choose their unit", async () => {
    const u = tg(101);
    expect(all(await cmd(u, "start", invitation))).toContain("Apakah Anda setuju?");
    await text(u, "ya");
    await text(u, "Dewi Lestari");
    expect(all(await text(u, "198703032010012003"))).toContain("kode aktivasi");
    const placed = all(await text(u, "tidak"));
    expect(placed).toContain(id("onboarding-invited", { unit: "Pemerintah Kota Mataram" }));
    expect(placed).not.toContain("Di instansi mana");
    expect(placed).toContain("Pilih unit kerja Anda");
    // Only Mataram's units are offered.
    expect(all(await text(u, "Dinas Kesehatan"))).not.toContain("Bidang Pelayanan Kesehatan");
    await text(u, "Kecamatan Ampenan");
    await text(u, "Kepala Seksi");
    let last = all(await text(u, "Kepala Seksi"));
    if (/Apa jabatan/.test(last)) last = all(await text(u, "1"));
    for (const a of ["ya", "Bahasa Indonesia"]) await text(u, a);
    expect(all(await text(u, "1,2"))).toContain("Pendaftaran selesai");
    const person = await ctx.repos.people.get((await ctx.repos.identities.get(u.id))!.personId);
    expect(person).toMatchObject({ instansiId: "mataram", unitId: "mataram.ampenan", unverified: true });
  });

  it("tells a registered person they are registered already", async () => {
    expect(all(await cmd(tg(101), "start", invitation))).toContain(id("deeplink-already-registered"));
  });

  it("refuses a tampered link and an expired one with an explanation, and starts nothing", async () => {
    const u = tg(102);
    const i = 10;
    const tampered = invitation.slice(0, i) + (invitation[i] === "a" ? "b" : "a") + invitation.slice(i + 1);
    expect(all(await cmd(u, "start", tampered))).toBe(id("deeplink-invalid"));
    // Another unit's id under Mataram's signature.
    expect(all(await cmd(u, "start", invitation.replace(/mataram$/, "jambi")))).toBe(id("deeplink-invalid"));
    expect(all(await cmd(u, "start", "bukan-tautan"))).toBe(id("deeplink-invalid"));
    expect(await runsOf(u)).toEqual([]);
    advanceDays(INVITATION_DAYS);
    expect(all(await cmd(u, "start", invitation))).toBe(id("deeplink-expired"));
    expect(await runsOf(u)).toEqual([]);
    expect(await ctx.repos.identities.get(u.id)).toBeNull();
  });

  it("is refused for a unit outside the admin's scope", async () => {
    await onboard(tg(30), "Admin Jambi", "198001012005011001");
    const person = (await ctx.repos.identities.get("telegram:30"))!.personId;
    await ctx.repos.people.update(person, {
      roles: [{ role: "admin", unitId: "jambi", grantedAt: clock }],
    } as never);
    app.conversations.invalidate("telegram:30");
    // The admin's scope is one instansi: the link comes at once.
    expect(all(await cmd(tg(30), "undangan"))).toContain("Pemerintah Provinsi Jambi");
    expect(all(await press(tg(30), inviteButton.pack("make", "mataram")))).toBe(id("invite-out-of-scope"));
  });
});

describe("/tautkan as a link", () => {
  it("offers the code as a t.me link and button; opened from the other account it asks for approval", async () => {
    const slack = sl("U7");
    await onboard(slack, "Rudi Hartono", "198502022010011004");
    const issued = await cmd(slack, "tautkan");
    const payload = payloadOf(issued)!;
    const button = issued.flatMap((o) => o.choices ?? []).flat()[0]!;
    expect(button.url).toBe(`https://t.me/PanduBot?start=${payload}`);
    // Opened in Telegram: the same as typing `/tautkan KODE` there.
    const phone = tg(107);
    expect(all(await cmd(phone, "start", payload))).toContain(id("link-pending", { minutes: 10 }));
    const ask = (
      await ctx.db.models.Delivery.find({ identityId: slack.id, purpose: "link.approve" }).lean().exec()
    )[0]!.message as { rows?: { buttons: { data: string }[] }[] };
    const approve = ask.rows![0]!.buttons[0]!.data;
    expect(all(await press(slack, approve))).toContain("Telegram");
    const rudi = (await ctx.repos.identities.get(slack.id))!.personId;
    expect((await ctx.repos.identities.get(phone.id))?.personId).toBe(rudi);
    // One use, as a typed code: opening it again links nothing.
    expect(all(await cmd(tg(108), "start", payload))).toContain("tidak cocok");
  });

  it("links to nothing once the code's ten minutes are over", async () => {
    const issued = await cmd(sl("U7"), "tautkan");
    const payload = payloadOf(issued)!;
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect(all(await cmd(tg(109), "start", payload))).toBe(id("deeplink-expired"));
  });
});

describe("a link that opens a command", () => {
  it("opens /hasil for a registered person and asks a stranger to register; other commands cannot be linked", async () => {
    const url = app.deepLinks.openCommand("pelatihan")!;
    const payload = url.split("start=")[1]!;
    expect(all(await cmd(tg(101), "start", payload))).toContain("JP");
    expect(all(await cmd(tg(110), "start", payload))).toBe(id("onboarding-needed"));
    expect(app.deepLinks.openCommand("peran")).toBe(undefined);
  });
});
