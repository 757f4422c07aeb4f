import { randomUUID } from "node:crypto";
import type { ChangeStamp, Models } from "../models/index.js";

/** Tokens that tell a process whether its in-memory copy of a set of documents is still current. */
export function changeStampsRepository({ ChangeStamp: S }: Pick<Models, "ChangeStamp">) {
  return {
    /** Marks `key` changed (a new random token: concurrent marks cannot cancel each other out). */
    async touch(key: string): Promise<void> {
      await S.updateOne(
        { _id: key },
        { $set: { token: randomUUID(), at: new Date() } },
        { upsert: true },
      ).exec();
    },
    /** The current token of `key` ("" when it never changed). */
    async token(key: string): Promise<string> {
      return (await S.findById(key).lean<ChangeStamp>().exec())?.token ?? "";
    },
  };
}
