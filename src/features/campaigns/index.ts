import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Campaigns, nonResponderButton } from "./campaigns.js";

/** /belum: who in a coordinator's scope has not acted yet, and reminding exactly them. */
export function campaignsFeature(deps: {
  campaigns: Pick<Campaigns, "show" | "handleButton" | "deadlineTick">;
}): Feature {
  return {
    name: "campaigns",
    commands: [
      {
        name: "belum",
        access: ["koordinator"],
        run: (ctx) => deps.campaigns.show(ctx.conv, ctx.args, ctx.bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: nonResponderButton,
        access: ["koordinator"],
        command: "belum",
        run: (ctx, press) => deps.campaigns.handleButton(ctx.conv, press, ctx.bootstrapAdmin, ctx.progress),
      }),
    ],
    jobs: [
      // Twice an hour: the reminders before a deadline are due at 08:00 in each zone (on the hour)
      // or when someone's quiet hours end.
      {
        name: "campaign-deadlines",
        cron: "0,30 * * * *",
        timeZone: "Asia/Jakarta",
        run: (tick) => deps.campaigns.deadlineTick(tick),
      },
    ],
  };
}

export default defineFeature({
  order: 132,
  build: (ctx) => campaignsFeature({ campaigns: ctx.services.campaigns }),
});
