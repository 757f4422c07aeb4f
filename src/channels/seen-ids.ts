/**
 * Telegram re-delivers an update it thinks we missed (after a webhook timeout). Remembering recent
 * update ids per process drops those repeats; the engine's claims still keep a repeat that reaches
 * another instance from recording twice. (Slack's repeats go through `repeats.ts`.)
 */
export class SeenIds {
  private readonly ids = new Set<string>();
  constructor(private readonly capacity = 10_000) {}

  /** True the first time an id is seen (and for a missing id). */
  first(id: string | number | undefined): boolean {
    if (id === undefined) return true;
    const key = String(id);
    if (this.ids.has(key)) return false;
    this.ids.add(key);
    if (this.ids.size > this.capacity) this.ids.delete(this.ids.values().next().value!);
    return true;
  }
}
