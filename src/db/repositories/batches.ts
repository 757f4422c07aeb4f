/** The most values one `$in` carries: the patched FerretDB serves up to 1,000 from an index. */
export const IN_BATCH = 1000;

/**
 * A cursor batch size for reads wanted whole (the summary fold's): the answer comes in one reply
 * (the server still caps one at 16 MB) instead of 101 documents and then a `getMore` round trip.
 */
export const ONE_REPLY = 100_000;

/**
 * Reads `values` (deduplicated) through `read`, 1,000 at a time, and concatenates the results.
 * FerretDB tests a longer `$in` value by value against every document: 45,000 assessment ids in
 * one query took 36 s where batches take well under one.
 */
export async function readInBatches<V, T>(
  values: readonly V[],
  read: (batch: V[]) => Promise<T[]>,
): Promise<T[]> {
  const unique = [...new Set(values)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += IN_BATCH) out.push(...(await read(unique.slice(i, i + IN_BATCH))));
  return out;
}
