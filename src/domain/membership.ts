/**
 * Unit membership: for a verified person it comes from HR data and changes only by a move an
 * admin of the unit they want to join approves; a self-registered person whose NIP HR has not
 * confirmed ("belum terverifikasi") declares their own unit until HR data or an admin settles it.
 */

/** True when the person's unit is their own word, not HR's: they may change it themselves. */
export const unitIsSelfDeclared = (p: { unverified?: boolean }): boolean => p.unverified === true;

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
