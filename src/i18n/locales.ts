/** The languages Pandu speaks: Indonesian first, English second. */
export const LOCALES = ["id", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "id";

/** True for a supported locale code. */
export function isLocale(value: unknown): value is Locale {
  return value === "id" || value === "en";
}
