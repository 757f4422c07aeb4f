import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { createProfile } from "./profile.js";

/** /profil: see and change one's own profile. */
export function profileFeature(deps: { profile: ReturnType<typeof createProfile> }): Feature {
  return {
    name: "profile",
    commands: [{ name: "profil", access: "registered", flow: "profil" }],
    services: deps.profile.services,
    optionSources: deps.profile.optionSources,
    textSources: deps.profile.textSources,
  };
}

export default defineFeature({
  order: 100,
  build: (ctx) => profileFeature({ profile: ctx.services.profile }),
});
