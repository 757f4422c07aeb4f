import type { Role } from "../db/models/index.js";

/** A command people can type (Telegram `/x`, Slack `/pandu x`, terminal `/x`). */
export interface CommandInfo {
  name: string;
  /** Locale key of its one-line description (menus, /bantuan, setMyCommands). */
  descriptionKey: string;
  /** Who sees it in menus; everyone may still type it and gets an honest answer. */
  role: "asn" | Role;
  /** False while its capability is still being built: Pandu says so instead of pretending. */
  available: boolean;
}

const c = (name: string, role: CommandInfo["role"], available: boolean): CommandInfo => ({
  name,
  descriptionKey: `cmd-${name}`,
  role,
  available,
});

/** Every command, in menu order. */
export const COMMANDS: readonly CommandInfo[] = [
  c("start", "asn", true),
  c("menu", "asn", true),
  c("asesmen", "asn", true),
  c("hasil", "asn", true),
  c("rekomendasi", "asn", true),
  c("pelatihan", "asn", true),
  c("selesai", "asn", true),
  c("mentor", "asn", true),
  c("survei", "asn", true),
  c("pengingat", "asn", true),
  c("profil", "asn", true),
  c("bahasa", "asn", true),
  c("bantuan", "asn", true),
  c("batal", "asn", true),
  c("tautkan", "asn", true),
  c("dataku", "asn", true),
  c("hapusdata", "asn", true),
  c("umumkan", "koordinator", true),
  c("siaran", "koordinator", true),
  c("ringkasan", "supervisor", true),
  c("ekspor", "supervisor", true),
  c("peran", "admin", true),
  c("audit", "admin", true),
  c("impor", "admin", true),
];

const byName = new Map(COMMANDS.map((x) => [x.name, x]));

/** The command with this name, if Pandu has one. */
export function findCommand(name: string): CommandInfo | undefined {
  return byName.get(name);
}

/**
 * Splits "/asesmen@PanduBot lanjut" (or "asesmen lanjut" from Slack) into name and arguments;
 * undefined when the text is not a command.
 */
export function parseCommand(text: string, requireSlash = true): { name: string; args: string } | undefined {
  const m = (
    requireSlash
      ? /^\/([A-Za-z_]{1,32})(?:@\w+)?(?:\s+([\s\S]*))?$/
      : /^\/?([A-Za-z_]{1,32})(?:\s+([\s\S]*))?$/
  ).exec(text.trim());
  return m ? { name: m[1]!.toLowerCase(), args: (m[2] ?? "").trim() } : undefined;
}

/** The commands a menu shows to someone holding `roles` (everyone sees the asn ones). */
export function commandsFor(roles: readonly string[]): CommandInfo[] {
  return COMMANDS.filter((c) => c.role === "asn" || roles.includes(c.role));
}
