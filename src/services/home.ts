import type { Repositories } from "../db/repositories/index.js";
import type { Translate } from "../engine/text.js";
import type { JpLedger } from "./jp-ledger.js";
import { jpStandingLines } from "./jp-standing-text.js";

/** A channel-neutral overview of a person (Slack renders it as App Home). */
export interface HomeSummary {
  sections: { heading: string; lines: string[] }[];
}

/** Builds the person's overview: profile, latest result, JP against their own rule, upcoming trainings. */
export function createHome(deps: {
  repos: Pick<Repositories, "identities" | "people" | "orgUnits" | "jabatan">;
  ledger: Pick<JpLedger, "standingOf">;
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
    const status = person.status ?? {};
    const jp = jpStandingLines(
      await deps.ledger.standingOf(person, deps.now()),
      deps.translate,
      person.locale,
    );
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
        { heading: t("home-jp"), lines: [jp.headline, jp.detail] },
        { heading: t("home-trainings"), lines: [t("home-no-trainings")] },
      ],
    };
  };
}
