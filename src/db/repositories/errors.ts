/** True for MongoDB's duplicate-key error (E11000), which FerretDB reproduces. */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Runs an insert whose unique key decides who wins: true when it went in, false when the key was
 * taken already (E11000). Every "only one may win" decision in Pandu is one of these, because a
 * unique insert is atomic on FerretDB where a filtered update is not.
 */
export async function insertOnce(insert: () => Promise<unknown>): Promise<boolean> {
  try {
    await insert();
    return true;
  } catch (err) {
    if (isDuplicateKeyError(err)) return false;
    throw err;
  }
}

/**
 * For an unordered bulk insert that failed only because some keys were taken already: the
 * positions in the batch of the documents left out. Undefined for any other failure, which the
 * caller rethrows.
 */
export function duplicateKeyPositions(err: unknown): number[] | undefined {
  type WriteError = { index?: number; code?: number; err?: { index?: number; code?: number } };
  const writeErrors = (err as { writeErrors?: WriteError[] } | null)?.writeErrors ?? [];
  if (writeErrors.length === 0 || !writeErrors.every((e) => (e.code ?? e.err?.code) === 11000))
    return undefined;
  return writeErrors.map((e) => e.index ?? e.err?.index ?? -1);
}

const UNAVAILABLE = new Set([
  "MongoServerSelectionError",
  "MongoNetworkError",
  "MongoNetworkTimeoutError",
  "MongoNotConnectedError",
  "MongoTopologyClosedError",
  "MongoPoolClearedError",
]);

/**
 * True when an error means the database could not be reached (down, restarting, unreachable), as
 * opposed to a bug or a refused write: the person is told to try again in a moment.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { name, message } = e as { name?: unknown; message?: unknown };
    if (typeof name === "string" && UNAVAILABLE.has(name)) return true;
    // Mongoose's own wait for a connection that never came back.
    if (typeof message === "string" && /buffering timed out|connection .* closed|ECONNREFUSED/i.test(message))
      return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
