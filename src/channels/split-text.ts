/**
 * Splits a text longer than `max` characters into parts of at most `max`, each cut at a paragraph
 * break, else a line break, else a space (if one lies in the part's second half), else at `max`
 * but never between the two halves of an emoji: a platform refuses an over-long message, and a
 * message cut short would lose words without saying so.
 */
export function splitAtBreaks(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n\n", max);
    if (cut < max / 2) cut = rest.lastIndexOf("\n", max);
    if (cut >= max / 2) {
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut).replace(/^\n+/, "");
      continue;
    }
    cut = rest.lastIndexOf(" ", max);
    if (cut >= max / 2) {
      // The space that was cut at goes; the words on both sides stay whole.
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
      continue;
    }
    cut = isLowSurrogate(rest.charCodeAt(max)) ? max - 1 : max;
    parts.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) parts.push(rest);
  return parts;
}

/** True for the second half of a UTF-16 surrogate pair (an emoji's, for instance). */
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
