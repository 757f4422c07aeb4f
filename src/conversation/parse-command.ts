/** A command as typed: its name, its arguments, and the bot it was addressed to, if any. */
export interface ParsedCommand {
  name: string;
  args: string;
  /** `PanduBot` in `/asesmen@PanduBot`: in a group each bot answers only the commands meant for it. */
  to?: string;
}

/**
 * Splits "/asesmen@PanduBot lanjut" (or "asesmen lanjut" from Slack) into name, arguments and
 * addressee; undefined when the text is not a command.
 */
export function parseCommand(text: string, requireSlash = true): ParsedCommand | undefined {
  const m = (
    requireSlash
      ? /^\/([A-Za-z_]{1,32})(?:@(\w+))?(?:\s+([\s\S]*))?$/
      : /^\/?([A-Za-z_]{1,32})()(?:\s+([\s\S]*))?$/
  ).exec(text.trim());
  if (!m) return undefined;
  return { name: m[1]!.toLowerCase(), args: (m[3] ?? "").trim(), ...(m[2] ? { to: m[2] } : {}) };
}
