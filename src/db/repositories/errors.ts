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
