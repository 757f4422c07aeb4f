import { slackSignature } from "./slack-emulator.js";

/** Slack's limits on a modal view. */
export const SLACK_VIEW_LIMITS = {
  title: 24,
  button: 24,
  blocks: 100,
  privateMetadata: 3_000,
  callbackId: 255,
  /** A trigger id may be exchanged once, within 3 seconds. */
  triggerMs: 3_000,
  /** Modals stack at most three deep (views.push). */
  stack: 3,
};

type Json = Record<string, unknown>;
/** A view as Pandu sent it (Slack's `view` object), with the id Slack gave it. */
export interface OpenView {
  id: string;
  user: string;
  view: Json;
  hash: string;
}

const plainText = (x: unknown): string | undefined =>
  x && typeof x === "object" && (x as Json).type === "plain_text" && typeof (x as Json).text === "string"
    ? ((x as Json).text as string)
    : undefined;

/**
 * The modal part of the Slack Web API, strict as Slack is: views.open needs a trigger id that Slack
 * issued (to a command or a press), used once and within 3 seconds; views.update needs a view that
 * is open (and the hash of its last state when given); views.push stacks at most three. A view is
 * refused (`invalid_arguments`) when its title or button texts are over 24 characters or not plain
 * text, it holds over 100 blocks, it has input blocks but no submit button, or its
 * private_metadata is over 3,000 characters.
 */
export class SlackViews {
  /** The modals open now, by view id (a stack per user: the last is on top). */
  readonly open = new Map<string, OpenView>();
  private readonly triggers = new Map<string, { user: string; at: number; used: boolean }>();
  private next = 1;

  constructor(private readonly now: () => number) {}

  /** A trigger id as Slack puts in a slash command or an interaction of `user`. */
  issueTrigger(user: string): string {
    const id = `${this.next++}.${user}.trigger`;
    this.triggers.set(id, { user, at: this.now(), used: false });
    return id;
  }

  /** The modal `user` sees on top, if any. */
  topOf(user: string): OpenView | undefined {
    return [...this.open.values()].filter((v) => v.user === user).at(-1);
  }

  /** Slack's complaint about a view, or undefined when it would show it. */
  viewError(view: unknown): string | undefined {
    if (!view || typeof view !== "object") return "invalid_arguments";
    const v = view as Json;
    if (v.type !== "modal") return "invalid_arguments";
    const title = plainText(v.title);
    if (!title || title.length > SLACK_VIEW_LIMITS.title) return "invalid_arguments";
    for (const k of ["submit", "close"]) {
      if (v[k] === undefined) continue;
      const text = plainText(v[k]);
      if (!text || text.length > SLACK_VIEW_LIMITS.button) return "invalid_arguments";
    }
    const blocks = Array.isArray(v.blocks) ? (v.blocks as Json[]) : undefined;
    if (!blocks || blocks.length > SLACK_VIEW_LIMITS.blocks) return "invalid_arguments";
    if (blocks.some((b) => b.type === "input") && v.submit === undefined) return "invalid_arguments";
    const ids = blocks.map((b) => b.block_id).filter((id) => id !== undefined);
    if (new Set(ids).size !== ids.length) return "invalid_arguments";
    for (const b of blocks) {
      if (b.type === "section") {
        const t = (b.text as Json | undefined)?.text;
        if (typeof t !== "string" || t.length === 0 || t.length > 3_000) return "invalid_arguments";
      }
      if (b.type === "input") {
        const label = plainText(b.label);
        const element = b.element as Json | undefined;
        if (!label || label.length > 2_000 || !element?.type) return "invalid_arguments";
        const options = element.options as { text: Json; value: string }[] | undefined;
        const inline = element.type === "radio_buttons" || element.type === "checkboxes";
        if (options && (options.length === 0 || options.length > (inline ? 10 : 100)))
          return "invalid_arguments";
        if (options?.some((o) => (plainText(o.text)?.length ?? 0) > 75 || o.value.length > 150))
          return "invalid_arguments";
      }
    }
    if (
      typeof v.private_metadata === "string" &&
      v.private_metadata.length > SLACK_VIEW_LIMITS.privateMetadata
    )
      return "invalid_arguments";
    if (typeof v.callback_id === "string" && v.callback_id.length > SLACK_VIEW_LIMITS.callbackId)
      return "invalid_arguments";
    return undefined;
  }

  /** Answers views.open, views.update and views.push; undefined for other methods. */
  answer(method: string, body: Json): Json | undefined {
    if (method !== "views.open" && method !== "views.update" && method !== "views.push") return undefined;
    const error = this.viewError(body.view);
    if (method === "views.update") {
      const current = this.open.get(String(body.view_id ?? ""));
      if (!body.view_id && !body.external_id) return { ok: false, error: "invalid_arguments" };
      if (!current) return { ok: false, error: "not_found" };
      if (body.hash !== undefined && body.hash !== current.hash) return { ok: false, error: "hash_conflict" };
      if (error) return { ok: false, error };
      current.view = body.view as Json;
      current.hash = `h${this.next++}`;
      return { ok: true, view: { ...current.view, id: current.id, hash: current.hash } };
    }
    const trigger = this.triggers.get(String(body.trigger_id ?? ""));
    if (!body.trigger_id) return { ok: false, error: "invalid_arguments" };
    if (!trigger) return { ok: false, error: "invalid_trigger_id" };
    if (trigger.used) return { ok: false, error: "exchanged_trigger_id" };
    if (this.now() - trigger.at > SLACK_VIEW_LIMITS.triggerMs)
      return { ok: false, error: "expired_trigger_id" };
    if (error) return { ok: false, error };
    const stacked = [...this.open.values()].filter((v) => v.user === trigger.user).length;
    if (method === "views.push" && stacked === 0) return { ok: false, error: "not_found" };
    if (method === "views.push" && stacked >= SLACK_VIEW_LIMITS.stack)
      return { ok: false, error: "push_limit_reached" };
    trigger.used = true;
    const opened: OpenView = {
      id: `V${String(this.next++).padStart(8, "0")}`,
      user: trigger.user,
      view: body.view as Json,
      hash: `h${this.next++}`,
    };
    this.open.set(opened.id, opened);
    return { ok: true, view: { ...opened.view, id: opened.id, hash: opened.hash } };
  }

  /**
   * Submits the modal `user` sees on top, as Slack posts it to the app (form-encoded `payload=`,
   * signed): `values` by input block id, each the element's value (`{ selected_option: … }`,
   * `{ value }`, `{ selected_date }`…). Slack's client only submits what it could: every value for
   * an input block of the view, a required one filled, options among those offered. The app's
   * answer is applied as Slack applies it (update, errors, clear, or closed when empty).
   */
  async submit(
    endpoint: { baseUrl: string; secret: string; team: string },
    user: string,
    values: Record<string, Json>,
  ): Promise<{ status: number; response?: Json; errors?: Record<string, string> }> {
    const top = this.topOf(user);
    if (!top) throw new Error(`no modal is open for ${user}`);
    const inputs = ((top.view.blocks as Json[]) ?? []).filter((b) => b.type === "input");
    const state: Record<string, Record<string, Json>> = {};
    for (const [blockId, value] of Object.entries(values)) {
      const block = inputs.find((b) => b.block_id === blockId);
      if (!block) throw new Error(`the modal has no input block ${blockId}`);
      const element = block.element as Json;
      const offered = ((element.options as { value: string }[] | undefined) ?? []).map((o) => o.value);
      const picked = [
        ...((value.selected_option as { value: string } | undefined)
          ? [(value.selected_option as Json).value]
          : []),
        ...(((value.selected_options as Json[] | undefined) ?? []).map((o) => o.value) as string[]),
      ];
      if (picked.some((p) => !offered.includes(String(p))))
        throw new Error(`${blockId} offers no such option`);
      state[blockId] = { [String(element.action_id)]: { type: element.type, ...value } };
    }
    for (const b of inputs)
      if (!b.optional && !values[String(b.block_id)]) throw new Error(`${String(b.block_id)} is required`);
    // The app may update the view itself (views.update) once it answered: that comes after.
    const hashAtSubmit = top.hash;
    return this.post(endpoint, {
      type: "view_submission",
      team: { id: endpoint.team, domain: "pandu" },
      user: { id: user, team_id: endpoint.team },
      api_app_id: "A01",
      trigger_id: this.issueTrigger(user),
      view: { ...top.view, id: top.id, hash: top.hash, team_id: endpoint.team, state: { values: state } },
    }).then(async (res) => {
      const text = await res.text();
      const response = text ? (JSON.parse(text) as Json) : undefined;
      if (!response) this.open.delete(top.id);
      else if (response.response_action === "update") {
        const error = this.viewError(response.view);
        if (error) throw new Error(`Slack would refuse the updated view: ${error}`);
        if (top.hash === hashAtSubmit) {
          top.view = response.view as Json;
          top.hash = `h${this.next++}`;
        }
      } else if (response.response_action === "clear") {
        for (const v of [...this.open.values()]) if (v.user === user) this.open.delete(v.id);
      } else if (response.response_action === "errors") {
        return { status: res.status, response, errors: response.errors as Record<string, string> };
      }
      return { status: res.status, ...(response ? { response } : {}) };
    });
  }

  /** Closes the modal `user` sees on top with its close button; Slack tells the app if it asked to be. */
  async close(
    endpoint: { baseUrl: string; secret: string; team: string },
    user: string,
  ): Promise<number | undefined> {
    const top = this.topOf(user);
    if (!top) throw new Error(`no modal is open for ${user}`);
    this.open.delete(top.id);
    if (top.view.notify_on_close !== true) return undefined;
    const res = await this.post(endpoint, {
      type: "view_closed",
      team: { id: endpoint.team, domain: "pandu" },
      user: { id: user, team_id: endpoint.team },
      api_app_id: "A01",
      view: { ...top.view, id: top.id, hash: top.hash, team_id: endpoint.team, state: { values: {} } },
      is_cleared: false,
    });
    return res.status;
  }

  private post(endpoint: { baseUrl: string; secret: string }, payload: Json): Promise<Response> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return fetch(`${endpoint.baseUrl}/slack/events`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        ...slackSignature(endpoint.secret, body),
      },
      body,
    });
  }
}
