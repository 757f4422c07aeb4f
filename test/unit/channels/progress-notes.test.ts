import { describe, expect, it } from "vitest";
import { createProgressNotes, type ProgressNote } from "../../../src/channels/progress-notes.js";

/** A sender whose sends finish only when the test lets them. */
function gatedSender() {
  const sent: string[] = [];
  const gates: (() => void)[] = [];
  const send = (note: ProgressNote) =>
    new Promise<void>((resolve) => {
      sent.push(note.text);
      gates.push(resolve);
    });
  const release = async () => {
    gates.shift()?.();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { sent, send, release };
}

describe("progress notes", () => {
  it("never holds up the work while the chat's send budget holds up the notes", async () => {
    const s = gatedSender();
    const notes = createProgressNotes(s.send);
    // The first note is waited for: the work starts once the person has been told.
    let told = false;
    const first = notes.progress({ text: "sedang menyiapkan", replace: "export" }).then(() => {
      told = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(told).toBe(false);
    await s.release();
    await first;
    await notes.progress({ text: "1000 dari 50000", replace: "export" });
    // 49 more counts while that one is still on its way: the work went on without waiting.
    for (let done = 2_000; done <= 50_000; done += 1_000)
      await notes.progress({ text: `${done} dari 50000`, replace: "export" });
    expect(s.sent).toEqual(["sedang menyiapkan", "1000 dari 50000"]);
    await s.release();
    // Only the newest count follows; the 48 stale ones were never sent.
    expect(s.sent).toEqual(["sedang menyiapkan", "1000 dari 50000", "50000 dari 50000"]);
    let settled = false;
    const done = notes.settled().then(() => {
      settled = true;
    });
    await new Promise((r) => setTimeout(r, 0));
    expect(settled).toBe(false);
    await s.release();
    await done;
    expect(settled).toBe(true);
  });

  it("sends notes of different kinds each, in order", async () => {
    const s = gatedSender();
    const notes = createProgressNotes(s.send);
    const first = notes.progress({ text: "a", replace: "import" });
    await s.release();
    await first;
    await notes.progress({ text: "b" });
    await notes.progress({ text: "c", replace: "export" });
    await notes.progress({ text: "d" });
    for (let i = 0; i < 3; i++) await s.release();
    await notes.settled();
    expect(s.sent).toEqual(["a", "b", "c", "d"]);
  });

  it("goes on after a note that failed", async () => {
    const sent: string[] = [];
    const notes = createProgressNotes(async (note) => {
      sent.push(note.text);
      if (note.text === "a") throw new Error("429");
    });
    await notes.progress({ text: "a" });
    await notes.progress({ text: "b" });
    await notes.settled();
    expect(sent).toEqual(["a", "b"]);
  });
});
