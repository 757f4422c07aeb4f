import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { parseDocument } from "yaml";
import type { z } from "zod";
import { type Flow, flowSchema } from "./schema.js";

/** A flow file that did not pass: file, path inside it, and the problem, ready to print. */
export class FlowFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(problems.map((p) => (file ? `${file}: ${p}` : p)).join("\n"));
    this.name = "FlowFileError";
  }
}

/** The loaded flows, by id and by command. */
export interface FlowCatalog {
  get(id: string): Flow | undefined;
  /** The flow with this id only if it is still at `version` (runs keep the version they started with). */
  getVersion(id: string, version: string): Flow | undefined;
  byCommand(command: string): Flow | undefined;
  all(): Flow[];
}

const formatIssue = (issue: z.core.$ZodIssue): string => {
  const path = issue.path.length
    ? issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")
    : "";
  return `${path.replace(/^\./, "") || "(top)"}: ${issue.message}`;
};

/** The file each parsed flow came from, so later checks (hooks at engine start) can name it. */
const fileOfFlow = new WeakMap<Flow, string>();

/** The file a flow was parsed from, as its errors name it (relative to the flows folder). */
export function flowFile(flow: Flow): string | undefined {
  return fileOfFlow.get(flow);
}

/** Parses and validates one flow file's text; throws FlowFileError naming every problem. */
export function parseFlowFile(source: string, file: string): Flow {
  const doc = parseDocument(source, { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new FlowFileError(
      file,
      doc.errors.map((e) => `line ${e.linePos?.[0]?.line ?? "?"}: ${e.message.split("\n")[0]}`),
    );
  }
  const parsed = flowSchema.safeParse(doc.toJS());
  if (!parsed.success) throw new FlowFileError(file, parsed.error.issues.map(formatIssue));
  fileOfFlow.set(parsed.data, file);
  return parsed.data;
}

/** Builds a catalog from flows; refuses two flows with one id or one command. */
export function createCatalog(flows: Flow[]): FlowCatalog {
  const byId = new Map<string, Flow>();
  const byCommand = new Map<string, Flow>();
  for (const flow of flows) {
    if (byId.has(flow.id)) throw new Error(`two flows have the id "${flow.id}"`);
    byId.set(flow.id, flow);
    for (const c of flow.commands) {
      if (byCommand.has(c))
        throw new Error(`flows "${byCommand.get(c)!.id}" and "${flow.id}" both claim /${c}`);
      byCommand.set(c, flow);
    }
  }
  return {
    get: (id) => byId.get(id),
    getVersion: (id, version) => {
      const f = byId.get(id);
      return f && f.version === version ? f : undefined;
    },
    byCommand: (c) => byCommand.get(c),
    all: () => [...byId.values()],
  };
}

/** Loads every `*.yaml` directly in `dir` (content data lives in subfolders); all problems at once. */
export function loadFlowDirectory(dir: string, root = dir): FlowCatalog {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort();
  const flows: Flow[] = [];
  const errors: FlowFileError[] = [];
  for (const f of files) {
    const path = join(dir, f);
    try {
      flows.push(parseFlowFile(readFileSync(path, "utf8"), relative(root, path) || f));
    } catch (err) {
      if (err instanceof FlowFileError) errors.push(err);
      else throw err;
    }
  }
  if (errors.length > 0) {
    throw new FlowFileError(
      "",
      errors.flatMap((e) => e.problems.map((p) => `${e.file}: ${p}`)),
    );
  }
  return createCatalog(flows);
}
