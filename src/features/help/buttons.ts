import { buttonCodec } from "../feature.js";

/** Opens a command as if typed (menus, nudges): `cmd|asesmen`. */
export const commandButton = buttonCodec("open-command", "cmd", { open: ["", 1] });

/** Starts a flow by its id (restart after an old version ended, search, record training). */
export const startFlowButton = buttonCodec("start-flow", "start", { start: ["", 1] });

/** Switches the language: `lang|id`, `lang|en`. */
export const languageButton = buttonCodec("language", "lang", { choose: ["", 1] });
