import type { Achievement, Models } from "../models/index.js";
import { insertOnce } from "./errors.js";

/** Achievements, each recorded once by its natural key. */
export function achievementsRepository({ Achievement }: Pick<Models, "Achievement">) {
  return {
    /** Records an achievement; false when it was already recorded (no second congratulation). */
    async record(a: Achievement): Promise<boolean> {
      return insertOnce(() => Achievement.create(a));
    },
    /** A person's achievements. */
    async listForPerson(personId: string): Promise<Achievement[]> {
      return Achievement.find({ personId }).sort({ at: -1 }).lean<Achievement[]>().exec();
    },
  };
}
