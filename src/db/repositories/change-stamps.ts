import { randomUUID } from "node:crypto";
import type { ChangeStamp, Models } from "../models/index.js";
import { isDuplicateKeyError } from "./errors.js";

/** Tokens that tell a process whether its in-memory copy of a set of documents is still current. */
export function changeStampsRepository({ ChangeStamp: S }: Pick<Models, "ChangeStamp">) {
  return {
    /**
     * Marks `key` changed (a new random token: concurrent marks cannot cancel each other out); a
     * writer that keeps what it wrote passes its own token, to recognise it later.
     */
    async touch(key: string, token: string = randomUUID()): Promise<void> {
      const upsert = () =>
        S.updateOne({ _id: key }, { $set: { token, at: new Date() } }, { upsert: true }).exec();
      try {
        await upsert();
      } catch (err) {
        // Two first marks of the same key at once (two mentors of a new instansi assessed together):
        // the loser's upsert finds the document now.
        if (!isDuplicateKeyError(err)) throw err;
        await upsert();
      }
    },
    /** The current tokens of these keys, in their order ("" for one that never changed), in one read. */
    async tokens(keys: readonly string[]): Promise<string[]> {
      const found = await S.find({ _id: { $in: [...keys] } })
        .lean<ChangeStamp[]>()
        .exec();
      const byKey = new Map(found.map((s) => [s._id, s.token]));
      return keys.map((k) => byKey.get(k) ?? "");
    },
    /** The current token of `key` ("" when it never changed). */
    async token(key: string): Promise<string> {
      return (await S.findById(key).lean<ChangeStamp>().exec())?.token ?? "";
    },
  };
}
