import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { slackChannelLister } from "../../../src/channels/slack/channels.js";
import { createSlackSender } from "../../../src/channels/slack/sender.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Role } from "../../../src/db/models/index.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import type { IncomingFile, Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { SlackWebApiEmulator } from "../../support/slack-emulator.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0008";
let app: App;
let tg: TelegramEmulator;
let slack: SlackWebApiEmulator;
// The app's clock runs with real time, shifted by `offset` (a scheduled broadcast's time comes).
let offset = 0;
const now = () => new Date(Date.now() + offset);
const { cmd, text, press, all, send } = chatDriver(() => app);
const ids: Record<string, string> = {};
let chat = 9000;
const COORD: IncomingIdentity = { id: "telegram:8999", channel: "telegram" };
const SESSION = "bimtek-sakip@202612100900";
const LATER_SESSION = "bimtek-sakip@202701140900";

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BKPSDM Kota Mataram,bimtek,24,M.4:2-3,online,,,,2026-12-10 09:00,2026-12-10 16:00,WITA,40",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BKPSDM Kota Mataram,bimtek,24,M.4:2-3,online,,,,2027-01-14 09:00,2027-01-14 16:00,WITA,40",
].join("\n");
const UNITS = "Unit tertentu (satu atau beberapa)";

async function person(
  key: string,
  p: {
    unitId: string;
    tier?: string;
    regionId?: string;
    assessed?: boolean;
    jp?: number;
    onboarded?: boolean;
  },
  roles: { role: Role; unitId: string }[] = [],
  identity?: string,
) {
  const created = await ctx.repos.people.create({
    name: key,
    timeZone: "Asia/Makassar",
    unitId: p.unitId,
    instansiId: p.unitId.split(".")[0]!,
    ...(p.tier ? { tier: p.tier } : {}),
    ...(p.regionId ? { regionId: p.regionId } : {}),
    ...(p.onboarded === false ? {} : { onboardedAt: new Date("2026-01-05T00:00:00Z") }),
    // No quiet hours: "send now" must not wait for the morning when the suite runs at night.
    reminders: { quietStart: "00:00", quietEnd: "00:00" },
    roles: roles.map((r) => ({ ...r, grantedAt: new Date() })),
  });
  await ctx.repos.people.setStatus(created._id, {
    ...(p.assessed ? { assessedAt: new Date("2026-06-01T00:00:00Z"), gapCount: 2 } : {}),
    jpYear: now().getFullYear(),
    jpTotal: p.jp ?? 0,
  });
  const id = identity ?? `telegram:${chat++}`;
  await ctx.repos.identities.bind({
    id,
    channel: id.startsWith("slack:") ? "slack" : "telegram",
    personId: created._id,
    now: new Date(),
  });
  ids[key] = created._id;
}

const unit = (id: string, parent: string | null, path: string[]) => ({
  _id: id,
  name: `Unit ${id}`,
  kind: parent ? ("unit" as const) : ("instansi" as const),
  parentId: parent,
  instansiId: path[0] ?? id,
  path,
});

/**
 * Runs /umumkan with `message` (and a file, or "lewati" where the file is asked) to the audience
 * chosen by `choices`; returns the preview count and the answer.
 */
async function announce(
  message: string,
  choices: string[],
  when: string[] = ["Kirim sekarang", "ya"],
  opts: { who?: IncomingIdentity; file?: IncomingFile } = {},
) {
  const who = opts.who ?? COORD;
  await cmd(who, "batal");
  await cmd(who, "umumkan");
  let last = await text(who, message);
  if (/foto atau berkas/.test(all(last))) {
    last = opts.file ? await send(who, { kind: "file", file: opts.file }) : await text(who, "lewati");
  }
  for (const c of choices) last = await text(who, c);
  // No answer asked of recipients (broadcast-answers.test.ts covers that).
  if (/Minta penerima menjawab/.test(all(last))) last = await text(who, "Tidak perlu dijawab");
  const preview = all(last);
  const count = Number(/diterima (\d+) orang/.exec(preview)?.[1] ?? Number.NaN);
  let said: Outbound[] = [];
  for (const w of when) said = await text(who, w);
  return { count, preview, said: all(said) };
}

function dispatcher() {
  const sender = createTelegramSender({
    token: TOKEN,
    apiRoot: tg.apiRoot,
    limits: { perSecond: 200, perChatMs: 10 },
  });
  return createDispatcher({
    repos: ctx.repos,
    sender,
    limiter: createRateLimiter(sender.limits),
    lease: createSlotLease({
      leases: ctx.repos.leases,
      name: `sender:brd:${offset}`,
      holder: "t",
      slotMs: 5_000,
      now: () => now().getTime(),
    }),
    now,
    takeoverGraceMs: 0,
    idleMs: 30,
    backoff: () => 20,
  });
}

/** A dispatcher for the Slack outbox, sending to the Slack emulator. */
function slackDispatcher() {
  const sender = createSlackSender({ botToken: "xoxb-test", apiUrl: slack.apiUrl });
  return createDispatcher({
    repos: ctx.repos,
    sender,
    limiter: createRateLimiter({ perSecond: 200, perChatMs: 10 }),
    lease: createSlotLease({
      leases: ctx.repos.leases,
      name: "sender:brd-slack",
      holder: "t",
      slotMs: 5_000,
      now: () => now().getTime(),
    }),
    now,
    takeoverGraceMs: 0,
    idleMs: 30,
  });
}

/** Runs the Telegram (and Slack) dispatchers until `done` holds. */
async function deliverUntil(done: () => boolean, withSlack = false) {
  const ds = withSlack ? [dispatcher(), slackDispatcher()] : [dispatcher()];
  for (const d of ds) d.start();
  try {
    await waitFor(() => done() || undefined, 10_000, 30);
    // Long enough for a stray duplicate to show up.
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    for (const d of ds) await d.stop();
  }
}

/** The Telegram chat of a person created by `person`. */
const chatOf = async (key: string) =>
  Number((await ctx.repos.identities.listForPerson(ids[key]!))[0]!._id.split(":")[1]);

const receivedText = (prefix: string) => [...tg.messages.values()].filter((m) => m.text.startsWith(prefix));

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
  slack = new SlackWebApiEmulator();
  await slack.start();
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now });
  await app.importCourses(CATALOG);
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", null, []),
    unit("mataram.setda", "mataram", ["mataram"]),
    unit("mataram.bkpsdm", "mataram", ["mataram"]),
    unit("jambi", null, []),
  ]);
  await person(
    "koordinator",
    { unitId: "mataram.bkpsdm" },
    [{ role: "koordinator", unitId: "mataram" }],
    COORD.id,
  );
  await person("ani", {
    unitId: "mataram.setda",
    tier: "pelaksana",
    regionId: "nusa-tenggara-barat",
    assessed: true,
    jp: 30,
  });
  await person("budi", { unitId: "mataram.setda", tier: "pengawas", regionId: "nusa-tenggara-barat" });
  await person("citra", { unitId: "mataram.bkpsdm", tier: "pelaksana", regionId: "bali", assessed: true });
  await person("dedi", { unitId: "mataram.bkpsdm", tier: "pelaksana", onboarded: false });
  await person("jambian", { unitId: "jambi", tier: "pelaksana", regionId: "jambi" });
  for (const key of ["ani", "citra"]) {
    await ctx.repos.enrollments.enroll(
      {
        personId: ids[key]!,
        courseId: "bimtek-sakip",
        sessionId: SESSION,
        title: "Bimtek Penyusunan SAKIP",
        jp: 24,
        startsAt: new Date("2026-12-10T01:00:00Z"),
        endsAt: new Date("2026-12-10T08:00:00Z"),
        timeZone: "Asia/Makassar",
        enrolledAt: new Date(),
      },
      40,
    );
  }
  // Budi takes the course's later session: he is a participant of the course, not of the first session.
  await ctx.repos.enrollments.enroll(
    {
      personId: ids.budi!,
      courseId: "bimtek-sakip",
      sessionId: LATER_SESSION,
      title: "Bimtek Penyusunan SAKIP",
      jp: 24,
      startsAt: new Date("2027-01-14T01:00:00Z"),
      endsAt: new Date("2027-01-14T08:00:00Z"),
      timeZone: "Asia/Makassar",
      enrolledAt: new Date(),
    },
    40,
  );
});
afterAll(async () => {
  await tg.stop();
  await slack.stop();
});

describe("coordinator broadcasts", () => {
  it("previews exactly the people each audience reaches, in scope only, and delivers that many", async () => {
    // Koordinator of Kota Mataram: Jambi is out of scope; Dedi was imported but never registered.
    const cases: [string, string[], string[]][] = [
      ["semua", ["Semua orang dalam cakupan saya"], ["koordinator", "ani", "budi", "citra"]],
      ["unit", [UNITS, "Unit mataram.setda", "Selesai memilih"], ["ani", "budi"]],
      ["jenjang", ["Jenjang jabatan tertentu", "Jabatan Pelaksana"], ["ani", "citra"]],
      ["provinsi", ["Provinsi tertentu", "Bali"], ["citra"]],
      ["sesi", ["Peserta sesi pelatihan", "1"], ["ani", "citra"]],
      ["asesmen", ["Yang belum mengisi asesmen"], ["koordinator", "budi"]],
      [
        "jp",
        ["Yang JP-nya tertinggal dari minimal tahunan (PPPK tidak termasuk)"],
        ["koordinator", "budi", "citra"],
      ],
    ];
    const d = dispatcher();
    d.start();
    try {
      for (const [tag, choices, expected] of cases) {
        const { count, said } = await announce(`Info ${tag}: rapat koordinasi besok pukul 09.00.`, choices);
        expect(count, tag).toBe(expected.length);
        expect(said).toContain(`dikirim ke ${expected.length} orang`);
        const got = await waitFor(
          () =>
            receivedText(`Info ${tag}:`).length >= expected.length ? receivedText(`Info ${tag}:`) : undefined,
          10_000,
          30,
        );
        const chats = new Set(got.map((m) => m.chat_id));
        const expectedChats = new Set(
          await Promise.all(
            expected.map(async (k) =>
              Number((await ctx.repos.identities.listForPerson(ids[k]!))[0]!._id.split(":")[1]),
            ),
          ),
        );
        expect(chats, tag).toEqual(expectedChats);
      }
    } finally {
      await d.stop();
    }
    const siaran = all(await cmd(COORD, "siaran"));
    expect(siaran).toContain("Terkirim 4 · menunggu 0 · gagal 0");
    // Scheduling a sent broadcast again (a retried confirmation) adds nothing.
    const [first] = await ctx.repos.broadcasts
      .list(undefined, 50)
      .then((l) => l.filter((b) => b.audience.kind === "all"));
    const again = await app.outbox.scheduleMany(
      [{ personId: ids.ani!, message: { text: "x" }, dueAt: now() }],
      `broadcast.${first!._id}`,
      first!._id,
    );
    expect(again).toBe(0);
  });

  it("sends a scheduled broadcast at its time in the coordinator's zone, and a cancelled one never", async () => {
    const tomorrow = new Date(now().getTime() + 86_400_000);
    // Tomorrow's date in WITA (UTC+8).
    const date = new Date(tomorrow.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    const planned = await announce(
      "Terjadwal: batas unggah SKP hari ini.",
      [UNITS, "Unit mataram.setda", "Selesai memilih"],
      ["Jadwalkan", date, "08.00", "ya"],
    );
    expect(planned.said).toContain("dijadwalkan untuk 2 orang");
    const cancelled = await announce(
      "Batal: acara diundur.",
      ["Provinsi tertentu", "Bali"],
      ["Jadwalkan", date, "09.30", "ya"],
    );
    expect(cancelled.said).toContain("dijadwalkan untuk 1 orang");
    const due = (await ctx.db.models.Delivery.find({}).lean().exec()).map((x) => x.dueAt.toISOString());
    // 08.00 and 09.30 WITA are 00.00 and 01.30 UTC.
    expect(new Set(due)).toEqual(new Set([`${date}T00:00:00.000Z`, `${date}T01:30:00.000Z`]));

    const list = await cmd(COORD, "siaran");
    const cancel = list
      .filter((o) => o.text.includes("Batal: acara diundur"))
      .flatMap((o) => o.choices ?? [])
      .flat()[0]!;
    expect(all(await press(COORD, cancel.data))).toContain("1 pesan yang belum terkirim tidak akan dikirim");

    // Before the time nothing goes; after it, only the one still planned.
    const early = dispatcher();
    await early.pass();
    await early.drain();
    expect(receivedText("Terjadwal:")).toHaveLength(0);
    offset = Date.parse(`${date}T02:00:00Z`) - Date.now();
    const late = dispatcher();
    late.start();
    try {
      await waitFor(() => receivedText("Terjadwal:").length >= 2 || undefined, 10_000, 30);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      await late.stop();
    }
    expect(receivedText("Terjadwal:")).toHaveLength(2);
    expect(receivedText("Batal:")).toHaveLength(0);
  });

  it("sends a photo with the text as its caption to every recipient, by its file_id", async () => {
    const photo: IncomingFile = {
      kind: "photo",
      channel: "telegram",
      fileId: "AgADfoto-rakor",
      mime: "image/jpeg",
    };
    const { count, preview } = await announce(
      "Foto: suasana rapat koordinasi pengembangan kompetensi.",
      ["Semua orang dalam cakupan saya"],
      undefined,
      { file: photo },
    );
    expect(count).toBe(4);
    expect(preview).toContain("📎 Dengan lampiran: sebuah foto.");
    const got = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Foto:"));
    await deliverUntil(() => got().length >= 4);
    expect(got()).toHaveLength(4);
    for (const m of got()) {
      expect(m.kind).toBe("photo");
      expect(m.file).toBe("AgADfoto-rakor");
      expect(m.text).toBe("Foto: suasana rapat koordinasi pengembangan kompetensi.");
    }
    expect(new Set(got().map((m) => m.chat_id))).toEqual(
      new Set(await Promise.all(["koordinator", "ani", "budi", "citra"].map(chatOf))),
    );
    expect(all(await cmd(COORD, "siaran"))).toContain("📎 Dengan lampiran: sebuah foto.");
  });

  it("sends a document likewise, and a text too long for a caption after the file, once each", async () => {
    const pdf: IncomingFile = {
      kind: "document",
      channel: "telegram",
      fileId: "BQADundangan",
      mime: "application/pdf",
      name: "undangan.pdf",
    };
    const short = await announce(
      "Undangan: rapat SAKIP, lihat berkas terlampir.",
      [UNITS, "Unit mataram.setda", "Selesai memilih"],
      undefined,
      {
        file: pdf,
      },
    );
    expect(short.count).toBe(2);
    expect(short.preview).toContain("📎 Dengan lampiran: berkas undangan.pdf.");
    const docs = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Undangan:"));
    await deliverUntil(() => docs().length >= 2);
    expect(docs().map((m) => [m.kind, m.file])).toEqual([
      ["document", "BQADundangan"],
      ["document", "BQADundangan"],
    ]);
    expect(new Set(docs().map((m) => m.chat_id))).toEqual(
      new Set(await Promise.all(["ani", "budi"].map(chatOf))),
    );

    // Over 1,024 characters: the file first, then the text. The text fails once after the file
    // arrived; the retry sends only the text.
    const long = `Panjang: ${"Mohon dibaca dengan saksama. ".repeat(40).trim()}`;
    expect(long.length).toBeGreaterThan(1024);
    const citra = await chatOf("citra");
    const before = tg.chat(citra).length;
    tg.failNextText.add(citra);
    const sent = await announce(long, ["Provinsi tertentu", "Bali"], undefined, {
      file: { ...pdf, fileId: "BQADpanjang" },
    });
    expect(sent.count).toBe(1);
    await deliverUntil(() => tg.chat(citra).some((m) => m.text.startsWith("Panjang:")));
    const arrived = tg.chat(citra).slice(before);
    expect(arrived.map((m) => [m.kind, m.file ?? null, m.text.slice(0, 8)])).toEqual([
      ["document", "BQADpanjang", ""],
      ["text", null, "Panjang:"],
    ]);
    expect(arrived[1]!.text).toBe(long);
    const logged = await ctx.db.models.DeliveryLog.findOne({ personId: ids.citra, "message.text": long })
      .lean()
      .exec();
    expect(logged).toMatchObject({ status: "sent", attempts: 2, partsSent: 1, resends: 0 });
  });

  it("takes several units, each with its subtree, and delivers exactly the previewed count", async () => {
    await ctx.repos.orgUnits.upsertMany([unit("mataram.dinkes", "mataram", ["mataram"])]);
    await person("eka", { unitId: "mataram.dinkes", tier: "pelaksana" });
    await cmd(COORD, "batal");
    await cmd(COORD, "umumkan");
    await text(COORD, "Multi: pengisian SKP triwulan dibuka.");
    await text(COORD, "lewati");
    await text(COORD, UNITS);
    await text(COORD, "Unit mataram.setda");
    expect(all(await text(COORD, "Tambah unit lain"))).not.toContain("Unit mataram.setda");
    expect(all(await text(COORD, "Unit mataram.dinkes"))).toContain(
      "Unit terpilih (2): Unit mataram.setda, Unit mataram.dinkes",
    );
    // "Kembali" takes the last unit back.
    expect(all(await text(COORD, "kembali"))).toContain("Unit terpilih (1): Unit mataram.setda.");
    await text(COORD, "Tambah unit lain");
    await text(COORD, "Unit mataram.bkpsdm");
    expect(all(await text(COORD, "Selesai memilih"))).toContain("Minta penerima menjawab?");
    const preview = all(await text(COORD, "Tidak perlu dijawab"));
    // Setda (Ani, Budi) and BKPSDM (the coordinator, Citra; Dedi never registered); not Dinkes (Eka).
    expect(preview).toContain("diterima 4 orang");
    expect(all(await text(COORD, "Kirim sekarang"))).toContain("Kirim sekarang ke 4 orang?");
    expect(all(await text(COORD, "ya"))).toContain("dikirim ke 4 orang");
    const got = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Multi:"));
    await deliverUntil(() => got().length >= 4);
    expect(new Set(got().map((m) => m.chat_id))).toEqual(
      new Set(await Promise.all(["koordinator", "ani", "budi", "citra"].map(chatOf))),
    );
    expect(got()).toHaveLength(4);
    const [b] = await ctx.repos.broadcasts.list(undefined, 1);
    expect(b!.audience).toEqual({ kind: "unit", values: ["mataram.setda", "mataram.bkpsdm"] });
    expect(all(await cmd(COORD, "siaran"))).toContain("2 unit");
  });

  it("reaches the participants of every session of a course", async () => {
    const { count } = await announce("Kursus: materi pra-pelatihan SAKIP sudah tersedia.", [
      "Peserta sebuah pelatihan (semua sesinya)",
      "Bimtek Penyusunan SAKIP",
    ]);
    // Ani and Citra (first session) and Budi (later session).
    expect(count).toBe(3);
    const got = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Kursus:"));
    await deliverUntil(() => got().length >= 3);
    expect(got()).toHaveLength(3);
    expect(new Set(got().map((m) => m.chat_id))).toEqual(
      new Set(await Promise.all(["ani", "budi", "citra"].map(chatOf))),
    );
  });

  it("on Slack: a file the sender cannot read leaves a note, and a coordinator can post to a channel", async () => {
    // Sari is reached on Slack, whose sender reads the Telegram photo to upload it; this one has no
    // file reader (slack-files.test.ts has the upload), so she gets the text with the note.
    await person("sari", { unitId: "mataram.setda", tier: "pelaksana" }, [], "slack:T01:USARI");
    const photo: IncomingFile = {
      kind: "photo",
      channel: "telegram",
      fileId: "AgADfoto-2",
      mime: "image/jpeg",
    };
    const mixed = await announce(
      "Campur: foto kegiatan bimtek.",
      [UNITS, "Unit mataram.setda", "Selesai memilih"],
      undefined,
      { file: photo },
    );
    expect(mixed.count).toBe(3);
    // Slack recipients get Telegram files too: nobody is counted as getting the text only.
    expect(mixed.preview).not.toContain("penerima memakai");
    const onTelegram = () => [...tg.messages.values()].filter((m) => m.text.startsWith("Campur:"));
    const onSlack = () =>
      slack.of("chat.postMessage").filter((c) => String(c.body.text).startsWith("Campur:"));
    await deliverUntil(() => onTelegram().length >= 2 && onSlack().length >= 1, true);
    expect(onTelegram().map((m) => m.kind)).toEqual(["photo", "photo"]);
    expect(onSlack()).toHaveLength(1);
    expect(onSlack()[0]!.body.channel).toBe("USARI");
    expect(String(onSlack()[0]!.body.text)).toContain("hanya dapat dikirim lewat Telegram");
    expect(String(onSlack()[0]!.body.text)).toContain("hubungi koordinator");

    // A coordinator on Slack: a file is asked for (skipped here); the channels Pandu is in are offered.
    const SLACK_COORD: IncomingIdentity = { id: "slack:T01:UKOORD", channel: "slack" };
    await person(
      "koordinator-slack",
      { unitId: "jambi" },
      [{ role: "koordinator", unitId: "mataram" }],
      SLACK_COORD.id,
    );
    slack.channels = [
      { id: "C0RANDOM", name: "random", is_member: false },
      { id: "C0INFO", name: "info-asn", is_member: true },
      { id: "C0ARSIP", name: "arsip-lama", is_member: true, is_archived: true },
      { id: "C0BKPSDM", name: "bkpsdm-umum", is_member: true },
    ];
    app.broadcasts.useSlackChannels(slackChannelLister({ botToken: "xoxb-test", apiUrl: slack.apiUrl }));
    // The admins listed the channels per unit: Kota Mataram's, and one of DKI's outside this scope.
    await ctx.db.models.OrgUnit.updateOne({ _id: "mataram" }, { $set: { slackChannels: ["C0INFO"] } }).exec();
    await ctx.db.models.OrgUnit.updateOne({ _id: "dki" }, { $set: { slackChannels: ["C0BKPSDM"] } }).exec();
    await cmd(SLACK_COORD, "batal");
    await cmd(SLACK_COORD, "umumkan");
    expect(all(await text(SLACK_COORD, "Kanal: rapat evaluasi diundur ke Kamis."))).toContain(
      "foto atau berkas",
    );
    expect(all(await text(SLACK_COORD, "lewati"))).toContain("Untuk siapa pengumuman ini?");
    await text(SLACK_COORD, "Provinsi tertentu");
    expect(all(await text(SLACK_COORD, "Bali"))).toContain(
      "Unggah juga pengumuman ini ke sebuah kanal Slack?",
    );
    const offered = await text(SLACK_COORD, "Ya, pilih kanalnya");
    expect(
      offered
        .flatMap((o) => o.choices ?? [])
        .flat()
        .map((c) => c.label),
    ).toEqual(["#info-asn", "⬅️ Kembali"]);
    expect(all(await text(SLACK_COORD, "#info-asn"))).toContain("Minta penerima menjawab?");
    const preview = all(await text(SLACK_COORD, "Tidak perlu dijawab"));
    // The channel is no recipient: the count stays the people's.
    expect(preview).toContain("diterima 1 orang");
    expect(preview).toContain("Juga diunggah ke kanal Slack #info-asn");
    expect(all(await text(SLACK_COORD, "Kirim sekarang"))).toContain(
      "Kirim sekarang ke 1 orang dan kanal #info-asn?",
    );
    expect(all(await text(SLACK_COORD, "ya"))).toContain("dikirim ke 1 orang");
    const post = () => slack.of("chat.postMessage").filter((c) => c.body.channel === "C0INFO");
    await deliverUntil(() => post().length >= 1 && receivedText("Kanal:").length >= 1, true);
    expect(post()).toHaveLength(1);
    expect(post()[0]!.body.text).toBe("Kanal: rapat evaluasi diundur ke Kamis.");
    expect(receivedText("Kanal:").map((m) => m.chat_id)).toEqual([await chatOf("citra")]);
    const siaran = all(await cmd(SLACK_COORD, "siaran"));
    expect(siaran).toContain("Terkirim 1 · menunggu 0 · gagal 0");
    expect(siaran).toContain("Kanal Slack #info-asn: sudah diunggah");
  });

  it("on Slack: a broadcast's markup arrives as plain characters, in a direct message and in a channel", async () => {
    // The coordinator on Slack, Sari and the channels are those of the test above.
    const SLACK_COORD: IncomingIdentity = { id: "slack:T01:UKOORD", channel: "slack" };
    const written =
      "Markup: <!channel> <!here> <@U0ADMIN> buka <https://evil.example|Portal BKN> & isi datanya.";
    await cmd(SLACK_COORD, "batal");
    await cmd(SLACK_COORD, "umumkan");
    await text(SLACK_COORD, written);
    for (const answer of [
      "lewati",
      UNITS,
      "Unit mataram.setda",
      "Selesai memilih",
      "Ya, pilih kanalnya",
      "#info-asn",
      "Tidak perlu dijawab",
    ])
      await text(SLACK_COORD, answer);
    await text(SLACK_COORD, "Kirim sekarang");
    expect(all(await text(SLACK_COORD, "ya"))).toContain("dikirim ke 3 orang");
    const onSlack = () =>
      slack.of("chat.postMessage").filter((c) => String(c.body.text).startsWith("Markup:"));
    await deliverUntil(() => onSlack().length >= 2, true);
    expect(onSlack().map((c) => c.body.channel)).toEqual(expect.arrayContaining(["USARI", "C0INFO"]));
    for (const call of onSlack()) {
      const sent = String(call.body.text);
      // Slack reads `text` as mrkdwn: every <, > and & is escaped, so nothing pings, links or mentions.
      expect(sent).toContain(
        "&lt;!channel&gt; &lt;!here&gt; &lt;@U0ADMIN&gt; buka &lt;https://evil.example|Portal BKN&gt; &amp; isi",
      );
      expect(sent).not.toMatch(/<[!@#]|<https?:/);
      // The blocks are plain text, which Slack never reads as markup: the words as written.
      const blocks = call.body.blocks as { type: string; text?: { type: string; text: string } }[];
      const sections = blocks.filter((b) => b.type === "section");
      expect(sections.map((b) => b.text?.type)).toEqual(sections.map(() => "plain_text"));
      expect(sections[0]!.text!.text).toContain("<https://evil.example|Portal BKN>");
    }
  });
});
