import type { Achievement, Person } from "../db/models/index.js";
import type { Repositories } from "../db/repositories/index.js";
import type { Outbox } from "../delivery/outbox.js";
import { afterQuiet, quietHoursOf } from "../domain/reminder-time.js";
import { type Grant, supervisorsOf } from "../domain/scope.js";
import type { Translate } from "../engine/text.js";
import type { Locale } from "../i18n/locales.js";

/**
 * Tells a person's supervisors of an improvement (20 JP reached, a gap closed), only when the
 * person agreed to it in /pengingat. Called with each achievement when it is first recorded.
 */
export function createImprovements(deps: {
  repos: Pick<Repositories, "people" | "orgUnits">;
  outbox: Pick<Outbox, "schedule">;
  competencyName: (code: string, locale: Locale) => string;
  translate: Translate;
  now: () => Date;
}) {
  return async function announce(achievement: Achievement, person: Person): Promise<number> {
    if (!person.shareProgress || !person.unitId) return 0;
    const unit = await deps.repos.orgUnits.get(person.unitId);
    if (!unit) return 0;
    const holders = (await deps.repos.people.listWithRoles()).map((p) => ({
      personId: p._id,
      grants: p.roles.map((r) => ({ role: r.role, unitId: r.unitId }) as Grant),
      person: p,
    }));
    const supervisorIds = supervisorsOf({ _id: person._id, unit }, holders);
    let told = 0;
    for (const id of supervisorIds) {
      const supervisor = holders.find((h) => h.personId === id)!.person;
      const locale = supervisor.locale;
      const text =
        achievement.kind === "jp-goal"
          ? deps.translate(locale, "improvement-jp", {
              name: person.name,
              unit: unit.name,
              year: String(achievement.year),
            })
          : deps.translate(locale, "improvement-gap", {
              name: person.name,
              unit: unit.name,
              competency: deps.competencyName(achievement.competency ?? "", locale),
            });
      const outcome = await deps.outbox.schedule({
        purpose: `improvement.${achievement.kind}`,
        occurrence: achievement._id,
        personId: supervisor._id,
        message: { text },
        dueAt: afterQuiet(deps.now(), supervisor.timeZone, quietHoursOf(supervisor)),
      });
      if (outcome === "scheduled") told++;
    }
    return told;
  };
}
export type AnnounceImprovement = ReturnType<typeof createImprovements>;
