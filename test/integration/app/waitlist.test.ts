import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Outbound } from "../../../src/engine/types.js";
import { WAITLIST_OFFER_HOURS, waitlistButton } from "../../../src/features/enrolment/waitlist.js";
import { rosterButton } from "../../../src/features/roster/roster.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { shortKey } from "../../../src/services/course-catalog.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
let clock = new Date("2026-11-24T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const tg = (id: number): IncomingIdentity => ({ id: `telegram:${id}`, channel: "telegram" });
const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());

const CATALOG = [
  "id,title,provider,method,jp,competencies,mode,region,location,url,start,end,timezone,quota",
  "coaching-besar,Coaching Kelas Besar,LAN RI,coaching,8,M.6:1-2,online,,,https://lan.example.id/c,2027-01-20 09:00,2027-01-20 12:00,WIB,10",
  "coaching-kecil,Coaching Kelas Kecil,LAN RI,coaching,8,M.6:1-2,online,,,https://lan.example.id/k,2027-01-21 09:00,2027-01-21 12:00,WIB,1",
].join("\n");
const BIG = "coaching-besar@202701200900";
const SMALL = "coaching-kecil@202701210900";

/** A registered person made directly in storage, reachable as telegram:<n>. */
async function person(n: number) {
  const p = await ctx.repos.people.create({
    name: `Pegawai ${n}`,
    timeZone: "Asia/Jakarta",
    regionId: "jambi",
    instansiId: "jambi",
    unitId: "jambi.dinkes",
    onboardedAt: clock,
  });
  await ctx.repos.identities.bind({ id: `telegram:${n}`, channel: "telegram", personId: p._id, now: clock });
  return p;
}

/** The waiting-list messages the outbox holds for a person, of one purpose. */
async function sentTo(personId: string, purpose: string) {
  const { waiting, logged } = await ctx.repos.deliveries.ofPerson(personId);
  return [...waiting, ...logged].filter((d) => d.purpose === purpose);
}

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  await ctx.repos.orgUnits.upsertMany(
    [
      ["jambi", "Pemerintah Provinsi Jambi", null],
      ["jambi.dinkes", "Dinas Kesehatan", "jambi"],
      ["jambi.bkpsdm", "BKPSDM", "jambi"],
    ].map(([id, name, parent]) => ({
      _id: id!,
      name: name!,
      kind: parent ? ("unit" as const) : ("instansi" as const),
      parentId: parent ?? null,
      instansiId: "jambi",
      path: parent ? [parent] : [],
    })),
  );
  const imported = await app.importCourses(CATALOG);
  expect(imported.ok).toBe(true);
});

describe("the waiting list of a full session", () => {
  it("seats exactly 10 of 50 people asking at once, and queues the other 40 at 1–40, none twice", async () => {
    for (let n = 100; n < 150; n++) await person(n);
    const wait = `crs|w|${shortKey(BIG)}`;
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => press(tg(100 + i), wait).then(all)),
    );
    expect(replies.filter((r) => r.includes("Anda terdaftar"))).toHaveLength(10);
    const positions = replies
      .flatMap((r) => /daftar tunggu .* di urutan (\d+)/.exec(r)?.[1] ?? [])
      .map(Number);
    expect(positions.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(await ctx.repos.enrollments.countForSession(BIG)).toBe(10);
    const stored = (await ctx.repos.waitlist.openForSession(BIG)).map((e) => e.n);
    expect(stored).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it("puts the 2nd into a session of 1 on the list, offers a cancelled seat to the first in line, and passes it on when the offer expires", async () => {
    const [a, b, c, d] = [await person(200), await person(201), await person(202), await person(203)];
    const key = shortKey(SMALL);
    expect(all(await press(tg(200), `crs|y|${key}`))).toContain("Anda terdaftar");
    // Full: the course button offers the waiting list instead of a refusal.
    const full = await press(tg(201), `crs|e|${key}`);
    expect(all(full)).toContain("sudah penuh");
    expect(buttons(full).map((x) => x.label)).toContain("Masuk daftar tunggu");
    expect(all(await press(tg(201), `crs|w|${key}`))).toContain("di urutan 1");
    expect(all(await press(tg(202), `crs|w|${key}`))).toContain("di urutan 2");
    // The course detail shows the person's place and a way off the list.
    const detail = await press(tg(202), `crs|d|${shortKey("coaching-kecil")}`);
    expect(all(detail)).toContain("urutan 2");
    expect(buttons(detail).map((x) => x.label)).toContain("Keluar dari daftar tunggu");

    await press(tg(200), `crs|x|${key}`);
    expect(await ctx.repos.enrollments.get(SMALL, a._id)).toBeNull();
    const [offer] = await sentTo(b._id, "waitlist.offer");
    expect(offer?.message.text).toContain("Ada kursi kosong");
    expect(offer?.message.choices?.flat().map((x) => x.label)).toEqual(["Ambil kursi", "Lepaskan"]);
    expect(await sentTo(c._id, "waitlist.offer")).toHaveLength(0);
    // The freed seat is held for the list: a Daftar from outside it is refused.
    expect(all(await press(tg(203), `crs|y|${key}`))).toContain("sudah penuh");

    // The offer runs out unanswered: the expiry job passes the seat to the next in line.
    clock = new Date(clock.getTime() + (WAITLIST_OFFER_HOURS - 1) * 3_600_000);
    const job = app.jobs.find((j) => j.name === "waitlist-offers")!;
    expect(await job.run(clock)).toEqual({ expired: 0, offered: 0 });
    clock = new Date(clock.getTime() + 2 * 3_600_000);
    expect(await job.run(clock)).toEqual({ expired: 1, offered: 1 });
    expect((await sentTo(b._id, "waitlist.expired"))[0]?.message.text).toContain("sudah lewat");
    expect(all(await press(tg(201), waitlistButton.pack("accept", key)))).toContain(
      "tidak ada di daftar tunggu",
    );
    expect(await sentTo(c._id, "waitlist.offer")).toHaveLength(1);

    // Someone else takes the seat first (an approved request enrols directly): Ambil says so.
    await ctx.repos.enrollments.enroll(
      {
        personId: d._id,
        courseId: "coaching-kecil",
        sessionId: SMALL,
        title: "Coaching Kelas Kecil",
        jp: 8,
        startsAt: new Date("2027-01-21T02:00:00Z"),
        endsAt: new Date("2027-01-21T05:00:00Z"),
        timeZone: "Asia/Jakarta",
        enrolledAt: clock,
      },
      1,
    );
    expect(all(await press(tg(202), waitlistButton.pack("accept", key)))).toContain(
      "keburu diisi orang lain",
    );
    expect(await app.waitlist.positionOf(SMALL, c._id)).toBe(1);

    // The seat frees again: offered again, and this time taken.
    await press(tg(203), `crs|x|${key}`);
    expect(await sentTo(c._id, "waitlist.offer")).toHaveLength(2);
    expect(all(await press(tg(202), waitlistButton.pack("accept", key)))).toContain("jadi milik Anda");
    expect(await ctx.repos.enrollments.get(SMALL, c._id)).not.toBeNull();
    expect(await app.waitlist.queueLength(SMALL)).toBe(0);
  });

  it("lets a person leave the list after confirming, and the others move up", async () => {
    const big = shortKey(BIG);
    const first = (await ctx.repos.waitlist.openForSession(BIG))[0]!;
    const firstN = Number((await ctx.repos.identities.listForPerson(first.personId))[0]!._id.split(":")[1]);
    expect(all(await press(tg(firstN), waitlistButton.pack("leave", big)))).toContain(
      "Urutan Anda akan hilang",
    );
    expect(all(await press(tg(firstN), waitlistButton.pack("leaveConfirm", big)))).toContain("sudah keluar");
    const second = (await ctx.repos.waitlist.openForSession(BIG))[0]!;
    expect(second.n).toBe(2);
    expect(await app.waitlist.positionOf(BIG, second.personId)).toBe(1);
    // Joining again goes to the end of the line, after 39 others.
    expect(all(await press(tg(firstN), `crs|w|${big}`))).toContain("di urutan 40");
    // /pelatihan shows the place in line, with a way off the list.
    const view = await cmd(tg(firstN), "pelatihan");
    expect(all(view)).toContain("Coaching Kelas Besar — urutan 40");
    expect(buttons(view).map((x) => x.data)).toContain(waitlistButton.pack("leave", big));
  });

  it("offers the seat of someone a koordinator removes from the roster to the first in line", async () => {
    const koord = await person(400);
    await ctx.repos.people.setRoles(koord._id, [
      { role: "koordinator", unitId: "jambi.dinkes", grantedAt: clock },
    ]);
    const seated = (await ctx.repos.enrollments.listForSession(BIG))[0]!;
    const next = (await ctx.repos.waitlist.openForSession(BIG))[0]!;
    const big = shortKey(BIG);
    const ask = await press(tg(400), rosterButton.pack("remove", big, seated.personId));
    expect(all(ask)).toContain("Keluarkan Pegawai");
    expect(all(await press(tg(400), rosterButton.pack("removeConfirm", big, seated.personId)))).toContain(
      "sudah dikeluarkan",
    );
    expect(await ctx.repos.enrollments.get(BIG, seated.personId)).toBeNull();
    expect((await sentTo(seated.personId, "roster.removed"))[0]?.message.text).toContain("mengeluarkan Anda");
    expect(await sentTo(next.personId, "waitlist.offer")).toHaveLength(1);
    expect(
      (await ctx.repos.audit.list({ action: "roster.removed", limit: 5 })).map((e) => e.targetId),
    ).toEqual([seated.personId]);
    // Pressed again: nobody left to remove, nothing offered twice.
    expect(all(await press(tg(400), rosterButton.pack("removeConfirm", big, seated.personId)))).toContain(
      "tidak lagi terdaftar",
    );
    expect(await sentTo(next.personId, "waitlist.offer")).toHaveLength(1);
  });
});
