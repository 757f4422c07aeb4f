import type { Translate } from "../../engine/text.js";
import type { Outbound } from "../../engine/types.js";
import { defineFeature } from "../context.js";
import type { CommandContext, Feature } from "../feature.js";
import type { createOnboarding } from "./onboarding.js";

/** Registering: /start, the onboarding flow and its services. */
export function onboardingFeature(deps: {
  onboarding: ReturnType<typeof createOnboarding>;
  translate: Translate;
  /** Finishes an erasure cut short for this identity, so their NIP is free to register again. */
  finishErasure: (identityId: string) => Promise<unknown>;
  /** Opens a deep link: `/start <payload>` from t.me/<bot>?start=<payload>. */
  openLink: (ctx: CommandContext) => Promise<Outbound[]>;
}): Feature {
  return {
    name: "onboarding",
    commands: [
      {
        name: "start",
        access: "anyone",
        flow: "onboarding",
        // Telegram sends `/start <payload>` for a deep link; the link itself says who may use it.
        variants: [{ name: "start-tautan", args: /\S/, access: "anyone", run: (ctx) => deps.openLink(ctx) }],
        run: async (ctx) => {
          if (ctx.conv.profile.onboarded) {
            return [
              { text: deps.translate(ctx.conv.profile.locale, "start-welcome-back") },
              ...ctx.router.menu(),
            ];
          }
          await deps.finishErasure(ctx.conv.identityId);
          return ctx.router.startFlow("onboarding");
        },
      },
    ],
    services: deps.onboarding.services,
    optionSources: deps.onboarding.optionSources,
  };
}

export default defineFeature({
  order: 10,
  build: (ctx) =>
    onboardingFeature({
      onboarding: ctx.services.onboarding,
      translate: ctx.translate,
      finishErasure: (id) => ctx.services.privacy.finishFor(id),
      openLink: (c) => ctx.services.linkOpener.open(c),
    }),
});
