import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseCommand } from "../../conversation/parse-command.js";
import type { IncomingIdentity } from "../../conversation/router.js";
import type { Inbound, Outbound, Progress } from "../../engine/types.js";
import type { Handle } from "../channel.js";
import { renderForTerminal, type TerminalKeys } from "./render.js";

export interface TerminalDeps {
  handle: Handle;
  input: Readable;
  output: Writable;
  /** True for a person at a keyboard: Pandu greets first. False for piped scripts. */
  interactive: boolean;
  /** Told when a message could not be handled (the chat goes on). */
  onError?: (err: unknown) => void;
  /** The text shown when handling failed. */
  /** What to show when a line could not be handled (by the kind of failure). */
  errorText: (err: unknown) => string;
}

/** The terminal identity: `terminal:<login name>`. */
export function terminalIdentity(login = userInfo().username): IncomingIdentity {
  const name = login.replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 64) || "user";
  return { id: `terminal:${name}`, channel: "terminal" };
}

/** Maps one typed line to an inbound message, given the buttons last shown. */
export function lineToInbound(line: string, keys: TerminalKeys | undefined): Inbound | undefined {
  const text = line.trim();
  if (text === "") return undefined;
  const command = parseCommand(text);
  if (command) return { kind: "command", command: command.name, args: command.args };
  if (keys) {
    if (/^\d{1,3}$/.test(text)) {
      const option = keys.options[Number(text) - 1];
      if (option) return { kind: "button", data: option.data };
    }
    const nav = keys.nav.get(text.toLowerCase());
    if (nav) return { kind: "button", data: nav.data };
  }
  return { kind: "text", text };
}

/**
 * Chats on stdin/stdout, one line at a time, in order. Resolves at the end of input, so a piped
 * script ends the program with exit code 0.
 */
export async function runTerminal(
  deps: TerminalDeps,
  who: IncomingIdentity = terminalIdentity(),
): Promise<void> {
  let keys: TerminalKeys | undefined;
  const show = (replies: Outbound[]) => {
    const rendered = renderForTerminal(replies);
    keys = rendered.keys ?? (replies.length ? undefined : keys);
    if (rendered.text) deps.output.write(`\n${rendered.text}\n`);
    if (deps.interactive) deps.output.write("\n> ");
  };
  // Slow work says so at once; its answer follows when it is ready.
  const progress: Progress = async (note) => {
    deps.output.write(`\n${note.text}\n`);
  };
  const send = async (inbound: Inbound) => {
    try {
      show(await deps.handle(who, inbound, progress));
    } catch (err) {
      deps.onError?.(err);
      show([{ text: deps.errorText(err) }]);
    }
  };
  if (deps.interactive) await send({ kind: "command", command: "start", args: "" });
  const lines = createInterface({ input: deps.input, terminal: false });
  for await (const line of lines) {
    if (!deps.interactive) deps.output.write(`\n> ${line}\n`);
    const inbound = lineToInbound(line, keys);
    if (inbound) await send(inbound);
    else if (deps.interactive) deps.output.write("> ");
  }
}
