import type { FlowCatalog } from "../engine/catalog.js";
import type { ComputeService, OptionSource, TextSource } from "../engine/engine.js";
import type { Access, ButtonDecl, CommandDecl, Feature } from "../features/feature.js";
import type { Job } from "../scheduler/scheduler.js";

/** A command as menus, /bantuan and the access table see it. */
export interface ListedCommand {
  name: string;
  descriptionKey: string;
  access: Access;
  feature: string;
}

/**
 * Every feature's declarations, indexed: commands by name, buttons by their codec's prefix, flows
 * by the command that starts them. Built once; two features claiming one name stop start-up.
 */
export function createRegistry(features: readonly Feature[], catalog: FlowCatalog) {
  const commands = new Map<string, CommandDecl & { feature: string }>();
  const buttons = new Map<string, ButtonDecl<unknown> & { feature: string }>();
  const flowOwners = new Map<string, { access: Access; command: string }>();
  const services: Record<string, ComputeService> = {};
  const optionSources: Record<string, OptionSource> = {};
  const textSources: Record<string, TextSource> = {};
  const jobs: Job[] = [];
  const claim = (kind: string, name: string, taken: boolean, feature: string) => {
    if (taken)
      throw new Error(`feature "${feature}" declares ${kind} "${name}" that another feature already has`);
  };
  for (const f of features) {
    for (const c of f.commands ?? []) {
      claim("command", c.name, commands.has(c.name), f.name);
      if (!c.run && !c.flow) throw new Error(`feature "${f.name}": /${c.name} has neither run nor flow`);
      if (c.flow && !catalog.get(c.flow))
        throw new Error(`feature "${f.name}": /${c.name} starts unknown flow "${c.flow}"`);
      commands.set(c.name, { ...c, feature: f.name });
    }
    for (const b of f.buttons ?? []) {
      claim("button prefix", b.codec.prefix, buttons.has(b.codec.prefix), f.name);
      buttons.set(b.codec.prefix, { ...b, feature: f.name });
    }
    for (const [flowId, owner] of Object.entries(f.flows ?? {})) {
      if (!catalog.get(flowId)) throw new Error(`feature "${f.name}" declares unknown flow "${flowId}"`);
      flowOwners.set(flowId, owner);
    }
    for (const [name, s] of Object.entries(f.services ?? {})) {
      claim("service", name, name in services, f.name);
      services[name] = s;
    }
    for (const [name, s] of Object.entries(f.optionSources ?? {})) {
      claim("option source", name, name in optionSources, f.name);
      optionSources[name] = s;
    }
    for (const [name, s] of Object.entries(f.textSources ?? {})) {
      claim("text source", name, name in textSources, f.name);
      textSources[name] = s;
    }
    for (const j of f.jobs ?? []) {
      claim(
        "job",
        j.name,
        jobs.some((x) => x.name === j.name),
        f.name,
      );
      jobs.push(j);
    }
  }
  // A flow file may declare a command no feature lists: it works like a command for registered people.
  for (const flow of catalog.all()) {
    for (const name of flow.commands ?? []) {
      if (!commands.has(name))
        commands.set(name, { name, access: "registered", flow: flow.id, listed: false, feature: "flows" });
    }
  }
  const byFlow = new Map<string, CommandDecl>();
  for (const c of commands.values()) if (c.flow) byFlow.set(c.flow, c);

  const listed: ListedCommand[] = [...commands.values()]
    .filter((c) => c.listed !== false)
    .map((c) => ({
      name: c.name,
      descriptionKey: c.descriptionKey ?? `cmd-${c.name}`,
      access: c.access,
      feature: c.feature,
    }));

  return {
    command: (name: string) => commands.get(name),
    /** True when flows/ has a flow with this id. */
    hasFlow: (flowId: string) => catalog.get(flowId) !== undefined,
    /** The button declaration whose codec issued `data` (by its prefix). */
    button: (data: string) => buttons.get(data.split("|", 1)[0] ?? ""),
    /**
     * Who may start `flowId` by a button, and the command a refusal names: the command that starts
     * it, or what its feature declared; registered people for a flow nobody declared.
     */
    flowAccess(flowId: string): { access: Access; command: string } {
      const command = byFlow.get(flowId);
      if (command) return { access: command.access, command: command.name };
      return flowOwners.get(flowId) ?? { access: "registered", command: flowId };
    },
    /** Every listed command, in declaration order (menus, /bantuan, the README's access table). */
    listed,
    /**
     * The commands someone holding `roles` sees listed: those open to all, and those of the roles
     * they hold. An admin may use every staff command, but the menu keeps to their own role's.
     */
    commandsFor(roles: readonly string[]): ListedCommand[] {
      return listed.filter((c) => typeof c.access === "string" || c.access.some((r) => roles.includes(r)));
    },
    buttons: () => [...buttons.values()],
    commands: () => [...commands.values()],
    services,
    optionSources,
    textSources,
    jobs,
  };
}
export type Registry = ReturnType<typeof createRegistry>;
