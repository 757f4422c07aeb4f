/**
 * Told how far an import has got: `done` of `total` rows of the file. Importers call it once the
 * file is checked (0 done) and after each batch of at most `PROGRESS_EVERY` rows is saved.
 */
export type ImportProgress = (done: number, total: number) => Promise<void>;

/** Rows saved between two progress reports, at most. */
export const PROGRESS_EVERY = 1_000;

/** Files of more rows than this report their progress; smaller ones are done before it matters. */
export const PROGRESS_ABOVE = 1_000;

/** Splits `items` into batches of at most `PROGRESS_EVERY` rows, each item weighing `rows(item)`. */
export function batchesOf<T>(items: readonly T[], rows: (item: T) => number = () => 1): T[][] {
  const batches: T[][] = [];
  let batch: T[] = [];
  let weight = 0;
  for (const item of items) {
    const w = rows(item);
    if (batch.length > 0 && weight + w > PROGRESS_EVERY) {
      batches.push(batch);
      batch = [];
      weight = 0;
    }
    batch.push(item);
    weight += w;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
