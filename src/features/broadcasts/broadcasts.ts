import { z } from "zod";
import type {
  Broadcast,
  BroadcastAttachment,
  BroadcastAudience,
  DeliveryMessage,
  Person,
} from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { isBehindPace } from "../../domain/jp.js";
import { afterQuiet, atLocal, localClock, minutesOf, quietHoursOf } from "../../domain/reminder-time.js";
import { mayAct, scopeRoots } from "../../domain/scope.js";
import type { TierInfo } from "../../domain/skj.js";
import type { Region } from "../../domain/timezone.js";
import type { ComputeService, OptionSource } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { type CourseCatalog, shortKey } from "../../services/course-catalog.js";
import type { JpLedger } from "../../services/jp-ledger.js";
import { type ButtonPress, buttonCodec } from "../feature.js";

/** How many of the latest broadcasts an admin's /siaran looks through for those in their scope. */
const SCANNED = 200;

/** /siaran's button: cancel what of a broadcast has not gone yet. */
export const broadcastButton = buttonCodec("broadcast", "brd", { cancel: ["x", 1] });

const AUDIENCES = [
  "all",
  "unit",
  "tier",
  "region",
  "session",
  "course",
  "not-assessed",
  "below-pace",
] as const;

/** Telegram and Slack show at most a few thousand characters; the flow allows 3,000. */
const MAX_TEXT = 3_000;

/** A channel a coordinator can post to (a Slack channel the bot is in), as the adapter lists it. */
export interface PostChannel {
  id: string;
  name: string;
}

/** The file answer of the flow's attachment step, checked before it is carried into a broadcast. */
const attachmentAnswer = z.object({
  kind: z.enum(["photo", "document"]),
  channel: z.string().min(1),
  fileId: z.string().min(1).max(300),
  mime: z.string().max(200).optional(),
  name: z.string().max(255).optional(),
});

/** The file of a broadcast from the flow's answers, if the coordinator attached one. */
function attachmentOf(answers: Record<string, unknown>): BroadcastAttachment | undefined {
  const parsed = attachmentAnswer.safeParse(answers.attachment);
  if (!parsed.success) return undefined;
  const f = parsed.data;
  return {
    kind: f.kind,
    channel: f.channel,
    fileId: f.fileId,
    ...(f.name ? { filename: f.name } : {}),
    ...(f.mime ? { mime: f.mime } : {}),
  };
}

/** The outbox purpose of a broadcast's channel post, apart from its people's `broadcast.<id>`. */
const channelPurpose = (id: string) => `broadcast.${id}.channel`;

/** The units chosen so far in the flow's unit loop. */
const unitsOf = (answers: Record<string, unknown>): string[] =>
  Array.isArray(answers.units) ? answers.units.filter((u): u is string => typeof u === "string") : [];

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
  outbox: Pick<Outbox, "scheduleMany" | "routes" | "schedulePost">;
  catalog: Pick<CourseCatalog, "all">;
  regions: readonly Region[];
  tiers: readonly TierInfo[];
  jpLedger: Pick<JpLedger, "standingOf">;
  translate: Translate;
  now: () => Date;
  adminIds?: readonly string[];
}) {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const audit = createAuditLog(deps);
  // Set by the Slack adapter at start-up: without it, no channel post is offered.
  let slackChannels: (() => Promise<PostChannel[]>) | undefined;

  async function actor(conv: Conversation) {
    const bootstrapAdmin = deps.adminIds?.includes(conv.identityId) ?? false;
    const { me, actor: acting } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const admin = bootstrapAdmin || (me?.roles.some((r) => r.role === "admin") ?? false);
    return {
      me,
      roots: scopeRoots(acting, "koordinator"),
      /** Admins see broadcasts of others too (those inside their scope); a coordinator their own. */
      owner: admin ? undefined : me?._id,
      /**
       * The broadcasts of those listed that this person may see and cancel: their own, and for an
       * admin those whose whole audience lay inside the admin's scope (a bootstrap admin: all).
       */
      async visible(list: Broadcast[]): Promise<Broadcast[]> {
        if (bootstrapAdmin) return list;
        const units = new Map((await deps.repos.orgUnits.all()).map((u) => [u._id, u]));
        return list.filter(
          (b) =>
            (me && b.createdBy === me._id) ||
            (admin &&
              b.scopeRoots !== undefined &&
              b.scopeRoots.length > 0 &&
              b.scopeRoots.every((r) => {
                const unit = units.get(r);
                return unit !== undefined && mayAct(acting, "admin", unit);
              })),
        );
      },
    };
  }

  const audienceOf = (answers: Record<string, unknown>): BroadcastAudience => {
    const kind = String(answers.audience) as BroadcastAudience["kind"];
    if (kind === "unit") {
      const values = unitsOf(answers);
      return values.length > 0 ? { kind, values } : { kind };
    }
    const value =
      kind === "tier" || kind === "region" || kind === "session" || kind === "course"
        ? answers[kind]
        : undefined;
    return value ? { kind, value: String(value) } : { kind };
  };

  /**
   * The onboarded, reachable people in scope that the audience selects, with the channel each
   * would be reached on (a file goes only to those on its own channel).
   */
  async function recipients(
    roots: string[] | undefined,
    audience: BroadcastAudience,
  ): Promise<{ people: Person[]; routes: Map<string, string> }> {
    const inScope = await deps.repos.orgUnits.inScope(roots);
    let unitIds = inScope.map((u) => u._id);
    if (audience.kind === "unit") {
      // Several units: each with its subtree, read from the scope already in hand (a unit's path
      // lists its ancestors), so overlapping picks count each person once.
      const chosen = new Set(audience.values ?? (audience.value ? [audience.value] : []));
      unitIds = inScope
        .filter((u) => chosen.has(u._id) || u.path.some((a) => chosen.has(a)))
        .map((u) => u._id);
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
      case "course": {
        const places = new Set(
          (await deps.repos.enrollments.listForCourse(audience.value ?? "")).map((e) => e.personId),
        );
        people = people.filter((p) => places.has(p._id));
        break;
      }
      case "not-assessed":
        people = people.filter((p) => !p.status?.assessedAt);
        break;
      case "below-pace": {
        // Behind toward their own minimum; nobody under a ceiling (PPPK) is ever "behind".
        const behind = await Promise.all(
          people.map(async (p) =>
            isBehindPace(await deps.jpLedger.standingOf(p, now), localClock(now, p.timeZone).date),
          ),
        );
        people = people.filter((_, i) => behind[i]);
        break;
      }
      default:
        break;
    }
    const routes = await deps.outbox.routes(people.map((p) => p._id));
    return { people: people.filter((p) => routes.has(p._id)), routes };
  }

  /**
   * The Slack channels a coordinator may post to: those listed on the units of their scope (the
   * units import's `slack` column); every channel for a bootstrap admin.
   */
  async function allowedChannels(roots: string[] | undefined): Promise<Set<string> | undefined> {
    if (!roots) return undefined;
    return new Set((await deps.repos.orgUnits.inScope(roots)).flatMap((u) => u.slackChannels ?? []));
  }

  /**
   * The Slack channel the coordinator chose, with its name (the id when the list cannot be read);
   * none when it is not one they may post to (checked again here, where the broadcast is made).
   */
  async function chosenChannel(
    roots: string[] | undefined,
    answers: Record<string, unknown>,
  ): Promise<PostChannel | undefined> {
    if (answers.slack_post !== "yes" || typeof answers.slack_channel !== "string") return undefined;
    const id = answers.slack_channel;
    const allowed = await allowedChannels(roots);
    if (allowed && !allowed.has(id)) return undefined;
    if (typeof answers.channelName === "string") return { id, name: answers.channelName };
    const listed = await slackChannels?.().catch(() => []);
    return { id, name: listed?.find((c) => c.id === id)?.name ?? id };
  }

  /** The names of the units chosen so far, for the "Unit terpilih" question. */
  async function unitAnswers(units: string[]): Promise<Record<string, unknown>> {
    const names = await Promise.all(units.map(async (u) => (await deps.repos.orgUnits.get(u))?.name ?? u));
    return { units, unitCount: units.length, unitNames: names.join(", ") };
  }

  /** When to send: now, or the date and time the coordinator typed, in their own zone. */
  function dueAtOf(answers: Record<string, unknown>, timeZone: string): Date {
    if (answers.when !== "later") return deps.now();
    const time = String(answers.time ?? "").replace(".", ":");
    return atLocal(String(answers.date), minutesOf(time.padStart(5, "0")) ?? 0, timeZone);
  }

  const where: ComputeService = async ({ conversation }) => ({
    setAnswers: {
      on_telegram: conversation.identityId.startsWith("telegram:"),
      on_slack: conversation.identityId.startsWith("slack:") && slackChannels !== undefined,
    },
  });

  const addUnit: ComputeService = async ({ answers }) => {
    const picked = typeof answers.unit === "string" ? [answers.unit] : [];
    return { setAnswers: await unitAnswers([...new Set([...unitsOf(answers), ...picked])]) };
  };

  /** "Kembali" at the list of chosen units: takes the last one back, or asks again when none is left. */
  const dropUnit: ComputeService = async ({ answers }) => {
    const units = unitsOf(answers).slice(0, -1);
    return { setAnswers: await unitAnswers(units), ...(units.length === 0 ? { goto: "unit" } : {}) };
  };

  const preview: ComputeService = async ({ conversation, answers }) => {
    const { roots } = await actor(conversation);
    const { people, routes } = await recipients(roots, audienceOf(answers));
    if (people.length === 0) {
      return { outbound: [{ text: t(conversation, "brd-nobody") }], goto: "audience" };
    }
    const file = attachmentOf(answers);
    // People reached elsewhere than the file's channel get the text with a note instead of the file.
    const withoutFile = file ? people.filter((p) => routes.get(p._id) !== file.channel).length : 0;
    return { setAnswers: { count: people.length, withoutFile } };
  };

  /** What else the preview says: the attached file, who gets only the text, the channel post. */
  const summary: ComputeService = async ({ conversation, answers }) => {
    const lines: string[] = [];
    const file = attachmentOf(answers);
    if (file) {
      lines.push(
        file.kind === "photo"
          ? t(conversation, "brd-attached-photo")
          : t(conversation, "brd-attached-document", { name: file.filename ?? "—" }),
      );
      const withoutFile = Number(answers.withoutFile ?? 0);
      if (withoutFile > 0) lines.push(t(conversation, "brd-attached-elsewhere", { count: withoutFile }));
    }
    const channel = await chosenChannel((await actor(conversation)).roots, answers);
    if (channel) lines.push(t(conversation, "brd-also-channel", { name: channel.name }));
    return {
      setAnswers: {
        extras: lines.map((l) => `\n${l}`).join(""),
        alsoChannel: channel ? ` ${t(conversation, "brd-and-channel", { name: channel.name })}` : "",
        ...(channel ? { channelName: channel.name } : {}),
      },
    };
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
    const { people } = await recipients(roots, audience);
    const dueAt = dueAtOf(answers, me?.timeZone ?? "Asia/Jakarta");
    const text = String(answers.message).slice(0, MAX_TEXT);
    const file = attachmentOf(answers);
    const channel = await chosenChannel(roots, answers);
    const id = `b${runId.replace(/^r/, "")}`;
    const broadcast: Broadcast = {
      _id: id,
      ...(me ? { createdBy: me._id } : {}),
      createdByIdentity: conversation.identityId,
      text,
      ...(file ? { attachment: file } : {}),
      audience,
      ...(roots ? { scopeRoots: roots } : {}),
      recipients: people.length,
      ...(channel ? { slackChannel: channel } : {}),
      dueAt,
      status: "scheduled",
      createdAt: deps.now(),
    };
    /**
     * The message where the file cannot go (another platform), in the recipient's language: the
     * text and a short note that a file came with it and whom to ask, since the text may well say
     * "see attached" and silence would leave them looking for it.
     */
    const textOnly = (locale: Person["locale"]): DeliveryMessage => {
      if (!file) return { text };
      const note = deps.translate(locale, "brd-file-note", {
        // A file without a name is named by its kind, in the recipient's language.
        name:
          file.filename ??
          deps.translate(locale, file.kind === "photo" ? "brd-file-photo" : "brd-file-document"),
        sender: me?.name ?? deps.translate(locale, "brd-sender-unknown"),
      });
      return { text: `${text}\n\n${note}` };
    };
    /** The message on the file's own platform: the file by its reference, the text as its caption. */
    const withFile = (): DeliveryMessage | undefined => {
      if (!file) return undefined;
      const { channel: _, ...attachment } = file;
      return { text, attachment };
    };
    // The messages first: their keys make a retried confirmation add nothing, and a crash before
    // the broadcast is stored leaves nothing unsent (the retry stores it).
    await deps.outbox.scheduleMany(
      // Each person hears it outside their own quiet hours.
      people.map((p) => ({
        personId: p._id,
        message: textOnly(p.locale),
        ...(file ? { byChannel: { [file.channel]: withFile() } } : {}),
        dueAt: afterQuiet(dueAt, p.timeZone, quietHoursOf(p)),
      })),
      `broadcast.${id}`,
      id,
    );
    // A channel has no quiet hours of its own: it gets the post at the chosen time. Its own purpose
    // keeps /siaran's counts about people.
    if (channel) {
      await deps.outbox.schedulePost({
        purpose: channelPurpose(id),
        occurrence: id,
        channel: "slack",
        address: channel.id,
        message: (file?.channel === "slack" && withFile()) || textOnly(conversation.profile.locale),
        dueAt,
      });
    }
    if (await deps.repos.broadcasts.create(broadcast)) {
      await audit(conversation, me, "broadcast.create", "ok", {
        target: { kind: "broadcast", id },
        details: {
          audience: audience.kind,
          recipients: people.length,
          ...(audience.values ? { units: audience.values.length } : {}),
          ...(file ? { attachment: file.kind } : {}),
          ...(channel ? { slackChannel: channel.id } : {}),
        },
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

  const units: OptionSource = async ({ conversation, answers, query }) => {
    const { roots } = await actor(conversation);
    const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    const chosen = new Set(unitsOf(answers));
    return (await deps.repos.orgUnits.inScope(roots))
      .filter((u) => !chosen.has(u._id) && words.every((w) => u.name.toLowerCase().includes(w)))
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

  const courses: OptionSource = async ({ query }) => {
    const since = deps.now().getTime() - 90 * 86_400_000;
    const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
    return (await deps.catalog.all())
      .filter((c) => c.sessions.some((s) => s.endsAt.getTime() >= since))
      .filter((c) => words.every((w) => c.title.toLowerCase().includes(w)))
      .sort((a, b) => a.title.localeCompare(b.title))
      .map((c) => ({ id: c.id, label: c.title }));
  };
  const slackChannelOptions: OptionSource = async ({ conversation, query }) => {
    const words = (query ?? "").toLowerCase().replace(/#/g, " ").split(/\s+/).filter(Boolean);
    // A listing that fails (a missing scope, Slack down) offers nothing; the step says why it may
    // be empty and "Kembali" leads back to "Tidak perlu".
    const listed = (await slackChannels?.().catch(() => [])) ?? [];
    const allowed = await allowedChannels((await actor(conversation)).roots);
    return listed
      .filter((c) => !allowed || allowed.has(c.id))
      .filter((c) => words.every((w) => c.name.toLowerCase().includes(w)))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((c) => ({ id: c.id, label: `#${c.name}` }));
  };

  return {
    /** Lets coordinators on Slack also post to a channel: `list` gives the channels the bot is in. */
    useSlackChannels(list: () => Promise<PostChannel[]>) {
      slackChannels = list;
    },
    services: {
      "broadcast.where": where,
      "broadcast.addUnit": addUnit,
      "broadcast.dropUnit": dropUnit,
      "broadcast.summary": summary,
      "broadcast.preview": preview,
      "broadcast.checkTime": checkTime,
      "broadcast.create": create,
    } satisfies Record<string, ComputeService>,
    optionSources: {
      "broadcast.units": units,
      "broadcast.tiers": tiers,
      "broadcast.regions": regions,
      "broadcast.sessions": sessions,
      "broadcast.courses": courses,
      "broadcast.slack-channels": slackChannelOptions,
    } satisfies Record<string, OptionSource>,

    /** /siaran: the coordinator's latest broadcasts with live counts, and a cancel button for what waits. */
    async overview(conv: Conversation): Promise<Outbound[]> {
      const { me, owner, visible } = await actor(conv);
      const list = (
        await visible(await deps.repos.broadcasts.list(owner, owner ? 10 : SCANNED, deps.now()))
      ).slice(0, 10);
      if (list.length === 0) return [{ text: t(conv, "brd-none") }];
      const zone = me?.timeZone ?? "Asia/Jakarta";
      const out: Outbound[] = [];
      for (const b of list) {
        const status = await deps.repos.deliveries.statusOf(`broadcast.${b._id}`);
        const blocked = status.dead.filter((d) =>
          /403|blocked|deactivated|account_inactive|not found|user_not_found/i.test(d.lastError ?? ""),
        ).length;
        const post = b.slackChannel ? await deps.repos.deliveries.statusOf(channelPurpose(b._id)) : undefined;
        const waiting = b.status === "scheduled" && (status.pending > 0 || (post?.pending ?? 0) > 0);
        const units = b.audience.values?.length ?? 0;
        out.push({
          text: [
            `📣 ${b.text.slice(0, 80)}${b.text.length > 80 ? "…" : ""}`,
            ...(b.attachment
              ? [
                  b.attachment.kind === "photo"
                    ? t(conv, "brd-attached-photo")
                    : t(conv, "brd-attached-document", { name: b.attachment.filename ?? "—" }),
                ]
              : []),
            t(conv, b.status === "cancelled" ? "brd-line-cancelled" : "brd-line", {
              when: formatDateTime(b.dueAt, { locale: conv.profile.locale, timeZone: zone }),
              audience:
                units > 1
                  ? t(conv, "brd-audience-units", { count: units })
                  : t(conv, `brd-audience-${b.audience.kind}`),
            }),
            t(conv, "brd-counts", {
              sent: status.sent,
              pending: status.pending,
              failed: status.dead.length - blocked,
              blocked,
            }),
            ...(b.slackChannel && post
              ? [
                  t(conv, "brd-line-channel", {
                    name: b.slackChannel.name,
                    state: t(
                      conv,
                      `brd-channel-${post.sent > 0 ? "sent" : post.dead.length > 0 ? "failed" : post.pending > 0 ? "pending" : "cancelled"}`,
                    ),
                  }),
                ]
              : []),
          ].join("\n"),
          ...(waiting
            ? {
                choices: [
                  [{ data: broadcastButton.pack("cancel", shortKey(b._id)), label: t(conv, "brd-cancel") }],
                ],
              }
            : {}),
        });
      }
      return out;
    },

    /** Handles `brd|x|<key>`: cancels what of a broadcast has not gone yet. */
    async handleButton(conv: Conversation, press: ButtonPress<"cancel">): Promise<Outbound[] | undefined> {
      const key = press.args[0]!;
      const { me, owner, visible } = await actor(conv);
      // Only a broadcast this person may see is found: a key from elsewhere reads as gone.
      const listed = await deps.repos.broadcasts.list(owner, SCANNED, deps.now());
      const b = (await visible(listed)).find((x) => shortKey(x._id) === key);
      if (!b) {
        // Someone else's broadcast, out of this person's reach: the answer stays "gone", but the
        // attempt is for the admins to see.
        const other = (
          owner ? await deps.repos.broadcasts.list(undefined, SCANNED, deps.now()) : listed
        ).find((x) => shortKey(x._id) === key);
        if (other)
          await audit(conv, me, "broadcast.cancel", "refused", {
            target: { kind: "broadcast", id: other._id },
          });
        return [{ text: t(conv, "brd-gone") }];
      }
      const removed =
        (await deps.repos.deliveries.cancelPending(`broadcast.${b._id}`)) +
        (await deps.repos.deliveries.cancelPending(channelPurpose(b._id)));
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
