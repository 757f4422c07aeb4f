/**
 * Unit membership: for a verified person it comes from HR data and changes only by a move an
 * admin of the unit they want to join approves; a self-registered person whose NIP HR has not
 * confirmed ("belum terverifikasi") declares their own unit until HR data or an admin settles it.
 */

/**
 * Whether a person is "belum terverifikasi": registered without an activation code, so neither
 * their NIP nor their unit is confirmed by HR.
 */
export const isUnverified = (p: { unverified?: boolean }): boolean => p.unverified === true;

/** True when the person's unit is their own word, not HR's: they may change it themselves. */
export const unitIsSelfDeclared = isUnverified;

/**
 * The unit a person officially belongs to: where summaries count them and from which unit staff
 * reach them. An unverified person's self-declared unit is none of these, so it grants nothing.
 */
export const officialUnitOf = (p: { unitId?: string; unverified?: boolean }): string | undefined =>
  isUnverified(p) ? undefined : p.unitId;

/**
 * What choosing `unitId` in /profil does: `save` it (a self-declared unit), nothing (`same`, the
 * unit they already have), or a move `request` for an admin of that unit to decide.
 */
export function unitChoice(
  person: { unverified?: boolean; unitId?: string },
  unitId: string,
): "save" | "same" | "request" {
  if (unitIsSelfDeclared(person)) return "save";
  return person.unitId === unitId ? "same" : "request";
}
