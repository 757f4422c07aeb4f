/**
 * Text as searches compare it: people type without accents and capitals, on a phone, with typos.
 */

/** Lower case without accents ("É" → "e"), so "Pelatihan" and "pelatihan" are the same word. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
}

/**
 * The words of a text for matching: folded, split on anything but letters, digits, dots and
 * hyphens, with dots and hyphens trimmed from each end ("Agt." → "agt", "(e-Learning)" → "e-learning").
 */
export function searchWords(text: string): string[] {
  return foldText(text)
    .split(/[^a-z0-9.-]+/)
    .map((w) => w.replace(/^[.-]+|[.-]+$/g, ""))
    .filter((w) => w.length > 0);
}

/**
 * The number of single-letter insertions, deletions, substitutions and swaps of neighbours that
 * turn `a` into `b`, or `max + 1` as soon as it is known to be more than `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, max + 1);
}
