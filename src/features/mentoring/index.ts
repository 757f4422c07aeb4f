import { defineFeature } from "../context.js";
import { button, type Feature } from "../feature.js";
import { type Mentoring, mentorButton } from "./mentoring.js";

/** /mentor: offering oneself as a mentor, asking for one, and answering a request. */
export function mentoringFeature(deps: { mentoring: Pick<Mentoring, "overview" | "handleButton"> }): Feature {
  return {
    name: "mentoring",
    commands: [{ name: "mentor", access: "registered", run: ({ conv }) => deps.mentoring.overview(conv) }],
    buttons: [
      button({
        codec: mentorButton,
        access: "registered",
        command: "mentor",
        run: ({ conv }, press) => deps.mentoring.handleButton(conv, press),
      }),
    ],
  };
}

export default defineFeature({
  order: 70,
  build: (ctx) => mentoringFeature({ mentoring: ctx.services.mentoring }),
});
