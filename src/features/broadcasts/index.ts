import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { ackButton, type Broadcasts, broadcastButton, unansweredButton } from "./broadcasts.js";

/** /umumkan (compose a broadcast to a precise audience) and /siaran (see and cancel them). */
export function broadcastsFeature(deps: {
  broadcasts: Pick<
    Broadcasts,
    "overview" | "handleButton" | "handleAck" | "handleUnanswered" | "services" | "optionSources"
  >;
}): Feature {
  return {
    name: "broadcasts",
    commands: [
      { name: "umumkan", access: ["koordinator"], flow: "umumkan" },
      { name: "siaran", access: ["koordinator"], run: ({ conv }) => deps.broadcasts.overview(conv) },
    ],
    buttons: [
      button({
        codec: broadcastButton,
        access: ["koordinator"],
        command: "siaran",
        auditRefusal: false,
        run: ({ conv }, press) => deps.broadcasts.handleButton(conv, press),
      }),
      button({
        codec: unansweredButton,
        access: ["koordinator"],
        command: "siaran",
        auditRefusal: false,
        run: ({ conv }, press) => deps.broadcasts.handleUnanswered(conv, press),
      }),
      // A recipient's answer: anyone registered may press it; the handler checks they were sent it.
      button({
        codec: ackButton,
        access: "registered",
        command: "siaran",
        auditRefusal: false,
        run: ({ conv }, press) => deps.broadcasts.handleAck(conv, press),
      }),
    ],
    services: deps.broadcasts.services,
    optionSources: deps.broadcasts.optionSources,
  };
}

export default defineFeature({
  order: 130,
  build: (ctx) => broadcastsFeature({ broadcasts: ctx.services.broadcasts }),
});
