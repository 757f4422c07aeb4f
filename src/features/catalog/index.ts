import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type CatalogBrowser, catalogButton } from "./catalog-browser.js";

/** /katalog: browse and search the course catalog, a page at a time. */
export function catalogFeature(deps: { browser: Pick<CatalogBrowser, "show" | "handleButton"> }): Feature {
  return {
    name: "catalog",
    commands: [
      { name: "katalog", access: "registered", run: ({ conv, args }) => deps.browser.show(conv, args) },
    ],
    buttons: [
      button({
        codec: catalogButton,
        access: "registered",
        command: "katalog",
        run: ({ conv }, press) => deps.browser.handleButton(conv, press),
      }),
    ],
  };
}

export default defineFeature({
  // Right after /rekomendasi in menus and /bantuan: the other way to find a course.
  order: 52,
  build: (ctx) => catalogFeature({ browser: ctx.services.catalog }),
});
