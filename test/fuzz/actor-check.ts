import type { App } from "../../src/app.js";
import type { Database } from "../../src/db/connection.js";
import type { OrgUnit, Person } from "../../src/db/models/index.js";
import { covers } from "../../src/domain/scope.js";
import type { Outbound } from "../../src/engine/types.js";

/**
 * The fuzz run's "actor" check: no input from one person changes another person's data or shows
 * it to them, unless the one acting holds a staff role whose scope covers the other's unit or a
 * role the other holds (a bootstrap admin covers everyone). Legitimate staff work in scope (a koordinator verifying a
 * record, an admin granting a role, a broadcast to their units) is exactly what scope allows, so
 * the check asks only: was the person changed or shown out of the actor's scope?
 *
 * A person's data is every document that belongs to them: their person record, identities, NIP
 * claim, assessments, enrollments, completions, achievements, place requests, survey invitations
 * and named responses, conversations, mentor profile, the broadcasts they wrote, and messages
 * waiting for them. Left out by design: the audit log (a refused attempt about someone is written
 * down, that is the point) and mentoring requests with their notices (mentors offer themselves to
 * the whole organisation; a request is the mentee's act, and the mentor is told), and the notice a
 * move request sends to the admins of the unit asked for (the mover's act, naming only the mover).
 */

/** Collections read for the snapshot, with the field naming whose document it is. */
const OWNED: readonly { model: string; owner: string; skip?: (doc: Record<string, unknown>) => boolean }[] = [
  { model: "Person", owner: "_id" },
  { model: "Identity", owner: "personId" },
  { model: "NipClaim", owner: "personId" },
  { model: "Assessment", owner: "personId" },
  { model: "Enrollment", owner: "personId" },
  { model: "Completion", owner: "personId" },
  { model: "Achievement", owner: "personId" },
  { model: "PlaceRequest", owner: "personId" },
  { model: "SurveyInvitation", owner: "personId" },
  { model: "SurveyResponse", owner: "personId" },
  { model: "FlowRun", owner: "personId" },
  { model: "MentorProfile", owner: "_id" },
  { model: "Broadcast", owner: "createdBy" },
  // A mentor is told of a request from anyone: that notice is the mentee's act, not a change.
  // A move request tells the admins of the unit asked for: the mover's own act, naming only them.
  {
    model: "Delivery",
    owner: "personId",
    skip: (d) => String(d.purpose).startsWith("mentoring.") || d.purpose === "unit-move.request",
  },
];

/** A person the fuzzer must never see out of scope: a distinctive name and NIP. */
export interface Sentinel {
  personId: string;
  name: string;
  nip: string;
}

/** The write commands of the wire protocol, with the field naming their collection. */
const WRITES = ["insert", "update", "delete", "findAndModify"] as const;

type Lean = Record<string, unknown>;
interface Finder {
  collection: { collectionName: string };
  find(q: object): { lean(): { exec(): Promise<Lean[]> } };
}

/**
 * Checks one app's fuzz inputs against the rule above. It keeps every person's documents (one
 * fingerprint per person and collection) and, after each input, re-reads only the collections the
 * input wrote to, as the driver's command monitoring reports them, so 10,000 inputs stay quick.
 * The database must be opened with command monitoring on (an `onCommand` listener).
 */
export function createActorCheck(deps: { app: App; database: Database; bootstrapIds: readonly string[] }) {
  const models = deps.database.models as unknown as Record<string, Finder>;
  const byCollection = new Map(OWNED.map((o) => [models[o.model]!.collection.collectionName, o]));
  /** model → personId → their documents' JSON, sorted. */
  const state = new Map<string, Map<string, string>>();
  let people = new Map<string, Person>();
  let units = new Map<string, OrgUnit>();
  /** Person → units they asked to move to, still waiting (as before the input being checked). */
  let moveTargets = new Map<string, string[]>();
  const readMoves = async () => {
    moveTargets = new Map();
    for (const m of await deps.app.repos.unitMoves.pendingInUnits(undefined))
      moveTargets.set(m.personId, [...(moveTargets.get(m.personId) ?? []), m.toUnitId]);
  };
  const written = new Set<string>();
  let commandsSeen = 0;
  let inFlight = 0;

  /**
   * Waits until no database command is in flight across a few turns of the event loop: work an
   * input set off without awaiting it (ending a demoted person's staff conversations) is counted
   * as that input's, not the next one's.
   */
  async function settle(): Promise<void> {
    for (let quiet = 0, turns = 0; quiet < 3 && turns < 200; turns++) {
      await new Promise((done) => setImmediate(done));
      quiet = inFlight === 0 ? quiet + 1 : 0;
    }
  }

  async function read({ model, owner, skip }: (typeof OWNED)[number]): Promise<void> {
    const docs = await models[model]!.find({}).lean().exec();
    const mine = new Map<string, string[]>();
    for (const doc of docs) {
      if (skip?.(doc)) continue;
      const id = doc[owner];
      if (typeof id === "string") mine.set(id, [...(mine.get(id) ?? []), JSON.stringify(doc)]);
    }
    state.set(model, new Map([...mine].map(([id, list]) => [id, list.sort().join("\n")])));
    if (model === "Person") people = new Map(docs.map((d) => [String(d._id), d as unknown as Person]));
  }

  /**
   * True when the person acting (or a bootstrap identity) may act on `target`: a role of theirs
   * covers the target's unit, a role the target holds (an admin lists and revokes the holders
   * of roles on their units, wherever those people work), or a unit the target asked to move to
   * (the admin of that unit decides the target's own request).
   */
  function reaches(identityId: string, actor: Person | undefined, target: Person): boolean {
    if (deps.bootstrapIds.includes(identityId)) return true;
    if (!actor) return false;
    const places = [
      target.unitId,
      ...target.roles.map((r) => r.unitId),
      ...(moveTargets.get(target._id) ?? []),
    ];
    return places.some((id) => {
      const unit = id ? units.get(id) : undefined;
      return unit !== undefined && actor.roles.some((g) => covers(g.unitId, unit));
    });
  }

  return {
    /** Reads the org tree (the fuzzer imports nothing: no file reader is registered) and everyone's documents. */
    async start(): Promise<void> {
      const client = deps.database.connection.getClient();
      const done = (e: { databaseName: string }) => {
        if (e.databaseName === deps.database.dbName) inFlight = Math.max(0, inFlight - 1);
      };
      client.on("commandSucceeded", done);
      client.on("commandFailed", done);
      client.on("commandStarted", (e) => {
        if (e.databaseName !== deps.database.dbName) return;
        commandsSeen++;
        inFlight++;
        const name = WRITES.find((w) => w === e.commandName);
        const collection = name ? e.command[name] : undefined;
        if (typeof collection === "string") written.add(collection);
      });
      units = new Map((await deps.app.repos.orgUnits.all()).map((u) => [u._id, u]));
      for (const o of OWNED) await read(o);
      await readMoves();
      written.clear();
      commandsSeen = 0;
    },

    /** The person an identity belongs to now (asked before each input). */
    async personOf(identityId: string): Promise<string | undefined> {
      return (await deps.app.repos.identities.get(identityId))?.personId;
    },

    /**
     * What the input just handled for `identityId` did wrong: people out of the actor's scope whose
     * documents it changed, and sentinels out of its scope named in its replies.
     */
    async check(opts: {
      identityId: string;
      /** The person behind the identity before the input (an erasure unbinds it). */
      actorId: string | undefined;
      replies: readonly Outbound[];
      sentinels: readonly Sentinel[];
    }): Promise<string[]> {
      const { identityId, actorId, replies, sentinels } = opts;
      await settle();
      // Every input reads the database: silence means monitoring is off and writes would go unseen.
      if (commandsSeen === 0)
        throw new Error("actor check: no database commands seen; open the database with onCommand");
      const dirty = OWNED.filter((o) => [...written].some((c) => byCollection.get(c) === o));
      const movesWritten = written.has("unit_moves");
      written.clear();
      // Scope as it was when the input came (the people before the re-read).
      const before = people;
      const actor = actorId ? before.get(actorId) : undefined;
      const violations: string[] = [];
      for (const o of dirty) {
        const was = state.get(o.model) ?? new Map<string, string>();
        await read(o);
        const now = state.get(o.model)!;
        for (const personId of new Set([...was.keys(), ...now.keys()])) {
          if (personId === actorId || was.get(personId) === now.get(personId)) continue;
          const person = before.get(personId);
          // Someone new (a stranger registering) is nobody else's yet.
          if (!person || reaches(identityId, actor, person)) continue;
          violations.push(`changed ${person.name}'s ${o.model}`);
        }
      }
      const shown = replies
        .map((o) =>
          [
            o.text,
            ...(o.choices ?? []).flat().map((c) => c.label),
            o.media ? Buffer.from(o.media.bytes).toString("utf8") : "",
          ].join("\n"),
        )
        .join("\n");
      for (const s of sentinels) {
        const person = before.get(s.personId);
        if (!person || reaches(identityId, actor, person)) continue;
        if (shown.includes(s.name)) violations.push(`showed the name of ${s.name}`);
        if (shown.includes(s.nip)) violations.push(`showed the NIP of ${s.name}`);
      }
      // Requests made or decided by this input are the scope of the next one.
      if (movesWritten) await readMoves();
      return violations;
    },
  };
}
