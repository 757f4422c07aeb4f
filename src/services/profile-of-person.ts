import type { Person } from "../db/models/index.js";
import type { Profile } from "../engine/types.js";

/** The engine's view of a stored person. */
export function profileOfPerson(person: Person): Profile {
  return {
    personId: person._id,
    locale: person.locale,
    tier: person.tier,
    instansiId: person.instansiId,
    unitId: person.unitId,
    jabatanId: person.jabatanId,
    regionId: person.regionId,
    timeZone: person.timeZone,
    hasNip: !!person.nip,
    onboarded: !!person.onboardedAt,
  };
}
