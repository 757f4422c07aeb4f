import { stringify } from "csv-stringify/sync";
import type { Person } from "../../db/models/index.js";
import type { ListedPerson } from "../../db/repositories/people.js";
import { csvDelimiter, spreadsheetCsvOptions } from "../../domain/spreadsheet.js";
import type { Conversation, Outbound } from "../../engine/types.js";
import type { CampaignsContext } from "./context.js";
import type { ScopeReads } from "./scope-reads.js";
import type { Target } from "./target.js";

/** The CSV of imported people Pandu cannot reach (never registered, no chat account). */
export function createNeverContacted(deps: CampaignsContext, { everyone }: Pick<ScopeReads, "everyone">) {
  const { audit } = deps;

  /** The "belum pernah dihubungi" CSV: imported people not registered who have no chat account. */
  async function neverContactedCsv(
    conv: Conversation,
    me: Person | null,
    target: Target,
  ): Promise<Outbound[]> {
    const locale = conv.profile.locale;
    const t = (k: string, a?: Record<string, string | number>) => deps.translate(locale, k, a);
    const people: ListedPerson[] = (await everyone(target)).filter((p) => p.nip && !p.onboardedAt);
    const known = new Set(
      (await deps.repos.identities.listForPeople(people.map((p) => p._id))).map((i) => i.personId),
    );
    const never = people.filter((p) => !known.has(p._id));
    const units = new Map(target.units.map((u) => [u._id, u.name]));
    await audit(conv, me, "nonresponders.export", "ok", {
      ...(target.unit ? { scopeUnitId: target.unit._id } : {}),
      details: { people: never.length },
    });
    if (never.length === 0) return [{ text: t("nonresp-csv-empty") }];
    const rows = never.map((p) => [p.nip ?? "", p.name, (p.unitId && units.get(p.unitId)) || p.unitId || ""]);
    const text = stringify([["nip", "nama", "unit"], ...rows], spreadsheetCsvOptions(csvDelimiter(locale)));
    return [
      {
        text: t("nonresp-csv-caption", { count: never.length }),
        media: {
          kind: "document",
          filename: "belum-pernah-dihubungi.csv",
          mime: "text/csv",
          bytes: new TextEncoder().encode(text),
        },
      },
    ];
  }

  return { neverContactedCsv };
}
/** The CSV of `createNeverContacted`. */
export type NeverContacted = ReturnType<typeof createNeverContacted>;
