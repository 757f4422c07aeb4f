import { defineFeature } from "../context.js";
import { type ButtonPress, button, type Feature } from "../feature.js";
import { type UnitMoveAction, type UnitMoves, unitMoveButton } from "./unit-moves.js";

/**
 * /pindah: requests of verified people to move to another unit (asked in /profil), waiting for an
 * admin whose scope covers the unit they want to join, each with Setujui and Tolak.
 */
export function unitMovesFeature(deps: { unitMoves: Pick<UnitMoves, "list" | "decide"> }): Feature {
  return {
    name: "unit-moves",
    commands: [
      {
        name: "pindah",
        access: ["admin"],
        run: ({ conv, bootstrapAdmin }) => deps.unitMoves.list(conv, bootstrapAdmin),
      },
    ],
    buttons: [
      button({
        codec: unitMoveButton,
        access: ["admin"],
        command: "pindah",
        run: ({ conv, bootstrapAdmin }, press: ButtonPress<UnitMoveAction>) =>
          deps.unitMoves.decide(conv, bootstrapAdmin, press.args[0]!, press.action === "approve"),
      }),
    ],
  };
}

export default defineFeature({
  order: 165,
  build: (ctx) => unitMovesFeature({ unitMoves: ctx.services.unitMoves }),
});
