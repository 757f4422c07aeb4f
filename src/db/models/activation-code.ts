import { Schema } from "mongoose";

/**
 * The one-time activation code of an imported person who has not registered yet; `_id` is the
 * person. Only the code's hash is kept: the code itself is shown once, to whoever imported.
 */
export interface ActivationCode {
  _id: string;
  nip: string;
  hash: string;
  issuedAt: Date;
  /** The person who imported or re-issued it; absent for the operator's command line. */
  issuedBy?: string;
}

export const activationCodeSchema = new Schema<ActivationCode>(
  {
    _id: { type: String, required: true },
    nip: { type: String, match: /^\d{18}$/, required: true },
    hash: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    issuedBy: String,
  },
  { collection: "activation_codes", versionKey: false },
);
