import type { Channel } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Locale } from "../i18n/locales.js";
import type { ListedCommand } from "./registry.js";

/** A chat that gets its own command menu, because its person holds roles. */
export interface RoleMenu {
  identityId: string;
  locale: Locale;
  commands: ListedCommand[];
}

/** The menus for people holding roles (and the bootstrap admins) on one channel. */
export async function roleMenus(deps: {
  repos: Pick<Repositories, "people" | "identities">;
  adminIds: readonly string[];
  channel: Channel;
  /** The commands someone holding these roles sees listed. */
  commandsFor: (roles: readonly string[]) => ListedCommand[];
}): Promise<RoleMenu[]> {
  const menus = new Map<string, { locale: Locale; roles: Set<string> }>();
  for (const id of deps.adminIds.filter((x) => x.startsWith(`${deps.channel}:`))) {
    menus.set(id, { locale: "id", roles: new Set(["admin"]) });
  }
  for (const person of await deps.repos.people.listWithRoles()) {
    for (const identity of await deps.repos.identities.listForPerson(person._id)) {
      if (identity.channel !== deps.channel) continue;
      const menu = menus.get(identity._id) ?? { locale: person.locale, roles: new Set<string>() };
      menu.locale = person.locale;
      for (const r of person.roles) menu.roles.add(r.role);
      menus.set(identity._id, menu);
    }
  }
  return [...menus].map(([identityId, m]) => ({
    identityId,
    locale: m.locale,
    commands: deps.commandsFor([...m.roles]),
  }));
}
