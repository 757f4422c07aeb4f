import type { types } from "@slack/bolt";

type KnownBlock = types.KnownBlock;

import type { Outbound } from "../../engine/types.js";
import type { HomeSummary } from "../../services/home.js";
import { splitAtBreaks } from "../split-text.js";

/** Slack shows at most 3000 characters in a section and 25 elements in an actions block. */
const MAX_SECTION = 3000;

/** Escapes the three characters Slack treats as markup in message text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * A message's `text` (its notification and fallback, which Slack reads as mrkdwn): escaped, so no
 * `<!channel>`, `<@U…>` or `<https://…|disguised link>` written by a person or a coordinator
 * becomes markup, and cut to Slack's length without leaving half an escape at the end.
 */
export function slackText(text: string, max = MAX_SECTION): string {
  const escaped = escapeSlack(text);
  return escaped.length <= max ? escaped : escaped.slice(0, max).replace(/&[a-z]{0,3}$/, "");
}

/** Whether `text` goes whole as a file's comment (slackText would not cut it). */
export function fitsComment(text: string): boolean {
  return escapeSlack(text).length <= MAX_SECTION;
}

/** Block Kit for one reply: plain-text sections (never markup) and button rows. */
export function toBlocks(reply: Outbound): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < reply.text.length; i += MAX_SECTION) {
    blocks.push({
      type: "section",
      text: { type: "plain_text", text: reply.text.slice(i, i + MAX_SECTION), emoji: true },
    });
  }
  reply.choices?.forEach((all, r) => {
    // An address button would come back as a press: the address is in the text instead.
    const row = all.filter((c) => !c.url);
    if (row.length === 0) return;
    blocks.push({
      type: "actions",
      block_id: `pandu_row_${r}`,
      elements: row.slice(0, 25).map((c, i) => ({
        type: "button" as const,
        action_id: `pandu_${r}_${i}`,
        text: { type: "plain_text" as const, text: c.label.slice(0, 75), emoji: true },
        value: c.data,
      })),
    });
  });
  return blocks;
}

/** Slack refuses a message of more than 50 blocks (invalid_blocks). */
const MAX_BLOCKS = 50;

/** One Slack message: its fallback text and its blocks. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

/**
 * A reply as the Slack messages it takes: a text longer than one message's blocks hold is split at
 * a paragraph or line break (never cut), with the buttons under the last part.
 */
export function slackMessages(reply: Outbound): SlackMessage[] {
  const rows = toBlocks({ text: "", ...(reply.choices ? { choices: reply.choices } : {}) }).length;
  const parts = splitAtBreaks(reply.text, Math.max(1, MAX_BLOCKS - rows) * MAX_SECTION);
  return parts.map((text, i) => {
    const part: Outbound =
      i === parts.length - 1 && reply.choices ? { text, choices: reply.choices } : { text };
    return { text: slackText(text), blocks: toBlocks(part) };
  });
}

/**
 * App Home blocks: a header, a short section and a row of buttons per part of the summary. The
 * buttons carry the chat's own button data, so a press goes through the same path as one in a
 * message (its replies go to the person's direct message: a view has no conversation).
 */
export function homeBlocks(summary: HomeSummary): KnownBlock[] {
  return summary.sections.flatMap((s, i): KnownBlock[] => {
    const buttons = (s.choices ?? []).filter((c) => !c.url).slice(0, 25);
    return [
      ...(i > 0 ? [{ type: "divider" } as KnownBlock] : []),
      { type: "header", text: { type: "plain_text", text: s.heading.slice(0, 150), emoji: true } },
      ...(s.lines.length
        ? [
            {
              type: "section",
              text: { type: "plain_text", text: s.lines.join("\n").slice(0, MAX_SECTION), emoji: true },
            } as KnownBlock,
          ]
        : []),
      ...(buttons.length
        ? [
            {
              type: "actions",
              block_id: `pandu_home_${i}`,
              elements: buttons.map((c, j) => ({
                type: "button" as const,
                action_id: `pandu_home_${i}_${j}`,
                text: { type: "plain_text" as const, text: c.label.slice(0, 75), emoji: true },
                value: c.data,
              })),
            } as KnownBlock,
          ]
        : []),
    ];
  });
}
