import type { CommandStartedEvent, CommandSucceededEvent } from "mongodb";
import type { Database } from "../../src/db/connection.js";
import { round1 } from "./report.js";

/** Database commands of one kind seen in a window: how many, and their summed duration. */
export interface ShapeStats {
  count: number;
  ms: number;
}

/** What the driver sent in a window, by shape: `find assessments {_id}`, `find courses {}`… */
export type CommandWindow = Map<string, ShapeStats>;

/** The collection a command works on. */
function collectionOf(e: CommandStartedEvent): string {
  const target = e.command[e.commandName];
  if (typeof target === "string") return target;
  return typeof e.command.collection === "string" ? e.command.collection : "";
}

/** The filter a command carries, where it has one. */
function filterOf(e: CommandStartedEvent): Record<string, unknown> | undefined {
  const c = e.command;
  switch (e.commandName) {
    case "find":
      return c.filter ?? {};
    case "count":
      return c.query ?? {};
    case "findAndModify":
      return c.query;
    case "update":
      return c.updates?.[0]?.q;
    case "delete":
      return c.deletes?.[0]?.q;
    case "aggregate":
      return c.pipeline?.[0]?.$match;
    default:
      return undefined;
  }
}

/** `{_id}`, `{personId}`, `{_id:$in}`: the fields a filter reads, and the operator if not equality. */
function shapeOf(filter: Record<string, unknown> | undefined): string {
  if (!filter) return "";
  const fields = Object.entries(filter).map(([k, v]) => {
    const ops =
      v && typeof v === "object" && !(v instanceof Date) && !Array.isArray(v)
        ? Object.keys(v).filter((o) => o.startsWith("$"))
        : [];
    return ops.length > 0 ? `${k}:${ops.join(",")}` : k;
  });
  return ` {${fields.join(",")}}`;
}

/** A command's shape: `find assessments {_id}`, `update flowruns {_id,v}`. */
export function shapeOfCommand(e: CommandStartedEvent): string {
  return `${e.commandName} ${collectionOf(e)}${shapeOf(filterOf(e))}`;
}

/**
 * Watches every command the driver sends (the database must be opened with command monitoring,
 * as `openStorage({ onCommand })` does) and adds them up by shape, window by window: a benchmark
 * takes a window around each timed request to see which queries its time went to.
 */
export function watchCommands(database: Database) {
  const client = database.connection.getClient();
  if (!client.options.monitorCommands)
    throw new Error("bench: open the database with onCommand, so the driver reports its commands");
  const shapes = new Map<number, string>();
  let window: CommandWindow = new Map();
  const started = (e: CommandStartedEvent) => {
    shapes.set(e.requestId, shapeOfCommand(e));
  };
  const finished = (e: Pick<CommandSucceededEvent, "requestId" | "duration">) => {
    const shape = shapes.get(e.requestId);
    if (shape === undefined) return;
    shapes.delete(e.requestId);
    const s = window.get(shape) ?? { count: 0, ms: 0 };
    s.count++;
    s.ms += e.duration;
    window.set(shape, s);
  };
  client.on("commandStarted", started);
  client.on("commandSucceeded", finished);
  client.on("commandFailed", finished);
  return {
    /** Ends the current window and returns it; a new one starts at once. */
    take(): CommandWindow {
      const ended = window;
      window = new Map();
      return ended;
    },
    /** Stops watching. */
    stop(): void {
      client.off("commandStarted", started);
      client.off("commandSucceeded", finished);
      client.off("commandFailed", finished);
    },
  };
}

/** Adds one window into a running total. */
export function addWindow(total: CommandWindow, w: CommandWindow): void {
  for (const [shape, s] of w) {
    const t = total.get(shape) ?? { count: 0, ms: 0 };
    t.count += s.count;
    t.ms += s.ms;
    total.set(shape, t);
  }
}

/** "find assessments {_id} ×812/run 41.0 ms": the commands that took the most database time. */
export function topShapes(total: CommandWindow, runs: number, n: number): string {
  return [...total.entries()]
    .sort((a, b) => b[1].ms - a[1].ms)
    .slice(0, n)
    .map(([shape, s]) => `${shape} ×${round1(s.count / runs)}/run ${round1(s.ms / s.count)} ms`)
    .join("; ");
}
