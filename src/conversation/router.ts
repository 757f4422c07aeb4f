import type { Channel } from "../db/models/index.js";
import { withQueryOrigin } from "../db/query-origin.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Engine, RunGuard } from "../engine/engine.js";
import type { Translate } from "../engine/text.js";
import type { Conversation, Inbound, Outbound, Progress } from "../engine/types.js";
import type { Access, Acting, CommandContext, CommandDecl } from "../features/feature.js";
import type { Locale } from "../i18n/locales.js";
import type { FloodGuard } from "./flood-guard.js";
import { createPersonCache, rolesOf } from "./person-cache.js";
import type { Registry } from "./registry.js";

/** Who wrote, as the channel adapter knows it. */
export interface IncomingIdentity {
  /** `telegram:123`, `slack:T01:U456`, `terminal:budi`. */
  id: string;
  channel: Channel;
  /** The language the platform reports for the person (used until they choose one). */
  languageHint?: string;
}

export interface ConversationDeps {
  engine: Engine;
  registry: Registry;
  repos: Pick<Repositories, "identities" | "people">;
  translate: Translate;
  now: () => Date;
  /** Writes a refused staff action to the audit log. */
  onRefused: (conv: Conversation, what: string) => Promise<void>;
  /** The main menu, shown when a message belongs to no conversation. */
  menu: (conv: Conversation) => Outbound[];
  /** Bootstrap administrators from ADMIN_IDS: admins wherever they write from. */
  adminIds?: readonly string[];
  /**
   * How long a resolved profile is reused before it is read again. This instance drops it at once
   * when it changes the profile; another instance's change shows up within this time.
   */
  profileTtlMs?: number;
  /**
   * The update limit, per person and, for group chats, per chat; none when not given (tests of
   * other features).
   */
  floodGuard?: FloodGuard;
  /** How long a staff conversation (one a role opened) may sit idle before it ends (default 24 h). */
  staffIdleMs?: number;
}

/** The longest text and command arguments handled; longer ones are refused before any work. */
export const MAX_TEXT_CHARS = 5_000;
const MAX_ARGS_CHARS = 1_000;
const DAY_MS = 24 * 3_600_000;
/** Telegram's own limit for callback data; anything longer was not issued by Pandu. */
const MAX_BUTTON_BYTES = 64;

/** Why an action was not done: the person hears which. */
type Refusal = "onboarding-needed" | "command-not-allowed";

/**
 * Decides whether `acting` may use something declared with `access`. Only admin work may be done
 * before registering (a bootstrap admin sets Pandu up, by imports, before or without registering).
 */
export function refusalFor(access: Access, acting: Acting): Refusal | undefined {
  if (access === "anyone") return undefined;
  const adminOnly = access !== "registered" && access.length === 1 && access[0] === "admin";
  if (!acting.conv.profile.onboarded && !(adminOnly && acting.roles.includes("admin")))
    return "onboarding-needed";
  if (access === "registered") return undefined;
  return holdsOneOf(access, acting.roles) ? undefined : "command-not-allowed";
}

/** Whether `roles` include one of `needed`: an admin may use every staff command. */
function holdsOneOf(needed: readonly string[], roles: readonly string[]): boolean {
  return roles.includes("admin") || needed.some((r) => roles.includes(r));
}

/**
 * The front door: turns one inbound message into the replies, for every channel alike. It knows
 * no feature: it finds the declared command or button, checks its access, and calls its handler.
 */
export function createConversations(deps: ConversationDeps) {
  const people = createPersonCache({
    repos: deps.repos,
    now: deps.now,
    adminIds: deps.adminIds ?? [],
    ttlMs: deps.profileTtlMs ?? 5 * 60_000,
  });
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  async function refuse(acting: Acting, refusal: Refusal, what: string, shown: string, audit: boolean) {
    if (refusal === "onboarding-needed") return [{ text: t(acting.conv, "onboarding-needed") }];
    if (audit) await deps.onRefused(acting.conv, what);
    return [{ text: t(acting.conv, "command-not-allowed", { command: shown }) }];
  }

  async function runCommand(acting: Acting, command: CommandDecl, args: string): Promise<Outbound[]> {
    const ctx: CommandContext = { ...acting, args };
    const variant = command.variants?.find((v) => v.args.test(args));
    // A variant carries its own access: `/tautkan KODE` works before registering, `/survei hasil`
    // needs a role (and so registering) although `/survei` needs only registering.
    const refusal = refusalFor(variant?.access ?? command.access, acting);
    if (refusal) {
      const shown = variant ? `/${command.name} ${args}` : `/${command.name}`;
      return refuse(acting, refusal, variant?.name ?? command.name, shown, true);
    }
    if (variant) return variant.run(ctx);
    if (command.run) return command.run(ctx);
    return deps.engine.start(acting.conv, command.flow!);
  }

  /**
   * The check before every step of a live conversation opened by a staff command: the roles are
   * read again from the person (not the profile cached for a few minutes), and a staff
   * conversation idle for longer than `staffIdleMs` ends. Conversations anyone may hold (the
   * assessment, a profile edit) are left to resume where they were.
   */
  /** The roles a flow's command needs, when a staff command opens it; undefined for everyone's flows. */
  function staffAccessOf(flowId: string): { roles: readonly string[]; command: string } | undefined {
    const { access, command } = deps.registry.flowAccess(flowId);
    return access === "anyone" || access === "registered" ? undefined : { roles: access, command };
  }

  function staffGuard(acting: Acting): RunGuard {
    return async (conv, run) => {
      const staff = staffAccessOf(run.flowId);
      if (!staff) return undefined;
      const { command } = staff;
      if (deps.now().getTime() - run.updatedAt.getTime() > (deps.staffIdleMs ?? DAY_MS)) {
        return [{ text: t(conv, "flow-staff-expired", { command: `/${command}` }) }];
      }
      const person = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
      if (holdsOneOf(staff.roles, rolesOf(person, acting.bootstrapAdmin))) return undefined;
      await deps.onRefused(conv, command);
      return [{ text: t(conv, "flow-role-lost", { command: `/${command}` }) }];
    };
  }

  async function pressButton(acting: Acting, data: string): Promise<Outbound[] | undefined> {
    const declared = deps.registry.button(data);
    if (!declared)
      return deps.engine.handle(acting.conv, { kind: "button", data }, staffGuard(acting), acting.progress);
    const press = declared.codec.parse(data);
    if (!press) return undefined;
    const refusal = refusalFor(declared.access, acting);
    if (refusal)
      return refuse(
        acting,
        refusal,
        declared.command,
        `/${declared.command}`,
        declared.auditRefusal !== false,
      );
    return declared.run(acting, press);
  }

  /** The acting person, with the router's services for handlers that open menus or commands. */
  function actingOf(
    conv: Conversation,
    roles: readonly string[],
    bootstrapAdmin: boolean,
    progress: Progress,
  ): Acting {
    const acting: Acting = {
      conv,
      roles,
      bootstrapAdmin,
      progress,
      router: {
        menu: () => deps.menu(conv),
        runCommand: (name, args = "") => {
          const command = deps.registry.command(name);
          return command
            ? runCommand(acting, command, args)
            : Promise.resolve([{ text: t(conv, "command-unknown", { command: `/${name}` }) }]);
        },
        cancelFlow: () => deps.engine.cancel(conv),
        startFlow: async (flowId, seed) => {
          if (!deps.registry.hasFlow(flowId)) return [{ text: t(conv, "flow-button-expired") }];
          const { access, command } = deps.registry.flowAccess(flowId);
          const refusal = refusalFor(access, acting);
          if (refusal) return refuse(acting, refusal, command, `/${command}`, true);
          return deps.engine.start(conv, flowId, seed);
        },
        listed: () => deps.registry.commandsFor(roles),
      },
    };
    return acting;
  }

  return {
    /** The person behind an identity (cached briefly), as the router sees them. */
    resolve: people.resolve,
    /**
     * The person's language as last resolved on this instance (their profile's, or the platform's
     * hint for a newcomer), without database work; undefined when not known here.
     */
    knownLocale: (who: IncomingIdentity): Locale | undefined => people.knownLocale(who.id),
    /** Drops a cached profile after it changed (language, onboarding, linking). */
    invalidate: people.invalidate,
    /** Drops every cached profile of a person (their roles changed). */
    invalidatePerson: people.invalidatePerson,
    /** The main menu (start, the end of a conversation, buttons that open commands). */
    menu: deps.menu,

    /**
     * Ends the person's open conversations that a staff command opened and their roles no longer
     * allow (after a revocation), instead of waiting for their next step to be refused.
     */
    async endStaffRunsOf(personId: string): Promise<number> {
      const [person, identities] = await Promise.all([
        deps.repos.people.get(personId),
        deps.repos.identities.listForPerson(personId),
      ]);
      if (identities.some((i) => deps.adminIds?.includes(i._id))) return 0;
      const roles = rolesOf(person, false);
      return deps.engine.endRunsOf(personId, (flowId) => {
        const staff = staffAccessOf(flowId);
        return staff !== undefined && !holdsOneOf(staff.roles, roles);
      });
    },

    /**
     * Whether a command typed in a group chat may be answered (with the channel's invitation to a
     * private chat), before any database work: it counts against the chat's limit and the person's
     * own. Over either, nothing is said: a group would read a "slow down" meant for one person.
     */
    admitGroup(who: IncomingIdentity, chat: string): boolean {
      const forChat = deps.floodGuard?.check(`${who.channel}-chat:${chat}`) ?? "ok";
      const forPerson = deps.floodGuard?.check(who.id) ?? "ok";
      return forChat === "ok" && forPerson === "ok";
    },

    /**
     * Handles one inbound message and returns the replies, in order. `progress` is the channel's
     * way to say something before them (slow work has started); without it nothing is said early.
     */
    handle(who: IncomingIdentity, inbound: Inbound, progress?: Progress): Promise<Outbound[]> {
      // Every query answering a message is labelled, so the storage-rules test can judge it.
      const label =
        inbound.kind === "command"
          ? `chat:/${inbound.command}`
          : inbound.kind === "button"
            ? `chat:button:${inbound.data.split("|")[0]}`
            : `chat:${inbound.kind}`;
      return withQueryOrigin(label, () => answer(who, inbound, progress ?? (async () => {})));
    },
  };

  async function answer(who: IncomingIdentity, inbound: Inbound, progress: Progress): Promise<Outbound[]> {
    // Before any database work: a flood is dropped cheaply, with one polite word per window.
    const verdict = deps.floodGuard?.check(who.id) ?? "ok";
    if (verdict === "drop") return [];
    const { conv, roles } = await people.resolve(who);
    if (verdict === "warn") return [{ text: t(conv, "flood-slow-down") }];
    if (
      ((inbound.kind === "text" || inbound.kind === "edit") &&
        (inbound.text?.length ?? 0) > MAX_TEXT_CHARS) ||
      (inbound.kind === "form" && "text" in inbound.answer && inbound.answer.text.length > MAX_TEXT_CHARS) ||
      (inbound.kind === "command" && inbound.args.length > MAX_ARGS_CHARS)
    ) {
      return [{ text: t(conv, "message-too-long", { max: MAX_TEXT_CHARS }) }];
    }
    if (inbound.kind === "button" && Buffer.byteLength(inbound.data) > MAX_BUTTON_BYTES) {
      return [{ text: t(conv, "flow-button-expired") }];
    }
    const acting = actingOf(conv, roles, deps.adminIds?.includes(who.id) ?? false, progress);
    if (inbound.kind === "command") {
      const command = deps.registry.command(inbound.command);
      if (!command) return [{ text: t(conv, "command-unknown", { command: `/${inbound.command}` }) }];
      return runCommand(acting, command, inbound.args);
    }
    const replies =
      inbound.kind === "button"
        ? await pressButton(acting, inbound.data)
        : await deps.engine.handle(conv, inbound, staffGuard(acting), progress);
    if (replies) return replies;
    // An edit outside a conversation answered nothing: it is not read.
    if (inbound.kind === "edit") return [{ text: t(conv, "edit-ignored") }];
    if (inbound.kind === "button") return [{ text: t(conv, "flow-button-expired") }];
    if (!conv.profile.onboarded) return [{ text: t(conv, "onboarding-needed") }];
    return [{ text: t(conv, "chat-no-conversation") }, ...deps.menu(conv)];
  }
}
export type Conversations = ReturnType<typeof createConversations>;
