import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";

// Flows in Slack modals: /pandu selesai, umumkan and profil open a modal whose every submission is
// one answer to the flow, checked as the chat checks it; the emulator holds Slack's views.

const SECRET = "slack-signing-secret-modals";
const TOKEN = "xoxb-modals-token";
const TEAM = "T01";
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const clock = new Date("2026-12-01T02:00:00Z");
let slack: SlackWebApiEmulator;
let app: App;
let pandu: SlackPandu;
/** How long the app answers a submission in time; 0 makes it show "working" and update later. */
let answerInTimeMs = 2_500;
const { cmd, text, all } = chatDriver(() => app);
const ANI = "U1";
const sl = (user: string): IncomingIdentity => ({ id: `slack:${TEAM}:${user}`, channel: "slack" });
const endpoint = () => ({ baseUrl: `http://127.0.0.1:${pandu.http.port}`, secret: SECRET, team: TEAM });

/** A person in Jambi's Bappeda with an identity, as registration leaves them. */
async function person(name: string, identity: IncomingIdentity): Promise<string> {
  const p = await ctx.repos.people.create({
    name,
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    tier: "pelaksana",
    unitId: "jambi.bappeda",
    instansiId: "jambi",
    onboardedAt: clock,
  });
  await ctx.repos.identities.bind({
    id: identity.id,
    channel: identity.channel,
    personId: p._id,
    now: clock,
  });
  return p._id;
}

beforeAll(async () => {
  slack = new SlackWebApiEmulator(Date.now, { token: TOKEN });
  await slack.start();
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  const context = testChannelContext(ctx.repos, translator.t.bind(translator), (who, inbound, progress) =>
    app.conversations.handle(who, inbound, progress),
  );
  pandu = await startSlackPandu({
    slack,
    context,
    token: TOKEN,
    secret: SECRET,
    team: TEAM,
    deps: { modalAnswerInTimeMs: () => answerInTimeMs },
  });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

/** `/pandu <text>` typed by `user`, with a trigger id Slack issued for it. */
const command = (user: string, commandText: string) =>
  pandu.command(user, commandText, slack.views.issueTrigger(user));

type Block = { type: string; block_id?: string; text?: { text: string }; element?: { options?: Opt[] } };
type Opt = { text: { text: string }; value: string };
const top = (user: string) => slack.views.topOf(user)!.view as { blocks: Block[]; submit?: unknown };
/** Everything the modal on top says, as one text. */
const shown = (user: string) =>
  top(user)
    .blocks.map((b) => b.text?.text ?? "")
    .join("\n");
/** The answer field's option whose label starts with `label`. */
function option(user: string, label: string): { selected_option: { value: string } } {
  const options = top(user).blocks.find((b) => b.block_id === "answer")?.element?.options ?? [];
  const found = options.find((o) => o.text.text.startsWith(label));
  if (!found) throw new Error(`no option ${label} in ${options.map((o) => o.text.text).join(", ")}`);
  return { selected_option: { value: found.value } };
}
const submit = (user: string, values: Record<string, Record<string, unknown>>) =>
  slack.views.submit(endpoint(), user, values);
/** The texts posted to `user`'s direct message so far. */
const dm = (user: string) =>
  slack
    .of("chat.postMessage")
    .filter((c) => c.body.channel === `D${user}` && c.result.ok)
    .map((c) => String(c.body.text));

describe("the Slack emulator's modals refuse what Slack refuses", () => {
  it("a missing, unknown or reused trigger, a title or button over 24 characters, inputs without submit", async () => {
    const open = async (body: Record<string, unknown>) => {
      const res = await fetch(`${slack.apiUrl}views.open`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(body),
      });
      return (await res.json()) as { ok: boolean; error?: string };
    };
    const title = (text: string) => ({ type: "plain_text", text });
    const input = { type: "input", label: title("Jawaban"), element: { type: "plain_text_input" } };
    const view = { type: "modal", title: title("Pandu"), submit: title("Lanjut"), blocks: [input] };
    expect(await open({ view })).toEqual({ ok: false, error: "invalid_arguments" });
    expect(await open({ trigger_id: "1.U9.made-up", view })).toEqual({
      ok: false,
      error: "invalid_trigger_id",
    });
    const trigger = slack.views.issueTrigger("U9");
    expect(
      await open({ trigger_id: trigger, view: { ...view, title: title("x".repeat(25)) } }),
    ).toMatchObject({
      error: "invalid_arguments",
    });
    expect(await open({ trigger_id: trigger, view: { ...view, submit: undefined } })).toMatchObject({
      error: "invalid_arguments",
    });
    expect(await open({ trigger_id: trigger, view })).toMatchObject({ ok: true });
    expect(await open({ trigger_id: trigger, view })).toEqual({ ok: false, error: "exchanged_trigger_id" });
    slack.views.open.clear();
  });
});

describe("flows in Slack modals", () => {
  it("records a training from the /selesai modal as the chat does, a future date refused on its field", async () => {
    const aniId = await person("Ani Lestari", sl(ANI));
    await command(ANI, "selesai");
    await slack.waitFor(() => slack.views.topOf(ANI), 10_000, "the /selesai modal");
    expect(shown(ANI)).toContain("Pelatihan mana yang sudah Anda selesaikan?");
    await submit(ANI, { answer: option(ANI, "Kegiatan lain") });
    expect(shown(ANI)).toContain("Kegiatan apa?");
    await submit(ANI, { answer: option(ANI, "Coaching") });
    await submit(ANI, { answer: { value: "Coaching penyusunan SKP" } });
    expect(shown(ANI)).toContain("Kapan kegiatan itu selesai?");
    // A date after today comes back on the field, and the modal stays at the question.
    const future = await submit(ANI, { answer: { selected_date: "2026-12-24" } });
    expect(future.errors?.answer).toContain("terlalu jauh");
    expect(shown(ANI)).toContain("Kapan kegiatan itu selesai?");
    await submit(ANI, { answer: { selected_date: "2026-11-20" } });
    await submit(ANI, { answer: option(ANI, "Manajerial") });
    // The certificate is a file: the modal offers to skip it.
    expect(shown(ANI)).toContain("belum bisa menerima berkas");
    await submit(ANI, {});
    expect(shown(ANI)).toContain('Tercatat: "Coaching penyusunan SKP", 2 JP');
    expect(top(ANI).submit).toBeUndefined();
    // Closing the last view says nothing: the flow is over.
    expect(await slack.views.close(endpoint(), ANI)).toBeUndefined();

    // The same answers in the chat record the same completion.
    const budi = { id: "telegram:71", channel: "telegram" as const };
    const budiId = await person("Budi Santoso", budi);
    await cmd(budi, "selesai");
    for (const answer of [
      "1",
      "coaching — 2 JP",
      "Coaching penyusunan SKP",
      "2026-11-20",
      "Manajerial",
      "lewati",
    ])
      await text(budi, answer);
    const [viaModal] = await ctx.repos.completions.listForPerson(aniId);
    const [viaChat] = await ctx.repos.completions.listForPerson(budiId);
    const same = (c: typeof viaModal) => {
      const { _id, personId, createdAt, updatedAt, ...rest } = c as unknown as Record<string, unknown>;
      void [_id, personId, createdAt, updatedAt];
      return rest;
    };
    expect(viaModal).toMatchObject({ title: "Coaching penyusunan SKP", jp: 2, year: 2026 });
    expect(same(viaModal)).toEqual(same(viaChat));
  });

  it("refuses the /umumkan modal to someone without the koordinator role, as the chat does", async () => {
    const opened = slack.of("views.open").length;
    await command(ANI, "umumkan");
    await slack.waitFor(() => dm(ANI).some((t) => t.includes("/umumkan hanya untuk petugas")), 10_000);
    expect(slack.of("views.open")).toHaveLength(opened);
    expect(all(await cmd(sl(ANI), "umumkan"))).toContain("/umumkan hanya untuk petugas");
  });

  it("sends a koordinator's announcement composed in the /umumkan modal, and ends it when the role is revoked mid-way", async () => {
    await ctx.repos.orgUnits.upsertMany([
      {
        _id: "jambi",
        name: "Provinsi Jambi",
        kind: "instansi",
        parentId: null,
        instansiId: "jambi",
        path: [],
      },
      {
        _id: "jambi.bappeda",
        name: "Bappeda",
        kind: "unit",
        parentId: "jambi",
        instansiId: "jambi",
        path: ["jambi"],
      },
    ]);
    const KOORD = "U4";
    const koordId = await person("Kusuma", sl(KOORD));
    await ctx.repos.people.setRoles(koordId, [{ role: "koordinator", unitId: "jambi", grantedAt: clock }]);
    await command(KOORD, "umumkan");
    await slack.waitFor(() => slack.views.topOf(KOORD), 10_000, "the /umumkan modal");
    expect(shown(KOORD)).toContain("Tulis pengumuman Anda");
    await submit(KOORD, { answer: { value: "Rapat evaluasi diundur ke Kamis." } });
    // The attachment is asked for, and a modal cannot take a file: it offers to go on without one.
    expect(shown(KOORD)).toContain("Formulir ini belum bisa menerima berkas");
    await submit(KOORD, {});
    expect(shown(KOORD)).toContain("Untuk siapa pengumuman ini?");
    await submit(KOORD, { answer: option(KOORD, "Semua orang") });
    await submit(KOORD, { answer: option(KOORD, "Tidak perlu dijawab") });
    await submit(KOORD, { answer: option(KOORD, "Kirim sekarang") });
    expect(shown(KOORD)).toContain("Kirim sekarang ke");
    await submit(KOORD, { answer: option(KOORD, "Ya") });
    expect(shown(KOORD)).toMatch(/dikirim ke \d+ orang/);
    const [sent] = await ctx.repos.broadcasts.list(koordId, 10, clock);
    expect(sent?.text).toBe("Rapat evaluasi diundur ke Kamis.");
    await slack.views.close(endpoint(), KOORD);

    // The role is checked again at every step, as in the chat: revoked mid-way, the flow ends.
    await command(KOORD, "umumkan");
    await slack.waitFor(() => slack.views.topOf(KOORD), 10_000, "the second /umumkan modal");
    await ctx.repos.people.setRoles(koordId, []);
    await submit(KOORD, { answer: { value: "Pengumuman yang tidak jadi dikirim." } });
    expect(shown(KOORD)).toContain("tidak lagi Anda pegang");
    expect(await ctx.repos.broadcasts.list(koordId, 10, clock)).toHaveLength(1);
  });

  it("changes the name from the /profil modal, and closing it keeps the run for the chat", async () => {
    await command(ANI, "profil");
    await slack.waitFor(() => slack.views.topOf(ANI)?.view.title, 10_000, "the /profil modal");
    expect(shown(ANI)).toContain("Apa yang ingin Anda ubah?");
    await submit(ANI, { answer: option(ANI, "Nama") });
    const refused = await submit(ANI, { answer: { value: "A1" } });
    expect(refused.errors?.answer).toBeTruthy();
    // An answer later than Slack waits for: the modal says it is working, then shows what follows.
    answerInTimeMs = 0;
    try {
      const working = await submit(ANI, { answer: { value: "Ani Lestari Putri" } });
      expect(JSON.stringify(working.response?.view)).toContain("Sedang diproses");
      await slack.waitFor(() => shown(ANI).includes("Apa yang ingin Anda ubah?"), 10_000, "the update");
    } finally {
      answerInTimeMs = 2_500;
    }
    expect(slack.of("views.update").at(-1)?.result).toMatchObject({ ok: true });
    const identity = await ctx.repos.identities.get(sl(ANI).id);
    expect((await ctx.repos.people.get(identity!.personId))!.name).toBe("Ani Lestari Putri");
    const aniMetadata = slack.views.topOf(ANI)!.view.private_metadata;
    await slack.views.close(endpoint(), ANI);
    await slack.waitFor(() => dm(ANI).some((t) => t.includes("Formulir ditutup")), 10_000);
    // A modal whose metadata names someone else's run answers nothing in it.
    const CITRA = "U3";
    await person("Citra Dewi", sl(CITRA));
    await command(CITRA, "profil");
    await slack.waitFor(() => slack.views.topOf(CITRA), 10_000, "Citra's modal");
    slack.views.topOf(CITRA)!.view.private_metadata = aniMetadata;
    await submit(CITRA, { answer: option(CITRA, "Nama") });
    expect(shown(CITRA)).toContain("milik percakapan orang lain");
    // The chat goes on with the same run, at the question the modal showed.
    expect(all(await text(sl(ANI), "Selesai, tidak ada lagi"))).toContain("Profil Anda tersimpan");
  });
});
