import { Schema } from "mongoose";
import { newId } from "./ids.js";

/** Who did (or was refused) what, on whom, in which scope. Append-only. */
export interface AuditEntry {
  _id: string;
  at: Date;
  actorPersonId?: string;
  actorIdentityId?: string;
  action: string;
  outcome: "ok" | "refused";
  targetKind?: string;
  targetId?: string;
  scopeUnitId?: string;
  details?: Record<string, unknown>;
  /** "2026-12": the month of `at` (UTC), so the latest entries are found by index. */
  month?: string;
}

export const auditEntrySchema = new Schema<AuditEntry>(
  {
    _id: { type: String, default: () => newId("a") },
    at: { type: Date, required: true },
    actorPersonId: String,
    actorIdentityId: String,
    action: { type: String, required: true },
    outcome: { type: String, enum: ["ok", "refused"], required: true },
    targetKind: String,
    targetId: String,
    scopeUnitId: String,
    details: { type: Schema.Types.Mixed, default: undefined },
    month: String,
  },
  { collection: "audit_log", versionKey: false },
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ actorPersonId: 1, at: -1 });
auditEntrySchema.index({ action: 1, at: -1 });
// Erasing a person's chat accounts from the entries they made or were about.
auditEntrySchema.index({ actorIdentityId: 1 });
auditEntrySchema.index({ month: 1 });
auditEntrySchema.index({ targetId: 1 });
