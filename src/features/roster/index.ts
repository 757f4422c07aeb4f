import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Roster, rosterButton } from "./roster.js";

/** /peserta: a koordinator's session rosters, attendance, the daftar hadir and completion. */
export function rosterFeature(deps: { roster: Pick<Roster, "show" | "handleButton"> }): Feature {
  return {
    name: "roster",
    commands: [
      {
        name: "peserta",
        access: ["koordinator"],
        run: (ctx) => deps.roster.show(ctx.conv, ctx.bootstrapAdmin, ctx.args),
      },
    ],
    buttons: [
      button({
        codec: rosterButton,
        access: ["koordinator"],
        command: "peserta",
        run: (ctx, press) => deps.roster.handleButton(ctx.conv, ctx.bootstrapAdmin, press, ctx.progress),
      }),
    ],
  };
}

export default defineFeature({
  order: 137,
  build: (ctx) => rosterFeature({ roster: ctx.services.roster }),
});
