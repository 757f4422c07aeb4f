/**
 * A message Pandu posts on its own and edits later from background work, such as a broadcast's
 * progress shown to the coordinator who sent it. Implemented by each channel adapter that can edit
 * its messages (Telegram editMessageText, Slack chat.update).
 */
export interface StatusMessages {
  channel: string;
  /** Posts `text` to `address` (a person's chat); returns the platform's reference to edit it by. */
  post(address: string, text: string): Promise<string>;
  /**
   * Replaces the text of the message `ref` at `address`. "gone" when the platform no longer has
   * it (deleted, too old): the caller posts a new one. An unchanged text is no error. Other
   * failures (rate limits, the network) throw, and the caller tries again later.
   */
  edit(address: string, ref: string, text: string): Promise<"edited" | "gone">;
}
