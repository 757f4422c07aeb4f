import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "./locales.js";

/*
 * Texts live in locales/<locale>.ftl (Fluent). Reference a key so the tests can find it: in
 * TypeScript as the literal first key argument of msg(…), .t(locale, …) or t(conv, …), or as a
 * textKey property; in flow YAML as a textKey field.
 * Keys built at run time (e.g. `nip-error-${code}`, `zone-${zone}`) are listed in
 * test/unit/i18n/dynamic-keys.ts so the coverage test still sees them.
 */

export type MessageArgs = Record<string, string | number>;

/** A channel-neutral text: a key and its arguments, rendered by whoever sends it. */
export interface MessageText {
  key: string;
  args?: MessageArgs;
}

/** Builds a MessageText. */
export function msg(key: string, args?: MessageArgs): MessageText {
  return args ? { key, args } : { key };
}

/** Formats Fluent messages in Pandu's locales. */
export interface Translator {
  /** The text for `key` in `locale` (English falls back to Indonesian; a missing key shows as `[key]`). */
  t(locale: Locale, key: string, args?: MessageArgs): string;
  has(key: string, locale?: Locale): boolean;
  keys(locale: Locale): string[];
}

/** Thrown when an .ftl file does not parse: names the file and the problem. */
export class LocaleFileError extends Error {
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join("; ")}`);
    this.name = "LocaleFileError";
  }
}

/**
 * Lines @fluent/bundle would silently skip: at the start of a line only comments, blank lines,
 * `key =` and a closing `}` may stand (continuations are indented), so a typo never hides a text.
 */
function junkLines(source: string): string[] {
  return source
    .split("\n")
    .map((line, i) => ({ line, n: i + 1 }))
    .filter(
      ({ line }) =>
        line !== "" &&
        !/^[\s#]/.test(line) &&
        !/^-?[a-zA-Z][a-zA-Z0-9_-]*\s*=/.test(line) &&
        // The closing brace of a multi-line select expression may stand at the start of a line.
        !/^\}\s*$/.test(line),
    )
    .map(({ line, n }) => `line ${n}: cannot read "${line.slice(0, 40)}"`);
}

/** Reads locales/id.ftl and locales/en.ftl; a syntax error stops start-up naming the file. */
export function loadTranslations(localesDir: string, onMissing?: (key: string) => void): Translator {
  const bundles = new Map<Locale, FluentBundle>();
  for (const locale of LOCALES) {
    const file = join(localesDir, `${locale}.ftl`);
    const source = readFileSync(file, "utf8");
    const junk = junkLines(source);
    if (junk.length > 0) throw new LocaleFileError(file, junk);
    const resource = new FluentResource(source);
    // Chat texts must not carry invisible bidi isolation marks around arguments.
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const errors = bundle.addResource(resource);
    if (errors.length > 0)
      throw new LocaleFileError(
        file,
        errors.map((e) => e.message),
      );
    bundles.set(locale, bundle);
  }
  const reported = new Set<string>();
  const format = (bundle: FluentBundle, key: string, args?: MessageArgs): string | undefined => {
    const message = bundle.getMessage(key);
    if (!message?.value) return undefined;
    // Errors (a missing argument) still yield readable text; they must never break a reply.
    return bundle.formatPattern(message.value, args as Record<string, FluentVariable> | undefined, []);
  };
  return {
    t(locale, key, args) {
      const text = format(bundles.get(locale)!, key, args) ?? format(bundles.get(DEFAULT_LOCALE)!, key, args);
      if (text !== undefined) return text;
      if (!reported.has(key)) {
        reported.add(key);
        onMissing?.(key);
      }
      return `[${key}]`;
    },
    has(key, locale) {
      return locale
        ? bundles.get(locale)!.hasMessage(key)
        : LOCALES.some((l) => bundles.get(l)!.hasMessage(key));
    },
    keys(locale) {
      const text = readFileSync(join(localesDir, `${locale}.ftl`), "utf8");
      return [...text.matchAll(/^([a-zA-Z][a-zA-Z0-9_-]*)\s*=/gm)].map((m) => m[1]!);
    },
  };
}
