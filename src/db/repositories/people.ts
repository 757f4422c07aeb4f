import type { Models, Person } from "../models/index.js";
import { ONE_REPLY, readInBatches } from "./batches.js";

export type NewPerson = Pick<Person, "name" | "timeZone"> &
  Partial<Omit<Person, "_id" | "name" | "timeZone" | "createdAt" | "updatedAt">> & { _id?: string };

/** Profile fields a person (or an import) may change. */
export type PersonPatch = Partial<
  Pick<
    Person,
    | "name"
    | "nip"
    | "instansiId"
    | "unitId"
    | "jabatanId"
    | "tier"
    | "employment"
    | "employmentSource"
    | "contractStart"
    | "regionId"
    | "timeZone"
    | "locale"
    | "learningModes"
    | "consent"
    | "onboardedAt"
    | "mentorOptIn"
    | "reminders"
    | "shareProgress"
    | "atasanNip"
    | "atasanConsent"
    | "weeklySummary"
    | "coordinatorDigest"
    | "unverified"
    | "declaredNip"
  >
>;

/** The fields of a person the non-responder lists and their reminders read. */
export type ListedPerson = Pick<
  Person,
  | "_id"
  | "name"
  | "nip"
  | "unitId"
  | "timeZone"
  | "locale"
  | "onboardedAt"
  | "unverified"
  | "status"
  | "employment"
  | "contractStart"
  | "reminders"
>;
const LISTED_FIELDS = {
  name: 1,
  nip: 1,
  unitId: 1,
  timeZone: 1,
  locale: 1,
  onboardedAt: 1,
  unverified: 1,
  status: 1,
  employment: 1,
  contractStart: 1,
  reminders: 1,
} as const;

/** People: profiles, roles and latest status. */
export function peopleRepository({ Person }: Pick<Models, "Person">) {
  return {
    /** Inserts a new person and returns it as stored. */
    async create(input: NewPerson): Promise<Person> {
      const doc = await Person.create(input.roles?.length ? { ...input, hasRoles: true } : input);
      return doc.toObject();
    },
    /** The person with this id, if any. */
    async get(id: string): Promise<Person | null> {
      return Person.findById(id).lean<Person>().exec();
    },
    /** Sets profile fields (and removes those in `clear`); false when no such person exists. */
    async update(id: string, patch: PersonPatch, clear: (keyof PersonPatch)[] = []): Promise<boolean> {
      const update: Record<string, unknown> = Object.keys(patch).length ? { $set: patch } : {};
      if (clear.length) update.$unset = Object.fromEntries(clear.map((k) => [k, ""]));
      const res = await Person.updateOne({ _id: id }, update, { runValidators: true }).exec();
      return res.matchedCount === 1;
    },
    /** Merges fields into the person's latest status. */
    async setStatus(id: string, status: Partial<Person["status"]>): Promise<void> {
      const set = Object.fromEntries(Object.entries(status).map(([k, v]) => [`status.${k}`, v]));
      await Person.updateOne({ _id: id }, { $set: set }).exec();
    },
    /** Replaces a person's role grants (a read-modify-write by the one admin changing them). */
    async setRoles(id: string, roles: Person["roles"]): Promise<void> {
      await Person.updateOne(
        { _id: id },
        roles.length > 0
          ? { $set: { roles, hasRoles: true } }
          : { $set: { roles }, $unset: { hasRoles: "" } },
        { runValidators: true },
      ).exec();
    },
    /**
     * People who officially work in any of these units: what staff reach (exports, broadcasts,
     * roles). Someone not yet verified only said they work there, so they are left out.
     */
    async listByUnits(unitIds: string[]): Promise<Person[]> {
      const found = (
        await readInBatches(unitIds, (batch) =>
          Person.find({ unitId: { $in: batch } })
            .lean<Person[]>()
            .exec(),
        )
      ).filter((p) => p.unverified !== true);
      // By name, as one sorted query gave them (code-unit order, as the database compares).
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    /**
     * When each official member of these units registered and last assessed, and nothing else
     * (a coordinator's weekly digest over a scope of tens of thousands reads only this).
     */
    async activityByUnits(
      unitIds: readonly string[],
    ): Promise<Pick<Person, "_id" | "onboardedAt" | "status">[]> {
      type Row = Pick<Person, "_id" | "onboardedAt" | "status" | "unverified">;
      const found = await readInBatches(unitIds, (batch) =>
        Person.find({ unitId: { $in: batch } }, { onboardedAt: 1, status: 1, unverified: 1 })
          .lean<Row[]>()
          .exec(),
      );
      return found
        .filter((p) => p.unverified !== true)
        .map((p) => ({
          _id: p._id,
          ...(p.onboardedAt ? { onboardedAt: p.onboardedAt } : {}),
          status: p.status ?? {},
        }));
    },
    /** Coordinators who asked for the weekly digest (few; staff are found by index). */
    async listDigestSubscribers(): Promise<Person[]> {
      return Person.find({ hasRoles: true, coordinatorDigest: { $exists: true } })
        .lean<Person[]>()
        .exec();
    },
    /**
     * `listByUnits` with only what the non-responder lists read (no roles, consent or preferences
     * beyond quiet hours): a scope of 50,000 people is read in a fraction of the time.
     */
    async listForLists(unitIds: string[]): Promise<ListedPerson[]> {
      const found = (
        await readInBatches(unitIds, (batch) =>
          Person.find({ unitId: { $in: batch } }, LISTED_FIELDS)
            .lean<ListedPerson[]>()
            .exec(),
        )
      ).filter((p) => p.unverified !== true);
      return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
    /** People who work in one unit (not its subtree). */
    async listByUnit(unitId: string): Promise<Person[]> {
      return Person.find({ unitId }).sort({ name: 1 }).lean<Person[]>().exec();
    },
    /** People holding at least one role (few; used for per-role command menus at start-up). */
    async listWithRoles(): Promise<Person[]> {
      return Person.find({ hasRoles: true }).lean<Person[]>().exec();
    },
    /** Ids of everyone who offered to mentor (a whole-collection read: start-up backfill only). */
    async listMentorIds(): Promise<string[]> {
      const found = await Person.find({ mentorOptIn: true }, { _id: 1 }).lean<Pick<Person, "_id">[]>().exec();
      return found.map((p) => p._id);
    },
    /** Onboarded people whose zone is `timeZone` (a personal schedule runs per zone). */
    async listOnboardedInZone(timeZone: string): Promise<Person[]> {
      return Person.find({ timeZone, onboardedAt: { $exists: true } })
        .lean<Person[]>()
        .exec();
    },
    /** The current unit of each of these people (only that field is read: a roster's scope check). */
    async unitsOf(ids: readonly string[]): Promise<Map<string, string | undefined>> {
      const found = await readInBatches(ids, (batch) =>
        Person.find({ _id: { $in: batch } }, { unitId: 1 })
          .lean<Pick<Person, "_id" | "unitId">[]>()
          .exec(),
      );
      return new Map(found.map((p) => [p._id, p.unitId]));
    },
    /** Several people by id, keyed by id (one read). */
    async byIds(ids: readonly string[]): Promise<Map<string, Person>> {
      const found = await readInBatches(ids, (batch) =>
        Person.find({ _id: { $in: batch } })
          .lean<Person[]>()
          .exec(),
      );
      return new Map(found.map((p) => [p._id, p]));
    },
    /** Every onboarded person (audiences of periodic surveys). */
    async listOnboarded(): Promise<Person[]> {
      return Person.find({ onboardedAt: { $exists: true } })
        .lean<Person[]>()
        .exec();
    },
    /** Every person's unit, zone and registration (the summary rebuild). */
    async allForSummaries(): Promise<
      Pick<Person, "_id" | "unitId" | "timeZone" | "onboardedAt" | "employment" | "unverified">[]
    > {
      return Person.find({}, { unitId: 1, timeZone: 1, onboardedAt: 1, employment: 1, unverified: 1 })
        .lean<Pick<Person, "_id" | "unitId" | "timeZone" | "onboardedAt" | "employment" | "unverified">[]>()
        .exec();
    },
    /** These people's unit, zone and registration, as `allForSummaries` reads them (the summary fold). */
    async forSummaries(
      ids: readonly string[],
    ): Promise<Pick<Person, "_id" | "unitId" | "timeZone" | "onboardedAt" | "employment" | "unverified">[]> {
      return readInBatches(ids, (batch) =>
        Person.find(
          { _id: { $in: batch } },
          { unitId: 1, timeZone: 1, onboardedAt: 1, employment: 1, unverified: 1 },
        )
          .batchSize(ONE_REPLY)
          .lean<Pick<Person, "_id" | "unitId" | "timeZone" | "onboardedAt" | "employment" | "unverified">[]>()
          .exec(),
      );
    },
    /** Unverified people who gave any of these NIPs (an import names them as conflicts). */
    async unverifiedWithNips(nips: readonly string[]): Promise<Person[]> {
      return readInBatches(nips, (batch) =>
        Person.find({ declaredNip: { $in: batch } })
          .lean<Person[]>()
          .exec(),
      );
    },
    /** Unverified people whose declared unit is one of these, oldest registration first. */
    async unverifiedInUnits(unitIds: readonly string[]): Promise<Person[]> {
      const found = await readInBatches(unitIds, (batch) =>
        Person.find({ unverified: true, unitId: { $in: batch } })
          .lean<Person[]>()
          .exec(),
      );
      return found.sort((a, b) => (a.onboardedAt?.getTime() ?? 0) - (b.onboardedAt?.getTime() ?? 0));
    },
    /** The people whose direct atasan is whoever holds `nip`, by name (few: one atasan's staff). */
    async listByAtasanNip(nip: string): Promise<Person[]> {
      return Person.find({ atasanNip: nip }).sort({ name: 1 }).lean<Person[]>().exec();
    },
    /** Supervisors who asked for the weekly summary (few). */
    async listWeeklySubscribers(): Promise<Person[]> {
      return Person.find({ weeklySummary: { $exists: true } })
        .lean<Person[]>()
        .exec();
    },
    /** Deletes a person's document (data erasure); true when it was there. */
    async remove(id: string): Promise<boolean> {
      return (await Person.deleteOne({ _id: id }).exec()).deletedCount === 1;
    },
    /** Number of people in an instansi. */
    async countByInstansi(instansiId: string): Promise<number> {
      return Person.countDocuments({ instansiId }).exec();
    },
  };
}
export type PeopleRepository = ReturnType<typeof peopleRepository>;
