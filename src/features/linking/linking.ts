import { randomInt } from "node:crypto";
import type { Channel } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";

/** A code is valid this long. */
export const LINK_CODE_TTL_MS = 10 * 60_000;
/** Wrong codes an identity may type within the window before it is locked out. */
export const LINK_MAX_FAILURES = 5;

export interface LinkingDeps {
  repos: Pick<Repositories, "linkCodes" | "identities" | "audit">;
  translate: Translate;
  now: () => Date;
  /** Six digits; injectable so tests can predict collisions. */
  newCode?: () => string;
  /** Called after an identity moved to a person, so cached profiles are dropped. */
  onLinked?: (identityId: string) => void;
}

/** `/tautkan`: one person, several chat identities, joined by a one-time code. */
export function createLinking(deps: LinkingDeps) {
  const newCode = deps.newCode ?? (() => String(randomInt(0, 1_000_000)).padStart(6, "0"));
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  return {
    /** Gives an onboarded person a code to type on their other account. */
    async issue(conv: Conversation): Promise<Outbound[]> {
      const personId = conv.profile.personId;
      if (!personId) return [{ text: t(conv, "onboarding-needed") }];
      const now = deps.now();
      for (let i = 0; i < 5; i++) {
        const code = newCode();
        const stored = await deps.repos.linkCodes.create({
          _id: code,
          personId,
          createdAt: now,
          expiresAt: new Date(now.getTime() + LINK_CODE_TTL_MS),
        });
        if (stored)
          return [{ text: t(conv, "link-code-issued", { code, minutes: LINK_CODE_TTL_MS / 60_000 }) }];
      }
      return [{ text: t(conv, "error-generic") }];
    },

    /** Links the identity that typed `code` to the person who asked for it. */
    async redeem(conv: Conversation, typed: string): Promise<Outbound[]> {
      const now = deps.now();
      const since = new Date(now.getTime() - LINK_CODE_TTL_MS);
      const who = conv.identityId;
      if ((await deps.repos.linkCodes.failures(who, since)) >= LINK_MAX_FAILURES) {
        return [{ text: t(conv, "link-locked", { minutes: LINK_CODE_TTL_MS / 60_000 }) }];
      }
      const code = typed.replace(/\s/g, "");
      const found = /^\d{6}$/.test(code) ? await deps.repos.linkCodes.find(code, now) : null;
      const refuse = async (): Promise<Outbound[]> => {
        const failures = await deps.repos.linkCodes.fail(who, now, since);
        await deps.repos.audit.append({
          at: now,
          actorIdentityId: who,
          action: "identity.link-refused",
          outcome: "refused",
        });
        return failures >= LINK_MAX_FAILURES
          ? [{ text: t(conv, "link-locked", { minutes: LINK_CODE_TTL_MS / 60_000 }) }]
          : [{ text: t(conv, "link-code-wrong", { left: LINK_MAX_FAILURES - failures }) }];
      };
      if (!found) return refuse();
      if (conv.profile.personId === found.personId) return [{ text: t(conv, "link-already") }];
      const existing = await deps.repos.identities.get(who);
      if (existing && existing.personId !== found.personId) {
        // Merging two registered people would mix their histories; that stays an admin decision.
        return [{ text: t(conv, "link-other-person") }];
      }
      if (!(await deps.repos.linkCodes.consume(code))) return refuse();
      const bound =
        existing !== null ||
        (await deps.repos.identities.bind({
          id: who,
          channel: who.split(":")[0] as Channel,
          personId: found.personId,
          now,
        }));
      if (!bound) await deps.repos.identities.rebind(who, found.personId, now);
      await deps.repos.linkCodes.clearFailures(who);
      await deps.repos.audit.append({
        at: now,
        actorPersonId: found.personId,
        actorIdentityId: who,
        action: "identity.link",
        outcome: "ok",
        targetKind: "identity",
        targetId: who,
      });
      deps.onLinked?.(who);
      return [{ text: t(conv, "link-done") }];
    },
  };
}
export type Linking = ReturnType<typeof createLinking>;
