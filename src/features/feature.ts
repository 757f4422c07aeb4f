import type { StaffRole } from "../domain/scope.js";
import type { ComputeService, OptionSource, TextSource } from "../engine/engine.js";
import type { Conversation, Outbound, Progress } from "../engine/types.js";
import type { Job } from "../scheduler/scheduler.js";

/**
 * Who may use a command or press a button:
 * - `anyone`: strangers too (before registering: /start, /bantuan, /bahasa, /batal…);
 * - `registered`: a person who finished onboarding;
 * - staff roles: a registered person holding one of them somewhere (an admin holds every role).
 *   Where the role applies (its units) is the handler's `actor`, checked by the handler on the
 *   unit it acts on.
 */
export type Access = "anyone" | "registered" | readonly StaffRole[];

/** The person acting, as the router resolved them for this one message. */
export interface Acting {
  conv: Conversation;
  /** Roles held anywhere (admin included), plus "admin" for a bootstrap admin. */
  roles: readonly string[];
  /** True when ADMIN_IDS names this identity: an admin over the whole organisation. */
  bootstrapAdmin: boolean;
  /** What the router offers every handler. */
  router: RouterView;
  /**
   * Says something at once, before the handler's replies (work that can take seconds says it has
   * started); does nothing where the channel gave no way to.
   */
  progress: Progress;
}

/** The router's own services, for the few handlers that open menus or other commands. */
export interface RouterView {
  /** The main menu. */
  menu(): Outbound[];
  /** Runs a command as if typed, with its access checked. */
  runCommand(name: string, args?: string): Promise<Outbound[]>;
  /** Ends the person's current conversation, if any. */
  cancelFlow(): Promise<Outbound[]>;
  /**
   * Starts a flow, with the access of the command that starts it checked; `seed` gives it answers
   * the handler already knows (the record a button was pressed on).
   */
  startFlow(flowId: string, seed?: Record<string, unknown>): Promise<Outbound[]>;
  /** The commands this person sees listed, in order, with their description keys. */
  listed(): readonly { name: string; descriptionKey: string }[];
}

/** A typed command's context: the actor and the words after the command. */
export interface CommandContext extends Acting {
  args: string;
}

/** A command people type (Telegram `/x`, Slack `/pandu x`, terminal `/x`). */
export interface CommandDecl {
  /** The Indonesian word typed after the slash. */
  name: string;
  access: Access;
  /** Locale key of its one-line description; `cmd-<name>` when not given. */
  descriptionKey?: string;
  /** False for commands that work but are not listed in menus and /bantuan. */
  listed?: boolean;
  /**
   * Arguments that make it another action with its own access (`/survei hasil`), tried in order
   * before the command itself; `name` is what a refusal and the audit log call it.
   */
  variants?: readonly CommandVariant[];
  /** Starts this flow (from flows/), when the command is a conversation. */
  flow?: string;
  /** Answers the command; not needed when `flow` is given. */
  run?(ctx: CommandContext): Promise<Outbound[]>;
}

/** A command with particular arguments, declared with its own access. */
export interface CommandVariant {
  name: string;
  args: RegExp;
  access: Access;
  run(ctx: CommandContext): Promise<Outbound[]>;
}

/** A button press decoded by its codec: which action, with the ids it carries. */
export interface ButtonPress<A extends string = string> {
  action: A;
  args: string[];
}

/**
 * A named kind of button: packs the data Pandu puts on a button and parses what comes back.
 * The wire form is `prefix|code|arg…`; prefixes and codes are short because Telegram allows
 * 64 bytes, and they never change, so buttons already sent keep working.
 */
export interface ButtonCodec<P = unknown> {
  readonly name: string;
  readonly prefix: string;
  /** The press, or undefined for data this codec did not issue (or was tampered with). */
  parse(data: string): P | undefined;
  /** Well-formed data of every kind it parses (the access table test presses each). */
  samples(): string[];
}

/** A codec of actions with id arguments, built by `buttonCodec`. */
export interface ActionCodec<A extends string> extends ButtonCodec<ButtonPress<A>> {
  /** The data for a button doing `action` about `args` (ids, never free text). */
  pack(action: A, ...args: readonly (string | number)[]): string;
}

/** Button arguments are ids, short keys, numbers and presets: nothing else is accepted back. */
const ARG = /^[A-Za-z0-9_.:-]{1,40}$/;

/**
 * Declares a button codec. `actions` maps each action's name to its wire code and the number
 * of arguments it carries (a range when some are optional). An action whose code is "" takes
 * everything after the prefix as its arguments (`cmd|asesmen`).
 */
export function buttonCodec<
  const M extends Record<string, readonly [code: string, args: number | readonly [number, number]]>,
>(name: string, prefix: string, actions: M): ActionCodec<keyof M & string> {
  type A = keyof M & string;
  const byCode = new Map<string, { action: A; min: number; max: number }>();
  for (const [action, [code, args]] of Object.entries(actions)) {
    const [min, max] = typeof args === "number" ? [args, args] : args;
    byCode.set(code, { action: action as A, min, max });
  }
  return {
    name,
    prefix,
    pack(action, ...args) {
      const [code] = actions[action]!;
      return [prefix, code, ...args.map(String)].filter((x) => x !== "").join("|");
    },
    samples() {
      return Object.values(actions).map(([code, args]) =>
        [prefix, code, ...Array<string>(typeof args === "number" ? args : args[0]).fill("0")]
          .filter((x) => x !== "")
          .join("|"),
      );
    },
    parse(data) {
      const [head, code = "", ...rest] = data.split("|");
      if (head !== prefix) return undefined;
      const bare = byCode.get("");
      const known = byCode.get(code) ?? bare;
      const args = known === bare ? [code, ...rest] : rest;
      if (!known || args.length < known.min || args.length > known.max) return undefined;
      if (!args.every((a) => ARG.test(a))) return undefined;
      return { action: known.action, args };
    },
  };
}

/** A button kind a feature answers, with who may press it. */
export interface ButtonDecl<P = never> {
  codec: ButtonCodec<P>;
  access: Access;
  /** What a refusal and the audit log call it (the command it belongs to). */
  command: string;
  /** False when a refusal is not worth an audit entry (a person's own buttons). */
  auditRefusal?: boolean;
  /** The answer; undefined when the press cannot be honoured (the person hears it has expired). */
  run(ctx: Acting, press: P): Promise<Outbound[] | undefined>;
}

/** Declares a button with its codec's press type carried through to the handler. */
export function button<P>(decl: ButtonDecl<P>): ButtonDecl<unknown> {
  return decl as unknown as ButtonDecl<unknown>;
}

/** Everything one feature adds to Pandu, in one declaration. */
export interface Feature {
  name: string;
  commands?: readonly CommandDecl[];
  buttons?: readonly ButtonDecl<unknown>[];
  /** Flows it runs that no command starts, with who may start them by a button, and for which command. */
  flows?: Readonly<Record<string, { access: Access; command: string }>>;
  /** Compute services its flows call (`service:` in a flow step), by their flow name. */
  services?: Record<string, ComputeService>;
  /** Option lists its flows show (`source:` in a flow step). */
  optionSources?: Record<string, OptionSource>;
  /** Texts its flows show, worked out when shown (`text: { from: … }` in a flow step). */
  textSources?: Record<string, TextSource>;
  /** Its scheduled jobs; each only decides what to send and puts it in the outbox. */
  jobs?: readonly Job[];
}

/** How an access rule reads in tables and test names. */
export function accessLabel(access: Access): string {
  return typeof access === "string" ? access : access.join(" | ");
}
