import { describe, expect, it } from "vitest";
import { createSummaryTotals } from "../../../src/services/summary-totals.js";
import { useTestDatabase } from "../../support/database.js";

describe("unit totals of an anonymous satisfaction survey", () => {
  const ctx = useTestDatabase();

  it("count its answers in steps of 5 per unit and year, equal to a rebuild", async () => {
    const totals = createSummaryTotals({
      repos: ctx.repos,
      satisfactionSurveys: new Set(["anon-pasca"]),
      anonymousSurveys: new Set(["anon-pasca"]),
      jpRuleOf: () => {
        throw new Error("no people in this test");
      },
      now: () => new Date("2026-10-03T03:00:00Z"),
    });
    const answer = async (value: number) => {
      await ctx.repos.surveys.respondInOrder({
        surveyId: "anon-pasca",
        occurrence: "s1",
        answers: [value, value],
        unitId: "u1",
        answeredOn: "2026-10-03",
      });
      await totals.surveyAnswered("anon-pasca", "u1", "2026-10-03");
      await totals.fold();
      return ctx.repos.summaries.ownTotals("u1", 2026);
    };
    for (let i = 0; i < 4; i++) expect(await answer(4)).toBeNull();
    expect(await answer(4)).toMatchObject({ ikmRespondents: 5, ikmScoreSum: 40, ikmAnswers: 10 });
    // A sixth answer, however low, leaves the unit's satisfaction where it was.
    expect(await answer(1)).toMatchObject({ ikmRespondents: 5, ikmScoreSum: 40 });
    const built = await totals.computeFromFacts();
    expect(built.totals.find((t) => t.unitId === "u1")).toMatchObject({ ikmRespondents: 5, ikmScoreSum: 40 });
  });
});
