import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Invitations, inviteButton } from "./invitations.js";

/**
 * /undangan: an admin's registration link with its QR code. (Deep links are opened by `/start
 * <payload>`, which the onboarding feature declares and hands to the link opener.)
 */
export function invitationsFeature(deps: { invitations: Invitations }): Feature {
  return {
    name: "invitations",
    commands: [
      {
        name: "undangan",
        access: ["admin"],
        run: (ctx) => deps.invitations.list(ctx.conv, ctx.bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: inviteButton,
        access: ["admin"],
        command: "undangan",
        run: (ctx, press) => deps.invitations.make(ctx.conv, ctx.bootstrapAdmin, press.args[0]!),
      }),
    ],
  };
}

export default defineFeature({
  order: 168,
  build: (ctx) => invitationsFeature({ invitations: ctx.services.invitations }),
});
