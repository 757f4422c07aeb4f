/**
 * Whether a person is "belum terverifikasi": registered without an activation code, so neither
 * their NIP nor their unit is confirmed by HR. Their unit is only what they said.
 */
export const isUnverified = (p: { unverified?: boolean }): boolean => p.unverified === true;

/**
 * The unit a person officially belongs to: where summaries count them and from which unit staff
 * reach them. An unverified person's self-declared unit is none of these, so it grants nothing.
 */
export const officialUnitOf = (p: { unitId?: string; unverified?: boolean }): string | undefined =>
  isUnverified(p) ? undefined : p.unitId;
