import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import type { createHousekeeping } from "./housekeeping.js";
import { eraseButton, type Privacy } from "./privacy.js";
import type { Retention } from "./retention.js";

/** /dataku and /hapusdata (UU PDP rights), the retention purge and finishing interrupted erasures. */
export function privacyFeature(deps: {
  privacy: Pick<Privacy, "exportOwnData" | "askErasure" | "handleButton">;
  housekeeping: ReturnType<typeof createHousekeeping>;
  retention: Pick<Retention, "run">;
}): Feature {
  return {
    name: "privacy",
    commands: [
      {
        name: "dataku",
        access: "registered",
        run: ({ conv, progress }) => deps.privacy.exportOwnData(conv, progress),
      },
      // Answers a stranger too: an erasure cut short after their account went is finished here.
      { name: "hapusdata", access: "anyone", run: ({ conv }) => deps.privacy.askErasure(conv) },
    ],
    buttons: [
      button({
        codec: eraseButton,
        access: "registered",
        command: "hapusdata",
        run: ({ conv }, press) => deps.privacy.handleButton(conv, press),
      }),
    ],
    jobs: [
      {
        name: "housekeeping",
        cron: "17 * * * *",
        timeZone: "Asia/Jakarta",
        run: (tick) => deps.housekeeping.run(tick),
      },
      // Nightly: delete sent messages and audit entries past their retention (FerretDB has no TTL).
      {
        name: "retention",
        cron: "10 3 * * *",
        timeZone: "Asia/Jakarta",
        run: (tick) => deps.retention.run(tick),
      },
    ],
  };
}

export default defineFeature({
  order: 120,
  build: (ctx) =>
    privacyFeature({
      privacy: ctx.services.privacy,
      housekeeping: ctx.services.housekeeping,
      retention: ctx.services.retention,
    }),
});
