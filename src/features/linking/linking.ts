import type { Channel } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import type { Locale } from "../../i18n/locales.js";
import { newOneTimeCode, normalizeCode, shownCode } from "../../services/one-time-code.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** A code, and a link waiting for approval, are valid this long. */
export const LINK_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes an identity may type within the window before it is locked out. */
export const LINK_MAX_FAILURES = 5;
/** Wrong codes typed by everyone together within the window before all linking pauses. */
export const LINK_MAX_FAILURES_GLOBAL = 100;
/** The failure counter of everyone together (no chat account id looks like this). */
const GLOBAL = "*";

export { CODE_ALPHABET, CODE_LENGTH, normalizeCode, shownCode } from "../../services/one-time-code.js";

/** A fresh linking code (the shared one-time code). */
export const newLinkCode = newOneTimeCode;

/** The approve and decline buttons sent to the account that asked for the code. */
export const linkButton = buttonCodec("linking", "lnk", { approve: ["y", 1], decline: ["n", 1] });

export interface LinkingDeps {
  repos: Pick<Repositories, "linkCodes" | "identities" | "audit" | "people">;
  outbox: Pick<Outbox, "scheduleTo">;
  translate: Translate;
  now: () => Date;
  /** Injectable so tests can predict collisions. */
  newCode?: () => string;
  /** Called after an identity moved to a person, so cached profiles are dropped. */
  onLinked?: (identityId: string) => void;
  /**
   * The deep link that redeems `code` when opened from the other account (valid until
   * `expiresAt`); undefined when there is none to give (no Telegram bot known).
   */
  linkFor?: (code: string, expiresAt: Date) => string | undefined;
}

const channelName = (identityId: string) => (identityId.startsWith("slack:") ? "Slack" : "Telegram");

/**
 * `/tautkan`: one person, several chat accounts. The person asks for a code on an account already
 * theirs, types it on the other one, and approves the link from the first: a code seen by someone
 * else links nothing without that approval, and every account of the person is told.
 */
export function createLinking(deps: LinkingDeps) {
  const newCode = deps.newCode ?? newLinkCode;
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const minutes = LINK_CODE_TTL_MS / 60_000;

  /** A message to one account, sent by the outbox as soon as it can. */
  const tell = (
    identityId: string,
    personId: string | undefined,
    purpose: string,
    occurrence: string,
    text: string,
    choices?: Outbound["choices"],
  ) =>
    deps.outbox.scheduleTo({
      purpose,
      occurrence,
      identityId,
      ...(personId ? { personId } : {}),
      message: { text, ...(choices ? { choices } : {}) },
      dueAt: deps.now(),
    });

  return {
    /** Gives an onboarded person a code to type on their other account. */
    async issue(conv: Conversation): Promise<Outbound[]> {
      const personId = conv.profile.personId;
      if (!personId) return [{ text: t(conv, "onboarding-needed") }];
      const now = deps.now();
      for (let i = 0; i < 5; i++) {
        const code = newCode();
        const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
        const stored = await deps.repos.linkCodes.create({
          _id: code,
          personId,
          issuedBy: conv.identityId,
          createdAt: now,
          expiresAt,
        });
        if (!stored) continue;
        const text = t(conv, "link-code-issued", { code: shownCode(code), minutes });
        // The same code as a link: opened from the other account, it is typed for the person.
        const url = deps.linkFor?.(code, expiresAt);
        if (!url) return [{ text }];
        return [
          {
            text: `${text}\n\n${t(conv, "link-code-link", { url })}`,
            choices: [[{ data: "", label: t(conv, "link-code-open"), url }]],
          },
        ];
      }
      return [{ text: t(conv, "error-generic") }];
    },

    /**
     * The code typed on the account to join: when it is right, the link waits for the person's
     * approval on the account that asked for the code.
     */
    async redeem(conv: Conversation, typed: string): Promise<Outbound[]> {
      const now = deps.now();
      const since = new Date(now.getTime() - LINK_CODE_TTL_MS);
      const who = conv.identityId;
      if ((await deps.repos.linkCodes.failures(GLOBAL, since)) >= LINK_MAX_FAILURES_GLOBAL) {
        return [{ text: t(conv, "link-busy", { minutes }) }];
      }
      if ((await deps.repos.linkCodes.failures(who, since)) >= LINK_MAX_FAILURES) {
        return [{ text: t(conv, "link-locked", { minutes }) }];
      }
      const code = normalizeCode(typed);
      const found = code ? await deps.repos.linkCodes.find(code, now) : null;
      const refuse = async (): Promise<Outbound[]> => {
        const failures = await deps.repos.linkCodes.fail(who, now, since);
        await deps.repos.linkCodes.fail(GLOBAL, now, since);
        await deps.repos.audit.append({
          at: now,
          actorIdentityId: who,
          action: "identity.link-refused",
          outcome: "refused",
        });
        return failures >= LINK_MAX_FAILURES
          ? [{ text: t(conv, "link-locked", { minutes }) }]
          : [{ text: t(conv, "link-code-wrong", { left: LINK_MAX_FAILURES - failures }) }];
      };
      if (!found || !code) return refuse();
      if (conv.profile.personId === found.personId) return [{ text: t(conv, "link-already") }];
      const existing = await deps.repos.identities.get(who);
      if (existing && existing.personId !== found.personId) {
        // Merging two registered people would mix their histories; that stays an admin decision.
        return [{ text: t(conv, "link-other-person") }];
      }
      // One use: whoever typed it first holds the request; the code is gone for everyone else.
      if (!(await deps.repos.linkCodes.consume(code))) return refuse();
      await deps.repos.linkCodes.clearFailures(who);
      const token = newLinkCode().toLowerCase();
      await deps.repos.linkCodes.request({
        _id: token,
        personId: found.personId,
        ...(found.issuedBy ? { issuedBy: found.issuedBy } : {}),
        requester: who,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
      });
      const asker = found.issuedBy ?? (await deps.repos.identities.listForPerson(found.personId))[0]?._id;
      if (asker) {
        // In the person's language: the account typing the code may not be theirs.
        const locale: Locale = (await deps.repos.people.get(found.personId))?.locale === "en" ? "en" : "id";
        const say = (key: string, args?: Record<string, string | number>) =>
          deps.translate(locale, key, args);
        await tell(
          asker,
          found.personId,
          "link.approve",
          token,
          say("link-approve-ask", { channel: channelName(who), minutes }),
          [
            [
              { data: linkButton.pack("approve", token), label: say("link-approve") },
              { data: linkButton.pack("decline", token), label: say("link-decline") },
            ],
          ],
        );
      }
      return [{ text: t(conv, "link-pending", { minutes }) }];
    },

    /** The approve or decline button, pressed on an account of the person the code belongs to. */
    async decide(conv: Conversation, press: ButtonPress<"approve" | "decline">): Promise<Outbound[]> {
      const now = deps.now();
      const token = press.args[0] ?? "";
      const request = await deps.repos.linkCodes.findRequest(token, now);
      if (!request) return [{ text: t(conv, "link-request-gone"), replacesPrompt: true }];
      // Only the person the code was for decides, from an account already theirs.
      if (conv.profile.personId !== request.personId || conv.identityId === request.requester) {
        await deps.repos.audit.append({
          at: now,
          actorIdentityId: conv.identityId,
          action: "identity.link-decide",
          outcome: "refused",
        });
        return [{ text: t(conv, "link-request-gone") }];
      }
      if (!(await deps.repos.linkCodes.takeRequest(token)))
        return [{ text: t(conv, "link-request-gone"), replacesPrompt: true }];
      const who = request.requester;
      const channel = channelName(who);
      if (press.action === "decline") {
        await deps.repos.audit.append({
          at: now,
          actorPersonId: request.personId,
          actorIdentityId: conv.identityId,
          action: "identity.link-declined",
          outcome: "ok",
          targetKind: "identity",
          targetId: who,
        });
        await tell(
          who,
          undefined,
          "link.declined",
          token,
          deps.translate(conv.profile.locale, "link-declined-told"),
        );
        return [{ text: t(conv, "link-declined", { channel }), replacesPrompt: true }];
      }
      const existing = await deps.repos.identities.get(who);
      if (existing && existing.personId !== request.personId) return [{ text: t(conv, "link-other-person") }];
      const bound =
        existing !== null ||
        (await deps.repos.identities.bind({
          id: who,
          channel: who.split(":")[0] as Channel,
          personId: request.personId,
          now,
        }));
      if (!bound) await deps.repos.identities.rebind(who, request.personId, now);
      await deps.repos.audit.append({
        at: now,
        actorPersonId: request.personId,
        actorIdentityId: who,
        action: "identity.link",
        outcome: "ok",
        targetKind: "identity",
        targetId: who,
      });
      deps.onLinked?.(who);
      await tell(who, request.personId, "link.done", token, deps.translate(conv.profile.locale, "link-done"));
      // Every other account of the person hears of it, so a link they did not make is noticed.
      for (const other of await deps.repos.identities.listForPerson(request.personId)) {
        if (other._id === who || other._id === conv.identityId) continue;
        await tell(
          other._id,
          request.personId,
          "link.notice",
          token,
          deps.translate(conv.profile.locale, "link-notice", { channel }),
        );
      }
      return [{ text: t(conv, "link-approved", { channel }), replacesPrompt: true }];
    },
  };
}
export type Linking = ReturnType<typeof createLinking>;
