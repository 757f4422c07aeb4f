import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { seedDemoIfEmpty } from "../../../src/services/demo-seed.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * Finding 11 of the security review (issue "Trust"): "Erasure and export gaps: broadcasts keep
 * their author's person and chat identity after `/hapusdata`; `/dataku` leaves out audit entries
 * about the person and open conversations; anonymous answers sit on the named invitation while a
 * survey is in progress."
 *
 * A coordinator who was granted her role by an admin writes a broadcast, leaves a conversation
 * open, asks for her data with /dataku, then erases it with /hapusdata. The export holds what was
 * done about her and the open conversation; after erasure the broadcast names neither her person
 * nor her chat account; both requests are audited. (The anonymous-answer token is still open; see
 * the README's Security table.)
 */
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string, args?: Record<string, string | number>) => translator.t("id", key, args);
const ctx = useTestDatabase();
let app: App;
const { cmd, text, press, all, onboard } = chatDriver(() => app);
const tg = (n: number): IncomingIdentity => ({ id: `telegram:${n}`, channel: "telegram" });
const SARI = { who: tg(1), name: "Sari Puspita", nip: "198203142008012005" };
const ADMIN = tg(9);
let sari: string;

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), adminIds: [ADMIN.id] });
  await seedDemoIfEmpty(app.repos, app.seedFile);
  await onboard(SARI.who, SARI.name, SARI.nip);
  sari = (await ctx.repos.identities.get(SARI.who.id))!.personId;
  await cmd(ADMIN, "peran", `beri ${SARI.nip} koordinator jambi.dinkes`);
  expect((await ctx.repos.people.get(sari))!.roles).toContainEqual(
    expect.objectContaining({ role: "koordinator", unitId: "jambi.dinkes" }),
  );
  await cmd(SARI.who, "umumkan");
  for (const answer of [
    "Bimtek SAKIP dimulai Senin.",
    "Lewati",
    "Semua orang dalam cakupan saya",
    "Tidak perlu dijawab",
  ])
    await text(SARI.who, answer);
  await text(SARI.who, "Kirim sekarang");
  expect(all(await text(SARI.who, "ya"))).toMatch(/dikirim ke \d+ orang/);
});

describe("a person exercising their rights", () => {
  it("gets the audit entries about them and their open conversations in /dataku", async () => {
    await cmd(SARI.who, "profil");
    const [reply] = await cmd(SARI.who, "dataku");
    expect(reply!.text).toContain(id("privacy-export-caption"));
    const data = JSON.parse(new TextDecoder().decode(reply!.media!.bytes));
    // The role grant an admin made about her, without naming the admin.
    expect(data.audit).toContainEqual(
      expect.objectContaining({ action: "role.grant", about: true, details: expect.anything() }),
    );
    expect(JSON.stringify(data.audit)).not.toContain(ADMIN.id);
    expect(data.conversations.map((c: { flow: string }) => c.flow)).toEqual(["profil"]);
    expect((await ctx.repos.audit.list({ action: "privacy.export" })).at(0)).toMatchObject({
      actorPersonId: sari,
      outcome: "ok",
    });
    await cmd(SARI.who, "batal");
  });

  it("leaves no authorship on her broadcasts after /hapusdata", async () => {
    const [ask] = await cmd(SARI.who, "hapusdata");
    expect(all(await press(SARI.who, ask!.choices![0]![0]!.data))).toBe(id("privacy-erase-done"));
    const broadcasts = await ctx.db.models.Broadcast.find({}).lean().exec();
    expect(broadcasts).toHaveLength(1);
    // The text stays (its audience got it); who wrote it does not.
    expect(broadcasts[0]!.text).toBe("Bimtek SAKIP dimulai Senin.");
    expect(broadcasts[0]!.createdBy).toBeUndefined();
    expect(broadcasts[0]!.createdByIdentity).toBe("erased");
    expect(JSON.stringify(broadcasts)).not.toContain(sari);
    expect(JSON.stringify(broadcasts)).not.toContain(SARI.who.id);
    expect((await ctx.repos.audit.list({ action: "privacy.erase" })).at(0)).toMatchObject({
      outcome: "ok",
      targetId: sari,
    });
  });
});
