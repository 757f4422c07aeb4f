import type { types } from "@slack/bolt";
import { z } from "zod";
import type { Translate } from "../../engine/text.js";
import type { Asking, FormAnswer, Outbound } from "../../engine/types.js";
import { LOCALES, type Locale } from "../../i18n/locales.js";
import { toBlocks } from "./render.js";

type KnownBlock = types.KnownBlock;
type ModalView = types.ModalView;

/** The commands whose flow opens in a modal from `/pandu <command>`; typed in chat they stay Q&A. */
export const MODAL_COMMANDS = ["selesai", "umumkan", "profil"] as const;

/** The callback id of every flow modal Pandu opens. */
export const FLOW_CALLBACK = "pandu_flow";

/** Slack's limits on a modal: a 24-character title and button texts, 100 blocks, 3,000 a section. */
const MAX_TITLE = 24;
const MAX_BLOCKS = 100;
const MAX_SECTION = 3_000;
/** Radio buttons and checkboxes hold 10 options; a select holds 100, each label 75 characters. */
const MAX_INLINE_OPTIONS = 10;
const MAX_SELECT_OPTIONS = 100;
const MAX_OPTION_TEXT = 75;
/** A text answer longer than this gets a multi-line field. */
const MULTILINE_FROM = 150;

/** The block and action ids of the answer field and of the search field beside a long list. */
const ANSWER = "answer";
const SEARCH = "search";
const VALUE = "value";

/**
 * What a flow modal keeps in private_metadata: the run and seq its question belongs to, and the
 * command that opened it. Slack hands it back as it was, but it is read as hostile all the same:
 * the engine checks the run is the person's own and the seq current, like a button's data.
 */
const metadataSchema = z.object({
  r: z.string().regex(/^[a-z0-9]{1,40}$/),
  s: z.number().int().min(0).max(999_999_999),
  c: z.enum(MODAL_COMMANDS),
  /** The run's language, for what is said once the modal is gone (closed, or working late). */
  l: z.enum(LOCALES),
});
export type ModalMetadata = z.infer<typeof metadataSchema>;

/** Cuts `text` to `max` characters, with an ellipsis when cut. */
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const plain = (text: string, max = MAX_SECTION) => ({
  type: "plain_text" as const,
  text: cut(text, max),
  emoji: true,
});

/** Plain-text sections for a text of any length (never markup), split at Slack's section size. */
function sections(text: string): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < text.length; i += MAX_SECTION)
    blocks.push({ type: "section", text: plain(text.slice(i, i + MAX_SECTION)) });
  return blocks;
}

/** The question a flow's replies end at, if they end at one (the flow goes on). */
export function openQuestion(replies: Outbound[]): (Outbound & { asks: Asking }) | undefined {
  const last = replies.at(-1);
  return last?.asks ? (last as Outbound & { asks: Asking }) : undefined;
}

/** What a modal shows of the replies before its question: their text (a chat's echoes left out). */
function contextBlocks(replies: Outbound[]): KnownBlock[] {
  return replies
    .filter((r) => !r.replacesPrompt && r.text)
    .flatMap((r) => [...sections(r.text), { type: "divider" } as KnownBlock]);
}

/** The input element for a question, or undefined when a modal cannot take its answer (a file). */
function answerElement(asks: Asking): types.InputBlockElement | undefined {
  const options = asks.options.slice(0, MAX_SELECT_OPTIONS).map((o) => ({
    text: plain(o.label, MAX_OPTION_TEXT),
    value: o.token,
  }));
  const inline = options.length <= MAX_INLINE_OPTIONS;
  switch (asks.field) {
    case "choice":
    case "confirm":
      return inline && !asks.searchable
        ? { type: "radio_buttons", action_id: VALUE, options }
        : { type: "static_select", action_id: VALUE, options };
    case "multi":
      return inline
        ? { type: "checkboxes", action_id: VALUE, options }
        : { type: "multi_static_select", action_id: VALUE, options };
    case "date":
      return { type: "datepicker", action_id: VALUE };
    case "text":
    case "number": {
      const max = Math.min(asks.maxLength ?? MAX_SECTION, MAX_SECTION);
      return {
        type: "plain_text_input",
        action_id: VALUE,
        max_length: max,
        ...(asks.field === "text" && max > MULTILINE_FROM ? { multiline: true } : {}),
      };
    }
    case "file":
      return undefined;
  }
}

/** Words a modal needs, in the run's language. */
const wordsFor = (translate: Translate, locale: Locale) => (key: string) => translate(locale, key);

/**
 * The modal showing a flow's open question: the replies before it as text, the question, and one
 * input matching what it takes (a search field too beside a list from a source). A file step,
 * which a modal cannot take, says how to go on instead: skipped here, or answered in the chat.
 * `note` goes on top (the answer could not be checked in time and was refused).
 */
export function questionView(
  replies: Outbound[],
  question: Outbound & { asks: Asking },
  command: ModalMetadata["c"],
  translate: Translate,
  note?: string,
): ModalView {
  const { asks } = question;
  const w = wordsFor(translate, asks.locale);
  const element = answerElement(asks);
  const withList = asks.field === "choice" || asks.field === "multi" || asks.field === "confirm";
  // A list from a source is searched with typed words: then neither field is required alone.
  const optional = asks.skippable || asks.searchable || (withList && asks.options.length === 0);
  const field: KnownBlock[] = [];
  if (element && !(withList && asks.options.length === 0)) {
    field.push({
      type: "input",
      block_id: ANSWER,
      optional,
      label: plain(w("slack-modal-answer"), 2_000),
      element,
    } as KnownBlock);
  }
  if (withList && asks.searchable) {
    field.push({
      type: "input",
      block_id: SEARCH,
      optional: true,
      label: plain(w("slack-modal-search"), 2_000),
      element: { type: "plain_text_input", action_id: VALUE, max_length: 200 },
    } as KnownBlock);
  }
  const fileNote =
    asks.field === "file"
      ? sections(w(asks.skippable ? "slack-modal-file-skip" : "slack-modal-file-chat"))
      : [];
  const body = [
    ...(note ? [...sections(note), { type: "divider" } as KnownBlock] : []),
    ...contextBlocks(replies.filter((r) => r !== question)),
    ...sections(question.asks.text),
    ...fileNote,
  ];
  // Never over Slack's block limit: the oldest context gives way to the question and its field.
  const blocks = [...body.slice(-(MAX_BLOCKS - field.length)), ...field];
  const metadata: ModalMetadata = { r: asks.runId, s: asks.seq, c: command, l: asks.locale };
  const answerable = asks.field !== "file" || asks.skippable;
  return {
    type: "modal",
    callback_id: FLOW_CALLBACK,
    title: plain(asks.title, MAX_TITLE),
    close: plain(w("slack-modal-close"), MAX_TITLE),
    ...(answerable
      ? { submit: plain(w(asks.field === "file" ? "nav-skip" : "slack-modal-submit"), MAX_TITLE) }
      : {}),
    private_metadata: JSON.stringify(metadata),
    // Closing a question is told, so the chat can say the answers so far are kept.
    notify_on_close: answerable,
    blocks,
  };
}

/**
 * The modal at the end of a flow (or when it could not go on in a modal): its replies, buttons
 * included (a press inside a modal is answered in the direct message), and only a close button.
 */
export function finalView(
  replies: Outbound[],
  title: string,
  locale: Locale,
  translate: Translate,
): ModalView {
  const shown = replies.filter((r) => !r.replacesPrompt && (r.text || r.choices));
  const blocks = shown.flatMap((r, i) => [
    ...(i > 0 ? [{ type: "divider" } as KnownBlock] : []),
    ...toBlocks({ text: r.text, ...(r.choices ? { choices: r.choices } : {}) }),
  ]);
  return {
    type: "modal",
    title: plain(title, MAX_TITLE),
    close: plain(translate(locale, "slack-modal-close"), MAX_TITLE),
    blocks: blocks.length > 0 ? blocks.slice(0, MAX_BLOCKS) : sections("✓"),
  };
}

/** The modal shown while an answer takes longer than Slack waits for the reply to a submission. */
export function workingView(title: string, locale: Locale, translate: Translate): ModalView {
  return {
    type: "modal",
    title: plain(title, MAX_TITLE),
    close: plain(translate(locale, "slack-modal-close"), MAX_TITLE),
    blocks: sections(translate(locale, "slack-modal-working")),
  };
}

/** The field errors for a refused answer, when the view has the field to show them on. */
export function fieldErrors(view: ModalView, refused: string): Record<string, string> | undefined {
  const blocks = view.blocks as { type: string; block_id?: string }[];
  const on = blocks.find((b) => b.type === "input")?.block_id;
  return on ? { [on]: refused } : undefined;
}

const pick = z.string().regex(/^(o\d{1,3}|y|n)$/);
const elementState = z.object({
  type: z.string().max(40),
  value: z.string().max(5_000).nullish(),
  selected_option: z.object({ value: pick }).nullish(),
  selected_options: z
    .array(z.object({ value: pick }))
    .max(MAX_SELECT_OPTIONS)
    .nullish(),
  selected_date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish(),
});
const blockState = z.record(z.string().max(255), elementState);

/** A view_submission or view_closed of a flow modal, as far as Pandu reads it. */
export const flowViewPayload = z.object({
  type: z.enum(["view_submission", "view_closed"]),
  team: z.object({ id: z.string().regex(/^[A-Z0-9]{1,30}$/) }).nullish(),
  user: z.object({
    id: z.string().regex(/^[A-Z0-9]{1,30}$/),
    team_id: z
      .string()
      .regex(/^[A-Z0-9]{1,30}$/)
      .optional(),
  }),
  view: z.object({
    id: z.string().regex(/^V[A-Z0-9]{1,30}$/),
    callback_id: z.literal(FLOW_CALLBACK),
    title: z.object({ text: z.string().max(100) }).optional(),
    private_metadata: z.string().max(3_000),
    state: z.object({ values: z.record(z.string().max(255), blockState) }).optional(),
  }),
});
export type FlowViewPayload = z.infer<typeof flowViewPayload>;

/** The metadata a flow modal was opened with, or undefined when it is not Pandu's. */
export function readMetadata(raw: string): ModalMetadata | undefined {
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The answer a submitted modal holds: words typed in the search field (they look the list up), the
 * options picked, a date, typed text, or nothing (a skip; the engine refuses it where it may not).
 */
export function answerOf(values: NonNullable<FlowViewPayload["view"]["state"]>["values"]): FormAnswer {
  const search = values[SEARCH]?.[VALUE]?.value?.trim();
  if (search) return { text: search };
  const field = values[ANSWER]?.[VALUE];
  if (!field) return { skip: true };
  if (field.selected_options) return { picks: field.selected_options.map((o) => o.value) };
  if (field.selected_option) return { picks: [field.selected_option.value] };
  if (field.selected_date) return { text: field.selected_date };
  if (field.value?.trim()) return { text: field.value };
  return { skip: true };
}
