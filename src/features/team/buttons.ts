import { buttonCodec } from "../feature.js";

/**
 * Buttons of the direct-atasan relation: the person's own consent answer (`tim|iz|y`, `tim|iz|n`),
 * and an atasan's "Tinjau" on one staff member (`tim|p|<personId>`). Every press is checked
 * against the stored relation and consent when it arrives.
 */
export const teamButton = buttonCodec("team", "tim", {
  consent: ["iz", 1],
  review: ["p", 1],
});

/** The consent question's two buttons, as its message carries them. */
export function consentChoices(label: (answer: "y" | "n") => string) {
  return [
    [
      { data: teamButton.pack("consent", "y"), label: label("y") },
      { data: teamButton.pack("consent", "n"), label: label("n") },
    ],
  ];
}
