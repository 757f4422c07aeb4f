import type { Locale } from "../i18n/locales.js";

/**
 * Kinds of message a channel passes on that Pandu cannot read yet. The reply names the kind in the
 * person's language (`media-<kind>` in locales/*.ftl), so a channel sends the kind, never a word.
 */
export const MEDIA_KINDS = [
  "sticker",
  "photo",
  "document",
  "voice",
  "video",
  "audio",
  "location",
  "contact",
  "animation",
  "poll",
  "message",
] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** What a person sent, already normalised by a channel adapter. */
export type Inbound =
  | { kind: "command"; command: string; args: string }
  | { kind: "text"; text: string }
  /** A button press; `data` is the opaque callback data the engine issued (never trusted). */
  | { kind: "button"; data: string }
  /**
   * An answer given in a form field (a Slack modal) to the question shown at `seq` of run `runId`:
   * addressed like a button press (never trusted: the run must be the person's, the seq current).
   */
  | { kind: "form"; runId: string; seq: number; answer: FormAnswer }
  /** A photo or document the person sent; the bytes stay on the platform until a service reads them. */
  | { kind: "file"; file: IncomingFile }
  /** A sticker, voice note… anything the current step cannot take. */
  | { kind: "unsupported"; what: MediaKind }
  /**
   * A message the person edited after sending it (Telegram). `text` is the new text, absent when
   * it is no plain text (a command, a caption); `sentAt` is when the original was sent; `latest`
   * says no message of the person's came after it.
   */
  | { kind: "edit"; text?: string; sentAt: Date; latest: boolean };

/**
 * What a form field held: typed text, the tokens of the options picked (`Asking.options`), or
 * nothing at a question that may be skipped.
 */
export type FormAnswer = { text: string } | { picks: string[] } | { skip: true };

/** A file reference from a channel: enough to fetch it later, never the bytes themselves. */
export interface IncomingFile {
  kind: "photo" | "document";
  channel: string;
  fileId: string;
  mime: string;
  name?: string;
  size?: number;
}

/** A button on an outbound message: `data` comes back verbatim in an Inbound button. */
export interface Choice {
  data: string;
  label: string;
  /**
   * A button that opens this address instead of answering (Telegram's URL buttons); channels
   * without them leave it out, so the address must be in the text too.
   */
  url?: string;
  /** Navigation (back, skip, done) rather than an answer; text channels show it as a word to type. */
  nav?: "back" | "skip" | "done";
}

/** One channel-neutral message. Adapters render it in their own idiom. */
export interface Outbound {
  text: string;
  /** Rows of buttons. */
  choices?: Choice[][];
  /**
   * Replace the message the person just answered (the question) with this text, instead of
   * sending a new one: keeps the chat free of stale buttons.
   */
  replacesPrompt?: boolean;
  /** An attachment, e.g. a chart or a JSON/CSV file. */
  media?: { kind: "photo" | "document"; filename: string; mime: string; bytes: Uint8Array };
  /** Set on a flow's question: what it takes, for channels that show it as a form field. */
  asks?: Asking;
}

/**
 * The open question of a run, channel-neutral, for a form (a Slack modal): which kind of field it
 * takes and what it offers. A form's answer comes back as an Inbound `form` with `runId` and `seq`.
 */
export interface Asking {
  runId: string;
  seq: number;
  /** The question as a form shows it: the text without the chat's hints on how to answer. */
  text: string;
  /** The flow's title, in the language of the run. */
  title: string;
  locale: Locale;
  /** `choice` also stands for a Likert scale; `confirm` offers the tokens y and n. */
  field: "choice" | "multi" | "confirm" | "text" | "number" | "date" | "file";
  /** The options, in order: `token` is what a form sends back in `picks`. */
  options: { token: string; label: string }[];
  /** Typed words look the options up (a list from a source): a form may offer a search field. */
  searchable: boolean;
  skippable: boolean;
  /** The most characters a text answer may have, when the question says. */
  maxLength?: number;
  /** Why the answer just given was refused, in the person's language (the reply before says it too). */
  refused?: string;
}

/**
 * Tells the person that slow work has started, before its replies come: the channel sends `text`
 * at once (Telegram also shows its "typing…" or "sending a file…" status when `preparing` says
 * what comes: a text, a document or a photo). A note with `replace` takes the place of the earlier
 * note with the same key while the same message is answered: edited in place where the channel
 * can (Telegram, Slack), else sent as a new note. A failure to send it is the channel's to log:
 * the work goes on.
 */
export type Progress = (note: {
  text: string;
  preparing?: "text" | "document" | "photo";
  replace?: string;
}) => Promise<void>;

/** Who is talking, as far as the engine needs to know. */
export interface Profile {
  personId?: string;
  locale: Locale;
  tier?: string;
  instansiId?: string;
  unitId?: string;
  jabatanId?: string;
  regionId?: string;
  /** The person's IANA time zone, where dates they read are given in. */
  timeZone?: string;
  hasNip: boolean;
  onboarded: boolean;
}

/** The person and channel a message belongs to. */
export interface Conversation {
  identityId: string;
  /** Person id once onboarded; before that the identity id stands in (see flow runs). */
  subjectId: string;
  profile: Profile;
}
