/**
 * Splits a text longer than `max` characters into parts of at most `max`, each cut at a paragraph
 * break, else a line break (if one lies in the part's second half), else at `max`: a platform
 * refuses an over-long message, and a message cut short would lose words without saying so.
 */
export function splitAtBreaks(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf("\n", max);
    if (cut < max / 2) cut = max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n+/, "");
  }
  if (rest) parts.push(rest);
  return parts;
}
