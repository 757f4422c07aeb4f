import type { Locale } from "../i18n/locales.js";
import type { FlowText } from "./schema.js";

/** Formats a locale key with arguments (the Fluent translator, or a stand-in in tests). */
export type Translate = (locale: Locale, key: string, args?: Record<string, string | number>) => string;

/**
 * Resolves a flow text in the person's language: a Fluent key, or the text written in the flow
 * with `{name}` placeholders filled from `vars` (English falls back to Indonesian).
 */
export function resolveText(
  text: FlowText,
  locale: Locale,
  translate: Translate,
  vars: Record<string, string | number> = {},
): string {
  if ("textKey" in text) return translate(locale, text.textKey, vars);
  const raw = locale === "en" ? (text.en ?? text.id) : text.id;
  return raw.replace(/\{([a-zA-Z][a-zA-Z0-9_]*)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}
