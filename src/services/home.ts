import type { Repositories } from "../db/repositories/index.js";
import type { Translate } from "../engine/text.js";
import { jpOfYear } from "./jp-ledger.js";

/** A channel-neutral overview of a person (Slack renders it as App Home). */
export interface HomeSummary {
  sections: { heading: string; lines: string[] }[];
}

/** Builds the person's overview: profile, latest result, JP this year, upcoming trainings. */
export function createHome(deps: {
  repos: Pick<Repositories, "identities" | "people" | "orgUnits" | "jabatan">;
  translate: Translate;
  now: () => Date;
}) {
  return async function home(who: { id: string }): Promise<HomeSummary> {
    const identity = await deps.repos.identities.get(who.id);
    const person = identity ? await deps.repos.people.get(identity.personId) : null;
    if (!person) {
      return {
        sections: [
          {
            heading: deps.translate("id", "home-title"),
            lines: [deps.translate("id", "home-not-registered")],
          },
        ],
      };
    }
    const t = (key: string, args?: Record<string, string | number>) =>
      deps.translate(person.locale, key, args);
    const [unit, jabatan] = await Promise.all([
      person.unitId ? deps.repos.orgUnits.get(person.unitId) : null,
      person.jabatanId ? deps.repos.jabatan.get(person.jabatanId) : null,
    ]);
    const year = deps.now().getUTCFullYear();
    const status = person.status ?? {};
    const jp = jpOfYear(person, year);
    return {
      sections: [
        {
          heading: t("home-title"),
          lines: [person.name, jabatan?.name ?? "", unit?.name ?? ""].filter(Boolean),
        },
        {
          heading: t("home-assessment"),
          lines: [
            status.assessedAt ? t("home-assessed", { gaps: status.gapCount ?? 0 }) : t("home-not-assessed"),
          ],
        },
        { heading: t("home-jp"), lines: [t("jp-progress", { total: jp, goal: 20, year: String(year) })] },
        { heading: t("home-trainings"), lines: [t("home-no-trainings")] },
      ],
    };
  };
}
