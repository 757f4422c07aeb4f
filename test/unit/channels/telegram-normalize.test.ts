import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { normalizeUpdate } from "../../../src/channels/telegram/normalize.js";

const edited = (fields: Record<string, unknown>): Update =>
  ({
    update_id: 1,
    edited_message: {
      message_id: 42,
      date: 1_700_000_000,
      edit_date: 1_700_000_060,
      chat: { id: 7, type: "private", first_name: "ASN" },
      from: { id: 7, is_bot: false, first_name: "ASN", language_code: "id" },
      ...fields,
    },
  }) as unknown as Update;

describe("a Telegram edited message", () => {
  it("becomes an edit with its new text, when it was sent and its message id", () => {
    expect(normalizeUpdate(edited({ text: "Rina Lestari" }), "PanduBot")).toMatchObject({
      userId: 7,
      chatId: 7,
      privateChat: true,
      messageId: 42,
      inbound: { kind: "edit", text: "Rina Lestari", sentAt: new Date(1_700_000_000_000), latest: true },
    });
  });

  it("carries no text for an edited command or caption: neither is read as an answer", () => {
    expect(normalizeUpdate(edited({ text: "/asesmen" }), "PanduBot")?.inbound).toEqual({
      kind: "edit",
      sentAt: new Date(1_700_000_000_000),
      latest: true,
    });
    expect(normalizeUpdate(edited({ caption: "sertifikat" }), "PanduBot")?.inbound).not.toHaveProperty(
      "text",
    );
  });

  it("ignores a bot's edits", () => {
    expect(
      normalizeUpdate(edited({ text: "x", from: { id: 1, is_bot: true, first_name: "B" } }), "PanduBot"),
    ).toBe(undefined);
  });
});
