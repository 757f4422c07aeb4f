import type { Binary } from "mongodb";
import { Schema } from "mongoose";
import { newId } from "./ids.js";

/**
 * A live conversation. Only running flows live here (ended runs are deleted), because on FerretDB
 * every lookup reads the whole collection and this one is read on every message. Beside them sit
 * the claims of recent answers (`{_id: "<run id>:<seq>", personId: "#claim", flowId: _id, at}`,
 * see flowRunsRepository.advance), purged after an hour.
 */
export interface FlowRun {
  _id: string;
  personId: string;
  identityId: string;
  flowId: string;
  flowVersion: string;
  stepId: string;
  /** Incremented on every move; writes are guarded by it so a duplicate update records nothing. */
  seq: number;
  answers: Record<string, unknown>;
  /** Questions answered so far, for "Kembali". */
  trail: string[];
  /** Options offered by the current step when they come from a list at run time. */
  offered: { id: string; label: string }[];
  startedAt: Date;
  updatedAt: Date;
}

/**
 * A run as stored: the engine's own state (answers, trail, offered) as one BSON document in
 * `state`, which only the runs repository reads and writes (see encodeRun there). FerretDB stores a
 * type description beside every value of a document (for an array of small objects, several times
 * the bytes of the values), reads and rewrites the whole document on every update, and PostgreSQL
 * parses it again each time; in one opaque field, an answer's update costs FerretDB and PostgreSQL
 * less than half the CPU it did (README, storage rules). Runs stored before it keep `answers`,
 * `trail` and `offered` as fields and are read as they are.
 */
export interface StoredFlowRun extends Omit<FlowRun, "answers" | "trail" | "offered"> {
  /** Written as a Buffer; read back as the driver's Binary. */
  state?: Uint8Array | Binary;
  answers?: Record<string, unknown>;
  trail?: string[];
  offered?: { id: string; label: string }[];
}

export const flowRunSchema = new Schema<StoredFlowRun>(
  {
    _id: { type: String, default: () => newId("r") },
    personId: { type: String, required: true },
    identityId: { type: String, required: true },
    flowId: { type: String, required: true },
    flowVersion: { type: String, required: true },
    stepId: { type: String, required: true },
    seq: { type: Number, required: true, default: 0 },
    state: { type: Buffer },
    // Runs stored before `state`.
    answers: { type: Schema.Types.Mixed },
    trail: { type: [String], default: undefined },
    offered: { type: [new Schema({ id: String, label: String }, { _id: false })], default: undefined },
    startedAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { collection: "flow_runs", versionKey: false, minimize: false },
);
// One live run per person and flow: starting a flow again resumes it instead of forking it.
flowRunSchema.index({ personId: 1, flowId: 1 }, { unique: true });
