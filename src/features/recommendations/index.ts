import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { Recommendations } from "./recommendations.js";

/** /rekomendasi: courses and mentors for the person's gaps. */
export function recommendationsFeature(deps: { recommendations: Pick<Recommendations, "show"> }): Feature {
  return {
    name: "recommendations",
    commands: [
      { name: "rekomendasi", access: "registered", run: ({ conv }) => deps.recommendations.show(conv) },
    ],
  };
}

export default defineFeature({
  order: 50,
  build: (ctx) => recommendationsFeature({ recommendations: ctx.services.recommendations }),
});
