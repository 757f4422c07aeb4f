import type { Achievement, Models } from "../models/index.js";
import { isDuplicateKeyError } from "./errors.js";

/** Achievements, each recorded once by its natural key. */
export function achievementsRepository({ Achievement }: Pick<Models, "Achievement">) {
  return {
    /** Records an achievement; false when it was already recorded (no second congratulation). */
    async record(a: Achievement): Promise<boolean> {
      try {
        await Achievement.create(a);
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    },
    /** A person's achievements. */
    async listForPerson(personId: string): Promise<Achievement[]> {
      return Achievement.find({ personId }).sort({ at: -1 }).lean<Achievement[]>().exec();
    },
  };
}
