import { READER_ROLES } from "../../domain/scope.js";
import { defineFeature } from "../context.js";
import type { Feature } from "../feature.js";
import type { PeopleExport } from "./people-export.js";

/** /ekspor: the people in a supervisor's or coordinator's scope as a spreadsheet. */
export function exportFeature(deps: { peopleExport: Pick<PeopleExport, "exportCsv"> }): Feature {
  return {
    name: "export",
    commands: [
      {
        name: "ekspor",
        access: READER_ROLES,
        run: (ctx) => deps.peopleExport.exportCsv(ctx.conv, ctx.bootstrapAdmin, ctx.progress),
      },
    ],
  };
}

export default defineFeature({
  order: 150,
  build: (ctx) => exportFeature({ peopleExport: ctx.services.peopleExport }),
});
