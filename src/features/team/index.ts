import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { teamButton } from "./buttons.js";
import { REVIEW_FLOW, type Team } from "./team.js";

/**
 * /tim: a direct atasan's consenting staff (levels against the standard as a heatmap and a table,
 * JP, enrolments, open requests) and the review of their self-assessed levels. Open to every
 * registered person: the atasan relation, checked on every step, decides what they see, and
 * someone with no direct staff is told so.
 */
export function teamFeature(deps: {
  team: Pick<Team, "show" | "press" | "services" | "optionSources" | "textSources">;
}): Feature {
  return {
    name: "team",
    commands: [{ name: "tim", access: "registered", run: ({ conv }) => deps.team.show(conv) }],
    buttons: [
      button({
        codec: teamButton,
        access: "registered",
        command: "tim",
        // Refused reviews are audited by the handler itself, with the reason.
        auditRefusal: false,
        run: (acting, press) => deps.team.press(acting, press),
      }),
    ],
    flows: { [REVIEW_FLOW]: { access: "registered", command: "tim" } },
    services: deps.team.services,
    optionSources: deps.team.optionSources,
    textSources: deps.team.textSources,
  };
}

export default defineFeature({
  order: 125,
  build: (ctx) => teamFeature({ team: ctx.services.team }),
});
