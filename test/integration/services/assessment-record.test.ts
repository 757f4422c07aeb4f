import { describe, expect, it } from "vitest";
import {
  type AssessmentOutcome,
  createAssessmentRecorder,
  nextAssessmentAllowedAt,
} from "../../../src/features/assessment/assessment-record.js";
import { useTestDatabase } from "../../support/database.js";

describe("recording assessment results", () => {
  const ctx = useTestDatabase();

  it("appends each assessment, keeps the latest on the person, and returns the previous one", async () => {
    const record = createAssessmentRecorder({ repos: ctx.repos });
    await ctx.repos.people.create({
      _id: "p-wit",
      name: "Yohana",
      timeZone: "Asia/Jayapura",
      unitId: "papua.bkd",
      instansiId: "papua",
      tier: "pengawas",
    });
    const first = await record({
      personId: "p-wit",
      assessed: { "M.1": 2, "M.3": 3, "SK.1": 2 },
      required: { "M.1": 3, "M.3": 2, "SK.1": 2 },
      statements: 8,
      // 20.00 WIB on 31 December is 22.00 WIT: still 2026 for her.
      completedAt: new Date("2026-12-31T13:00:00Z"),
    });
    expect(first.previous).toBeNull();
    expect(first.assessment).toMatchObject({
      personId: "p-wit",
      unitId: "papua.bkd",
      instansiId: "papua",
      tier: "pengawas",
      year: 2026,
      statements: 8,
      results: [
        { competency: "M.1", assessed: 2, required: 3, gap: 1 },
        { competency: "SK.1", assessed: 2, required: 2, gap: 0 },
        { competency: "M.3", assessed: 3, required: 2, gap: -1 },
      ],
    });
    // 16.00 UTC on 31 December is 01.00 on 1 January in WIT: the new year already.
    const second = await record({
      personId: "p-wit",
      assessed: { "M.1": 3, "M.3": 3, "SK.1": 2 },
      required: { "M.1": 3, "M.3": 2, "SK.1": 2 },
      statements: 7,
      completedAt: new Date("2026-12-31T16:00:00Z"),
    });
    expect(second.previous?._id).toBe(first.assessment._id);
    expect(second.assessment).toMatchObject({ year: 2027, previousId: first.assessment._id });
    expect((await ctx.repos.people.get("p-wit"))?.status).toMatchObject({
      lastAssessmentId: second.assessment._id,
      gapCount: 0,
    });
    expect((await ctx.repos.assessments.listForPerson("p-wit")).map((a) => a._id)).toEqual([
      second.assessment._id,
      first.assessment._id,
    ]);
  });

  it("stores a retried assessment once, and points the status at it when a crash left that undone", async () => {
    const record = createAssessmentRecorder({ repos: ctx.repos });
    await ctx.repos.people.create({
      _id: "p-retry",
      name: "Rudi",
      timeZone: "Asia/Jakarta",
      tier: "pelaksana",
    });
    const outcome = {
      id: "s-run-retry",
      personId: "p-retry",
      assessed: { "M.1": 2 as const },
      required: { "M.1": 3 as const },
      statements: 5,
      completedAt: new Date("2026-11-02T03:00:00Z"),
    } satisfies AssessmentOutcome;
    const first = await record(outcome);
    expect(first.person._id).toBe("p-retry");
    // The process died after storing the fact, before the status pointed at it.
    await ctx.db.models.Person.updateOne({ _id: "p-retry" }, { $unset: { status: 1 } });
    const again = await record(outcome);
    expect(again.assessment._id).toBe("s-run-retry");
    expect(again.closedGaps).toEqual([]);
    expect((await ctx.repos.assessments.listForPerson("p-retry")).map((a) => a._id)).toEqual(["s-run-retry"]);
    expect((await ctx.repos.people.get("p-retry"))?.status).toMatchObject({
      lastAssessmentId: "s-run-retry",
      gapCount: 1,
    });
  });

  it("says when the assessment may be taken again", () => {
    expect(nextAssessmentAllowedAt(undefined, 90)).toBeUndefined();
    expect(nextAssessmentAllowedAt(new Date("2026-11-24T00:00:00Z"), 90)?.toISOString()).toBe(
      "2027-02-22T00:00:00.000Z",
    );
  });
});
