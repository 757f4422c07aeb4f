import { buttonCodec } from "../feature.js";

/**
 * /verifikasi's buttons. `vrf|p|<page>`: a page of the list; `vrf|v|<person>|<tail>`: verify the
 * record `<person>|self|<tail>`; `vrf|r|…`: return it (asks the reason); `vrf|c|…`: see its
 * certificate. The arguments are only ids: every press looks the record up and checks it again.
 */
export const listButton = buttonCodec("verification", "vrf", {
  page: ["p", 1],
  verify: ["v", 2],
  giveBack: ["r", 2],
  certificate: ["c", 2],
});
export type ListAction = Parameters<typeof listButton.pack>[0];
