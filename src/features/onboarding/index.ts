import type { Translate } from "../../engine/text.js";
import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { createOnboarding } from "./onboarding.js";

/** Registering: /start, the onboarding flow and its services. */
export function onboardingFeature(deps: {
  onboarding: ReturnType<typeof createOnboarding>;
  translate: Translate;
  /** Finishes an erasure cut short for this identity, so their NIP is free to register again. */
  finishErasure: (identityId: string) => Promise<unknown>;
}): Feature {
  return {
    name: "onboarding",
    commands: [
      {
        name: "start",
        access: "anyone",
        flow: "onboarding",
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
    }),
});
