import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import { createTelegramSender } from "../../../src/channels/telegram/sender.js";
import type { Role } from "../../../src/db/models/index.js";
import { createDispatcher } from "../../../src/delivery/dispatcher.js";
import { createRateLimiter } from "../../../src/delivery/rate-limiter.js";
import { createSlotLease } from "../../../src/delivery/slot-lease.js";
import type { Outbound } from "../../../src/engine/types.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import type { IncomingIdentity } from "../../../src/services/conversation.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { TelegramEmulator } from "../../support/telegram-emulator.js";
import { waitFor } from "../../support/waiters.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
const TOKEN = "123456:TEST-token-for-the-emulator_0008";
let app: App;
let tg: TelegramEmulator;
// The app's clock runs with real time, shifted by `offset` (a scheduled broadcast's time comes).
let offset = 0;
const now = () => new Date(Date.now() + offset);
const { cmd, text, press, all } = chatDriver(() => app);
const ids: Record<string, string> = {};
let chat = 9000;
const COORD: IncomingIdentity = { id: "telegram:8999", channel: "telegram" };
const SESSION = "bimtek-sakip@202612100900";

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "bimtek-sakip,Bimtek Penyusunan SAKIP,BKPSDM Kota Mataram,bimtek,24,M.4:2-3,online,,,,2026-12-10 09:00,2026-12-10 16:00,WITA,40",
].join("\n");

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
  await ctx.repos.identities.bind({
    id: identity ?? `telegram:${chat++}`,
    channel: "telegram",
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

/** Runs /umumkan with `message` to the audience chosen by `choices`; returns the preview count and the answer. */
async function announce(message: string, choices: string[], when: string[] = ["Kirim sekarang", "ya"]) {
  await cmd(COORD, "batal");
  await cmd(COORD, "umumkan");
  await text(COORD, message);
  let last: Outbound[] = [];
  for (const c of choices) last = await text(COORD, c);
  const preview = all(last);
  const count = Number(/diterima (\d+) orang/.exec(preview)?.[1] ?? Number.NaN);
  let said: Outbound[] = [];
  for (const w of when) said = await text(COORD, w);
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
  });
}

const receivedText = (prefix: string) => [...tg.messages.values()].filter((m) => m.text.startsWith(prefix));

beforeAll(async () => {
  tg = new TelegramEmulator();
  await tg.start();
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
});
afterAll(async () => {
  await tg.stop();
});

describe("coordinator broadcasts", () => {
  it("previews exactly the people each audience reaches, in scope only, and delivers that many", async () => {
    // Koordinator of Kota Mataram: Jambi is out of scope; Dedi was imported but never registered.
    const cases: [string, string[], string[]][] = [
      ["semua", ["Semua orang dalam cakupan saya"], ["koordinator", "ani", "budi", "citra"]],
      ["unit", ["Unit tertentu", "Unit mataram.setda"], ["ani", "budi"]],
      ["jenjang", ["Jenjang jabatan tertentu", "Jabatan Pelaksana"], ["ani", "citra"]],
      ["provinsi", ["Provinsi tertentu", "Bali"], ["citra"]],
      ["sesi", ["Peserta sesi pelatihan", "1"], ["ani", "citra"]],
      ["asesmen", ["Yang belum mengisi asesmen"], ["koordinator", "budi"]],
      ["jp", ["Yang JP-nya di bawah target tahun ini"], ["koordinator", "budi", "citra"]],
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
      ["Unit tertentu", "Unit mataram.setda"],
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
});
