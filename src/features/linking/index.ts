import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { Linking } from "./linking.js";

/** /tautkan: joining another chat account to one's person with a one-time code. */
export function linkingFeature(deps: { linking: Pick<Linking, "issue" | "redeem"> }): Feature {
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
  };
}

export default defineFeature({
  order: 110,
  build: (ctx) => linkingFeature({ linking: ctx.services.linking }),
});
