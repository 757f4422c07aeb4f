import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { activationButton, type PersonVerification } from "./person-verification.js";

/**
 * /aktivasi: admins re-issue activation codes for imported people (`/aktivasi <NIP>`) and verify
 * people who registered without one (the list and its buttons).
 */
export function activationFeature(deps: { verification: PersonVerification }): Feature {
  return {
    name: "activation",
    commands: [
      {
        name: "aktivasi",
        access: ["admin"],
        variants: [
          {
            name: "aktivasi-nip",
            args: /\S/,
            access: ["admin"],
            run: (ctx) => deps.verification.reissue(ctx.conv, ctx.bootstrapAdmin, ctx.args),
          },
        ],
        run: (ctx) => deps.verification.list(ctx.conv, ctx.bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: activationButton,
        access: ["admin"],
        command: "aktivasi",
        run: (ctx, press) => deps.verification.verify(ctx.conv, ctx.bootstrapAdmin, press.args[0]!),
      }),
    ],
  };
}

export default defineFeature({
  order: 166,
  build: (ctx) => activationFeature({ verification: ctx.services.personVerification }),
});
