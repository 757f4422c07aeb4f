import { defineFeature } from "../context.js";
import type { PlaceRequests } from "../enrolment/place-requests.js";
import type { Acting, ButtonPress } from "../feature.js";
import { button, type Feature } from "../feature.js";
import { listButton } from "./buttons.js";
import {
  createPlaceRequestList,
  DECLINE_FLOW,
  type PlaceRequestAction,
  placeRequestButton,
} from "./place-request-list.js";
import { RETURN_FLOW, type Verification } from "./verification.js";

/**
 * /verifikasi: one queue of what waits for a koordinator: training records to verify or return,
 * and requests for a place in a course by request to approve or decline.
 */
export function verificationFeature(deps: {
  verification: Pick<Verification, "show" | "press" | "services" | "textSources">;
  placeRequests: Pick<PlaceRequests, "decide" | "services">;
  requestList: ReturnType<typeof createPlaceRequestList>;
}): Feature {
  /** Records first (with their own empty note), then requests; only one "nothing waits" when both are empty. */
  const show = async (acting: Acting) => {
    const [records, requests] = await Promise.all([
      deps.verification.show(acting),
      deps.requestList.show(acting.conv, acting.bootstrapAdmin),
    ]);
    const noRecords = records.length === 1 && !records[0]!.choices && requests.length > 0;
    return noRecords ? requests : [...records, ...requests];
  };
  const pressRequest = async (acting: Acting, press: ButtonPress<PlaceRequestAction>) => {
    const key = press.args[0]!;
    if (press.action === "approve")
      return deps.placeRequests.decide(acting.conv, acting.bootstrapAdmin, key, { approve: true });
    // Declining needs a reason: asked by a flow seeded with the request; checked again on the answer.
    return acting.router.startFlow(DECLINE_FLOW, { request: key });
  };
  return {
    name: "verification",
    commands: [{ name: "verifikasi", access: ["koordinator"], run: show }],
    buttons: [
      button({
        codec: listButton,
        access: ["koordinator"],
        command: "verifikasi",
        run: (ctx, press) => deps.verification.press(ctx, press),
      }),
      button({
        codec: placeRequestButton,
        access: ["koordinator"],
        command: "verifikasi",
        run: pressRequest,
      }),
    ],
    // The reasons for returning a record and declining a request are asked by flows the buttons start.
    flows: {
      [RETURN_FLOW]: { access: ["koordinator"], command: "verifikasi" },
      [DECLINE_FLOW]: { access: ["koordinator"], command: "verifikasi" },
    },
    services: { ...deps.verification.services, ...deps.placeRequests.services },
    textSources: deps.verification.textSources,
  };
}

export default defineFeature({
  order: 135,
  build: (ctx) =>
    verificationFeature({
      verification: ctx.services.verification,
      placeRequests: ctx.services.placeRequests,
      requestList: createPlaceRequestList({
        repos: ctx.repos,
        requests: ctx.services.placeRequests,
        translate: ctx.translate,
      }),
    }),
});
