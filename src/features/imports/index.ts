import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { createAdminImport } from "./admin-import.js";

/** /impor: an admin loads org units, people or the course catalog from a CSV file. */
export function importsFeature(deps: { adminImport: ReturnType<typeof createAdminImport> }): Feature {
  return {
    name: "imports",
    commands: [{ name: "impor", access: ["admin"], flow: "impor" }],
    services: deps.adminImport.services,
  };
}

export default defineFeature({
  order: 180,
  build: (ctx) => importsFeature({ adminImport: ctx.services.adminImport }),
});
