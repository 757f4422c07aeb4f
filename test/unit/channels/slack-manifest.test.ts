import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { webApi } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../../../src/paths.js";

// The Slack app manifest against the code: every Web API method the Slack adapter calls and every
// event it subscribes to needs its scope (and event) in the manifest, and the manifest asks for
// nothing the code does not use (a workspace admin approves each scope).

const SLACK_DIR = resolve(REPO_ROOT, "src/channels/slack");

/** The bot scopes each Web API method needs (Slack's method reference); [] for none. */
const METHOD_SCOPES: Record<string, string[]> = {
  "auth.test": [],
  "chat.postMessage": ["chat:write"],
  "chat.update": ["chat:write"],
  "chat.delete": ["chat:write"],
  "chat.postEphemeral": ["chat:write"],
  "conversations.open": ["im:write"],
  // Pandu lists public and private channels (types=public_channel,private_channel).
  "conversations.list": ["channels:read", "groups:read"],
  "files.uploadV2": ["files:write"],
  "files.getUploadURLExternal": ["files:write"],
  "files.completeUploadExternal": ["files:write"],
  "files.info": ["files:read"],
  // Views are opened with a trigger id or published to a user: no scope beyond the command's.
  "views.publish": [],
  "views.open": [],
  "views.update": [],
  "views.push": [],
  "users.info": ["users:read"],
  "reactions.add": ["reactions:write"],
};

/** The manifest's bot events and the scopes each event handler in the code needs. */
const EVENTS: Record<string, { events: string[]; scopes: string[] }> = {
  // Only direct messages are read (channel_type "im").
  message: { events: ["message.im"], scopes: ["im:history"] },
  app_home_opened: { events: ["app_home_opened"], scopes: [] },
  // Only acknowledged (the message.im event carries the same share): Pandu needs no subscription.
  file_shared: { events: [], scopes: [] },
  app_mention: { events: ["app_mention"], scopes: ["app_mentions:read"] },
};

/** Uses other than Web API methods that need a scope: a file's bytes are fetched from url_private. */
const OTHER_USES: { pattern: RegExp; scopes: string[] }[] = [
  { pattern: /\burl_private(_download)?\b/, scopes: ["files:read"] },
];

interface Manifest {
  features: {
    app_home?: { home_tab_enabled?: boolean; messages_tab_enabled?: boolean };
    bot_user?: { display_name: string };
    slash_commands?: { command: string; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled?: boolean;
  };
}

const manifest = parse(readFileSync(join(SLACK_DIR, "manifest.yaml"), "utf8")) as Manifest;

/** Every source file of the Slack adapter, in subfolders too, without comments. */
function sources(): { file: string; code: string }[] {
  return (readdirSync(SLACK_DIR, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts") && !f.endsWith(".test.ts"))
    .map((file) => ({ file, code: withoutComments(readFileSync(join(SLACK_DIR, file), "utf8")) }));
}

/** Code without /* … *\/ blocks and // line comments (a URL's "://" is kept). */
function withoutComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

const client = new webApi.WebClient() as unknown as Record<string, unknown>;
/**
 * Whether `path` (e.g. chat.postMessage, admin.users.list) is a method of Slack's WebClient: its
 * method groups are plain objects (the client's logger, also a property, is an instance).
 */
function isWebApiMethod(path: string[]): boolean {
  let at: unknown = client;
  for (const part of path.slice(0, -1)) {
    at = (at as Record<string, unknown>)[part];
    if (typeof at !== "object" || at === null || Object.getPrototypeOf(at) !== Object.prototype) return false;
  }
  return typeof (at as Record<string, unknown>)[path.at(-1)!] === "function";
}

/**
 * The Web API methods `code` calls: any dotted call whose last two or three names are a method of
 * the WebClient (`client.chat.postMessage(`, `this.web.files.info(`), and `apiCall("a.b", …)`.
 */
function webApiCalls(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/([A-Za-z_$][\w$]*(?:\s*\??\.\s*[A-Za-z_$][\w$]*)+)\s*\(/g)) {
    const parts = m[1]!.split(/\s*\??\.\s*/);
    for (const n of [3, 2]) {
      const path = parts.slice(-n);
      if (path.length === n && isWebApiMethod(path)) {
        found.add(path.join("."));
        break;
      }
    }
  }
  for (const m of code.matchAll(/\bapiCall\(\s*["'`]([\w.]+)["'`]/g)) found.add(m[1]!);
  return found;
}

/** The events the code subscribes to: `app.event("x")`, and `app.message(` as "message". */
function subscribedEvents(code: string): Set<string> {
  const found = new Set<string>();
  for (const m of code.matchAll(/\.event\(\s*["'`]([\w.]+)["'`]/g)) found.add(m[1]!);
  if (/\bapp\.message\(/.test(code)) found.add("message");
  return found;
}

/** What the code uses, by kind, over every Slack source file. */
function usage() {
  const methods = new Map<string, string[]>();
  const events = new Set<string>();
  const other = new Set<string>();
  let commands = false;
  let interactive = false;
  for (const { file, code } of sources()) {
    for (const method of webApiCalls(code)) methods.set(method, [...(methods.get(method) ?? []), file]);
    for (const event of subscribedEvents(code)) events.add(event);
    for (const use of OTHER_USES) if (use.pattern.test(code)) for (const s of use.scopes) other.add(s);
    if (/\bapp\.command\(/.test(code)) commands = true;
    if (/\bapp\.(action|view|shortcut|options)\(/.test(code)) interactive = true;
  }
  return { methods, events, other, commands, interactive };
}

describe("the Slack app manifest", () => {
  const used = usage();

  it("finds Web API calls however they are written", () => {
    expect(
      [
        ...webApiCalls(`
      await client.chat.postMessage({ channel });
      const info = await this.web.files
        .info({ file: id });
      await deps.client?.views.open({ trigger_id });
      await client.apiCall("users.info", { user });
      await client.admin.users.list();
      deps.logger.warn({ err }, "x");
      people.map((p) => p.id);
    `),
      ].sort(),
    ).toEqual(["admin.users.list", "chat.postMessage", "files.info", "users.info", "views.open"]);
    // The scan sees the adapter's own calls (a broken scan would pass everything).
    expect([...used.methods.keys()]).toEqual(
      expect.arrayContaining(["chat.postMessage", "conversations.open"]),
    );
  });

  it("has a scope for every Web API method the code calls, and knows each method", () => {
    const unknown = [...used.methods.keys()].filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, "a method the scope table does not know: add it with its scopes").toEqual([]);
    const granted = new Set(manifest.oauth_config.scopes.bot);
    const missing = [...used.methods].flatMap(([method, files]) =>
      METHOD_SCOPES[method]!.filter((s) => !granted.has(s)).map(
        (s) => `${s} (${method} in ${files.join(", ")})`,
      ),
    );
    expect(missing, "scopes the code needs that the manifest lacks").toEqual([]);
  });

  it("subscribes to every event the code handles, with its scopes, and to no other", () => {
    const unknown = [...used.events].filter((e) => !(e in EVENTS));
    expect(unknown, "an event the table does not know: add it with its scopes").toEqual([]);
    const needed = [...used.events].flatMap((e) => EVENTS[e]!.events).sort();
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual(needed);
  });

  it("asks for exactly the scopes the code uses", () => {
    const needed = new Set<string>([
      ...[...used.methods.keys()].flatMap((m) => METHOD_SCOPES[m] ?? []),
      ...[...used.events].flatMap((e) => EVENTS[e]?.scopes ?? []),
      ...used.other,
      ...(used.commands ? ["commands"] : []),
    ]);
    const granted = manifest.oauth_config.scopes.bot;
    expect(
      granted.filter((s) => !needed.has(s)),
      "scopes the manifest asks for that nothing uses",
    ).toEqual([]);
    expect(
      [...needed].filter((s) => !granted.includes(s)),
      "scopes the code needs",
    ).toEqual([]);
    expect(new Set(granted).size, "each scope once").toBe(granted.length);
  });

  it("declares /pandu, interactivity and App Home at Pandu's one events URL", () => {
    const url = "https://pandu.example.go.id/slack/events";
    expect(used.commands).toBe(true);
    expect(manifest.features.slash_commands?.map((c) => [c.command, c.url])).toEqual([["/pandu", url]]);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: used.interactive, request_url: url });
    expect(manifest.settings.event_subscriptions?.request_url).toBe(url);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.bot_user?.display_name).toBe("Pandu");
  });
});
