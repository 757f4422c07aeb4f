/** The UTC calendar month of a moment, "2026-12": the bucket "latest first" lists read by. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** How far back a "latest first" list looks for entries before it gives up. */
const MONTHS_BACK = 36;

/**
 * Reads month buckets newest first (`read` gets one month and how many are still wanted) until
 * `limit` items are found or three years were looked at: each read is one indexed equality,
 * where "sort everything by time" would read the whole collection on FerretDB.
 */
export async function latestByMonth<T>(
  now: Date,
  limit: number,
  read: (month: string, wanted: number) => Promise<T[]>,
): Promise<T[]> {
  const out: T[] = [];
  const cursor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  for (let i = 0; i < MONTHS_BACK && out.length < limit; i++) {
    out.push(...(await read(monthOf(cursor), limit - out.length)));
    cursor.setUTCMonth(cursor.getUTCMonth() - 1);
  }
  return out.slice(0, limit);
}
