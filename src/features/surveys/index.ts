import type { Job } from "../../scheduler/scheduler.js";
import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Surveys, surveyButton } from "./surveys.js";

/** /survei: answering satisfaction surveys, and their results for the people who run training. */
export function surveysFeature(deps: {
  surveys: Pick<Surveys, "list" | "summary" | "handleButton" | "tick" | "periodic" | "openPeriodic">;
}): Feature {
  const { surveys } = deps;
  return {
    name: "surveys",
    commands: [
      {
        name: "survei",
        access: "registered",
        variants: [
          {
            name: "survei-hasil",
            args: /^(hasil|results)$/i,
            access: ["koordinator", "supervisor"],
            run: ({ conv, bootstrapAdmin }) => surveys.summary(conv, bootstrapAdmin),
          },
        ],
        run: ({ conv }) => surveys.list(conv),
      },
    ],
    buttons: [
      button({
        codec: surveyButton,
        access: "registered",
        command: "survei",
        run: ({ conv }, press) => surveys.handleButton(conv, press),
      }),
    ],
    jobs: [
      { name: "surveys", cron: "*/5 * * * *", timeZone: "Asia/Jakarta", run: (tick) => surveys.tick(tick) },
      ...surveys.periodic().map(
        (def): Job => ({
          name: `survey:${def.id}`,
          cron: def.cron,
          timeZone: def.timeZone,
          run: (tick) => surveys.openPeriodic(def.id, tick),
        }),
      ),
    ],
  };
}

export default defineFeature({
  order: 80,
  build: (ctx) => surveysFeature({ surveys: ctx.services.surveys }),
});
