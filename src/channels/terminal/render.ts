import type { Choice, Outbound } from "../../engine/types.js";

/** What a typed line means after a message with buttons: numbers pick options, words pick navigation. */
export interface TerminalKeys {
  options: Choice[];
  nav: Map<string, Choice>;
}

const NAV_WORDS: Record<NonNullable<Choice["nav"]>, string[]> = {
  back: ["kembali", "back"],
  skip: ["lewati", "skip"],
  done: ["selesai", "done"],
};

/** Renders replies as plain text with numbered choices, and the keys that answer them. */
export function renderForTerminal(replies: Outbound[]): { text: string; keys?: TerminalKeys } {
  const parts: string[] = [];
  let keys: TerminalKeys | undefined;
  for (const reply of replies) {
    if (reply.replacesPrompt && !reply.choices) {
      // The chat already shows the question; repeat only the answer it recorded.
      const answered = reply.text.split("\n").filter((l) => l.startsWith("✅"));
      parts.push(answered.length ? `  ${answered.join("\n  ")}` : reply.text);
      continue;
    }
    const lines = [reply.text];
    if (reply.choices) {
      // Address buttons are left out: the address is in the text.
      const options = reply.choices.flat().filter((c) => !c.nav && !c.url);
      const navs = reply.choices.flat().filter((c) => c.nav);
      for (const [i, c] of options.entries()) lines.push(`  ${i + 1}) ${c.label}`);
      // The renderer does not know the person's language, so it names both words that work.
      if (navs.length)
        lines.push(`  (${navs.map((c) => `${c.label}: ${NAV_WORDS[c.nav!].join(" / ")}`).join(" · ")})`);
      keys = { options, nav: new Map(navs.flatMap((c) => NAV_WORDS[c.nav!].map((w) => [w, c] as const))) };
    } else {
      keys = undefined;
    }
    // A sign rather than a word for the kind: the renderer does not know the person's language.
    if (reply.media) lines.push(`  [${reply.media.kind === "photo" ? "🖼️" : "📎"} ${reply.media.filename}]`);
    parts.push(lines.join("\n"));
  }
  return { text: parts.join("\n\n"), keys };
}
