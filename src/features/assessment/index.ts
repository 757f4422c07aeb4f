import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { createAssessment } from "./assessment.js";

/** /asesmen: the competency self-assessment flow and the services it calls. */
export function assessmentFeature(deps: { assessment: ReturnType<typeof createAssessment> }): Feature {
  return {
    name: "assessment",
    commands: [{ name: "asesmen", access: "registered", flow: "asesmen" }],
    services: deps.assessment.services,
    textSources: deps.assessment.textSources,
  };
}

export default defineFeature({
  order: 30,
  build: (ctx) => assessmentFeature({ assessment: ctx.services.assessment }),
});
