import { newId } from "../../db/models/ids.js";
import type { OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Actor } from "../../domain/scope.js";
import { type Region, zoneForRegion } from "../../domain/timezone.js";
import type { ImportProblem } from "../../imports/course-csv.js";
import { batchesOf, type ImportProgress, PROGRESS_EVERY } from "../../imports/import-progress.js";
import { peopleRowsOutOfScope, unitRowsOutOfScope } from "../../imports/import-scope.js";
import { parsePeopleCsv, parseUnitsCsv } from "../../imports/org-csv.js";
import type { Activation, IssuedCode } from "../../services/activation.js";

export type OrgImportResult =
  | { ok: true; created: number; updated: number; unchanged: number }
  | { ok: false; problems: ImportProblem[] };

/** A people import's outcome, with the activation codes it issued and the conflicts it left alone. */
export type PeopleImportResult =
  | {
      ok: true;
      created: number;
      updated: number;
      unchanged: number;
      /** New codes, in the clear this once, for people who have not registered yet. */
      codes: IssuedCode[];
      /** Rows whose NIP an unverified person also gave: that person is not touched. */
      conflicts: { row: number; nip: string }[];
      /**
       * Rows whose `nip_atasan` nobody holds yet (neither in this file nor stored): the NIP is kept
       * and the relation holds as soon as that NIP is imported, but the admin is told by row.
       */
      unknownAtasan: { row: number; nip: string }[];
    }
  | { ok: false; problems: ImportProblem[] };

const sameUnit = (a: OrgUnit, b: OrgUnit) =>
  a.name === b.name &&
  a.parentId === b.parentId &&
  a.kind === b.kind &&
  a.instansiId === b.instansiId &&
  a.path.join("/") === b.path.join("/") &&
  (a.regionId ?? "") === (b.regionId ?? "") &&
  (a.slackChannels ?? []).join(",") === (b.slackChannels ?? []).join(",");

/**
 * Imports the org tree and people from CSV, all-or-nothing, writing only what changed (a
 * re-import of the same file writes nothing). An imported person is not onboarded: whoever
 * registers with that NIP and the person's activation code becomes that person (see onboarding).
 */
export function createOrgImport(deps: {
  repos: Pick<Repositories, "orgUnits" | "jabatan" | "people" | "nipClaims" | "activationCodes">;
  activation: Pick<Activation, "issue" | "awaitingRegistration">;
  regions: readonly Region[];
  tiers: readonly string[];
  now: () => Date;
  /** Told who was created or changed (the summary totals recount them). */
  onPeopleChanged?: (personIds: string[]) => Promise<unknown>;
  /** Told when units were added or moved (the summaries' rollups follow the tree). */
  onUnitsChanged?: () => Promise<unknown>;
}) {
  const regionIds = new Set(deps.regions.map((r) => r.id));
  return {
    /** Imports units as `actor`; a row outside their scope fails the whole file. */
    async units(text: string, actor: Actor, onProgress?: ImportProgress): Promise<OrgImportResult> {
      const existing = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
      const parsed = parseUnitsCsv(text, { existing, regionIds });
      if (!parsed.ok) return parsed;
      const outside = unitRowsOutOfScope(actor, parsed.units, existing);
      if (outside.length > 0) return { ok: false, problems: outside };
      const units = parsed.units.map(({ row: _row, ...u }) => {
        const before = existing.get(u._id);
        // A file without a slack column keeps the channels a unit had.
        return (
          u.slackChannels === undefined && before?.slackChannels
            ? { ...u, slackChannels: before.slackChannels }
            : u
        ) as OrgUnit;
      });
      const changed = units.filter((u) => {
        const before = existing.get(u._id);
        return !before || !sameUnit(before, u);
      });
      // Saved in batches of at most 1,000 rows (parents first, as the file orders them), so a long
      // file reports as it goes; the rows that change nothing count as done at once.
      let created = 0;
      let done = units.length - changed.length;
      await onProgress?.(done, units.length);
      for (const batch of batchesOf(changed)) {
        created += await deps.repos.orgUnits.upsertMany(batch);
        done += batch.length;
        await onProgress?.(done, units.length);
      }
      if (changed.length > 0) await deps.onUnitsChanged?.();
      return {
        ok: true,
        created,
        updated: changed.length - created,
        unchanged: units.length - changed.length,
      };
    },

    /**
     * Imports people as `actor`; a row outside their scope (where to, or where from) fails the whole
     * file. Everyone imported who has not registered and has no code yet gets an activation code.
     */
    async people(
      text: string,
      actor: Actor,
      issuedBy?: string,
      onProgress?: ImportProgress,
    ): Promise<PeopleImportResult> {
      const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
      const jabatan = new Map((await deps.repos.jabatan.all()).map((j) => [j._id, j]));
      const parsed = parsePeopleCsv(text, {
        units,
        jabatan,
        tiers: new Set(deps.tiers),
        regionIds,
        today: deps.now(),
      });
      if (!parsed.ok) return parsed;
      // Everyone named is read first: the scope check covers where each person is now.
      const owners = new Map<string, Person | null>();
      for (const row of parsed.people) {
        const ownerId = await deps.repos.nipClaims.ownerOf(row.nip);
        owners.set(row.nip, ownerId ? await deps.repos.people.get(ownerId) : null);
      }
      const outside = peopleRowsOutOfScope(
        actor,
        parsed.people.map((row) => {
          const current = owners.get(row.nip)?.unitId;
          return {
            row: row.row,
            nip: row.nip,
            target: units.get(row.unitId) ?? { _id: row.unitId, path: [] },
            ...(current ? { current: units.get(current) ?? { _id: current, path: [] } } : {}),
          };
        }),
      );
      if (outside.length > 0) return { ok: false, problems: outside };
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const changed: string[] = [];
      const needCodes: Person[] = [];
      // An atasan later in the same file counts as known: the file is one import, in any order.
      const inFile = new Set(parsed.people.map((r) => r.nip));
      const unknownAtasan: { row: number; nip: string }[] = [];
      for (const row of parsed.people)
        if (
          row.atasanNip &&
          !inFile.has(row.atasanNip) &&
          !(await deps.repos.nipClaims.ownerOf(row.atasanNip))
        )
          unknownAtasan.push({ row: row.row, nip: row.atasanNip });
      const total = parsed.people.length;
      await onProgress?.(0, total);
      for (const [i, row] of parsed.people.entries()) {
        if (i > 0 && i % PROGRESS_EVERY === 0) await onProgress?.(i, total);
        const owner = owners.get(row.nip) ?? null;
        // A status only read from the NIP (the column was empty) fills a gap, never replaces one.
        const setsStatus = row.employment && !(row.employmentSource === "nip" && owner?.employment);
        const fields = {
          name: row.name,
          unitId: row.unitId,
          instansiId: row.instansiId,
          ...(row.jabatanId ? { jabatanId: row.jabatanId } : {}),
          ...(row.tier ? { tier: row.tier } : {}),
          ...(row.regionId ? { regionId: row.regionId } : {}),
          ...(setsStatus ? { employment: row.employment, employmentSource: row.employmentSource } : {}),
          ...(row.contractStart ? { contractStart: row.contractStart } : {}),
          ...(row.atasanNip ? { atasanNip: row.atasanNip } : {}),
        };
        if (owner) {
          if (await deps.activation.awaitingRegistration(owner)) needCodes.push({ ...owner, ...fields });
          // An empty nip_atasan cell removes the relation; a file without the column leaves it.
          const clear: "atasanNip"[] = row.atasanNip === null && owner.atasanNip ? ["atasanNip"] : [];
          const differs =
            clear.length > 0 || Object.entries(fields).some(([k, v]) => owner[k as keyof typeof owner] !== v);
          if (!differs) {
            unchanged++;
            continue;
          }
          await deps.repos.people.update(owner._id, fields, clear);
          changed.push(owner._id);
          updated++;
          continue;
        }
        const _id = newId("p");
        const claim = await deps.repos.nipClaims.claim(row.nip, _id, deps.now());
        if (!claim.ok) {
          unchanged++;
          continue;
        }
        const timeZone =
          (row.regionId && zoneForRegion(deps.regions, row.regionId)?.timeZone) || "Asia/Jakarta";
        needCodes.push(await deps.repos.people.create({ _id, nip: row.nip, timeZone, ...fields }));
        changed.push(_id);
        created++;
      }
      await onProgress?.(total, total);
      if (changed.length) await deps.onPeopleChanged?.(changed);
      // A re-import does not void codes already handed out: only people without one get a code.
      const holders = await deps.repos.activationCodes.holders(needCodes.map((p) => p._id));
      const codes = await deps.activation.issue(
        needCodes.filter((p) => !holders.has(p._id)),
        issuedBy,
      );
      // Someone who registered unverified with one of these NIPs is left as they are: an admin decides.
      const declared = new Set(
        (await deps.repos.people.unverifiedWithNips(parsed.people.map((r) => r.nip))).map(
          (p) => p.declaredNip,
        ),
      );
      const conflicts = parsed.people
        .filter((r) => declared.has(r.nip))
        .map((r) => ({ row: r.row, nip: r.nip }));
      return { ok: true, created, updated, unchanged, codes, conflicts, unknownAtasan };
    },
  };
}
export type OrgImport = ReturnType<typeof createOrgImport>;
