import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { pickerButton } from "./role-picker.js";
import type { Roles } from "./roles.js";

/** /peran: granting and revoking staff roles within the admin's scope. */
export function rolesFeature(deps: { roles: Pick<Roles, "manage" | "handleButton" | "services"> }): Feature {
  return {
    name: "roles",
    commands: [
      {
        name: "peran",
        access: ["admin"],
        run: (ctx) => deps.roles.manage(ctx.conv, ctx.args, ctx.bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: pickerButton,
        access: ["admin"],
        command: "peran",
        run: ({ conv }, press) => deps.roles.handleButton(conv, press),
      }),
    ],
    // The person search is started by a button of /peran.
    flows: { "peran-cari": { access: ["admin"], command: "peran" } },
    services: deps.roles.services,
  };
}

export default defineFeature({ order: 160, build: (ctx) => rolesFeature({ roles: ctx.services.roles }) });
