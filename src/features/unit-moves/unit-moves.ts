import type { OrgUnit, Person, UnitMove } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { PersonPatch } from "../../db/repositories/people.js";
import type { Outbox } from "../../delivery/outbox.js";
import { formatNip } from "../../domain/nip.js";
import { holdsRole, mayAct, scopeRoots } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson, actorOf } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { buttonCodec } from "../feature.js";

/**
 * Buttons on a move request: `umv|a|<request>` approves it, `umv|d|<request>` declines it. The
 * argument is only the request's id: every press looks it up and checks the presser again.
 */
export const unitMoveButton = buttonCodec("unit-move", "umv", { approve: ["a", 1], decline: ["d", 1] });
export type UnitMoveAction = Parameters<typeof unitMoveButton.pack>[0];

/** Audit actions: the request, its two decisions (and their refusals). */
export const MOVE_REQUESTED = "person.unit-move-requested";
export const MOVED = "person.unit-moved";
export const MOVE_DECLINED = "person.unit-move-declined";

/** Requests shown at most in one /pindah; the oldest first, the rest after these are decided. */
const SHOWN = 10;

/** The lease key only one decision on a request may take (FerretDB has no compare-and-set). */
const decisionKey = (moveId: string) => `unit-move:${moveId}`;

export interface UnitMovesDeps {
  repos: Pick<Repositories, "people" | "orgUnits" | "unitMoves" | "leases" | "audit" | "identities">;
  outbox: Pick<Outbox, "schedule" | "scheduleTo">;
  translate: Translate;
  now: () => Date;
  /** Province ids Pandu knows: a move brings the new unit's province along when its tree states one. */
  regionIds: ReadonlySet<string>;
  /** Bootstrap admins (ADMIN_IDS): they are told of every request. */
  adminIds?: readonly string[];
  /** Told after a person was moved (cached profiles, unit summaries), as a profile save does. */
  onMoved?: (personId: string) => void | Promise<void>;
}

/**
 * Moves between units for verified people, whose unit comes from HR data: the person asks in
 * /profil (nothing changes yet), the admins whose scope covers the unit they want to join are told
 * with Setujui / Tolak buttons, and one of them decides. Every press re-reads the presser's roles,
 * checks the target unit is in their scope and the request still waits, and only one admin wins.
 */
export function createUnitMoves(deps: UnitMovesDeps) {
  const { repos } = deps;
  const audit = createAuditLog(deps);
  const tr = (locale: Locale) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(locale, key, args);

  /** "Bidang Pelayanan Kesehatan (Pemerintah Provinsi Jambi)": a unit with its instansi; "—" for none. */
  async function unitLabel(unitId: string | undefined): Promise<string> {
    const unit = unitId ? await repos.orgUnits.get(unitId) : null;
    if (!unit) return "—";
    if (unit.instansiId === unit._id) return unit.name;
    const instansi = await repos.orgUnits.get(unit.instansiId);
    return instansi ? `${unit.name} (${instansi.name})` : unit.name;
  }

  /** The text and buttons an admin decides a request with, in the admin's language. */
  async function requestCard(move: UnitMove, person: Person | undefined, locale: Locale): Promise<Outbound> {
    const t = tr(locale);
    const choices: Choice[][] = [
      [
        { data: unitMoveButton.pack("approve", move._id), label: t("unit-move-btn-approve") },
        { data: unitMoveButton.pack("decline", move._id), label: t("unit-move-btn-decline") },
      ],
    ];
    return {
      text: t("unit-move-row", {
        name: person?.name ?? "—",
        nip: person?.nip ? formatNip(person.nip) : "—",
        from: await unitLabel(move.fromUnitId),
        to: await unitLabel(move.toUnitId),
        asked: formatDate(move.requestedAt, { locale, timeZone: person?.timeZone ?? "Asia/Jakarta" }),
      }),
      choices,
    };
  }

  /**
   * Tells every admin who may decide: holders of an admin grant covering the target unit, and the
   * bootstrap admins, each once, in their own language, never the person asking. Returns how many.
   */
  async function notifyAdmins(move: UnitMove, person: Person, target: OrgUnit): Promise<number> {
    const purpose = "unit-move.request";
    const now = deps.now();
    const told = new Set<string>([person._id]);
    let count = 0;
    const holders = (await repos.people.listWithRoles()).filter(
      (p) => !told.has(p._id) && mayAct(actorOf(p, false), "admin", target),
    );
    for (const admin of holders) {
      told.add(admin._id);
      const card = await requestCard(move, person, admin.locale);
      const message = { ...card, text: `${tr(admin.locale)("unit-move-notify")}\n\n${card.text}` };
      const outcome = await deps.outbox.schedule({
        purpose,
        occurrence: move._id,
        personId: admin._id,
        message,
        dueAt: now,
      });
      if (outcome !== "unreachable") count++;
    }
    for (const identityId of deps.adminIds ?? []) {
      const identity = await repos.identities.get(identityId);
      if (identity && told.has(identity.personId)) continue;
      const owner = identity ? await repos.people.get(identity.personId) : null;
      if (owner) told.add(owner._id);
      const locale = owner?.locale ?? "id";
      const card = await requestCard(move, person, locale);
      const message = { ...card, text: `${tr(locale)("unit-move-notify")}\n\n${card.text}` };
      const sent = await deps.outbox.scheduleTo({
        purpose,
        occurrence: move._id,
        identityId,
        ...(owner ? { personId: owner._id } : {}),
        message,
        dueAt: now,
      });
      if (sent) count++;
    }
    return count;
  }

  /**
   * A verified person chose `unitId` in /profil: nothing changes on their profile; a request goes
   * to the admins of that unit instead. Choosing their own unit changes nothing; choosing the unit
   * of the request already waiting says so; another unit withdraws the waiting request and files
   * the new one (one pending request per person).
   */
  async function request(conv: Conversation, person: Person, unitId: string): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const target = await repos.orgUnits.get(unitId);
    if (!target) return [{ text: t("unit-move-unknown-unit") }];
    const to = await unitLabel(target._id);
    if (person.unitId === target._id) return [{ text: t("unit-move-same", { unit: to }) }];
    const pending = await repos.unitMoves.pendingOf(person._id);
    if (pending.some((m) => m.toUnitId === target._id))
      return [{ text: t("unit-move-already", { unit: to }) }];
    const now = deps.now();
    const withdrawn: string[] = [];
    for (const old of pending) {
      // The same key an admin's decision takes: either the admin decided first, or it is withdrawn
      // (also when an earlier withdrawal took the key and stopped before recording it).
      const key = decisionKey(old._id);
      const won =
        (await repos.leases.takeKey(key, "withdrawn", now)) ||
        (await repos.leases.keyHolder(key)) === "withdrawn";
      if (!won) continue;
      if (await repos.unitMoves.decide(old._id, { state: "withdrawn", by: person._id, at: now }))
        withdrawn.push(await unitLabel(old.toUnitId));
    }
    const move = await repos.unitMoves.open({
      personId: person._id,
      ...(person.unitId ? { fromUnitId: person.unitId } : {}),
      ...(person.instansiId ? { fromInstansiId: person.instansiId } : {}),
      toUnitId: target._id,
      toInstansiId: target.instansiId,
      requestedAt: now,
      state: "pending",
    });
    await audit(conv, person, MOVE_REQUESTED, "ok", {
      target: { kind: "person", id: person._id },
      scopeUnitId: target._id,
      details: { request: move._id, ...(person.unitId ? { from: person.unitId } : {}), to: target._id },
    });
    await notifyAdmins(move, person, target);
    const lines = [t("unit-move-requested", { unit: to })];
    for (const unit of withdrawn) lines.push(t("unit-move-replaced", { unit }));
    return [{ text: lines.join("\n\n") }];
  }

  /** Pending requests to join units in the admin's scope (their own left out), oldest first. */
  async function pendingFor(me: Person | null, bootstrapAdmin: boolean): Promise<UnitMove[]> {
    const roots = scopeRoots(actorOf(me, bootstrapAdmin), "admin");
    const unitIds = roots ? (await repos.orgUnits.inScope(roots)).map((u) => u._id) : undefined;
    return (await repos.unitMoves.pendingInUnits(unitIds)).filter((m) => m.personId !== me?._id);
  }

  /** /pindah: the requests waiting for this admin, each with Setujui and Tolak. */
  async function list(conv: Conversation, bootstrapAdmin: boolean): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = tr(locale);
    const { me } = await actingPerson(repos, conv, bootstrapAdmin);
    const waiting = await pendingFor(me, bootstrapAdmin);
    if (waiting.length === 0) return [{ text: t("unit-move-none") }];
    const people = await repos.people.byIds(waiting.map((m) => m.personId));
    const out: Outbound[] = [{ text: t("unit-move-list-title", { count: waiting.length }) }];
    for (const m of waiting.slice(0, SHOWN)) out.push(await requestCard(m, people.get(m.personId), locale));
    if (waiting.length > SHOWN)
      out.push({ text: t("unit-move-list-more", { count: waiting.length - SHOWN }) });
    return out;
  }

  /** Tells the person the decision, in their language, through the outbox. */
  async function tell(person: Person, move: UnitMove, state: "approved" | "declined"): Promise<boolean> {
    const text = tr(person.locale)(`unit-move-told-${state}`, { unit: await unitLabel(move.toUnitId) });
    const outcome = await deps.outbox.schedule({
      purpose: `unit-move.${state}`,
      occurrence: move._id,
      personId: person._id,
      message: { text },
      dueAt: deps.now(),
    });
    return outcome !== "unreachable";
  }

  /**
   * An admin's decision on the request `moveId`. Refused, with a message and an audit entry, when
   * the presser holds no admin role now, the target unit is outside their scope now, the request is
   * their own, or it was decided (by another admin, or withdrawn) before.
   */
  async function decide(
    conv: Conversation,
    bootstrapAdmin: boolean,
    moveId: string,
    approve: boolean,
  ): Promise<Outbound[]> {
    const t = tr(conv.profile.locale);
    const action = approve ? MOVED : MOVE_DECLINED;
    const { me, actor } = await actingPerson(repos, conv, bootstrapAdmin);
    const move = await repos.unitMoves.get(moveId);
    if (!move) return [{ text: t("unit-move-gone") }];
    const target = await repos.orgUnits.get(move.toUnitId);
    const refuse = async (reason: string, key: string): Promise<Outbound[]> => {
      await audit(conv, me, action, "refused", {
        target: { kind: "person", id: move.personId },
        scopeUnitId: move.toUnitId,
        details: { request: move._id, reason },
      });
      return [{ text: t(key, { unit: await unitLabel(move.toUnitId) }) }];
    };
    if (!holdsRole(actor, "admin")) return refuse("not-admin", "unit-move-not-admin");
    if (!target || !mayAct(actor, "admin", target)) return refuse("out-of-scope", "unit-move-out-of-scope");
    // Moving oneself is someone else's decision, as a role is.
    if (me && me._id === move.personId) return refuse("own", "unit-move-own");
    if (move.state !== "pending") return refuse("decided", "unit-move-decided");
    const now = deps.now();
    const holder = me?._id ?? conv.identityId;
    // One winner: the first to take the key decides; the same admin may take it again (a retry).
    const won =
      (await repos.leases.takeKey(decisionKey(move._id), holder, now)) ||
      (await repos.leases.keyHolder(decisionKey(move._id))) === holder;
    if (!won) return refuse("decided", "unit-move-decided");
    const person = await repos.people.get(move.personId);
    if (!person) return [{ text: t("unit-move-gone") }];
    const by = me?._id ?? "admin";
    const to = await unitLabel(target._id);
    if (approve) {
      const patch: PersonPatch = { unitId: target._id, instansiId: target.instansiId };
      // The province follows the new unit when its tree says one (as /profil does).
      const region = await repos.orgUnits.regionOf(target._id);
      if (region && deps.regionIds.has(region)) patch.regionId = region;
      // The person first: a retry after a crash here moves them again and then records the decision.
      await repos.people.update(person._id, patch);
      await repos.unitMoves.decide(move._id, { state: "approved", by, at: now });
    } else {
      await repos.unitMoves.decide(move._id, { state: "declined", by, at: now });
    }
    await audit(conv, me, action, "ok", {
      target: { kind: "person", id: person._id },
      scopeUnitId: target._id,
      details: { request: move._id, ...(person.unitId ? { from: person.unitId } : {}), to: target._id },
    });
    if (approve) await deps.onMoved?.(person._id);
    const told = await tell(person, move, approve ? "approved" : "declined");
    const done = t(approve ? "unit-move-approved-done" : "unit-move-declined-done", {
      name: person.name,
      unit: to,
    });
    return [
      {
        text: `${done}\n${t(told ? "unit-move-told" : "unit-move-not-told", { name: person.name })}`,
        replacesPrompt: true,
      },
    ];
  }

  return { request, list, decide, pendingFor };
}
export type UnitMoves = ReturnType<typeof createUnitMoves>;
