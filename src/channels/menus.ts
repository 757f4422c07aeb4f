import type { Logger } from "pino";
import type { ListedCommand } from "../conversation/registry.js";
import { followRoleMenus, type RoleMenuSource, roleMenus } from "../conversation/role-menus.js";
import type { Translate } from "../engine/text.js";
import type { Locale } from "../i18n/locales.js";
import type { CommandMenus, MenuCommand } from "./channel.js";

/**
 * The command menus every channel gets: everyone's commands, the per-role menus read at start-up,
 * and the menus that follow a person's roles and language, described in the person's language.
 */
export function commandMenus(
  deps: RoleMenuSource & {
    translate: Translate;
    logger: Logger;
    /** Where the app tells of a person's roles changing. */
    onRolesChanged(listener: (personId: string) => void): void;
    /** Where the app tells of a profile (the language among it) changing, by identity. */
    onProfileChanged(listener: (identityId: string) => void): void;
    /** Where the app tells of accounts erased with their person. */
    onIdentitiesErased(listener: (identityIds: readonly string[]) => void): void;
  },
): CommandMenus {
  const describe = (locale: Locale, commands: readonly ListedCommand[]): MenuCommand[] =>
    commands.map((c) => ({ command: c.name, description: deps.translate(locale, c.descriptionKey) }));
  return {
    everyone: (locale) => describe(locale, deps.commandsFor([])),
    withRoles: async (channel) =>
      (await roleMenus({ ...deps, channel })).map((menu) => ({
        identityId: menu.identityId,
        commands: describe(menu.locale, menu.commands),
      })),
    follow(channel, publish) {
      followRoleMenus(
        {
          ...deps,
          channel,
          onError: (err) => deps.logger.warn({ err, channel }, "a chat's command menu was not updated"),
        },
        (menu) =>
          publish({
            identityId: menu.identityId,
            commands: menu.commands ? describe(menu.locale, menu.commands) : null,
          }),
      );
    },
  };
}
