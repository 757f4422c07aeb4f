import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Linking, linkButton } from "./linking.js";

/** /tautkan: joining another chat account to one's person with a one-time code. */
export function linkingFeature(deps: { linking: Pick<Linking, "issue" | "redeem" | "decide"> }): Feature {
  return {
    name: "linking",
    commands: [
      {
        name: "tautkan",
        access: "registered",
        // Typing a code is how a new account joins a registered person, so it needs no onboarding.
        variants: [
          {
            name: "tautkan-kode",
            args: /\S/,
            access: "anyone",
            run: (ctx) => deps.linking.redeem(ctx.conv, ctx.args),
          },
        ],
        run: ({ conv }) => deps.linking.issue(conv),
      },
    ],
    // The account that asked for the code approves (or declines) the account that typed it.
    buttons: [
      button({
        codec: linkButton,
        access: "registered",
        command: "tautkan",
        run: ({ conv }, press) => deps.linking.decide(conv, press),
      }),
    ],
  };
}

export default defineFeature({
  order: 110,
  build: (ctx) => linkingFeature({ linking: ctx.services.linking }),
});
