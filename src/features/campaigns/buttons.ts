import { buttonCodec } from "../feature.js";

/**
 * /belum's buttons: a category's list page (`l|<cat>|<scope>|<page>[|<unit>|<offset>]`: the
 * page's number, and where it starts when pages walk the scope unit by unit: the unit's place in
 * the list's units and how many of that unit's names came before), the "belum pernah dihubungi" CSV
 * (`c|<scope>`), how many a reminder would reach (`p|<cat>|<scope>`), sending it with an optional
 * deadline in days (`s|<cat>|<scope>|<days>`), and the overview (`o|<scope>`). `<scope>` is `all`
 * (the reader's whole scope) or a unit's short key.
 */
export const nonResponderButton = buttonCodec("nonresponders", "blm", {
  list: ["l", [3, 6]],
  csv: ["c", 1],
  preview: ["p", 2],
  send: ["s", 3],
  overview: ["o", 1],
});
/** The actions a /belum button names. */
export type NonResponderAction = Parameters<typeof nonResponderButton.pack>[0];
