import { beforeAll, describe, expect, it } from "vitest";
import { type App, createApp } from "../../../src/app.js";
import type { IncomingIdentity } from "../../../src/conversation/router.js";
import type { Delivery } from "../../../src/db/models/index.js";
import { isQuiet, localClock, quietHoursOf } from "../../../src/domain/reminder-time.js";
import { unitTotalsOf } from "../../../src/domain/summary.js";
import type { Outbound } from "../../../src/engine/types.js";
import { ackButton } from "../../../src/features/broadcasts/acknowledgement.js";
import { deliveryKey, peoplePurpose } from "../../../src/features/broadcasts/purposes.js";
import { nonResponderButton } from "../../../src/features/campaigns/campaigns.js";
import { unitKey } from "../../../src/features/summaries/summary-report.js";
import { loadTranslations } from "../../../src/i18n/i18n.js";
import { LOCALES_DIR } from "../../../src/paths.js";
import { chatDriver } from "../../support/chat-driver.js";
import { useTestDatabase } from "../../support/database.js";

/**
 * /belum through the real app: the survey list and "Ingatkan yang belum" (exact count, quiet hours,
 * once per three days), a campaign's deadline reminders with a controllable clock, and the CSV of
 * imported people who never talked to Pandu.
 */
const translator = loadTranslations(LOCALES_DIR);
const ctx = useTestDatabase();
let app: App;
// 22:00 WITA on Wednesday 25 November 2026: inside the default quiet hours (21:00–06:00).
let clock = new Date("2026-11-25T14:00:00Z");
const driver = chatDriver(() => app);
const { all } = driver;
const DAY = 86_400_000;
const SETDA = "mataram.setda";
const BKPSDM = "mataram.bkpsdm";
const coordinator: IncomingIdentity = { id: "telegram:9000", channel: "telegram" };
let n = 0;

const unit = (id: string, name: string, parent: string | null, path: string[]) => ({
  _id: id,
  name,
  kind: parent ? ("unit" as const) : ("instansi" as const),
  parentId: parent,
  instansiId: path[0] ?? id,
  path,
});

/** A person of `unitId`: registered with a Telegram account unless told otherwise. */
async function person(
  name: string,
  unitId: string,
  opts: { registered?: boolean; identity?: boolean; quiet?: [string, string]; unverified?: boolean } = {},
) {
  n++;
  const nip = `1985010120100${String(10000 + n).slice(-5)}`;
  const p = await ctx.repos.people.create({
    name,
    ...(opts.unverified ? { unverified: true, declaredNip: nip } : { nip }),
    timeZone: "Asia/Makassar",
    unitId,
    instansiId: unitId.split(".")[0]!,
    ...(opts.registered === false ? {} : { onboardedAt: new Date("2026-02-01T00:00:00Z") }),
    ...(opts.quiet ? { reminders: { quietStart: opts.quiet[0], quietEnd: opts.quiet[1] } } : {}),
  });
  if (opts.identity ?? opts.registered !== false)
    await ctx.repos.identities.bind({
      id: `telegram:${n}`,
      channel: "telegram",
      personId: p._id,
      now: clock,
    });
  return { ...p, nip, identity: { id: `telegram:${n}`, channel: "telegram" } as IncomingIdentity };
}

const campaignDeliveries = async () =>
  (await ctx.db.models.Delivery.find({}).lean<Delivery[]>().exec()).filter((d) =>
    d.purpose.startsWith("campaign."),
  );
const press = (data: string) => driver.press(coordinator, data);
const buttons = (out: Outbound[]) => out.flatMap((o) => (o.choices ?? []).flat());

const invitedIds: string[] = [];
const answeredIds = new Set<string>();
const neverContacted: string[] = [];
let coordinatorId = "";

beforeAll(async () => {
  app = createApp({
    database: ctx.db,
    translate: translator.t.bind(translator),
    now: () => clock,
    surveyHashKey: "k".repeat(40),
  });
  await ctx.repos.orgUnits.upsertMany([
    unit("mataram", "Pemerintah Kota Mataram", null, []),
    unit(SETDA, "Sekretariat Daerah", "mataram", ["mataram"]),
    unit(BKPSDM, "BKPSDM Mataram", "mataram", ["mataram"]),
    unit("jambi", "Pemerintah Provinsi Jambi", null, []),
  ]);
  const me = await ctx.repos.people.create({
    name: "Koordinator Kota",
    nip: "198001012005011001",
    timeZone: "Asia/Makassar",
    unitId: "mataram",
    instansiId: "mataram",
    onboardedAt: clock,
    roles: [{ role: "koordinator", unitId: "mataram", grantedAt: clock }],
  });
  await ctx.repos.identities.bind({ id: coordinator.id, channel: "telegram", personId: me._id, now: clock });
  coordinatorId = me._id;
  // 40 people of Sekretariat Daerah invited to the anonymous quarterly survey; 25 answered. Some
  // keep their own quiet hours.
  for (let i = 0; i < 40; i++) {
    const p = await person(`Pegawai Setda ${String(i + 1).padStart(2, "0")}`, SETDA, {
      ...(i % 5 === 0 ? { quiet: ["20:00", "07:30"] as [string, string] } : {}),
    });
    const id = `skm-triwulan:2026-10-05:${p._id}`;
    await ctx.repos.surveys.invite({
      _id: id,
      surveyId: "skm-triwulan",
      occurrence: "2026-10-05",
      personId: p._id,
      openedAt: new Date("2026-11-20T02:00:00Z"),
      closesAt: new Date("2026-12-31T02:00:00Z"),
      unitId: SETDA,
      instansiId: "mataram",
    });
    invitedIds.push(p._id);
    if (i < 25) {
      await ctx.repos.surveys.markAnswered(id);
      answeredIds.add(p._id);
    }
  }
  // Imported, never registered: three never talked to Pandu, one has a chat account already.
  for (const name of ["Belum Daftar Satu", "Belum Daftar Dua", "Belum Daftar Tiga"])
    neverContacted.push((await person(name, SETDA, { registered: false })).nip);
  await person("Sudah Menyapa Pandu", SETDA, { registered: false, identity: true });
  // Neither counts: someone not yet verified, and someone of another instansi.
  await person("Belum Terverifikasi", SETDA, { unverified: true, registered: false, identity: false });
  await person("Pegawai Jambi", "jambi", { registered: false });
  // Seeded past the app's writers: the running totals the counts come from are built once.
  await app.summaries.rebuild();
});

describe("/belum: a survey's non-responders", () => {
  it("counts 15 of 40 invitations unanswered and reminds exactly those 15, none in quiet hours", async () => {
    const overview = all(await driver.cmd(coordinator, "belum"));
    expect(overview).toContain("Belum mengisi survei: 15 dari 40 undangan");
    expect(overview).toContain("Belum mendaftar di Pandu: 4 dari");

    const setda = unitKey(SETDA);
    const list = all(await press(nonResponderButton.pack("list", "srv", setda, 0)));
    expect(list).toContain("15 orang (dari 40 undangan)");
    expect(list).toContain("Pegawai Setda 26");
    expect(list).not.toContain("Pegawai Setda 25");

    const preview = await press(nonResponderButton.pack("preview", "srv", setda));
    expect(all(preview)).toContain("Pengingat akan dikirim ke 15 orang.");
    expect(await campaignDeliveries()).toEqual([]);
    const sent = await press(nonResponderButton.pack("send", "srv", setda, 0));
    expect(all(sent)).toContain("15 pengingat dijadwalkan");

    const deliveries = await campaignDeliveries();
    expect(deliveries).toHaveLength(15);
    expect(new Set(deliveries.map((d) => d.personId))).toEqual(
      new Set(invitedIds.filter((id) => !answeredIds.has(id))),
    );
    const people = await ctx.repos.people.byIds(deliveries.map((d) => d.personId!));
    for (const d of deliveries) {
      const p = people.get(d.personId!)!;
      expect(isQuiet(localClock(d.dueAt, p.timeZone).minutes, quietHoursOf(p)), p.name).toBe(false);
      expect(d.dueAt.getTime()).toBeGreaterThan(clock.getTime());
      // The button opens the invitation: the survey's own "srv|o|…".
      const stored = await ctx.repos.deliveries.get(d._id);
      expect(stored!.message.choices!.flat()[0]!.data).toMatch(/^srv\|o\|/);
    }
    // 06:00 WITA for the default quiet hours, 07:30 for those quiet until then.
    expect(new Set(deliveries.map((d) => d.dueAt.toISOString()))).toEqual(
      new Set(["2026-11-25T22:00:00.000Z", "2026-11-25T23:30:00.000Z"]),
    );
  });

  it("sends none when pressed again within three days, and says why", async () => {
    const setda = unitKey(SETDA);
    clock = new Date(clock.getTime() + 2 * DAY);
    const preview = await press(nonResponderButton.pack("preview", "srv", setda));
    expect(all(preview)).toContain("sudah diingatkan dalam 3 hari terakhir");
    expect(buttons(preview).some((b) => b.data.startsWith("blm|s|"))).toBe(false);
    // A confirmation button kept from before sends nothing either.
    const again = all(await press(nonResponderButton.pack("send", "srv", setda, 0)));
    expect(again).toContain("Tidak ada pengingat yang dikirim");
    expect(await campaignDeliveries()).toHaveLength(15);
    // Three days after the first, they may be reminded again.
    clock = new Date(clock.getTime() + DAY);
    expect(all(await press(nonResponderButton.pack("preview", "srv", setda)))).toContain(
      "Pengingat akan dikirim ke 15 orang.",
    );
  });
});

describe("/belum: a campaign with a deadline", () => {
  it("reminds before the deadline, automatically, only those who still have not acted", async () => {
    // Wednesday 2 December 2026, 10:00 WITA.
    clock = new Date("2026-12-02T02:00:00Z");
    const staff: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < 6; i++) staff.push(await person(`Staf BKPSDM ${i + 1}`, BKPSDM));
    // The counts come from the running totals: the folding job takes the new people in.
    await app.summaries.touchMany(staff.map((p) => p._id));
    await app.summaries.settle();
    const overview = await driver.cmd(coordinator, "belum", "BKPSDM Mataram");
    expect(all(overview)).toContain("Belum asesmen tahun ini: 6 orang");
    const bkpsdm = unitKey(BKPSDM);
    // Sent now, with a deadline in 7 days: Wednesday 9 December, 23:59 WITA.
    const sent = all(await press(nonResponderButton.pack("send", "asm", bkpsdm, 7)));
    expect(sent).toContain("6 pengingat dijadwalkan");
    expect(sent).toContain("Batas waktu");
    const campaign = (await campaignDeliveries()).find((d) => d.personId === staff[0]!._id)!;
    const purpose = campaign.purpose;
    const ofCampaign = async (occurrence: string) =>
      (await campaignDeliveries()).filter((d) => d.purpose === purpose && d._id.includes(`:${occurrence}:`));
    expect(await ofCampaign("w0")).toHaveLength(6);
    const job = app.jobs.find((j) => j.name === "campaign-deadlines")!;

    // Two assess themselves; nothing is due yet on Saturday.
    for (const p of staff.slice(0, 2)) await ctx.repos.people.setStatus(p._id, { assessedAt: clock });
    clock = new Date("2026-12-05T02:00:00Z");
    await job.run(clock);
    expect(await ofCampaign("d3")).toEqual([]);

    // Sunday 6 December, 08:00 WITA (3 days before): the four who have not.
    clock = new Date("2026-12-06T00:00:00Z");
    await job.run(clock);
    const d3 = await ofCampaign("d3");
    expect(new Set(d3.map((d) => d.personId))).toEqual(new Set(staff.slice(2).map((p) => p._id)));
    expect(d3.every((d) => d.dueAt.toISOString() === "2026-12-06T00:00:00.000Z")).toBe(true);
    await job.run(new Date(clock.getTime() + 30 * 60_000));
    expect(await ofCampaign("d3")).toHaveLength(4);

    // One more acts; Tuesday 8 December, 08:00 WITA (1 day before): the remaining three.
    await ctx.repos.people.setStatus(staff[2]!._id, { assessedAt: clock });
    clock = new Date("2026-12-08T00:00:00Z");
    await job.run(clock);
    const d1 = await ofCampaign("d1");
    expect(new Set(d1.map((d) => d.personId))).toEqual(new Set(staff.slice(3).map((p) => p._id)));
    const deadline = new Date("2026-12-09T15:59:00Z");
    expect(d1.every((d) => d.dueAt < deadline)).toBe(true);

    // After the deadline: nothing more.
    clock = new Date("2026-12-10T00:00:00Z");
    await job.run(clock);
    expect((await campaignDeliveries()).filter((d) => d.purpose === purpose)).toHaveLength(6 + 4 + 3);
  });
});

describe("/belum: imported people Pandu cannot reach", () => {
  it("says they cannot be messaged and gives exactly those who never talked to Pandu as a CSV", async () => {
    const list = await press(nonResponderButton.pack("list", "reg", "all", 0));
    expect(all(list)).toContain("tidak bisa diingatkan lewat Pandu");
    expect(all(list)).not.toContain("Pegawai Jambi");
    expect(buttons(list).some((b) => b.data.startsWith("blm|p|"))).toBe(false);
    const csv = await press(nonResponderButton.pack("csv", "all"));
    const text = Buffer.from(csv[0]!.media!.bytes)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const rows = text.trim().split(/\r?\n/);
    expect(rows[0]).toBe("nip;nama;unit");
    expect(
      rows
        .slice(1)
        .map((r) => r.split(";")[0])
        .sort(),
    ).toEqual([...neverContacted].sort());
    expect(text).toContain("Sekretariat Daerah");
    // Asking to remind them is refused with the reason.
    expect(all(await press(nonResponderButton.pack("preview", "reg", "all")))).toContain(
      "belum pernah menghubungi Pandu",
    );
  });
});

describe("/belum: a broadcast that asked for an answer", () => {
  it("lists exactly the 4 of 10 recipients who did not press 'Sudah dibaca' and reminds them with its buttons", async () => {
    const recipients: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < 10; i++) recipients.push(await person(`Penerima Siaran ${i + 1}`, BKPSDM));
    const id = "brd-rapat-koordinasi";
    const text = "Rapat koordinasi Senin pukul 09.00 di aula BKPSDM.";
    await ctx.repos.broadcasts.create({
      _id: id,
      createdBy: coordinatorId,
      createdByIdentity: coordinator.id,
      text,
      audience: { kind: "unit", values: [BKPSDM] },
      scopeRoots: ["mataram"],
      recipients: 10,
      dueAt: clock,
      status: "scheduled",
      createdAt: clock,
      ack: "read",
    });
    // The outbox sent it to all ten (its log, as the dispatcher leaves it).
    await ctx.db.models.DeliveryLog.insertMany(
      recipients.map((p) => ({
        _id: deliveryKey(id, p._id),
        purpose: peoplePurpose(id),
        personId: p._id,
        identityId: p.identity.id,
        channel: "telegram",
        address: p.identity.id.slice("telegram:".length),
        message: { text },
        dueAt: clock,
        status: "sent",
        attempts: 1,
        resends: 0,
        createdAt: clock,
        sentAt: clock,
      })),
    );
    // Six answer with the broadcast's own button.
    for (const p of recipients.slice(0, 6))
      expect(all(await driver.press(p.identity, ackButton.pack("read", id)))).not.toContain("tidak berlaku");

    const bkpsdm = unitKey(BKPSDM);
    expect(all(await press(nonResponderButton.pack("overview", bkpsdm)))).toContain(
      "Belum menjawab siaran 30 hari terakhir: 4 orang",
    );
    const list = all(await press(nonResponderButton.pack("list", "ack", bkpsdm, 0)));
    expect(list).toContain(": 4 orang");
    const listed = recipients.filter((p) => list.includes(`${p.name} —`)).map((p) => p._id);
    expect(listed).toEqual(recipients.slice(6).map((p) => p._id));

    expect(all(await press(nonResponderButton.pack("preview", "ack", bkpsdm)))).toContain(
      "Pengingat akan dikirim ke 4 orang.",
    );
    expect(all(await press(nonResponderButton.pack("send", "ack", bkpsdm, 0)))).toContain(
      "4 pengingat dijadwalkan",
    );
    const sent = (await campaignDeliveries()).filter((d) => recipients.some((p) => p._id === d.personId));
    expect(new Set(sent.map((d) => d.personId))).toEqual(new Set(recipients.slice(6).map((p) => p._id)));
    for (const d of sent) {
      const stored = await ctx.repos.deliveries.get(d._id);
      expect(stored!.message.text).toContain(text);
      // The broadcast's own answer button: pressing it records the answer.
      expect(stored!.message.choices!.flat().map((c) => c.data)).toEqual([ackButton.pack("read", id)]);
    }
    const late = recipients[9]!;
    await driver.press(late.identity, ackButton.pack("read", id));
    expect(all(await press(nonResponderButton.pack("list", "ack", bkpsdm, 0)))).toContain(": 3 orang");
  });
});

describe("/belum's reads, with exact values", () => {
  it("own headcounts and assessed counts by unit id, and broadcasts created since a time", async () => {
    const heads = await ctx.repos.summaries.headcountsOf([SETDA, "mataram.nowhere"]);
    // 40 invited + 4 imported, registered 40; the unverified person counts nowhere.
    expect(heads.map((h) => [h._id, h.headcount, h.registered])).toEqual([[SETDA, 44, 40]]);
    await ctx.repos.summaries.putTotals({
      ...unitTotalsOf("mataram.totals-check", 2026, [], []),
      assessed: 3,
    });
    expect([...(await ctx.repos.summaries.assessedIn(["mataram.totals-check", SETDA], 2026))]).toEqual([
      ["mataram.totals-check", 3],
    ]);
    expect(await ctx.repos.summaries.assessedIn(["mataram.totals-check"], 2027)).toEqual(new Map());
    const ids = (xs: { _id: string }[]) => xs.map((b) => b._id);
    const dayBefore = new Date(clock.getTime() - DAY);
    expect(ids(await ctx.repos.broadcasts.createdSince(dayBefore, clock, coordinatorId))).toEqual([
      "brd-rapat-koordinasi",
    ]);
    expect(ids(await ctx.repos.broadcasts.createdSince(dayBefore, clock))).toEqual(["brd-rapat-koordinasi"]);
    expect(await ctx.repos.broadcasts.createdSince(dayBefore, clock, "someone-else")).toEqual([]);
    expect(await ctx.repos.broadcasts.createdSince(new Date(clock.getTime() + 1), clock)).toEqual([]);
  });
});

describe("/belum: a list's pages walk the scope unit by unit", () => {
  it("pages through every registered person not assessed, each once, and back", async () => {
    await app.summaries.touchMany((await ctx.repos.people.listForLists([BKPSDM])).map((p) => p._id));
    await app.summaries.settle();
    const expected = (await ctx.repos.people.listForLists(["mataram", SETDA, BKPSDM]))
      .filter((p) => p.onboardedAt && !p.status?.assessedAt)
      .map((p) => p.name);
    const seen: string[] = [];
    const pages: string[] = [];
    let data: string | undefined = nonResponderButton.pack("list", "asm", "all", 0);
    while (data) {
      const out = await press(data);
      const text = all(out);
      pages.push(text);
      seen.push(...[...text.matchAll(/^\d+\. (.+?)(?: — .*)?$/gm)].map((m) => m[1]!));
      data = buttons(out).find((b) => b.label.startsWith("Berikutnya"))?.data;
    }
    expect(seen.sort()).toEqual(expected.sort());
    expect(pages.length).toBe(Math.ceil(expected.length / 20));
    // "Previous" from the last page shows the one before it again.
    const last = await press(
      buttons(await press(nonResponderButton.pack("list", "asm", "all", 0))).find((b) =>
        b.label.startsWith("Berikutnya"),
      )!.data,
    );
    const back = buttons(last).find((b) => b.label.startsWith("«"))!;
    expect(all(await press(back.data))).toBe(pages[0]);
    // A cursor from outside that makes no sense is read as whole, non-negative numbers.
    expect(all(await press("blm|l|asm|all|-2|-3|99999|b"))).toContain("Sudah mendaftar tetapi belum asesmen");
  });
});

describe("erasure and campaigns", () => {
  it("removes a person's reminder records, and a campaign no longer names its creator", async () => {
    const reminded = (await campaignDeliveries())[0]!;
    const campaignId = reminded.purpose.slice("campaign.".length);
    const before = await ctx.repos.campaigns.remindersOf(campaignId, [reminded.personId!]);
    expect(before.get(reminded.personId!)?.lastAt).toBeInstanceOf(Date);
    expect(await ctx.repos.campaigns.forgetPerson(reminded.personId!)).toBeGreaterThan(0);
    expect((await ctx.repos.campaigns.remindersOf(campaignId, [reminded.personId!])).size).toBe(0);
    const campaign = (await ctx.repos.campaigns.get(campaignId))!;
    await ctx.repos.campaigns.forgetPerson(campaign.createdBy);
    expect((await ctx.repos.campaigns.get(campaignId))!.createdBy).toBe("erased");
  });
});
