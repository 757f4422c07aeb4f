import { Schema } from "mongoose";

/** Which person a NIP belongs to; `_id` is the NIP, so a second claim fails with E11000. */
export interface NipClaim {
  _id: string;
  personId: string;
  claimedAt: Date;
}

export const nipClaimSchema = new Schema<NipClaim>(
  {
    _id: { type: String, match: /^\d{18}$/ },
    personId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: "nip_claims", versionKey: false },
);
nipClaimSchema.index({ personId: 1 });
