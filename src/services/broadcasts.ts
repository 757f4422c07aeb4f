import type { Broadcast, BroadcastAudience, Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Outbox } from "../delivery/outbox.js";
import { isBelowPace, type JpRules } from "../domain/jp.js";
import { afterQuiet, atLocal, localClock, minutesOf, quietHoursOf } from "../domain/reminder-time.js";
import { scopeRoots } from "../domain/scope.js";
import type { TierInfo } from "../domain/skj.js";
import type { Region } from "../domain/timezone.js";
import type { ComputeService, OptionSource } from "../engine/engine.js";
import type { Translate } from "../engine/text.js";
import type { Conversation, Outbound } from "../engine/types.js";
import { formatDateTime } from "../i18n/format.js";
import { createAuditLog } from "./audit-log.js";
import { type CourseCatalog, shortKey } from "./course-catalog.js";
import { jpOfYear } from "./jp-ledger.js";
import { actorOf } from "./roles.js";

const AUDIENCES = ["all", "unit", "tier", "region", "session", "not-assessed", "below-pace"] as const;

/** Telegram and Slack show at most a few thousand characters; the flow allows 3,000. */
const MAX_TEXT = 3_000;

/**
 * Coordinator broadcasts (flows/umumkan.yaml): the audience is resolved inside the coordinator's
 * scope, the preview counts exactly the people who can be reached, and the messages go through
 * the outbox under `broadcast.<id>`, now or at a time in the coordinator's zone. /siaran shows each
 * broadcast's sent / pending / failed / blocked counts and cancels what has not gone yet.
 */
export function createBroadcasts(deps: {
  repos: Pick<
    Repositories,
    "people" | "orgUnits" | "enrollments" | "broadcasts" | "deliveries" | "identities" | "audit"
  >;
  outbox: Pick<Outbox, "scheduleMany" | "reachable">;
  catalog: Pick<CourseCatalog, "all">;
  regions: readonly Region[];
  tiers: readonly TierInfo[];
  jpRules: JpRules;
  translate: Translate;
  now: () => Date;
  adminIds?: readonly string[];
}) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const audit = createAuditLog(deps);

  async function actor(conv: Conversation) {
    const me = conv.profile.personId ? await deps.repos.people.get(conv.profile.personId) : null;
    const bootstrapAdmin = deps.adminIds?.includes(conv.identityId) ?? false;
    return {
      me,
      roots: scopeRoots(actorOf(me, bootstrapAdmin), "koordinator"),
      /** Admins see and cancel every broadcast; a coordinator their own. */
      owner: bootstrapAdmin || me?.roles.some((r) => r.role === "admin") ? undefined : me?._id,
    };
  }

  const audienceOf = (answers: Record<string, unknown>): BroadcastAudience => {
    const kind = String(answers.audience) as BroadcastAudience["kind"];
    const value =
      kind === "unit" || kind === "tier" || kind === "region" || kind === "session"
        ? answers[kind]
        : undefined;
    return value ? { kind, value: String(value) } : { kind };
  };

  /** The onboarded, reachable people in scope that the audience selects. */
  async function recipients(roots: string[] | undefined, audience: BroadcastAudience): Promise<Person[]> {
    const inScope = await deps.repos.orgUnits.inScope(roots);
    let unitIds = inScope.map((u) => u._id);
    if (audience.kind === "unit" && audience.value) {
      const below = new Set((await deps.repos.orgUnits.subtree(audience.value)).map((u) => u._id));
      unitIds = unitIds.filter((u) => below.has(u));
    }
    let people = (await deps.repos.people.listByUnits([...new Set(unitIds)])).filter((p) => p.onboardedAt);
    const now = deps.now();
    switch (audience.kind) {
      case "tier":
        people = people.filter((p) => p.tier === audience.value);
        break;
      case "region":
        people = people.filter((p) => p.regionId === audience.value);
        break;
      case "session": {
        const places = new Set(
          (await deps.repos.enrollments.listForSession(audience.value ?? "")).map((e) => e.personId),
        );
        people = people.filter((p) => places.has(p._id));
        break;
      }
      case "not-assessed":
        people = people.filter((p) => !p.status?.assessedAt);
        break;
      case "below-pace":
        people = people.filter((p) => {
          const { date } = localClock(now, p.timeZone);
          return isBelowPace(jpOfYear(p, Number(date.slice(0, 4))), date, deps.jpRules);
        });
        break;
      default:
        break;
    }
    const reachable = await deps.outbox.reachable(people.map((p) => p._id));
    return people.filter((p) => reachable.has(p._id));
  }

  /** When to send: now, or the date and time the coordinator typed, in their own zone. */
  function dueAtOf(answers: Record<string, unknown>, timeZone: string): Date {
    if (answers.when !== "later") return deps.now();
    const time = String(answers.time ?? "").replace(".", ":");
    return atLocal(String(answers.date), minutesOf(time.padStart(5, "0")) ?? 0, timeZone);
  }

  const preview: ComputeService = async ({ conversation, answers }) => {
    const { roots } = await actor(conversation);
    const people = await recipients(roots, audienceOf(answers));
    if (people.length === 0) {
      return { outbound: [{ text: t(conversation, "brd-nobody") }], goto: "audience" };
    }
    return { setAnswers: { count: people.length } };
  };

  const checkTime: ComputeService = async ({ conversation, answers }) => {
    const me = conversation.profile.personId
      ? await deps.repos.people.get(conversation.profile.personId)
      : null;
    const zone = me?.timeZone ?? "Asia/Jakarta";
    const at = dueAtOf(answers, zone);
    if (at.getTime() <= deps.now().getTime() + 60_000) {
      return { outbound: [{ text: t(conversation, "brd-time-past") }], goto: "date" };
    }
    return {
      setAnswers: { whenText: formatDateTime(at, { locale: conversation.profile.locale, timeZone: zone }) },
    };
  };

  const create: ComputeService = async ({ runId, conversation, answers }) => {
    const { me, roots } = await actor(conversation);
    const audience = audienceOf(answers);
    const people = await recipients(roots, audience);
    const dueAt = dueAtOf(answers, me?.timeZone ?? "Asia/Jakarta");
    const text = String(answers.message).slice(0, MAX_TEXT);
    const id = `b${runId.replace(/^r/, "")}`;
    const broadcast: Broadcast = {
      _id: id,
      ...(me ? { createdBy: me._id } : {}),
      createdByIdentity: conversation.identityId,
      text,
      audience,
      ...(roots ? { scopeRoots: roots } : {}),
      recipients: people.length,
      dueAt,
      status: "scheduled",
      createdAt: deps.now(),
    };
    // The messages first: their keys make a retried confirmation add nothing, and a crash before
    // the broadcast is stored leaves nothing unsent (the retry stores it).
    await deps.outbox.scheduleMany(
      // Each person hears it outside their own quiet hours.
      people.map((p) => ({
        personId: p._id,
        message: { text },
        dueAt: afterQuiet(dueAt, p.timeZone, quietHoursOf(p)),
      })),
      `broadcast.${id}`,
      id,
    );
    if (await deps.repos.broadcasts.create(broadcast)) {
      await audit(conversation, me, "broadcast.create", "ok", {
        target: { kind: "broadcast", id },
        details: { audience: audience.kind, recipients: people.length },
      });
    }
    return {
      outbound: [
        {
          text: t(conversation, answers.when === "later" ? "brd-scheduled" : "brd-sending", {
            count: people.length,
            when: formatDateTime(dueAt, {
              locale: conversation.profile.locale,
              timeZone: me?.timeZone ?? "Asia/Jakarta",
            }),
          }),
        },
      ],
    };
  };

  const units: OptionSource = async ({ conversation, query }) => {
    const { roots } = await actor(conversation);
    const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    return (await deps.repos.orgUnits.inScope(roots))
      .filter((u) => words.every((w) => u.name.toLowerCase().includes(w)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((u) => ({ id: u._id, label: u.name }));
  };
  const tiers: OptionSource = async ({ conversation }) =>
    deps.tiers.map((x) => ({ id: x.id, label: x.name[conversation.profile.locale] }));
  const regions: OptionSource = async ({ query }) => {
    const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    return deps.regions
      .filter((r) => words.every((w) => r.name.toLowerCase().includes(w)))
      .map((r) => ({ id: r.id, label: r.name }));
  };
  const sessions: OptionSource = async ({ conversation }) => {
    const since = deps.now().getTime() - 90 * 86_400_000;
    const zone = "Asia/Jakarta";
    return (await deps.catalog.all())
      .flatMap((c) => c.sessions.map((s) => ({ c, s })))
      .filter(({ s }) => s.endsAt.getTime() >= since)
      .sort((a, b) => a.s.startsAt.getTime() - b.s.startsAt.getTime())
      .map(({ c, s }) => ({
        id: s.id,
        label: `${c.title} (${formatDateTime(s.startsAt, { locale: conversation.profile.locale, timeZone: zone })})`,
      }));
  };

  return {
    services: {
      "broadcast.preview": preview,
      "broadcast.checkTime": checkTime,
      "broadcast.create": create,
    } satisfies Record<string, ComputeService>,
    optionSources: {
      "broadcast.units": units,
      "broadcast.tiers": tiers,
      "broadcast.regions": regions,
      "broadcast.sessions": sessions,
    } satisfies Record<string, OptionSource>,

    /** /siaran: the coordinator's latest broadcasts with live counts, and a cancel button for what waits. */
    async siaran(conv: Conversation): Promise<Outbound[]> {
      const { me, owner } = await actor(conv);
      const list = await deps.repos.broadcasts.list(owner);
      if (list.length === 0) return [{ text: t(conv, "brd-none") }];
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const out: Outbound[] = [];
      for (const b of list) {
        const status = await deps.repos.deliveries.statusOf(`broadcast.${b._id}`);
        const blocked = status.dead.filter((d) =>
          /403|blocked|deactivated|account_inactive|not found|user_not_found/i.test(d.lastError ?? ""),
        ).length;
        const waiting = b.status === "scheduled" && status.pending > 0;
        out.push({
          text: [
            `📣 ${b.text.slice(0, 80)}${b.text.length > 80 ? "…" : ""}`,
            t(conv, b.status === "cancelled" ? "brd-line-cancelled" : "brd-line", {
              when: formatDateTime(b.dueAt, { locale: conv.profile.locale, timeZone: zone }),
              audience: t(conv, `brd-audience-${b.audience.kind}`),
            }),
            t(conv, "brd-counts", {
              sent: status.sent,
              pending: status.pending,
              failed: status.dead.length - blocked,
              blocked,
            }),
          ].join("\n"),
          ...(waiting
            ? { choices: [[{ data: `brd|x|${shortKey(b._id)}`, label: t(conv, "brd-cancel") }]] }
            : {}),
        });
      }
      return out;
    },

    /** Handles `brd|x|<key>`: cancels what of a broadcast has not gone yet. */
    async handleButton(conv: Conversation, data: string): Promise<Outbound[] | undefined> {
      const [kind, action, key] = data.split("|");
      if (kind !== "brd" || action !== "x" || !key) return undefined;
      const { me, owner } = await actor(conv);
      const b = (await deps.repos.broadcasts.list(owner, 50)).find((x) => shortKey(x._id) === key);
      if (!b) return [{ text: t(conv, "brd-gone") }];
      const removed = await deps.repos.deliveries.cancelPending(`broadcast.${b._id}`);
      await deps.repos.broadcasts.cancel(b._id, deps.now());
      await audit(conv, me, "broadcast.cancel", "ok", {
        target: { kind: "broadcast", id: b._id },
        details: { removed },
      });
      return [{ text: t(conv, "brd-cancelled", { count: removed }), replacesPrompt: true }];
    },
  };
}
export type Broadcasts = ReturnType<typeof createBroadcasts>;
export { AUDIENCES };
