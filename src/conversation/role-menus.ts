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

/** What the menus are read from: people's roles and identities, and the bootstrap admins. */
export interface RoleMenuSource {
  repos: Pick<Repositories, "people" | "identities">;
  adminIds: readonly string[];
  /** The commands someone holding these roles sees listed. */
  commandsFor: (roles: readonly string[]) => ListedCommand[];
}

/** The menus for people holding roles (and the bootstrap admins) on one channel. */
export async function roleMenus(deps: RoleMenuSource & { channel: Channel }): Promise<RoleMenu[]> {
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

/** One chat's menu as it is now: its person's role commands, or null when they hold no role. */
export interface ChatMenu {
  identityId: string;
  locale: Locale;
  commands: ListedCommand[] | null;
}

/**
 * The menus of every chat of one person on `channel` (a linked person has several), from the roles
 * they hold now; a bootstrap admin's chat keeps the admin commands whatever the database says.
 */
export async function personMenus(
  deps: RoleMenuSource & { channel: Channel },
  personId: string,
): Promise<ChatMenu[]> {
  const person = await deps.repos.people.get(personId);
  if (!person) return [];
  const menus: ChatMenu[] = [];
  for (const identity of await deps.repos.identities.listForPerson(personId)) {
    if (identity.channel !== deps.channel) continue;
    const roles = new Set(person.roles.map((r) => r.role));
    if (deps.adminIds.includes(identity._id)) roles.add("admin");
    menus.push({
      identityId: identity._id,
      locale: person.locale,
      commands: roles.size > 0 ? deps.commandsFor([...roles]) : null,
    });
  }
  return menus;
}

/**
 * Follows the changes that alter a chat's menu and hands each affected chat's menu to `publish`:
 * a role granted or revoked (every chat of that person, null when no role is left), a language
 * or other profile change of someone holding roles (people without roles have no menu of their own
 * to redo), and an erasure (null for each erased chat). Changes of one person are handled in order, each reading the roles then, so
 * a grant quickly followed by a revocation never ends with the grant's menu.
 */
export function followRoleMenus(
  deps: RoleMenuSource & {
    channel: Channel;
    onRolesChanged(listener: (personId: string) => void): void;
    onProfileChanged(listener: (identityId: string) => void): void;
    /** Where the app tells of accounts erased with their person (/hapusdata). */
    onIdentitiesErased(listener: (identityIds: readonly string[]) => void): void;
    /** Told when reading the menus or publishing one failed; the change itself stands. */
    onError(err: unknown): void;
  },
  publish: (menu: ChatMenu) => Promise<void>,
): void {
  const queues = new Map<string, Promise<void>>();
  const enqueue = (personId: string, work: () => Promise<void>) => {
    const next = (queues.get(personId) ?? Promise.resolve()).then(work).catch(deps.onError);
    queues.set(personId, next);
    void next.then(() => {
      if (queues.get(personId) === next) queues.delete(personId);
    });
  };
  const republish = async (personId: string, onlyWithRoles: boolean) => {
    for (const menu of await personMenus(deps, personId)) {
      if (onlyWithRoles && !menu.commands) continue;
      await publish(menu).catch(deps.onError);
    }
  };
  deps.onRolesChanged((personId) => enqueue(personId, () => republish(personId, false)));
  // An erased person's chats lose any menu of their own: nothing is left to say what they held,
  // so each chat on this channel is reset (erasures are rare; one call per chat).
  deps.onIdentitiesErased((identityIds) => {
    for (const identityId of identityIds.filter((id) => id.startsWith(`${deps.channel}:`)))
      void publish({ identityId, locale: "id", commands: null }).catch(deps.onError);
  });
  deps.onProfileChanged((identityId) => {
    void deps.repos.identities.get(identityId).then((identity) => {
      if (identity) enqueue(identity.personId, () => republish(identity.personId, true));
    }, deps.onError);
  });
}
