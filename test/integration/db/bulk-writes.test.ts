import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { useTestDatabase } from "../../support/database.js";

const ctx = useTestDatabase();

// FerretDB 1.24.2 kept each update statement's query open until the whole command ended, and an
// open query holds a pool connection: a command of more statements than the pool has connections
// waited on itself and was never answered. Pandu's patch closes each statement's query at once.
describe.skipIf(inject("dbKind") === "mongodb-uri")("large write commands (patched FerretDB)", () => {
  it("answers one update command of 150 statements, and applies every one", async () => {
    const coll = ctx.db.connection.db!.collection(`bulk_${randomBytes(4).toString("hex")}`);
    const ids = Array.from({ length: 150 }, (_, i) => `d${i}`);
    await coll.insertMany(ids.map((_id) => ({ _id: _id as never, n: 0 })));
    const result = await coll.bulkWrite(
      ids.map((_id, i) => ({ updateOne: { filter: { _id: _id as never }, update: { $set: { n: i + 1 } } } })),
      { ordered: true, maxTimeMS: 60_000 },
    );
    expect(result.modifiedCount).toBe(150);
    const docs = await coll.find({}).sort({ n: 1 }).toArray();
    expect(docs.map((d) => d.n)).toEqual(ids.map((_, i) => i + 1));
  }, 90_000);
});
