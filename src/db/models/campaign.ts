import { Schema } from "mongoose";

/**
 * A coordinator's campaign: reminding the people of one list (a category such as "belum asesmen")
 * in one scope who have not acted yet. One per category and scope (`_id` is a hash of both), so
 * every coordinator of that scope presses "Ingatkan yang belum" on the same campaign and nobody is
 * reminded twice within three days because two of them pressed.
 */
export interface Campaign {
  _id: string;
  /** The category's id (`asm`, `srv`, …). */
  category: string;
  /** The unit the list was narrowed to, if any. */
  unitId?: string;
  /** The roots of the creator's scope when no unit was chosen (empty for a bootstrap admin: everything). */
  scopeRoots: string[];
  /** Who started it: a person id, or "admin" for a bootstrap admin without one. */
  createdBy: string;
  createdAt: Date;
  /** When the people should have acted by; automatic reminders go before it (who set it: the audit log). */
  deadline?: Date;
}

export const campaignSchema = new Schema<Campaign>(
  {
    _id: { type: String, required: true },
    category: { type: String, required: true },
    unitId: String,
    scopeRoots: { type: [String], default: [] },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    deadline: Date,
  },
  { collection: "campaigns", versionKey: false },
);
// The deadline job reads the campaigns whose deadline is still ahead (few); erasure finds a creator's.
campaignSchema.index({ deadline: 1 });
campaignSchema.index({ createdBy: 1 });

/**
 * When one person was last reminded in one campaign, and which automatic reminders before the
 * deadline they got. `_id` is `<campaign>:<person>`.
 */
export interface CampaignReminder {
  _id: string;
  campaignId: string;
  personId: string;
  lastAt: Date;
  /** Automatic reminders sent: `d3`, `d1` (days before the deadline). */
  stages: string[];
}

export const campaignReminderSchema = new Schema<CampaignReminder>(
  {
    _id: { type: String, required: true },
    campaignId: { type: String, required: true },
    personId: { type: String, required: true },
    lastAt: { type: Date, required: true },
    stages: { type: [String], default: [] },
  },
  { collection: "campaign_reminders", versionKey: false },
);
// A person's own (erasure).
campaignReminderSchema.index({ personId: 1 });
