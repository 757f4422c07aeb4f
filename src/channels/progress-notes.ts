import type { Progress } from "../engine/types.js";

/** One progress note, as the engine gives it to a channel. */
export type ProgressNote = Parameters<Progress>[0];

/**
 * Progress notes for one piece of work: the first is sent before the work goes on, the later ones
 * in the background, in order. A newer note with the same `replace` key takes
 * the place of one not sent yet, so slow work never waits for the chat's send budget (one message
 * a second in a chat: an export's 50 counts once held it up for 100 s) and a stale count is skipped.
 * `settled` resolves when every note taken so far is out; replies go after it, so they stay last.
 */
export function createProgressNotes(send: (note: ProgressNote) => Promise<void>): {
  progress: Progress;
  settled: () => Promise<void>;
} {
  const waiting: ProgressNote[] = [];
  let sending: Promise<void> | undefined;
  let first = true;

  async function drain(): Promise<void> {
    for (let note = waiting.shift(); note; note = waiting.shift()) {
      // The adapters' senders log their own failures; a note that throws anyway must not stop the rest.
      await send(note).catch(() => undefined);
    }
    sending = undefined;
  }

  return {
    progress: async (note) => {
      const same = note.replace === undefined ? -1 : waiting.findIndex((w) => w.replace === note.replace);
      if (same >= 0) waiting[same] = note;
      else waiting.push(note);
      sending ??= drain();
      // The first note is waited for: the person hears that work is starting before it starts.
      if (first) {
        first = false;
        await sending;
      }
    },
    settled: async () => {
      while (sending) await sending;
    },
  };
}
