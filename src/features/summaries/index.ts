import { READER_ROLES } from "../../domain/scope.js";
import { INDONESIAN_IANA_ZONE_IDS } from "../../domain/timezone.js";
import type { Job } from "../../scheduler/scheduler.js";
import type { SummaryTotals } from "../../services/summary-totals.js";
import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type SummaryReport, summaryButton } from "./summary-report.js";

/** /ringkasan: unit summaries for supervisors and coordinators, the weekly summary, and keeping the totals current. */
export function summariesFeature(deps: {
  report: Pick<SummaryReport, "show" | "handleButton" | "weekly">;
  totals: Pick<SummaryTotals, "fold" | "rebuild">;
}): Feature {
  return {
    name: "summaries",
    commands: [
      {
        name: "ringkasan",
        access: READER_ROLES,
        run: (ctx) => deps.report.show(ctx.conv, ctx.args, ctx.bootstrapAdmin, ctx.progress),
      },
    ],
    buttons: [
      button({
        codec: summaryButton,
        access: READER_ROLES,
        command: "ringkasan",
        run: (ctx, press) => deps.report.handleButton(ctx.conv, press, ctx.bootstrapAdmin, ctx.progress),
      }),
    ],
    jobs: [
      // Monday 07:00 in each zone: the weekly summary for supervisors who asked for it.
      ...INDONESIAN_IANA_ZONE_IDS.map(
        (zone): Job => ({
          name: `weekly-summary@${zone}`,
          cron: "0 7 * * 1",
          timeZone: zone,
          run: (tick) => deps.report.weekly(zone, tick),
        }),
      ),
      // Take recorded changes into the unit totals; /ringkasan also does on request.
      { name: "summaries", cron: "* * * * *", timeZone: "Asia/Jakarta", run: () => deps.totals.fold(1000) },
      // Nightly: recompute from the facts and repair anything a crash left half done (writes
      // nothing when the totals are right).
      {
        name: "summaries-check",
        cron: "40 2 * * *",
        timeZone: "Asia/Jakarta",
        run: () => deps.totals.rebuild(),
      },
    ],
  };
}

export default defineFeature({
  order: 140,
  build: (ctx) => summariesFeature({ report: ctx.services.summaryReport, totals: ctx.services.summaries }),
});
