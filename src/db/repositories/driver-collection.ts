import type { Collection, Document } from "mongodb";
import type { Model } from "mongoose";

/**
 * The driver's own collection behind a model, typed with the model's documents: for the few hot
 * writes that skip mongoose's documents and casting. Values must already be the stored types.
 */
export function driverCollection<T extends Document>(model: Model<T>): Collection<T> {
  return model.collection as unknown as Collection<T>;
}
