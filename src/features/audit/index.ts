import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { Roles } from "../roles/roles.js";

/** /audit: the audit log, latest first. */
export function auditFeature(deps: { roles: Pick<Roles, "auditLog"> }): Feature {
  return {
    name: "audit",
    commands: [
      {
        name: "audit",
        access: ["admin"],
        run: (ctx) => deps.roles.auditLog(ctx.conv, ctx.args, ctx.bootstrapAdmin),
      },
    ],
  };
}

export default defineFeature({ order: 170, build: (ctx) => auditFeature({ roles: ctx.services.roles }) });
