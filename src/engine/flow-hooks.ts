import { flowFile } from "./catalog.js";
import type { Flow } from "./schema.js";

/** The names flows may call, by kind: what the features behind the engine provide. */
export interface FlowHooks {
  services: Readonly<Record<string, unknown>>;
  optionSources: Readonly<Record<string, unknown>>;
  textSources?: Readonly<Record<string, unknown>>;
}

/**
 * Every compute service, option source and text source the flows name but `hooks` lacks, as
 * "file: path: problem" lines like FlowFileError's, so a misspelt name stops start-up instead of
 * failing the first person who reaches that step.
 */
export function checkFlowHooks(flows: readonly Flow[], hooks: FlowHooks): string[] {
  const has = (registry: Readonly<Record<string, unknown>> | undefined, name: string) =>
    registry !== undefined && Object.hasOwn(registry, name);
  const problems: string[] = [];
  for (const flow of flows) {
    const file = flowFile(flow) ?? `flow ${flow.id}`;
    flow.steps.forEach((step, i) => {
      const at = `${file}: steps[${i}]`;
      if (step.kind === "compute" && !has(hooks.services, step.service)) {
        problems.push(
          `${at}.service: step "${step.id}" calls service "${step.service}", which nothing provides`,
        );
      }
      if (
        "options" in step &&
        !Array.isArray(step.options) &&
        !has(hooks.optionSources, step.options.source)
      ) {
        problems.push(
          `${at}.options.source: step "${step.id}" lists options from "${step.options.source}", which nothing provides`,
        );
      }
      if ("text" in step && step.text && "from" in step.text && !has(hooks.textSources, step.text.from)) {
        problems.push(
          `${at}.text.from: step "${step.id}" takes its text from "${step.text.from}", which nothing provides`,
        );
      }
    });
  }
  return problems;
}
