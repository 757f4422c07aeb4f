import { describe, expect, it } from "vitest";
import { digestFigures, digestWindow } from "../../../src/domain/digest.js";

const now = new Date("2026-11-30T00:00:00Z");
const h = 3_600_000;
const at = (hours: number) => new Date(now.getTime() + hours * h);
const place = (
  personId: string,
  sessionId: string,
  startsInHours: number,
  attendance?: "hadir" | "tidak",
) => ({
  personId,
  sessionId,
  title: `Sesi ${sessionId}`,
  startsAt: at(startsInHours),
  timeZone: "Asia/Jakarta",
  ...(attendance ? { attendance } : {}),
});

describe("the coordinator's digest figures", () => {
  it("counts registrations and assessments of the seven days before, the start included and now excluded", () => {
    const f = digestFigures(
      [
        { _id: "a", onboardedAt: at(-7 * 24), status: { assessedAt: at(-1) } },
        { _id: "b", onboardedAt: at(-7 * 24 - 1), status: {} },
        { _id: "c", onboardedAt: at(0), status: { assessedAt: at(-8 * 24) } },
        { _id: "d", status: {} },
      ],
      [],
      digestWindow(now),
    );
    expect(f).toEqual({ people: 4, registeredThisWeek: 1, assessedThisWeek: 1, sessions: [] });
  });

  it("groups the week ahead's places of people in scope by session, soonest first, with their answers", () => {
    const f = digestFigures(
      [
        { _id: "a", status: {} },
        { _id: "b", status: {} },
        { _id: "c", status: {} },
      ],
      [
        place("a", "late", 100, "hadir"),
        place("a", "soon", 2, "tidak"),
        place("b", "soon", 2, "hadir"),
        place("c", "soon", 2),
        place("outsider", "soon", 2, "hadir"),
        place("b", "past", -1, "hadir"),
        place("c", "beyond", 7 * 24, "hadir"),
      ],
      digestWindow(now),
    );
    expect(f.sessions.map((s) => [s.sessionId, s.hadir, s.tidak, s.unanswered])).toEqual([
      ["soon", 1, 1, 1],
      ["late", 1, 0, 0],
    ]);
  });
});
