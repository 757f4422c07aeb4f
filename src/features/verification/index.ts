import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { listButton } from "./buttons.js";
import { RETURN_FLOW, type Verification } from "./verification.js";

/** /verifikasi: koordinators verify or return the training records waiting in their scope. */
export function verificationFeature(deps: {
  verification: Pick<Verification, "show" | "press" | "services" | "textSources">;
}): Feature {
  return {
    name: "verification",
    commands: [{ name: "verifikasi", access: ["koordinator"], run: (ctx) => deps.verification.show(ctx) }],
    buttons: [
      button({
        codec: listButton,
        access: ["koordinator"],
        command: "verifikasi",
        run: (ctx, press) => deps.verification.press(ctx, press),
      }),
    ],
    // The reason for returning a record is asked by a flow that the Kembalikan button starts.
    flows: { [RETURN_FLOW]: { access: ["koordinator"], command: "verifikasi" } },
    services: deps.verification.services,
    textSources: deps.verification.textSources,
  };
}

export default defineFeature({
  order: 135,
  build: (ctx) => verificationFeature({ verification: ctx.services.verification }),
});
