import type { Channel } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { FlowCatalog } from "../engine/catalog.js";
import type { Engine } from "../engine/engine.js";
import type { Translate } from "../engine/text.js";
import type { Choice, Conversation, Inbound, Outbound } from "../engine/types.js";
import type { Locale } from "../i18n/locales.js";
import type { AssessmentResults } from "./assessment-result.js";
import type { Broadcasts } from "./broadcasts.js";
import { type CommandInfo, commandsFor, findCommand } from "./commands.js";
import type { EnrollmentService } from "./enrollment.js";
import type { FloodGuard } from "./flood-guard.js";
import type { Linking } from "./linking.js";
import type { Mentoring } from "./mentoring.js";
import type { PeopleExport } from "./people-export.js";
import type { Privacy } from "./privacy.js";
import { profileOfPerson } from "./profile.js";
import type { Recommendations } from "./recommendations.js";
import type { ReminderSettings } from "./reminder-settings.js";
import type { Roles } from "./roles.js";
import type { SummaryReport } from "./summary-report.js";
import type { Surveys } from "./surveys.js";
import type { TrainingView } from "./training.js";
import type { TrainingReminders } from "./training-reminders.js";

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
  catalog: FlowCatalog;
  repos: Pick<Repositories, "identities" | "people">;
  translate: Translate;
  now: () => Date;
  linking: Linking;
  results: AssessmentResults;
  recommendations: Recommendations;
  enrollment: EnrollmentService;
  training: TrainingView;
  mentoring: Mentoring;
  reminders: Pick<TrainingReminders, "handleButton">;
  reminderSettings: ReminderSettings;
  surveys: Pick<Surveys, "list" | "handleButton" | "summary">;
  roles: Pick<Roles, "peran" | "auditLog" | "refused" | "handleButton">;
  peopleExport: Pick<PeopleExport, "ekspor">;
  broadcasts: Pick<Broadcasts, "siaran" | "handleButton">;
  summaryReport: Pick<SummaryReport, "ringkasan" | "handleButton">;
  privacy: Pick<Privacy, "dataku" | "hapusdata" | "handleButton" | "finishFor">;
  /** Bootstrap administrators from ADMIN_IDS: admins wherever they write from. */
  adminIds?: readonly string[];
  /**
   * How long a resolved profile is reused before it is read again. This instance drops it at once
   * when it changes the profile; another instance's change shows up within this time.
   */
  profileTtlMs?: number;
  /** The per-person update limit; none when not given (tests of other features). */
  floodGuard?: FloodGuard;
}

/** The longest text and command arguments handled; longer ones are refused before any work. */
export const MAX_TEXT_CHARS = 5_000;
const MAX_ARGS_CHARS = 1_000;
/** Telegram's own limit for callback data; anything longer was not issued by Pandu. */
const MAX_BUTTON_BYTES = 64;

const MENU_COMMANDS = [
  "asesmen",
  "hasil",
  "rekomendasi",
  "pelatihan",
  "survei",
  "profil",
  "bahasa",
  "bantuan",
];

/** The front door: turns one inbound message into the replies, for every channel alike. */
export function createConversations(deps: ConversationDeps) {
  const ttl = deps.profileTtlMs ?? 5 * 60_000;
  const cache = new Map<string, { conv: Conversation; roles: string[]; at: number }>();

  /** Finds (or, for a newcomer, imagines) the person behind an identity; cached briefly. */
  async function resolve(who: IncomingIdentity): Promise<{ conv: Conversation; roles: string[] }> {
    const hit = cache.get(who.id);
    const nowMs = deps.now().getTime();
    if (hit && nowMs - hit.at < ttl) return hit;
    const identity = await deps.repos.identities.get(who.id);
    const person = identity ? await deps.repos.people.get(identity.personId) : null;
    const hintLocale: Locale = who.languageHint?.toLowerCase().startsWith("en") ? "en" : "id";
    const entry = person
      ? {
          conv: { identityId: who.id, subjectId: person._id, profile: profileOfPerson(person) },
          roles: [
            ...person.roles.map((r) => r.role as string),
            ...(deps.adminIds?.includes(who.id) ? ["admin"] : []),
          ],
          at: nowMs,
        }
      : {
          // Before consent nothing is stored about the person; the identity stands in for them.
          conv: {
            identityId: who.id,
            subjectId: who.id,
            profile: { locale: hintLocale, hasNip: false, onboarded: false },
          },
          roles: deps.adminIds?.includes(who.id) ? ["admin"] : [],
          at: nowMs,
        };
    cache.delete(who.id);
    cache.set(who.id, entry);
    // Bounded: the least recently resolved identities drop out first.
    if (cache.size > 50_000) cache.delete(cache.keys().next().value!);
    return entry;
  }

  /** Buttons of the services that act for a registered person, by their prefix (`crs|e|…`). */
  const personButtons = new Map<
    string,
    (conv: Conversation, data: string) => Promise<Outbound[] | undefined>
  >([
    ["mnt", deps.mentoring.handleButton],
    ["srv", deps.surveys.handleButton],
    ["pgr", deps.reminderSettings.handleButton],
    ["rem", deps.reminders.handleButton],
    ["crs", deps.enrollment.handleButton],
    ["prv", deps.privacy.handleButton],
  ]);

  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  function help(conv: Conversation, roles: string[]): Outbound[] {
    const lines = commandsFor(roles).map((c) => `/${c.name} — ${t(conv, c.descriptionKey)}`);
    return [{ text: `${t(conv, "help-general")}\n\n${lines.join("\n")}` }];
  }

  function menu(conv: Conversation): Outbound[] {
    const buttons: Choice[] = MENU_COMMANDS.map((name) => ({
      data: `cmd|${name}`,
      label: t(conv, `menu-${name}`),
    }));
    const rows: Choice[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    return [{ text: t(conv, "menu-title"), choices: rows }];
  }

  async function setLanguage(conv: Conversation, locale: Locale): Promise<Outbound[]> {
    if (conv.profile.personId) await deps.repos.people.update(conv.profile.personId, { locale });
    cache.delete(conv.identityId);
    const switched = { ...conv, profile: { ...conv.profile, locale } };
    return [{ text: t(switched, "language-switched") }];
  }

  async function runCommand(conv: Conversation, roles: string[], command: CommandInfo, args: string) {
    if (command.name === "batal") return deps.engine.cancel(conv);
    // Typing a code is how a new account joins a registered person, so it needs no onboarding.
    if (command.name === "tautkan" && args) return deps.linking.redeem(conv, args);
    if (command.name === "bantuan") return help(conv, roles);
    if (command.name === "start" && conv.profile.onboarded) {
      return [{ text: t(conv, "start-welcome-back") }, ...menu(conv)];
    }
    // Answers a stranger too: an erasure cut short after their account went is finished here.
    if (command.name === "hapusdata") return deps.privacy.hapusdata(conv);
    // Someone starting afresh may have an erasure cut short: finish it first, so their NIP is free.
    if (command.name === "start") await deps.privacy.finishFor(conv.identityId);
    // A bootstrap admin sets Pandu up (imports) before, or without, registering as an ASN.
    const adminWork = command.role === "admin" && roles.includes("admin");
    if (!conv.profile.onboarded && !adminWork && command.name !== "start" && command.name !== "bahasa") {
      return [{ text: t(conv, "onboarding-needed") }];
    }
    // Staff commands answer everyone, but only do their work for the role (admins hold every role).
    if (command.role !== "asn" && !roles.includes(command.role) && !roles.includes("admin")) {
      await deps.roles.refused(conv, command.name);
      return [{ text: t(conv, "command-not-allowed", { command: `/${command.name}` }) }];
    }
    if (command.name === "peran")
      return deps.roles.peran(conv, args, deps.adminIds?.includes(conv.identityId) ?? false);
    if (command.name === "audit") return deps.roles.auditLog(conv, args);
    if (command.name === "siaran") return deps.broadcasts.siaran(conv);
    if (command.name === "ringkasan")
      return deps.summaryReport.ringkasan(conv, args, deps.adminIds?.includes(conv.identityId) ?? false);
    if (command.name === "ekspor")
      return deps.peopleExport.ekspor(conv, deps.adminIds?.includes(conv.identityId) ?? false);
    if (command.name === "dataku") return deps.privacy.dataku(conv);
    if (command.name === "menu") return menu(conv);
    if (command.name === "tautkan") return deps.linking.issue(conv);
    if (command.name === "hasil") return deps.results.latest(conv);
    if (command.name === "rekomendasi") return deps.recommendations.show(conv);
    if (command.name === "mentor") return deps.mentoring.overview(conv);
    if (command.name === "pengingat") return deps.reminderSettings.show(conv);
    if (command.name === "survei") {
      if (!/^(hasil|results)$/i.test(args.trim())) return deps.surveys.list(conv);
      // Results are for the people who run training, never for everyone.
      if (!roles.some((r) => r === "koordinator" || r === "supervisor" || r === "admin")) {
        await deps.roles.refused(conv, "survei-hasil");
        return [{ text: t(conv, "command-not-allowed", { command: "/survei hasil" }) }];
      }
      return deps.surveys.summary(conv);
    }
    if (command.name === "pelatihan")
      return /^(ekspor|export|siasn)$/i.test(args.trim())
        ? deps.training.exportSiasn(conv)
        : deps.training.show(conv);
    if (command.name === "bahasa") {
      return [
        {
          text: t(conv, "language-choose"),
          choices: [
            [
              { data: "lang|id", label: "Bahasa Indonesia" },
              { data: "lang|en", label: "English" },
            ],
          ],
        },
      ];
    }
    const flow = deps.catalog.byCommand(command.name);
    if (flow) return deps.engine.start(conv, flow.id);
    return [{ text: t(conv, "coming-soon", { feature: `/${command.name}` }) }];
  }

  return {
    resolve,
    /** Drops a cached profile after it changed (language, onboarding, linking). */
    invalidate(identityId: string) {
      cache.delete(identityId);
    },

    /** Handles one inbound message and returns the replies, in order. */
    async handle(who: IncomingIdentity, inbound: Inbound): Promise<Outbound[]> {
      // Before any database work: a flood is dropped cheaply, with one polite word per window.
      const verdict = deps.floodGuard?.check(who.id) ?? "ok";
      if (verdict === "drop") return [];
      const { conv, roles } = await resolve(who);
      if (verdict === "warn") return [{ text: t(conv, "flood-slow-down") }];
      if (
        (inbound.kind === "text" && inbound.text.length > MAX_TEXT_CHARS) ||
        (inbound.kind === "command" && inbound.args.length > MAX_ARGS_CHARS)
      ) {
        return [{ text: t(conv, "message-too-long", { max: MAX_TEXT_CHARS }) }];
      }
      if (inbound.kind === "button" && Buffer.byteLength(inbound.data) > MAX_BUTTON_BYTES) {
        return [{ text: t(conv, "flow-button-expired") }];
      }
      if (inbound.kind === "command") {
        // A flow file may declare its own command; it then works like a built-in one.
        const command =
          findCommand(inbound.command) ??
          (deps.catalog.byCommand(inbound.command)
            ? { name: inbound.command, descriptionKey: "", role: "asn" as const, available: true }
            : undefined);
        if (!command) return [{ text: t(conv, "command-unknown", { command: `/${inbound.command}` }) }];
        return runCommand(conv, roles, command, inbound.args);
      }
      if (inbound.kind === "button") {
        const [kind, value] = inbound.data.split("|", 2);
        if (kind === "cmd" && value) {
          const command = findCommand(value);
          if (command) return runCommand(conv, roles, command, "");
        }
        if (kind === "lang" && (value === "id" || value === "en")) return setLanguage(conv, value);
        if (kind === "start" && value && deps.catalog.get(value)) return deps.engine.start(conv, value);
        if (kind === "trn" && value === "siasn") {
          if (!conv.profile.onboarded) return [{ text: t(conv, "onboarding-needed") }];
          return deps.training.exportSiasn(conv);
        }
        // The role picker works for bootstrap admins who never registered, so not among personButtons.
        if (kind === "per") {
          if (!roles.includes("admin")) {
            await deps.roles.refused(conv, "peran");
            return [{ text: t(conv, "command-not-allowed", { command: "/peran" }) }];
          }
          return deps.roles.handleButton(conv, inbound.data);
        }
        if (kind === "brd") {
          if (!roles.includes("koordinator") && !roles.includes("admin")) {
            return [{ text: t(conv, "command-not-allowed", { command: "/siaran" }) }];
          }
          const replies = await deps.broadcasts.handleButton(conv, inbound.data);
          if (replies) return replies;
        }
        if (kind === "rks") {
          if (!roles.includes("supervisor") && !roles.includes("admin")) {
            await deps.roles.refused(conv, "ringkasan");
            return [{ text: t(conv, "command-not-allowed", { command: "/ringkasan" }) }];
          }
          const replies = await deps.summaryReport.handleButton(
            conv,
            inbound.data,
            deps.adminIds?.includes(conv.identityId) ?? false,
          );
          if (replies) return replies;
        }
        const personal = kind ? personButtons.get(kind) : undefined;
        if (personal) {
          if (!conv.profile.onboarded) return [{ text: t(conv, "onboarding-needed") }];
          const replies = await personal(conv, inbound.data);
          if (replies) return replies;
        }
      }
      const replies = await deps.engine.handle(conv, inbound);
      if (replies) return replies;
      if (inbound.kind === "button") return [{ text: t(conv, "flow-button-expired") }];
      if (!conv.profile.onboarded) return [{ text: t(conv, "onboarding-needed") }];
      return [{ text: t(conv, "chat-no-conversation") }, ...menu(conv)];
    },
  };
}
export type Conversations = ReturnType<typeof createConversations>;
