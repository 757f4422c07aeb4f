import { READER_ROLES } from "../../domain/scope.js";
import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { exportButton, type PeopleExport } from "./people-export.js";

/** `/ekspor xlsx` (or `excel`) asks for the Excel workbook instead of the CSV. */
const XLSX_ARGS = /^(xlsx|excel)$/i;

/** /ekspor: the people in a supervisor's or coordinator's scope as a spreadsheet (CSV, or Excel on request). */
export function exportFeature(deps: { peopleExport: Pick<PeopleExport, "exportPeople"> }): Feature {
  return {
    name: "export",
    commands: [
      {
        name: "ekspor",
        access: READER_ROLES,
        run: (ctx) =>
          deps.peopleExport.exportPeople(
            ctx.conv,
            ctx.bootstrapAdmin,
            XLSX_ARGS.test(ctx.args.trim()) ? "xlsx" : "csv",
            ctx.progress,
          ),
      },
    ],
    buttons: [
      button({
        codec: exportButton,
        access: READER_ROLES,
        command: "ekspor",
        run: (ctx) => deps.peopleExport.exportPeople(ctx.conv, ctx.bootstrapAdmin, "xlsx", ctx.progress),
      }),
    ],
  };
}

export default defineFeature({
  order: 150,
  build: (ctx) => exportFeature({ peopleExport: ctx.services.peopleExport }),
});
