import { INDONESIAN_IANA_ZONE_IDS } from "../../domain/timezone.js";
import type { Job } from "../../scheduler/scheduler.js";
import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import type { createCompletion } from "./completion.js";
import type { JpNudge } from "./jp-nudge.js";
import { siasnButton, type TrainingView } from "./training.js";

/** /pelatihan (JP and enrolments, the SIASN export), /selesai (recording training), the JP nudge. */
export function trainingFeature(deps: {
  training: Pick<TrainingView, "show" | "exportSiasn">;
  completion: ReturnType<typeof createCompletion>;
  jpNudge: Pick<JpNudge, "run">;
  /** When the JP nudge runs, read in each person's zone (default: 08:00 on the 1st of the month). */
  jpNudgeCron?: string;
}): Feature {
  return {
    name: "training",
    commands: [
      {
        name: "pelatihan",
        access: "registered",
        variants: [
          {
            name: "pelatihan-ekspor",
            args: /^(ekspor|export|siasn)$/i,
            access: "registered",
            run: ({ conv, progress }) => deps.training.exportSiasn(conv, progress),
          },
        ],
        run: ({ conv }) => deps.training.show(conv),
      },
      { name: "selesai", access: "registered", flow: "selesai" },
    ],
    buttons: [
      button({
        codec: siasnButton,
        access: "registered",
        command: "pelatihan",
        run: ({ conv, progress }) => deps.training.exportSiasn(conv, progress),
      }),
    ],
    services: deps.completion.services,
    optionSources: deps.completion.optionSources,
    textSources: deps.completion.textSources,
    // One job per zone: "08:00 on the 1st" means each person's own 08:00.
    jobs: INDONESIAN_IANA_ZONE_IDS.map(
      (zone): Job => ({
        name: `jp-nudge@${zone}`,
        cron: deps.jpNudgeCron ?? "0 8 1 * *",
        timeZone: zone,
        run: (tick) => deps.jpNudge.run(zone, tick),
      }),
    ),
  };
}

export default defineFeature({
  order: 60,
  build: (ctx) =>
    trainingFeature({
      training: ctx.services.training,
      completion: ctx.services.completion,
      jpNudge: ctx.services.jpNudge,
      ...(ctx.jpNudgeCron ? { jpNudgeCron: ctx.jpNudgeCron } : {}),
    }),
});
