import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { digestButton } from "../../../src/features/digest/coordinator-digest.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";
import { expectWeeklyMonday0700, MONDAY_0700_TICKS } from "../../support/weekly-jobs.js";

/**
 * The coordinator's weekly digest (/rekap): what it counts in the coordinator's scope, and who
 * gets it on Monday 07:00 in their own zone (opted-in coordinators, nobody else).
 */
const translator = loadTranslations(LOCALES_DIR);
const t = (key: string) => translator.t("id", key);
const ctx = useTestDatabase();
let app: App;
// Wednesday 25 November 2026, 10:00 WITA.
let clock = new Date("2026-11-25T02:00:00Z");
const { cmd, press, all } = chatDriver(() => app);
const day = 86_400_000;

let chat = 700;
/** A registered person with a Telegram account, holding `role` on `roleUnit` when given. */
async function person(
  name: string,
  unitId: string,
  opts: {
    timeZone?: string;
    role?: "koordinator" | "supervisor";
    onboardedAt?: Date;
    assessedAt?: Date;
  } = {},
) {
  const p = await ctx.repos.people.create({
    name,
    timeZone: opts.timeZone ?? "Asia/Makassar",
    unitId,
    instansiId: unitId.split(".")[0]!,
    onboardedAt: opts.onboardedAt ?? new Date("2026-01-05T02:00:00Z"),
    ...(opts.assessedAt ? { status: { assessedAt: opts.assessedAt } } : {}),
    roles: opts.role ? [{ role: opts.role, unitId, grantedAt: clock }] : [],
  });
  const identity: IncomingIdentity = { id: `telegram:${++chat}`, channel: "telegram" };
  await ctx.repos.identities.bind({ id: identity.id, channel: "telegram", personId: p._id, now: clock });
  return { ...p, identity };
}

/** A place in a session starting `inDays` from the clock, answered as given. */
async function place(personId: string, session: string, inDays: number, attendance?: "hadir" | "tidak") {
  const startsAt = new Date(clock.getTime() + inDays * day);
  await ctx.repos.enrollments.enroll(
    {
      personId,
      courseId: `c-${session}`,
      sessionId: session,
      title: `Pelatihan ${session}`,
      jp: 8,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 8 * 3_600_000),
      timeZone: "Asia/Makassar",
      enrolledAt: clock,
    },
    40,
  );
  if (attendance) await ctx.repos.enrollments.setAttendance(`${session}|${personId}`, attendance, clock);
}

const coordinators: Record<string, Awaited<ReturnType<typeof person>>> = {};

beforeAll(async () => {
  app = createApp({ database: ctx.db, translate: translator.t.bind(translator), now: () => clock });
  const unit = (id: string, name: string, parent: string | null, path: string[]) => ({
    _id: id,
    name,
    kind: parent ? ("unit" as const) : ("instansi" as const),
    parentId: parent,
    instansiId: path[0] ?? id,
    path,
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", "Pemerintah Kota Mataram", null, []),
    unit("mataram.dinkes", "Dinas Kesehatan", "mataram", ["mataram"]),
    unit("mataram.dinkes.p2p", "Bidang P2P", "mataram.dinkes", ["mataram", "mataram.dinkes"]),
    unit("mataram.bappeda", "Bappeda", "mataram", ["mataram"]),
  ]);
  coordinators.wita = await person("Koordinator Dinkes", "mataram.dinkes", { role: "koordinator" });
  coordinators.wib = await person("Koordinator WIB", "mataram.dinkes", {
    role: "koordinator",
    timeZone: "Asia/Jakarta",
  });
  coordinators.wit = await person("Koordinator WIT", "mataram.dinkes", {
    role: "koordinator",
    timeZone: "Asia/Jayapura",
  });
  coordinators.quiet = await person("Koordinator Tanpa Rekap", "mataram.dinkes", { role: "koordinator" });
  coordinators.bappeda = await person("Koordinator Bappeda", "mataram.bappeda", { role: "koordinator" });
  coordinators.supervisor = await person("Kepala Dinas", "mataram.dinkes", { role: "supervisor" });

  // In Dinas Kesehatan (the subtree): two new this week, one of them assessed this week.
  const a = await person("Ani", "mataram.dinkes.p2p", {
    onboardedAt: new Date(clock.getTime() - 2 * day),
    assessedAt: new Date(clock.getTime() - day),
  });
  const b = await person("Budi", "mataram.dinkes.p2p", { onboardedAt: new Date(clock.getTime() - 6 * day) });
  const c = await person("Citra", "mataram.dinkes", { assessedAt: new Date(clock.getTime() - 20 * day) });
  // Bappeda's: counted only in Bappeda's digest.
  const d = await person("Dewi", "mataram.bappeda", { onboardedAt: new Date(clock.getTime() - day) });
  // Someone who registered without an activation code is not yet counted as staff of the unit.
  await ctx.repos.people.create({
    name: "Belum Terverifikasi",
    timeZone: "Asia/Makassar",
    unitId: "mataram.dinkes",
    unverified: true,
    onboardedAt: new Date(clock.getTime() - day),
  });

  await place(a._id, "s-tb", 2, "hadir");
  await place(b._id, "s-tb", 2, "tidak");
  await place(c._id, "s-tb", 2);
  await place(d._id, "s-tb", 2, "hadir");
  await place(c._id, "s-next-month", 30, "hadir");
});

describe("/rekap", () => {
  it("counts the week in the coordinator's scope only, with each session's answers and where to act", async () => {
    const said = all(await cmd(coordinators.wita!.identity, "rekap"));
    expect(said).toContain("Rekap mingguan koordinator: Dinas Kesehatan");
    // Ani, Budi, Citra, and the four coordinators and the supervisor who work there.
    expect(said).toContain("Pegawai dalam cakupan Anda: 8");
    expect(said).toContain("Baru mendaftar di Pandu dalam 7 hari terakhir: 2");
    expect(said).toContain("Menyelesaikan asesmen dalam 7 hari terakhir: 1");
    expect(said).toMatch(/Pelatihan s-tb, .*: 1 hadir, 1 tidak bisa, 1 belum menjawab/);
    expect(said).not.toContain("s-next-month");
    expect(said).toContain("/peserta");

    const bappeda = all(await cmd(coordinators.bappeda!.identity, "rekap"));
    expect(bappeda).toContain("Rekap mingguan koordinator: Bappeda");
    expect(bappeda).toContain("Baru mendaftar di Pandu dalam 7 hari terakhir: 1");
    expect(bappeda).toMatch(/Pelatihan s-tb, .*: 1 hadir, 0 tidak bisa, 0 belum menjawab/);

    expect(all(await cmd(coordinators.supervisor!.identity, "rekap"))).toContain("hanya untuk petugas");
  });

  it("lists what still waits in the scope with /belum, counted from the running totals", async () => {
    // The people above were seeded past the app's writers (a status, no assessment record): the
    // totals count the 8 registered in Dinas Kesehatan's subtree and no assessment.
    await app.summaries.rebuild();
    const said = all(await cmd(coordinators.wita!.identity, "rekap"));
    expect(said).toContain("Belum asesmen tahun ini: 8 orang (/belum)");
  });

  it("reaches opted-in coordinators on Monday 07:00 in WIB, WITA and WIT, and nobody else", async () => {
    for (const key of ["wib", "wita", "wit"]) {
      const out = await cmd(coordinators[key]!.identity, "rekap");
      const button = out
        .flatMap((o) => o.choices ?? [])
        .flat()
        .find((c) => c.data === digestButton.pack("on"));
      expect(button, key).toBeDefined();
      expect(all(await press(coordinators[key]!.identity, button!.data))).toContain(t("digest-subscribed"));
    }
    await expectWeeklyMonday0700(app.jobs, "coordinator-digest", (at) => {
      clock = at;
    });
    const sent = await ctx.db.models.Delivery.find({ purpose: "digest.weekly" }).lean<Delivery[]>().exec();
    expect(sent.map((d) => d.dueAt.toISOString()).sort()).toEqual(Object.values(MONDAY_0700_TICKS).sort());
    expect(sent.map((d) => d.personId).sort()).toEqual(
      [coordinators.wib!._id, coordinators.wita!._id, coordinators.wit!._id].sort(),
    );
    const stored = await ctx.repos.deliveries.get(
      sent.find((d) => d.personId === coordinators.wita!._id)!._id,
    );
    expect(stored!.message.text).toContain(t("digest-weekly-intro"));
    expect(stored!.message.text).toContain("Rekap mingguan koordinator: Dinas Kesehatan");

    // Stopping it, and losing the role, both end it.
    await press(coordinators.wita!.identity, digestButton.pack("off"));
    await ctx.repos.people.setRoles(coordinators.wit!._id, []);
    clock = new Date("2026-12-06T22:00:00.000Z");
    expect(await app.coordinatorDigest.weekly("Asia/Makassar", new Date("2026-12-06T23:00:00Z"))).toEqual({
      scheduled: 0,
      skipped: 0,
    });
    expect(await app.coordinatorDigest.weekly("Asia/Jayapura", new Date("2026-12-06T22:00:00Z"))).toEqual({
      scheduled: 0,
      skipped: 0,
    });
  });
});
