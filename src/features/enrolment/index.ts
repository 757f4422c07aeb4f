import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { courseButton, type EnrollmentService } from "./enrollment.js";

/** Enrolling in a course session and giving a place back, from the course buttons. */
export function enrolmentFeature(deps: { enrollment: Pick<EnrollmentService, "handleButton"> }): Feature {
  return {
    name: "enrolment",
    buttons: [
      button({
        codec: courseButton,
        access: "registered",
        command: "rekomendasi",
        run: ({ conv }, press) => deps.enrollment.handleButton(conv, press),
      }),
    ],
  };
}

export default defineFeature({
  order: 55,
  build: (ctx) => enrolmentFeature({ enrollment: ctx.services.enrollment }),
});
