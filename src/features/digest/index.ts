import { INDONESIAN_IANA_ZONE_IDS } from "../../domain/timezone.js";
import type { Job } from "../../scheduler/scheduler.js";
import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type CoordinatorDigest, digestButton } from "./coordinator-digest.js";

/** /rekap: the coordinator's weekly digest of their scope, on request and every Monday for those who ask. */
export function digestFeature(deps: {
  digest: Pick<CoordinatorDigest, "show" | "handleButton" | "weekly">;
}): Feature {
  return {
    name: "digest",
    commands: [
      {
        name: "rekap",
        access: ["koordinator"],
        run: (ctx) => deps.digest.show(ctx.conv, ctx.bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: digestButton,
        access: ["koordinator"],
        command: "rekap",
        run: (ctx, press) => deps.digest.handleButton(ctx.conv, press, ctx.bootstrapAdmin),
      }),
    ],
    // Monday 07:00 in each zone: the digest for coordinators who asked for it.
    jobs: INDONESIAN_IANA_ZONE_IDS.map(
      (zone): Job => ({
        name: `coordinator-digest@${zone}`,
        cron: "0 7 * * 1",
        timeZone: zone,
        run: (tick) => deps.digest.weekly(zone, tick),
      }),
    ),
  };
}

export default defineFeature({
  order: 135,
  build: (ctx) => digestFeature({ digest: ctx.services.coordinatorDigest }),
});
