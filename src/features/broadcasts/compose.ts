import type { Broadcast, DeliveryMessage, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { Outbox } from "../../delivery/outbox.js";
import { afterQuiet, atLocal, minutesOf, quietHoursOf } from "../../domain/reminder-time.js";
import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Conversation } from "../../engine/types.js";
import { formatDateTime } from "../../i18n/format.js";
import { createAuditLog } from "../../services/audit-log.js";
import { ackChoices, ackOf } from "./acknowledgement.js";
import { attachmentOf, attachmentTooLarge, carriesFile } from "./attachment.js";
import { type AudienceResolver, audienceOf, unitsOf } from "./audience.js";
import type { ActorOf } from "./broadcast-access.js";
import type { PostChannels } from "./post-channels.js";
import { progressTarget } from "./progress.js";
import { channelPurpose, peoplePurpose } from "./purposes.js";

/** Telegram and Slack show at most a few thousand characters; the flow allows 3,000. */
const MAX_TEXT = 3_000;

/**
 * The compute services of flows/umumkan.yaml: the preview counts exactly the people who can be
 * reached, and `create` puts the messages in the outbox under `broadcast.<id>`, now or at a time
 * in the coordinator's zone.
 */
export function createComposeServices(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "broadcasts" | "audit">;
  outbox: Pick<Outbox, "scheduleMany" | "schedulePost">;
  recipients: AudienceResolver;
  actor: ActorOf;
  channels: PostChannels;
  translate: Translate;
  now: () => Date;
}): Record<string, ComputeService> {
  const t = (conv: Conversation, key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);
  const audit = createAuditLog(deps);

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

  // A file can be attached on both platforms: Telegram sends it again by reference, Slack's sender
  // reads it and uploads it to each recipient.
  const where: ComputeService = async ({ conversation }) => ({
    setAnswers: {
      can_attach: /^(telegram|slack):/.test(conversation.identityId),
      on_slack: conversation.identityId.startsWith("slack:") && deps.channels.available(),
    },
  });

  /** A file too large to be read again for sending is refused here, and asked for again. */
  const checkAttachment: ComputeService = async ({ conversation, answers }) =>
    attachmentTooLarge(answers)
      ? { outbound: [{ text: t(conversation, "brd-attachment-too-large") }], goto: "attachment" }
      : {};

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
    const { roots } = await deps.actor(conversation);
    const { people, routes } = await deps.recipients(roots, audienceOf(answers));
    if (people.length === 0) {
      return { outbound: [{ text: t(conversation, "brd-nobody") }], goto: "audience" };
    }
    const file = attachmentOf(answers);
    // People whose platform cannot carry the file get the text with a note instead.
    const withoutFile = file ? people.filter((p) => !carriesFile(routes.get(p._id), file.channel)).length : 0;
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
      const elsewhere = file.channel === "slack" ? "brd-attached-elsewhere-slack" : "brd-attached-elsewhere";
      if (withoutFile > 0) lines.push(t(conversation, elsewhere, { count: withoutFile }));
    }
    const channel = await deps.channels.chosen((await deps.actor(conversation)).roots, answers);
    if (channel) lines.push(t(conversation, "brd-also-channel", { name: channel.name }));
    const ack = ackOf(answers);
    if (ack) lines.push(t(conversation, `brd-asks-${ack}`));
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
    const { me, roots } = await deps.actor(conversation);
    const audience = audienceOf(answers);
    const { people } = await deps.recipients(roots, audience);
    const dueAt = dueAtOf(answers, me?.timeZone ?? "Asia/Jakarta");
    const text = String(answers.message).slice(0, MAX_TEXT);
    const file = attachmentOf(answers);
    const channel = await deps.channels.chosen(roots, answers);
    const id = `b${runId.replace(/^r/, "")}`;
    const ack = ackOf(answers);
    // The coordinator's chat shows the sending as it goes, in one message edited in place.
    const progress = people.length > 0 ? progressTarget(conversation) : undefined;
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
      ...(ack ? { ack } : {}),
      ...(progress ? { progress, progressOpen: true } : {}),
    };

    /** A note on the file in the recipient's language (`key`: only on its platform, or not sent). */
    const noteOf = (locale: Person["locale"], key: string) =>
      deps.translate(locale, key, {
        // A file without a name is named by its kind, in the recipient's language.
        name:
          file?.filename ??
          deps.translate(locale, file?.kind === "photo" ? "brd-file-photo" : "brd-file-document"),
        sender: me?.name ?? deps.translate(locale, "brd-sender-unknown"),
      });
    /** The note that the file is only on its own platform. */
    const onlyThereKey = file?.channel === "slack" ? "brd-file-note-slack" : "brd-file-note";
    /**
     * The message where the file cannot go (another platform), in the recipient's language: the
     * text and a short note that a file came with it and whom to ask, since the text may well say
     * "see attached" and silence would leave them looking for it.
     */
    const textOnly = (locale: Person["locale"]): DeliveryMessage =>
      file ? { text: `${text}\n\n${noteOf(locale, onlyThereKey)}` } : { text };
    /**
     * The message where the file can go (see carriesFile): the file by its reference, the text as
     * its caption or comment, and the note that stands in for the file should it not go after all
     * (Slack reads it first: it may have been deleted, or be too large to bring over).
     */
    const withFile = (locale: Person["locale"], to: string): DeliveryMessage => {
      if (!file) return { text };
      const note = noteOf(locale, to === file.channel ? "brd-file-unsent" : onlyThereKey);
      return { text, attachment: { ...file, note } };
    };
    /** The recipient platforms that get the file itself, each with its message. */
    const fileMessages = (locale: Person["locale"]) =>
      file
        ? Object.fromEntries(
            [...new Set([file.channel, "slack"])]
              .filter((c) => carriesFile(c, file.channel))
              .map((c) => [c, answerable(withFile(locale, c), locale)]),
          )
        : undefined;
    /** A person's message carries the answer buttons, in their language, when one is asked. */
    const answerable = (m: DeliveryMessage, locale: Person["locale"]): DeliveryMessage => ({
      ...m,
      ...ackChoices(deps.translate, locale, id, ack),
    });
    // The messages first: their keys make a retried confirmation add nothing, and a crash before
    // the broadcast is stored leaves nothing unsent (the retry stores it).
    await deps.outbox.scheduleMany(
      // Each person hears it outside their own quiet hours.
      people.map((p) => ({
        personId: p._id,
        message: answerable(textOnly(p.locale), p.locale),
        ...(file ? { byChannel: fileMessages(p.locale) } : {}),
        dueAt: afterQuiet(dueAt, p.timeZone, quietHoursOf(p)),
      })),
      peoplePurpose(id),
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
        message: withFile(conversation.profile.locale, "slack"),
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
          ...(ack ? { ack } : {}),
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

  return {
    "broadcast.where": where,
    "broadcast.checkAttachment": checkAttachment,
    "broadcast.addUnit": addUnit,
    "broadcast.dropUnit": dropUnit,
    "broadcast.summary": summary,
    "broadcast.preview": preview,
    "broadcast.checkTime": checkTime,
    "broadcast.create": create,
  };
}
