import {
  type DeepLink,
  type DeepLinkKind,
  type DeepLinkRefusal,
  signDeepLink,
  verifyDeepLink,
} from "./deep-link.js";

/**
 * Commands a deep link may open (from a broadcast or a survey): only everyone's registered
 * commands, and each is still checked as if typed when the link is opened.
 */
export const OPENABLE_COMMANDS: readonly string[] = [
  "asesmen",
  "hasil",
  "rekomendasi",
  "katalog",
  "pelatihan",
  "selesai",
  "mentor",
  "survei",
  "pengingat",
  "profil",
];

/** How long a link that opens a command stays valid unless its maker says otherwise. */
export const OPEN_LINK_DAYS = 30;
const DAY_MS = 86_400_000;

/** A deep link made: its payload, and its t.me address when the Telegram bot is known. */
export interface MadeLink {
  payload: string;
  url?: string;
  expiresAt: Date;
}

/**
 * Makes and reads Pandu's deep links. The Telegram bot's username is learnt from the Telegram
 * channel when it starts (`useTelegramBot`); until then, or without Telegram, links have no
 * address and callers show none.
 */
export function createDeepLinks(deps: { secret: string; now: () => Date }) {
  let bot: string | undefined;

  /** A signed payload of `kind` carrying `data`, valid for `ttlMs`; undefined when the data cannot fit. */
  function make(kind: DeepLinkKind, data: string, expiresAt: Date): MadeLink | undefined {
    const payload = signDeepLink(deps.secret, { kind, data, expiresAt });
    if (!payload) return undefined;
    return { payload, expiresAt, ...(bot ? { url: `https://t.me/${bot}?start=${payload}` } : {}) };
  }

  return {
    /** The Telegram bot's username (from getMe), so links get their t.me address. */
    useTelegramBot(username: string | undefined): void {
      bot = username || undefined;
    },
    /** The Telegram bot's username, once known. */
    telegramBot: () => bot,
    make,
    /** The link a payload names, or why it is refused. */
    read(payload: string): { ok: true; link: DeepLink } | { ok: false; reason: DeepLinkRefusal } {
      return verifyDeepLink(deps.secret, payload, deps.now());
    },
    /**
     * A link that opens `/command` for whoever taps it (a broadcast or survey may carry it). Only
     * OPENABLE_COMMANDS may be opened; the command's access is checked as if typed. Undefined for
     * another command, or when there is no Telegram bot to link to.
     */
    openCommand(command: string, days = OPEN_LINK_DAYS): string | undefined {
      if (!OPENABLE_COMMANDS.includes(command)) return undefined;
      return make("open", command, new Date(deps.now().getTime() + days * DAY_MS))?.url;
    },
  };
}
export type DeepLinks = ReturnType<typeof createDeepLinks>;
