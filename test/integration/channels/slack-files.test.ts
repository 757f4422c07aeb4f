import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { type SlackPandu, startSlackPandu, testChannelContext } from "../../support/slack-pandu.js";

// Files shared in a Slack direct message reach the flows as Telegram documents and photos do:
// /impor takes a CSV, /selesai a certificate, /umumkan an attachment; Pandu reads them through
// files.info and the file's private URL with its own token, and refuses a file over the size limit
// before downloading it. A broadcast's file is read once and uploaded into each recipient's DM.

const SECRET = "slack-signing-secret-files";
const TOKEN = "xoxb-files-token";
const TEAM = "T01";
const ADMIN = "UADM";
const ANI = "UANI";
const translator = loadTranslations(LOCALES_DIR);
const id = (key: string) => translator.t("id", key);
const ctx = useTestDatabase();
const clock = new Date("2026-12-01T02:00:00Z");
let slack: SlackWebApiEmulator;
let app: App;
let pandu: SlackPandu;
let aniId: string;

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "etika-asn,Etika dan Integritas ASN,ASN Unggul,e-learning,4,M.1:1-2,online,,,https://asn.example.id/etika,,,,",
  "coaching-atasan,Coaching untuk Atasan Langsung,LAN RI,coaching,8,M.6:1-2,online,,,https://lan.example.id/coaching,2027-01-20 09:00,2027-01-20 12:00,WIB,30",
].join("\n");

beforeAll(async () => {
  slack = new SlackWebApiEmulator(Date.now, { token: TOKEN });
  await slack.start();
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    adminIds: [`slack:${TEAM}:${ADMIN}`],
  });
  const ani = await ctx.repos.people.create({
    name: "Ani Lestari",
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    tier: "pengawas",
    unitId: "jambi.bappeda",
    instansiId: "jambi",
    onboardedAt: clock,
  });
  aniId = ani._id;
  await ctx.repos.identities.bind({
    id: `slack:${TEAM}:${ANI}`,
    channel: "slack",
    personId: aniId,
    now: clock,
  });
  const context = testChannelContext(ctx.repos, translator.t.bind(translator), (who, inbound, progress) =>
    app.conversations.handle(who, inbound, progress),
  );
  pandu = await startSlackPandu({
    slack,
    context,
    token: TOKEN,
    secret: SECRET,
    team: TEAM,
    deps: {
      registerFileReader: (read) => app.files.register("slack", read),
      readFile: (f) => app.files.read(f),
    },
  });
});
afterAll(async () => {
  await pandu?.stop();
  await slack?.stop();
});

let deliveries = 0;
/** Posts one signed Slack delivery to the app; each gets its own id, as Slack gives them. */
async function post(body: Record<string, unknown>): Promise<void> {
  const event = { type: "event_callback", team_id: TEAM, event_id: `EvF${++deliveries}`, ...body };
  expect((await pandu.post(JSON.stringify(event), "application/json")).status).toBe(200);
}

/** What Pandu has said in `user`'s direct message, every message's text joined. */
const said = (user: string, from = 0) =>
  slack
    .of("chat.postMessage")
    .filter((c) => c.body.channel === `D${user}`)
    .slice(from)
    .map((c) => String(c.body.text))
    .join("\n");
const count = (user: string) =>
  slack.of("chat.postMessage").filter((c) => c.body.channel === `D${user}`).length;

/** Does something as `user` and waits until Pandu's answer contains `expected`; returns the answer. */
async function expectReply(user: string, act: () => Promise<void>, expected: string): Promise<string> {
  const from = count(user);
  await act();
  return slack.waitFor(() => said(user, from).includes(expected) && said(user, from), 15_000, expected);
}

const command = async (user: string, text: string) =>
  expect((await pandu.command(user, text, `files.${++deliveries}`)).status).toBe(200);
const type = (user: string, text: string) =>
  post({
    event: { type: "message", channel_type: "im", channel: `D${user}`, user, text, ts: `${++deliveries}.1` },
  });
/** Shares files in the person's direct message, with a text if given, as Slack sends it. */
const share = (user: string, files: Record<string, unknown>[], text = "") =>
  post({
    event: {
      type: "message",
      subtype: "file_share",
      channel_type: "im",
      channel: `D${user}`,
      user,
      text,
      files,
      upload: true,
      ts: `${++deliveries}.1`,
    },
  });
const file = (bytes: string | Uint8Array, name: string, mimetype: string, user: string) =>
  slack.fileObject(
    slack.shareFile({
      bytes: typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes,
      name,
      mimetype,
      user,
    }),
  );

describe("files shared in a Slack direct message", () => {
  it("a CSV shared at /impor imports the courses (the file_shared twin of the message is not taken)", async () => {
    await expectReply(ADMIN, () => command(ADMIN, "impor"), "CSV");
    const csv = file(CATALOG, "katalog.csv", "text/csv", ADMIN);
    // Slack sends file_shared for the same file alongside the message: only the message is read.
    await post({ event: { type: "file_shared", file_id: csv.id, user_id: ADMIN, channel_id: `D${ADMIN}` } });
    const reply = await expectReply(ADMIN, () => share(ADMIN, [csv], "ini katalognya"), "Impor selesai");
    expect(reply).toContain("2 pelatihan baru");
    expect((await ctx.repos.courses.get("etika-asn"))?.title).toBe("Etika dan Integritas ASN");
    expect((await ctx.repos.courses.get("coaching-atasan"))?.provider).toBe("LAN RI");
    expect(slack.of("files.info").filter((c) => c.body.file === csv.id)).toHaveLength(1);
    expect(slack.downloads).toEqual([{ file: csv.id, authorized: true }]);
  });

  it("a PDF shared at /selesai's certificate step is attached to the recorded training", async () => {
    await expectReply(ANI, () => command(ANI, "selesai"), "Pelatihan mana");
    await expectReply(ANI, () => type(ANI, "1"), "Kegiatan apa?");
    await expectReply(ANI, () => type(ANI, "coaching — 2 JP"), "nama atau topik");
    await expectReply(ANI, () => type(ANI, "Coaching penyusunan SKP"), "Kapan");
    await expectReply(ANI, () => type(ANI, "2026-11-20"), "jenis apa");
    await expectReply(ANI, () => type(ANI, "Manajerial"), "PDF sertifikatnya");
    const pdf = file("%PDF-1.4 sertifikat", "sertifikat-coaching.pdf", "application/pdf", ANI);
    await expectReply(ANI, () => share(ANI, [pdf]), "nomor sertifikat");
    await expectReply(ANI, () => type(ANI, "lewati"), "Tanggal sertifikatnya");
    expect(await expectReply(ANI, () => type(ANI, "lewati"), "Tercatat")).toContain(
      "Sertifikat Anda tersimpan",
    );
    const [done] = await ctx.repos.completions.listForPerson(aniId);
    expect(done!.certificate).toMatchObject({
      kind: "pdf",
      channel: "slack",
      fileId: pdf.id,
      mime: "application/pdf",
      filename: "sertifikat-coaching.pdf",
    });
    // A koordinator's "Lihat sertifikat" reads it back the same way, with the bot's token.
    const bytes = await app.files.read({ channel: "slack", fileId: String(pdf.id) });
    expect(new TextDecoder().decode(bytes)).toBe("%PDF-1.4 sertifikat");
  });

  it("refuses a file over 5 MB before downloading it, and answers files no step wants as Telegram does", async () => {
    await expectReply(ADMIN, () => command(ADMIN, "impor"), "CSV");
    const big = file(new Uint8Array(5_000_001).fill(0x61), "besar.csv", "text/csv", ADMIN);
    await expectReply(ADMIN, () => share(ADMIN, [big]), id("import-download-failed"));
    expect(slack.downloads.filter((d) => d.file === big.id)).toEqual([]);

    // At a question that wants text, and with an id no Slack file has, the usual answers come.
    await expectReply(ANI, () => command(ANI, "selesai"), "Pelatihan mana");
    const photo = file(new Uint8Array([0xff, 0xd8, 0xff]), "foto.jpg", "image/jpeg", ANI);
    await expectReply(ANI, () => share(ANI, [photo]), id("flow-file-not-expected"));
    await expectReply(ANI, () => share(ANI, [{ ...photo, id: "../../etc/passwd" }]), "berkas belum bisa");

    // The emulator's file URL answers only the bot's token: anyone else is sent to Slack's sign-in.
    const url = String(photo.url_private_download);
    const anonymous = await fetch(url, { redirect: "manual" });
    expect([anonymous.status, anonymous.headers.get("location")]).toEqual([
      302,
      expect.stringMatching(/^\/signin/),
    ]);
    expect((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });

  it("a koordinator's /umumkan with a shared PDF is uploaded into each recipient's DM; a deleted one leaves a note", async () => {
    const KOOR = "UKOOR";
    const BUDI = "UBUDI";
    await ctx.repos.orgUnits.upsertMany(
      [
        ["jambi", null, []],
        ["jambi.bappeda", "jambi", ["jambi"]],
      ].map(([unit, parent, path]) => ({
        _id: unit as string,
        name: `Unit ${unit}`,
        kind: parent ? ("unit" as const) : ("instansi" as const),
        parentId: parent as string | null,
        instansiId: "jambi",
        path: path as string[],
      })),
    );
    for (const [user, name, roles] of [
      [KOOR, "Koordinator Jambi", [{ role: "koordinator" as const, unitId: "jambi", grantedAt: clock }]],
      [BUDI, "Budi Santoso", []],
    ] as const) {
      const p = await ctx.repos.people.create({
        name,
        timeZone: "Asia/Jakarta",
        // The koordinator works outside the scope they announce to: the audience is Ani and Budi.
        unitId: user === KOOR ? "pusat" : "jambi.bappeda",
        instansiId: user === KOOR ? "pusat" : "jambi",
        onboardedAt: clock,
        reminders: { quietStart: "00:00", quietEnd: "00:00" },
        roles: [...roles],
      });
      await ctx.repos.identities.bind({
        id: `slack:${TEAM}:${user}`,
        channel: "slack",
        personId: p._id,
        now: clock,
      });
    }
    /** /umumkan from Slack to everyone in scope, with `pdf` as the attachment (after `tooBig`), sent now. */
    const announce = async (
      message: string,
      pdf: Record<string, unknown>,
      tooBig?: Record<string, unknown>,
    ) => {
      await expectReply(KOOR, () => command(KOOR, "umumkan"), "Tulis pengumuman");
      await expectReply(KOOR, () => type(KOOR, message), "foto atau berkas");
      // A file over 5 MB could not be read again to upload it: it is asked for again.
      if (tooBig) await expectReply(KOOR, () => share(KOOR, [tooBig]), "lebih besar dari 5 MB");
      await expectReply(KOOR, () => share(KOOR, [pdf]), "Untuk siapa");
      await expectReply(KOOR, () => type(KOOR, "Semua orang dalam cakupan saya"), "Minta penerima menjawab");
      await expectReply(KOOR, () => type(KOOR, "Tidak perlu dijawab"), "Kapan dikirim");
      await expectReply(KOOR, () => type(KOOR, "Kirim sekarang"), "Kirim sekarang ke 2 orang");
      await expectReply(KOOR, () => type(KOOR, "ya"), "dikirim ke 2 orang");
    };
    // The Slack outbox sends from here on (a stopped dispatcher gives its lease up for good).
    pandu.channel.dispatcher.start();
    onTestFinished(() => pandu.channel.dispatcher.stop());
    const deliver = <T>(done: () => T | undefined | false, what: string) => slack.waitFor(done, 15_000, what);

    const text = "Undangan rapat koordinasi SKP, Senin 09.00 di aula Bappeda.";
    const invitation = file("%PDF-1.4 undangan", "undangan-rapat.pdf", "application/pdf", KOOR);
    const big = file(new Uint8Array(5_000_001), "besar.pdf", "application/pdf", KOOR);
    await announce(text, invitation, big);
    // Not read at the step: the reference is kept, and the bytes are read when sending.
    expect(slack.downloads.filter((d) => d.file === invitation.id || d.file === big.id)).toEqual([]);
    await deliver(
      () => slack.uploadsTo(`D${ANI}`).length + slack.uploadsTo(`D${BUDI}`).length >= 2,
      "two uploads",
    );
    for (const user of [ANI, BUDI]) {
      const [upload] = slack.uploadsTo(`D${user}`);
      expect(upload).toMatchObject({ filename: "undangan-rapat.pdf", initialComment: text });
      expect(upload!.bytes.toString()).toBe("%PDF-1.4 undangan");
    }
    // Read once for both recipients (files.info and the download), and no message besides the file.
    expect(slack.of("files.info").filter((c) => c.body.file === invitation.id)).toHaveLength(1);
    expect(slack.downloads.filter((d) => d.file === invitation.id)).toEqual([
      { file: invitation.id, authorized: true },
    ]);
    expect(slack.of("chat.postMessage").filter((c) => String(c.body.text).startsWith("Undangan"))).toEqual(
      [],
    );

    // A file deleted after it was shared, before the broadcast goes out: the text still goes, with
    // a note, to both.
    const gone = file("%PDF-1.4 denah", "denah.pdf", "application/pdf", KOOR);
    slack.deleteFile(String(gone.id));
    await announce("Denah lokasi pelatihan terlampir.", gone);
    const noted = () =>
      slack.of("chat.postMessage").filter((c) => String(c.body.text).startsWith("Denah lokasi pelatihan"));
    await deliver(() => noted().length >= 2 && noted(), "the text with a note");
    expect(
      noted()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual([ANI, BUDI]);
    for (const c of noted()) expect(String(c.body.text)).toContain("tidak dapat dikirim lagi");
    expect(slack.uploads.filter((u) => u.filename === "denah.pdf")).toEqual([]);
    expect(slack.of("files.info").filter((c) => c.body.file === gone.id)).toHaveLength(1);
  });
});
