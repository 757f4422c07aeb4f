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
