import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Conversation } from "../engine/types.js";
import type { Locale } from "../i18n/locales.js";
import { profileOfPerson } from "../services/profile-of-person.js";
import type { IncomingIdentity } from "./router.js";

/** The person behind an identity, with their roles, as one message needs them. */
export interface Resolved {
  conv: Conversation;
  roles: string[];
}

/** The roles a person holds as the router checks them: their grants, and admin for ADMIN_IDS. */
export function rolesOf(person: Pick<Person, "roles"> | null, bootstrapAdmin: boolean): string[] {
  return [...(person?.roles.map((r) => r.role as string) ?? []), ...(bootstrapAdmin ? ["admin"] : [])];
}

/**
 * Finds (or, for a newcomer, imagines) the person behind an identity, and keeps the answer briefly:
 * every message needs it, and it changes rarely.
 */
export function createPersonCache(deps: {
  repos: Pick<Repositories, "identities" | "people">;
  now: () => Date;
  adminIds: readonly string[];
  ttlMs: number;
}) {
  const cache = new Map<string, Resolved & { at: number }>();

  /** The conversation and roles behind `who`; read again once older than the ttl. */
  async function resolve(who: IncomingIdentity): Promise<Resolved> {
    const hit = cache.get(who.id);
    const nowMs = deps.now().getTime();
    if (hit && nowMs - hit.at < deps.ttlMs) return hit;
    const identity = await deps.repos.identities.get(who.id);
    const person = identity ? await deps.repos.people.get(identity.personId) : null;
    const hintLocale: Locale = who.languageHint?.toLowerCase().startsWith("en") ? "en" : "id";
    const bootstrapAdmin = deps.adminIds.includes(who.id);
    const entry = person
      ? {
          conv: { identityId: who.id, subjectId: person._id, profile: profileOfPerson(person) },
          roles: rolesOf(person, bootstrapAdmin),
          at: nowMs,
        }
      : {
          // Before consent nothing is stored about the person; the identity stands in for them.
          conv: {
            identityId: who.id,
            subjectId: who.id,
            profile: { locale: hintLocale, hasNip: false, onboarded: false },
          },
          roles: rolesOf(null, bootstrapAdmin),
          at: nowMs,
        };
    cache.delete(who.id);
    cache.set(who.id, entry);
    // Bounded: the least recently resolved identities drop out first.
    if (cache.size > 50_000) cache.delete(cache.keys().next().value!);
    return entry;
  }

  return {
    resolve,
    /**
     * The language the identity was last answered in, from this cache alone (no database work):
     * what a failure's apology is said in, also when the database is what failed.
     */
    knownLocale(identityId: string): Locale | undefined {
      return cache.get(identityId)?.conv.profile.locale;
    },
    /** Forgets one identity, so its next message reads the person again. */
    invalidate(identityId: string) {
      cache.delete(identityId);
    },
    /**
     * Forgets every identity of a person at once (their roles changed): synchronous, so the very
     * next message of any of their accounts on this instance sees the change.
     */
    invalidatePerson(personId: string) {
      for (const [identityId, entry] of cache) {
        if (entry.conv.profile.personId === personId) cache.delete(identityId);
      }
    },
  };
}
