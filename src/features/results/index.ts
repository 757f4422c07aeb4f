import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { AssessmentResults } from "./assessment-result.js";

/** /hasil: the latest assessment against the standard, with its chart. */
export function resultsFeature(deps: { results: Pick<AssessmentResults, "latest"> }): Feature {
  return {
    name: "results",
    commands: [{ name: "hasil", access: "registered", run: ({ conv }) => deps.results.latest(conv) }],
  };
}

export default defineFeature({
  order: 40,
  build: (ctx) => resultsFeature({ results: ctx.services.results }),
});
