import { Schema } from "mongoose";

/**
 * One claimed transition of a flow run: `_id` is `<run id>:<seq>`. FerretDB 1.24 does not apply a
 * filtered updateOne as an atomic compare-and-set (concurrent writers all "win"), but a unique
 * `_id` insert is atomic on every backend, so the insert decides which answer moves the run.
 */
export interface FlowClaim {
  _id: string;
  at: Date;
}

export const flowClaimSchema = new Schema<FlowClaim>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: "flow_claims", versionKey: false },
);
// Purged by age (no TTL indexes on FerretDB).
flowClaimSchema.index({ at: 1 });
