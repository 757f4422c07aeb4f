import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { courseButton, type EnrollmentService } from "./enrollment.js";
import { type Waitlist, waitlistButton } from "./waitlist.js";

/**
 * Enrolling in a course session and giving a place back, from the course buttons; the waiting
 * list of a full session (its buttons, and the job that passes an unanswered offer to the next).
 */
export function enrolmentFeature(deps: {
  enrollment: Pick<EnrollmentService, "handleButton">;
  waitlist: Pick<Waitlist, "handleButton" | "expireOffers">;
}): Feature {
  return {
    name: "enrolment",
    buttons: [
      button({
        codec: courseButton,
        access: "registered",
        command: "rekomendasi",
        run: ({ conv }, press) => deps.enrollment.handleButton(conv, press),
      }),
      button({
        codec: waitlistButton,
        access: "registered",
        command: "rekomendasi",
        run: ({ conv }, press) => deps.waitlist.handleButton(conv, press),
      }),
    ],
    jobs: [
      {
        name: "waitlist-offers",
        cron: "*/5 * * * *",
        timeZone: "Asia/Jakarta",
        run: (tick) => deps.waitlist.expireOffers(tick),
      },
    ],
  };
}

export default defineFeature({
  order: 55,
  build: (ctx) => enrolmentFeature({ enrollment: ctx.services.enrollment, waitlist: ctx.services.waitlist }),
});
