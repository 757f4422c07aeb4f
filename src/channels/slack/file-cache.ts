/** A file by its platform reference, as the app's file readers take it. */
export interface FileRef {
  channel: string;
  fileId: string;
}

/**
 * Keeps the bytes of the files a sender reads, for a short while, so a broadcast to thousands of
 * people reads its one attachment once rather than once per recipient. Reads of the same file that
 * overlap share one download; a failed read is remembered too (for less long), so a deleted file
 * is asked about once, not once per recipient. Memory is bounded: at most `maxFiles` files and
 * `maxBytes` bytes, the least recently used going first.
 */
export function createFileCache(opts: {
  read: (file: FileRef) => Promise<Uint8Array>;
  now?: () => number;
  ttlMs?: number;
  failedTtlMs?: number;
  maxFiles?: number;
  maxBytes?: number;
}) {
  const now = opts.now ?? Date.now;
  const ttlMs = opts.ttlMs ?? 10 * 60_000;
  const failedTtlMs = opts.failedTtlMs ?? 60_000;
  const maxFiles = opts.maxFiles ?? 16;
  const maxBytes = opts.maxBytes ?? 25_000_000;
  // Insertion order is recency: a hit is taken out and put back at the end.
  const entries = new Map<
    string,
    { at: number; bytes: number; failed: boolean; result: Promise<Uint8Array> }
  >();

  /** Drops what has expired, then the least recently used until the bounds hold. */
  function trim(): void {
    const t = now();
    for (const [key, e] of entries) if (t - e.at >= (e.failed ? failedTtlMs : ttlMs)) entries.delete(key);
    let total = 0;
    for (const e of entries.values()) total += e.bytes;
    for (const [key, e] of entries) {
      if (entries.size <= maxFiles && total <= maxBytes) break;
      entries.delete(key);
      total -= e.bytes;
    }
  }

  return {
    /** The file's bytes, read once while they are kept; rejects as the read did. */
    get(file: FileRef): Promise<Uint8Array> {
      const key = `${file.channel}:${file.fileId}`;
      trim();
      const hit = entries.get(key);
      if (hit) {
        entries.delete(key);
        entries.set(key, hit);
        return hit.result;
      }
      const entry = { at: now(), bytes: 0, failed: false, result: opts.read(file) };
      entries.set(key, entry);
      entry.result.then(
        (bytes) => {
          entry.bytes = bytes.length;
          trim();
        },
        () => {
          entry.failed = true;
        },
      );
      return entry.result;
    },
    /** How many files are kept (for tests). */
    size: () => entries.size,
  };
}
