import { stringify } from "csv-stringify/sync";
import type { Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import { csvDelimiter, spreadsheetCsvOptions } from "../domain/spreadsheet.js";
import type { Locale } from "../i18n/locales.js";
import { codeMatches, hashCode, newOneTimeCode, normalizeCode, shownCode } from "./one-time-code.js";

/** Wrong codes one chat account may type within the window before it must wait. */
export const ACTIVATION_MAX_FAILURES = 5;
/**
 * Wrong codes typed for one NIP within the window before that NIP takes no code until the window
 * ends. The code stays valid: voiding it would let anyone who knows a NIP cancel its owner's code.
 */
export const ACTIVATION_MAX_FAILURES_PER_NIP = 5;
/** Wrong codes typed by everyone together within the window before activation pauses. */
export const ACTIVATION_MAX_FAILURES_GLOBAL = 100;
/** The window the failure limits count in. */
export const ACTIVATION_WINDOW_MS = 10 * 60_000;

/** A code just issued: shown once to whoever imported, never stored in the clear. */
export interface IssuedCode {
  personId: string;
  nip: string;
  name: string;
  unitId?: string;
  code: string;
}

export type ActivationCheck =
  | { ok: true; personId: string; hash: string }
  | { ok: false; reason: "wrong"; left: number }
  | { ok: false; reason: "locked" | "nip-locked" | "busy" };

// Failure counters share the linking attempts collection; these prefixes keep them apart.
const ACCOUNT = (identityId: string) => `act:${identityId}`;
const NIP = (nip: string) => `act-nip:${nip}`;
const GLOBAL = "act:*";

/**
 * Activation codes: the agency's proof that whoever registers with an imported NIP is that person.
 * Issued per imported person (by /impor, `npm run import` or `/aktivasi <NIP>`), typed once at
 * registration, limited per account, per NIP and in all.
 */
export function createActivation(deps: {
  repos: Pick<
    Repositories,
    "people" | "nipClaims" | "identities" | "activationCodes" | "linkCodes" | "audit"
  >;
  now: () => Date;
  /** Injectable so tests know the codes. */
  newCode?: () => string;
}) {
  const newCode = deps.newCode ?? newOneTimeCode;
  const { repos } = deps;

  /** An imported person no one has registered as: the only kind a code may be issued for or used on. */
  const awaitingRegistration = async (person: Person | null): Promise<boolean> =>
    Boolean(person?.nip && !person.onboardedAt) &&
    (await repos.identities.listForPerson(person?._id ?? "")).length === 0;

  return {
    awaitingRegistration,

    /** Issues (or re-issues, voiding the old) a code for each person; returns the codes in the clear, once. */
    async issue(people: readonly Person[], issuedBy?: string): Promise<IssuedCode[]> {
      const issued: IssuedCode[] = [];
      const now = deps.now();
      for (const p of people) {
        if (!p.nip) continue;
        const code = newCode();
        await repos.activationCodes.issue({
          _id: p._id,
          nip: p.nip,
          hash: hashCode(code),
          issuedAt: now,
          ...(issuedBy ? { issuedBy } : {}),
        });
        issued.push({
          personId: p._id,
          nip: p.nip,
          name: p.name,
          ...(p.unitId ? { unitId: p.unitId } : {}),
          code,
        });
      }
      return issued;
    },

    /**
     * Checks a code typed for a NIP. Every wrong answer reads the same whether the NIP exists, is
     * registered or has no code, so the check reveals nothing about who is in Pandu.
     */
    async check(nip: string, typed: string, identityId: string): Promise<ActivationCheck> {
      const now = deps.now();
      const since = new Date(now.getTime() - ACTIVATION_WINDOW_MS);
      if ((await repos.linkCodes.failures(GLOBAL, since)) >= ACTIVATION_MAX_FAILURES_GLOBAL)
        return { ok: false, reason: "busy" };
      if ((await repos.linkCodes.failures(ACCOUNT(identityId), since)) >= ACTIVATION_MAX_FAILURES)
        return { ok: false, reason: "locked" };
      // Counted for every NIP typed, known or not, so the pause tells nothing about the NIP.
      if ((await repos.linkCodes.failures(NIP(nip), since)) >= ACTIVATION_MAX_FAILURES_PER_NIP)
        return { ok: false, reason: "nip-locked" };
      const code = normalizeCode(typed);
      const ownerId = await repos.nipClaims.ownerOf(nip);
      const stored = ownerId ? await repos.activationCodes.forPerson(ownerId) : null;
      if (code && ownerId && stored && codeMatches(code, stored.hash)) {
        if (await awaitingRegistration(await repos.people.get(ownerId)))
          return { ok: true, personId: ownerId, hash: stored.hash };
      }
      const mine = await repos.linkCodes.fail(ACCOUNT(identityId), now, since);
      await repos.linkCodes.fail(GLOBAL, now, since);
      await repos.linkCodes.fail(NIP(nip), now, since);
      // Addressed to the person whose NIP was tried, so their admin sees the attempts in /audit.
      await repos.audit.append({
        at: now,
        actorIdentityId: identityId,
        action: "activation.refused",
        outcome: "refused",
        ...(ownerId ? { targetKind: "person", targetId: ownerId } : {}),
      });
      if (mine >= ACTIVATION_MAX_FAILURES) return { ok: false, reason: "locked" };
      return { ok: false, reason: "wrong", left: ACTIVATION_MAX_FAILURES - mine };
    },

    /** Uses up a checked code at the moment of registration: false if someone else used it first. */
    async consume(personId: string, hash: string): Promise<boolean> {
      return repos.activationCodes.consume(personId, hash);
    },
  };
}
export type Activation = ReturnType<typeof createActivation>;

/**
 * The codes as the CSV an admin hands out unit by unit: sorted by unit, then name, with the code
 * in two halves as people will type it; separated as a spreadsheet in the admin's language expects.
 */
export function activationCodesCsv(
  codes: readonly IssuedCode[],
  unitNames: ReadonlyMap<string, string>,
  locale: Locale,
): string {
  const rows = codes
    .map((c) => ({ unit: c.unitId ? (unitNames.get(c.unitId) ?? c.unitId) : "", ...c }))
    .sort((a, b) => a.unit.localeCompare(b.unit, "id") || a.name.localeCompare(b.name, "id"));
  return stringify(
    rows.map((r) => [r.unit, r.nip, r.name, shownCode(r.code)]),
    {
      header: true,
      columns: ["unit_kerja", "nip", "nama", "kode_aktivasi"],
      ...spreadsheetCsvOptions(csvDelimiter(locale)),
    },
  );
}
