import { describe, expect, it } from "vitest";
import { backfillIndexedFields } from "../../../src/db/backfill.js";
import { DDL_COMMANDS, ensureSchema } from "../../../src/db/ensure-schema.js";
import { CHANNELS } from "../../../src/db/models/identity.js";
import { CLAIM_SUBJECT } from "../../../src/db/repositories/flow-runs.js";
import { createOldestDue } from "../../../src/delivery/due-reader.js";
import { useTestDatabase } from "../../support/database.js";

/** A transition claim as `flowRuns.advance` stores it, beside the runs. */
const claimDoc = (id: string, at: Date) =>
  ({ _id: id, personId: CLAIM_SUBJECT, flowId: id, at }) as unknown as Parameters<
    ReturnType<typeof useTestDatabase>["db"]["models"]["FlowRun"]["collection"]["insertOne"]
  >[0];

const t0 = new Date("2026-11-24T02:00:00Z");
const NIP = "196711101992031001";

describe("storage on a real MongoDB-protocol server", () => {
  const ctx = useTestDatabase();

  it("creates every collection and index once, and nothing on a second run", async () => {
    const names = (await ctx.db.connection.db!.listCollections().toArray()).map((c) => c.name).sort();
    expect(names).toEqual([
      "achievements",
      "activation_codes",
      "assessments",
      "audit_log",
      "broadcast_acks",
      "broadcasts",
      "campaign_reminders",
      "campaigns",
      "change_stamps",
      "completions",
      "courses",
      "deliveries",
      "delivery_claims",
      "delivery_log",
      "enrollments",
      "erasure_requests",
      "flow_runs",
      "identities",
      "jabatan",
      "leases",
      "link_attempts",
      "link_codes",
      "link_requests",
      "mentor_profiles",
      "mentoring_requests",
      "nip_claims",
      "org_units",
      "people",
      "place_requests",
      "summary_contributions",
      "summary_marks",
      "summary_members",
      "survey_answer_keys",
      "survey_drafts",
      "survey_invitations",
      "survey_responses",
      "teknis_competencies",
      "tree_headcounts",
      "tree_totals",
      "unit_headcounts",
      "unit_moves",
      "unit_totals",
      "waitlist",
    ]);
    expect(await ensureSchema(ctx.db)).toEqual([]);
    // The indexes the repositories rely on (MongoDB and the patched embedded FerretDB search them).
    const indexes = async (c: string) =>
      (await ctx.db.connection.db!.collection(c).indexes())
        .map((i) => `${i.name}${i.unique ? "!" : ""}`)
        .sort();
    expect(await indexes("flow_runs")).toEqual(["_id_", "personId_1_flowId_1!"]);
    expect(await indexes("people")).toEqual([
      "_id_",
      "atasanNip_1",
      "declaredNip_1",
      "hasRoles_1",
      "instansiId_1",
      "nip_1",
      "unitId_1",
      "unverified_1",
    ]);
    expect(await indexes("identities")).toEqual(["_id_", "personId_1"]);
    // /belum: reminders read by `<campaign>:<person>` ids, erasure by person; the deadline job by deadline.
    expect(await indexes("campaign_reminders")).toEqual(["_id_", "personId_1"]);
    expect(await indexes("campaigns")).toEqual(["_id_", "createdBy_1", "deadline_1"]);
    expect(await indexes("enrollments")).toEqual([
      "_id_",
      "courseId_1",
      "endsAt_1",
      "personId_1",
      "seat_1!",
      "sessionId_1",
      "startsAt_1",
    ]);
    expect(await indexes("broadcasts")).toEqual(["_id_", "createdBy_1", "month_1", "progressOpen_1"]);
    expect(await indexes("broadcast_acks")).toEqual(["_id_", "broadcastId_1", "personId_1"]);
    expect(await indexes("completions")).toEqual(["_id_", "personId_1", "state_1", "year_1"]);
    expect(await indexes("unit_moves")).toEqual(["_id_", "personId_1", "state_1_toUnitId_1"]);
    expect(await indexes("survey_invitations")).toEqual(["_id_", "personId_1", "status_1"]);
    expect(await indexes("survey_responses")).toEqual([
      "_id_",
      "personId_1",
      "surveyId_1_occurrence_1",
      "unitId_1",
    ]);
    expect(await indexes("summary_contributions")).toEqual(["_id_", "personId_1", "unitId_1_year_1"]);
    expect(await indexes("summary_members")).toEqual(["_id_", "unitId_1"]);
    expect(await indexes("unit_totals")).toEqual(["_id_", "year_1"]);
    expect(await indexes("tree_totals")).toEqual(["_id_", "parentId_1_year_1"]);
    expect(await indexes("tree_headcounts")).toEqual(["_id_", "parentId_1"]);
    expect(await indexes("audit_log")).toEqual([
      "_id_",
      "action_1_at_-1",
      "actorIdentityId_1",
      "actorPersonId_1_at_-1",
      "at_-1",
      "month_1",
      "targetId_1",
    ]);
    // The outbox: what is due by due key, a broadcast's progress by purpose, /dataku by person.
    expect(await indexes("deliveries")).toEqual(["_id_", "dueKey_1_dueAt_1", "personId_1", "purpose_1"]);
    expect(await indexes("delivery_log")).toEqual(["_id_", "createdAt_1", "personId_1", "purpose_1"]);
    expect(await indexes("erasure_requests")).toEqual(["_id_", "requestedAt_1"]);
    expect(await indexes("waitlist")).toEqual(["_id_", "member_1!", "personId_1", "sessionId_1", "state_1"]);
  });

  it("writes and reads a person with roles, consent and status", async () => {
    const p = await ctx.repos.people.create({
      name: "Siti Rahmawati",
      nip: NIP,
      timeZone: "Asia/Makassar",
      unitId: "mataram.bkpsdm",
      instansiId: "mataram",
      consent: { givenAt: t0, textVersion: "2026-11" },
      roles: [{ role: "supervisor", unitId: "mataram", grantedAt: t0 }],
      learningModes: ["e-learning"],
    });
    expect(p._id).toMatch(/^p[0-9a-z]{16}$/);
    await ctx.repos.people.setStatus(p._id, { jpYear: 2026, jpTotal: 12.5 });
    await ctx.repos.people.update(p._id, { locale: "en" });
    const back = await ctx.repos.people.get(p._id);
    expect(back).toMatchObject({
      name: "Siti Rahmawati",
      nip: NIP,
      locale: "en",
      timeZone: "Asia/Makassar",
      consent: { textVersion: "2026-11" },
      roles: [{ role: "supervisor", unitId: "mataram" }],
      status: { jpYear: 2026, jpTotal: 12.5 },
      learningModes: ["e-learning"],
    });
    expect(back!.consent!.givenAt.toISOString()).toBe(t0.toISOString());
    expect(await ctx.repos.people.listByUnit("mataram.bkpsdm")).toHaveLength(1);
    expect(await ctx.repos.people.countByInstansi("mataram")).toBe(1);
  });

  it("stores a new person's empty status, so reads always find it", async () => {
    const p = await ctx.repos.people.create({ name: "Dewi", timeZone: "Asia/Jayapura" });
    expect((await ctx.repos.people.get(p._id))?.status).toEqual({});
  });

  it("rejects a second person with the same id", async () => {
    await ctx.repos.people.create({ _id: "p-dup", name: "Satu", timeZone: "Asia/Jakarta" });
    await expect(
      ctx.repos.people.create({ _id: "p-dup", name: "Dua", timeZone: "Asia/Jakarta" }),
    ).rejects.toMatchObject({
      code: 11000,
    });
  });

  it("rejects a malformed NIP on a person", async () => {
    await expect(
      ctx.repos.people.create({ name: "X", nip: "12345", timeZone: "Asia/Jakarta" }),
    ).rejects.toThrow(/nip/);
  });

  it("lets one person claim a NIP and refuses everyone else (unique _id)", async () => {
    expect(await ctx.repos.nipClaims.claim(NIP, "p-owner", t0)).toEqual({ ok: true });
    expect(await ctx.repos.nipClaims.claim(NIP, "p-owner", t0)).toEqual({ ok: true });
    expect(await ctx.repos.nipClaims.claim(NIP, "p-other", t0)).toEqual({
      ok: false,
      ownerPersonId: "p-owner",
    });
    await expect(
      ctx.db.models.NipClaim.create({ _id: NIP, personId: "p-x", claimedAt: t0 }),
    ).rejects.toMatchObject({
      code: 11000,
    });
    expect(await ctx.repos.nipClaims.release(NIP)).toBe(true);
    expect(await ctx.repos.nipClaims.ownerOf(NIP)).toBeNull();
  });

  it("binds an identity once, relinks it, and marks it unreachable", async () => {
    const bind = {
      id: "telegram:1001",
      channel: "telegram" as const,
      personId: "p-a",
      address: "1001",
      now: t0,
    };
    expect(await ctx.repos.identities.bind(bind)).toBe(true);
    expect(await ctx.repos.identities.bind({ ...bind, personId: "p-b" })).toBe(false);
    await expect(
      ctx.db.models.Identity.create({
        _id: "telegram:1001",
        channel: "telegram",
        personId: "p-c",
        linkedAt: t0,
      }),
    ).rejects.toMatchObject({ code: 11000 });
    await ctx.repos.identities.bind({ id: "slack:T01:U456", channel: "slack", personId: "p-b", now: t0 });
    expect(await ctx.repos.identities.rebind("telegram:1001", "p-b", t0)).toBe(true);
    expect((await ctx.repos.identities.listForPerson("p-b")).map((i) => i._id)).toEqual([
      "slack:T01:U456",
      "telegram:1001",
    ]);
    await ctx.repos.identities.markUnreachable("telegram:1001", "403 blocked", t0);
    expect((await ctx.repos.identities.get("telegram:1001"))?.unreachable?.reason).toBe("403 blocked");
  });

  it("stores the org tree and answers subtree queries exactly", async () => {
    const created = await ctx.repos.orgUnits.upsertMany([
      {
        _id: "jambi",
        name: "Pemerintah Provinsi Jambi",
        kind: "instansi",
        parentId: null,
        instansiId: "jambi",
        path: [],
      },
      {
        _id: "jambi.bkpsdm",
        name: "BKPSDM",
        kind: "unit",
        parentId: "jambi",
        instansiId: "jambi",
        path: ["jambi"],
      },
      {
        _id: "jambi.bkpsdm.bangkom",
        name: "Bidang Pengembangan Kompetensi",
        kind: "unit",
        parentId: "jambi.bkpsdm",
        instansiId: "jambi",
        path: ["jambi", "jambi.bkpsdm"],
      },
      {
        _id: "jambi.dinkes",
        name: "Dinas Kesehatan",
        kind: "unit",
        parentId: "jambi",
        instansiId: "jambi",
        path: ["jambi"],
      },
      {
        _id: "dki",
        name: "Pemerintah Provinsi DKI Jakarta",
        kind: "instansi",
        parentId: null,
        instansiId: "dki",
        path: [],
      },
    ]);
    expect(created).toBe(5);
    // Re-importing the same units changes nothing.
    expect(
      await ctx.repos.orgUnits.upsertMany([
        {
          _id: "dki",
          name: "Pemerintah Provinsi DKI Jakarta",
          kind: "instansi",
          parentId: null,
          instansiId: "dki",
          path: [],
        },
      ]),
    ).toBe(0);
    expect((await ctx.repos.orgUnits.roots()).map((u) => u._id)).toEqual(["dki", "jambi"]);
    expect((await ctx.repos.orgUnits.children("jambi")).map((u) => u._id)).toEqual([
      "jambi.bkpsdm",
      "jambi.dinkes",
    ]);
    expect((await ctx.repos.orgUnits.subtree("jambi.bkpsdm")).map((u) => u._id)).toEqual([
      "jambi.bkpsdm",
      "jambi.bkpsdm.bangkom",
    ]);
    await expect(
      ctx.db.models.OrgUnit.create({
        _id: "dki",
        name: "dup",
        kind: "instansi",
        parentId: null,
        instansiId: "dki",
      }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it("stores jabatan with their SKJ and lists shared and own jabatan", async () => {
    await ctx.repos.jabatan.upsertMany([
      {
        _id: "analis-kebijakan-ahli-muda",
        name: "Analis Kebijakan Ahli Muda",
        tier: "fungsional-ahli-muda",
        family: "analis-kebijakan",
        standard: [
          { competency: "M.1", level: 3 },
          { competency: "M.3", level: 3 },
        ],
      },
      {
        _id: "kepala-bidang-jambi",
        name: "Kepala Bidang",
        tier: "administrator",
        instansiId: "jambi",
        standard: [],
      },
      {
        _id: "kepala-bidang-dki",
        name: "Kepala Bidang DKI",
        tier: "administrator",
        instansiId: "dki",
        standard: [],
      },
    ]);
    const j = await ctx.repos.jabatan.get("analis-kebijakan-ahli-muda");
    expect(j?.standard).toEqual([
      { competency: "M.1", level: 3 },
      { competency: "M.3", level: 3 },
    ]);
    expect((await ctx.repos.jabatan.listForInstansi("jambi")).map((x) => x._id)).toEqual([
      "analis-kebijakan-ahli-muda",
      "kepala-bidang-jambi",
    ]);
    await expect(
      ctx.db.models.Jabatan.create({ _id: "kepala-bidang-dki", name: "x", tier: "pelaksana" }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it("advances a flow run once per expected step; a replay records nothing", async () => {
    const base = {
      personId: "p-run",
      identityId: "telegram:1",
      flowId: "onboarding",
      flowVersion: "1",
      stepId: "consent",
      answers: {},
      trail: [],
      offered: [],
      startedAt: t0,
      updatedAt: t0,
    };
    const { run, resumed } = await ctx.repos.flowRuns.start(base);
    expect(resumed).toBe(false);
    // Starting the same flow again resumes the live run (unique personId + flowId).
    const again = await ctx.repos.flowRuns.start(base);
    expect(again).toMatchObject({ resumed: true, run: { _id: run._id } });
    await expect(ctx.db.models.FlowRun.create({ ...base, seq: 0 })).rejects.toMatchObject({ code: 11000 });

    const move = { stepId: "name", trail: ["consent"], answers: { consent: "yes" } };
    const sent = ctx.commands.length;
    expect(await ctx.repos.flowRuns.advance(run._id, 0, move, t0)).toBe(true);
    // The claim and the state go in one command: one round trip per answer.
    expect(ctx.commands.slice(sent)).toEqual(["update"]);
    expect(await ctx.repos.flowRuns.advance(run._id, 0, move, t0)).toBe(false);
    // The claim stays beside the run, in no person's list of runs.
    expect(await ctx.db.models.FlowRun.findById(`${run._id}:0`).lean().exec()).toMatchObject({
      personId: CLAIM_SUBJECT,
      at: t0,
    });
    expect((await ctx.repos.flowRuns.listForPerson("p-run")).map((r) => r._id)).toEqual([run._id]);
    expect(
      await ctx.repos.flowRuns.advance(
        run._id,
        1,
        { stepId: "nip", trail: ["consent", "name"], answers: { consent: "yes", name: "Budi" } },
        t0,
      ),
    ).toBe(true);
    expect(
      await ctx.repos.flowRuns.advance(
        run._id,
        2,
        { stepId: "name", trail: ["consent"], answers: { consent: "yes" } },
        t0,
      ),
    ).toBe(true);
    const now = await ctx.repos.flowRuns.get(run._id);
    expect(now).toMatchObject({ seq: 3, stepId: "name", trail: ["consent"], answers: { consent: "yes" } });
    expect(await ctx.repos.flowRuns.end(run._id)).toBe(true);
    expect(await ctx.repos.flowRuns.listForPerson("p-run")).toEqual([]);
  });

  it("reads a run stored before its state was one field, and stores it whole the first time it moves", async () => {
    const at = new Date("2026-12-01T03:00:00Z");
    await ctx.db.models.FlowRun.collection.insertOne({
      _id: "r-legacy",
      personId: "p-legacy",
      identityId: "telegram:3",
      flowId: "asesmen",
      flowVersion: "1",
      stepId: "ask",
      seq: 4,
      answers: { intro: true, responses: [{ c: "M.1", l: 2, i: 0, s: 4 }], when: at },
      trail: ["intro", "ask"],
      offered: [{ id: "u1", label: "Bidang Umum" }],
      startedAt: at,
      updatedAt: at,
    } as never);
    const legacy = await ctx.repos.flowRuns.get("r-legacy");
    expect(legacy).toMatchObject({
      seq: 4,
      answers: { intro: true, responses: [{ c: "M.1", l: 2, i: 0, s: 4 }], when: at },
      trail: ["intro", "ask"],
      offered: [{ id: "u1", label: "Bidang Umum" }],
    });
    const answers = {
      ...legacy!.answers,
      responses: [
        { c: "M.1", l: 2, i: 0, s: 4 },
        { c: "M.1", l: 2, i: 1, s: 3 },
      ],
    };
    expect(
      await ctx.repos.flowRuns.advance(
        "r-legacy",
        4,
        { stepId: "ask", trail: ["intro", "ask", "ask"], answers },
        at,
      ),
    ).toBe(true);
    const stored = await ctx.db.models.FlowRun.collection.findOne({ _id: "r-legacy" } as never);
    expect(Object.keys(stored!).sort()).toEqual([
      "_id",
      "flowId",
      "flowVersion",
      "identityId",
      "personId",
      "seq",
      "startedAt",
      "state",
      "stepId",
      "updatedAt",
    ]);
    expect(await ctx.repos.flowRuns.listForPerson("p-legacy")).toMatchObject([
      { seq: 5, answers, trail: ["intro", "ask", "ask"], offered: [] },
    ]);
  });

  it("deletes one run's claims by their ids, and no other run's", async () => {
    const ids = ["rA:0", "rA:1", "rA:12", "rA:13", "rAB:0", "rB:0"];
    for (const id of ids) await ctx.db.models.FlowRun.collection.insertOne(claimDoc(id, t0));
    expect(await ctx.repos.flowRuns.purgeClaimsOfRun("rA", 12)).toBe(3);
    const left = (
      await ctx.db.models.FlowRun.find({ _id: { $in: ids } })
        .lean()
        .exec()
    )
      .map((c) => c._id)
      .sort();
    expect(left).toEqual(["rA:13", "rAB:0", "rB:0"]);
  });

  it("starts one erasure per person and finds it again", async () => {
    const r = { _id: "p-erase", token: "tok", identityIds: ["telegram:7"], requestedAt: t0 };
    expect(await ctx.repos.erasures.begin(r)).toBe(true);
    expect(await ctx.repos.erasures.begin({ ...r, token: "other" })).toBe(false);
    expect(await ctx.repos.erasures.get("p-erase")).toMatchObject({
      token: "tok",
      identityIds: ["telegram:7"],
    });
    expect((await ctx.repos.erasures.all()).map((x) => x._id)).toEqual(["p-erase"]);
    await ctx.repos.erasures.end("p-erase");
    expect(await ctx.repos.erasures.all()).toEqual([]);
  });

  it("appends audit entries and lists them latest first with filters", async () => {
    for (let i = 0; i < 3; i++) {
      await ctx.repos.audit.append({
        at: new Date(t0.getTime() + i * 1000),
        actorPersonId: i === 2 ? "p-admin" : "p-x",
        action: i === 0 ? "nip.claim-refused" : "role.grant",
        outcome: i === 0 ? "refused" : "ok",
        targetKind: "person",
        targetId: `p-${i}`,
        details: { note: `n${i}` },
      });
    }
    expect((await ctx.repos.audit.list()).map((e) => e.targetId)).toEqual(["p-2", "p-1", "p-0"]);
    expect((await ctx.repos.audit.list({ action: "role.grant" })).map((e) => e.targetId)).toEqual([
      "p-2",
      "p-1",
    ]);
    expect((await ctx.repos.audit.list({ actorPersonId: "p-admin" }))[0]).toMatchObject({
      outcome: "ok",
      details: { note: "n2" },
    });
    expect(await ctx.repos.audit.list({ limit: 1 })).toHaveLength(1);
  });

  it("strips chat account ids from audit entries, keeping the entries", async () => {
    await ctx.repos.audit.append({
      at: t0,
      actorIdentityId: "telegram:77",
      action: "x.forget",
      outcome: "ok",
    });
    await ctx.repos.audit.append({
      at: t0,
      actorPersonId: "p-77",
      action: "x.forget",
      outcome: "ok",
      targetKind: "identity",
      targetId: "telegram:77",
    });
    await ctx.repos.audit.append({
      at: t0,
      actorIdentityId: "telegram:78",
      action: "x.forget",
      outcome: "ok",
    });
    await ctx.repos.audit.forgetIdentities(["telegram:77"]);
    const entries = (await ctx.repos.audit.list({ action: "x.forget" })).map((e) => [
      e.actorIdentityId ?? null,
      e.targetId ?? null,
    ]);
    expect(entries.sort()).toEqual([
      [null, null],
      [null, "erased"],
      ["telegram:78", null],
    ]);
  });

  it("sends no DDL once the schema is in place, whatever the repositories do", async () => {
    const before = ctx.commands.length;
    const p = await ctx.repos.people.create({ name: "Ahmad", timeZone: "Asia/Jakarta" });
    await ctx.repos.identities.bind({ id: "terminal:ahmad", channel: "terminal", personId: p._id, now: t0 });
    await ctx.repos.nipClaims.claim("198501012010011002", p._id, t0);
    const { run } = await ctx.repos.flowRuns.start({
      personId: p._id,
      identityId: "terminal:ahmad",
      flowId: "x",
      flowVersion: "1",
      stepId: "a",
      answers: {},
      trail: [],
      offered: [],
      startedAt: t0,
      updatedAt: t0,
    });
    await ctx.repos.flowRuns.advance(run._id, 0, { stepId: "b", trail: ["a"], answers: { a: 1 } }, t0);
    await ctx.repos.flowRuns.end(run._id);
    await ctx.repos.audit.append({ at: t0, action: "test", outcome: "ok" });
    const sent = ctx.commands.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.filter((c) => DDL_COMMANDS.has(c))).toEqual([]);
  });
});

describe("atomic primitives Pandu relies on (FerretDB 1.24 has no compare-and-set updateOne)", () => {
  const ctx = useTestDatabase();

  it("lets exactly one of many concurrent answers advance a run", async () => {
    const base = {
      personId: "p-race",
      identityId: "telegram:9",
      flowId: "race",
      flowVersion: "1",
      stepId: "a",
      answers: {},
      trail: [],
      offered: [],
      startedAt: t0,
      updatedAt: t0,
    };
    const { run } = await ctx.repos.flowRuns.start(base);
    for (let seq = 0; seq < 5; seq++) {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          ctx.repos.flowRuns.advance(
            run._id,
            seq,
            { stepId: `s${seq}`, trail: [], answers: { [`q${seq}`]: i } },
            t0,
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      // Only the winner's state is written: a loser's second statement never runs.
      const stored = await ctx.repos.flowRuns.get(run._id);
      expect(stored?.answers[`q${seq}`]).toBe(results.indexOf(true));
    }
    expect((await ctx.repos.flowRuns.get(run._id))?.seq).toBe(5);
    const ends = await Promise.all(Array.from({ length: 5 }, () => ctx.repos.flowRuns.end(run._id, 5)));
    expect(ends.filter(Boolean)).toHaveLength(1);
  });

  it("lets many first marks of the same change stamp land at once (an upsert race loses with E11000)", async () => {
    for (let k = 0; k < 5; k++) {
      const key = `race-stamp-${k}`;
      await Promise.all(Array.from({ length: 8 }, () => ctx.repos.changeStamps.touch(key)));
      expect(await ctx.repos.changeStamps.token(key)).not.toBe("");
    }
  });

  it("rejects a second audit entry with the same id", async () => {
    await ctx.db.models.AuditEntry.create({ _id: "a-dup", at: t0, action: "x", outcome: "ok" });
    await expect(
      ctx.db.models.AuditEntry.create({ _id: "a-dup", at: t0, action: "y", outcome: "ok" }),
    ).rejects.toMatchObject({ code: 11000 });
  });

  it("finds the oldest due delivery's due time by due keys, never a later one, and a database ping", async () => {
    const at = (iso: string) => new Date(iso);
    const row = (id: string, dueAt: string) => ({
      _id: id,
      purpose: "reminder.7d",
      identityId: `telegram:${id}`,
      channel: "telegram",
      address: id,
      message: { text: "x" },
      dueAt: at(dueAt),
    });
    const oldestDue = createOldestDue({ deliveries: ctx.repos.deliveries, channels: CHANNELS });
    expect(await oldestDue(at("2026-01-01T00:00:00Z"))).toBeUndefined();
    await ctx.repos.deliveries.enqueueMany(
      [
        row("od1", "2026-01-01T10:00:00Z"),
        row("od2", "2026-01-01T09:00:00Z"),
        row("od3", "2026-01-01T12:00:00Z"),
      ],
      at("2026-01-01T08:00:00Z"),
    );
    expect(await oldestDue(at("2026-01-01T08:30:00Z"))).toBeUndefined();
    expect(await oldestDue(at("2026-01-01T11:00:00Z"))).toEqual(at("2026-01-01T09:00:00Z"));
    await ctx.db.models.Delivery.deleteMany({ _id: { $in: ["od1", "od2", "od3"] } });
    expect(await ctx.db.ping(2_000)).toBe(true);
  });

  it("does not schedule again a key already sent or given up, whatever the mix of purposes", async () => {
    const at = new Date("2026-02-01T00:00:00Z");
    const row = (purpose: string, person: string) => ({
      _id: `${purpose}:o1:${person}`,
      purpose,
      identityId: `telegram:${person}`,
      channel: "telegram",
      address: person,
      message: { text: "x" },
      dueAt: at,
    });
    const first = [row("broadcast.b9", "1"), row("broadcast.b9", "2"), row("survey.s9", "1")];
    expect(await ctx.repos.deliveries.enqueueMany(first, at)).toBe(3);
    const [sent, dead] = [
      await ctx.repos.deliveries.get(first[0]!._id),
      await ctx.repos.deliveries.get(first[2]!._id),
    ];
    await ctx.repos.deliveries.finish(sent!, "sent", at);
    await ctx.repos.deliveries.finish(dead!, "dead", at, "blocked");
    // A retried broadcast and survey: only the keys not yet done are new.
    const again = [...first, row("broadcast.b9", "3"), row("survey.s9", "2")];
    expect(await ctx.repos.deliveries.enqueueMany(again, at)).toBe(2);
    const waiting = await ctx.db.models.Delivery.find({
      _id: { $regex: /^(broadcast\.b9|survey\.s9):/ },
    }).lean();
    expect(waiting.map((d) => d._id).sort()).toEqual([
      "broadcast.b9:o1:2",
      "broadcast.b9:o1:3",
      "survey.s9:o1:2",
    ]);
    await ctx.db.models.Delivery.deleteMany({ _id: { $in: waiting.map((d) => d._id) } });
  });

  it("releases only the given slots, and only the holder's", async () => {
    const t = new Date("2026-01-01T00:00:00Z");
    await ctx.repos.leases.take("rel", 1, "a", t);
    await ctx.repos.leases.take("rel", 2, "a", t);
    await ctx.repos.leases.take("rel", 3, "a", t);
    await ctx.repos.leases.take("rel-other", 1, "b", t);
    expect(await ctx.repos.leases.release("rel", [1, 2], "a")).toBe(2);
    expect(await ctx.repos.leases.release("rel-other", [1], "a")).toBe(0);
    expect(await ctx.repos.leases.holder("rel", 3)).toBe("a");
    expect(await ctx.repos.leases.holder("rel", 1)).toBeUndefined();
    expect(await ctx.repos.leases.holder("rel-other", 1)).toBe("b");
  });

  it("purges old transition claims by age", async () => {
    await ctx.db.models.FlowRun.collection.insertMany([
      claimDoc("old:0", new Date("2026-11-01T00:00:00Z")),
      claimDoc("new:0", new Date("2026-11-24T00:00:00Z")),
    ]);
    expect(await ctx.repos.flowRuns.purgeClaims(new Date("2026-11-20T00:00:00Z"))).toBe(1);
    expect(await ctx.db.models.FlowRun.find({ _id: { $in: ["old:0", "new:0"] } }).distinct("_id")).toEqual([
      "new:0",
    ]);
  });

  it("fills the index fields of documents written before those fields existed, once at start-up", async () => {
    const m = ctx.db.models;
    // Written as an older version stored them: no hasRoles, confirmedBy or month.
    await m.Person.collection.insertOne({
      _id: "p-old-admin" as never,
      name: "Admin Lama",
      timeZone: "Asia/Jakarta",
      roles: [{ role: "admin", unitId: "jambi" }],
    });
    await m.Assessment.collection.insertOne({
      _id: "as-old" as never,
      personId: "p-old",
      year: 2025,
      completedAt: new Date("2025-10-01T00:00:00Z"),
      statements: 27,
      results: [
        {
          competency: "M.3",
          assessed: 3,
          required: 2,
          gap: 0,
          confirmation: { level: 2, byPersonId: "p-old-atasan", at: new Date("2025-10-02T00:00:00Z") },
        },
      ],
    });
    await m.AuditEntry.collection.insertOne({
      _id: "a-old" as never,
      at: new Date("2025-10-02T00:00:00Z"),
      action: "old.action",
      outcome: "ok",
    });
    // Two deliveries queued without a due key: one due already, one due in an hour.
    const queued = (id: string, dueAt: Date) => ({
      _id: id as never,
      purpose: "reminder.old",
      identityId: `telegram:${id}`,
      channel: "telegram",
      address: id,
      message: { text: "x" },
      dueAt,
      status: "pending",
      attempts: 0,
      resends: 0,
      createdAt: new Date(Date.now() - 86_400_000),
    });
    const inAnHour = new Date(Date.now() + 3_600_000);
    await m.Delivery.collection.insertMany([
      queued("dk-old-due", new Date(Date.now() - 60_000)),
      queued("dk-old-later", inAnHour),
    ]);
    const filled = await backfillIndexedFields(ctx.db, [
      "people.hasRoles_1",
      "assessments.confirmedBy_1",
      "audit_log.month_1",
      "broadcasts.month_1",
      "deliveries.dueKey_1_dueAt_1",
    ]);
    expect(filled).toContain("deliveries.dueKey: 2");
    expect((await ctx.repos.deliveries.get("dk-old-due"))?.dueKey).toBe("telegram@now");
    expect((await ctx.repos.deliveries.get("dk-old-later"))?.dueKey).toBe(
      `telegram@${Math.floor(inAnHour.getTime() / 60_000)}`,
    );
    await m.Delivery.deleteMany({ _id: { $in: ["dk-old-due", "dk-old-later"] } }).exec();
    expect(filled).toContain("people.hasRoles: 1");
    expect((await ctx.repos.people.listWithRoles()).map((p) => p._id)).toContain("p-old-admin");
    expect(await ctx.repos.assessments.forgetConfirmer("p-old-atasan")).toBe(1);
    expect((await ctx.repos.assessments.get("as-old"))?.confirmedBy).toBeUndefined();
    const old = await ctx.repos.audit.list({ now: new Date("2025-12-01T00:00:00Z"), limit: 50 });
    expect(old.map((e) => e.action)).toEqual(["old.action"]);
    // Nothing is filled when no such index was just created.
    expect(await backfillIndexedFields(ctx.db, [])).toEqual([]);
  });
});
