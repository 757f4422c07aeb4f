import type { Completion, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { isMethod, kindOf } from "../../domain/learning-methods.js";
import { scopeRoots } from "../../domain/scope.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { formatDate, formatLocalDay, formatNumber, midSentence } from "../../i18n/format.js";
import type { Locale } from "../../i18n/locales.js";
import { actingPerson } from "../../services/actor.js";
import { listButton } from "./buttons.js";
import { recordArgs } from "./record-access.js";

/** Records shown a page: each is its own message with its own buttons. */
export const PAGE_SIZE = 5;

/** A pending record with the person it belongs to and where they work. */
interface Row {
  record: Completion;
  person: Person;
  unitName: string;
}

/**
 * /verifikasi's list: the records waiting for a koordinator among the people of their scope, the
 * longest waiting first, a page at a time, each with its person, unit, title, method, date, stated
 * JP (beside the agency's default for the kind, if any) and the buttons to decide it. The actor's
 * own records are left to another koordinator.
 */
export function createPendingList(deps: {
  repos: Pick<Repositories, "completions" | "people" | "orgUnits">;
  /** The agency's JP per nonklasikal method (flows/content/jp-rules.yaml). */
  defaults: Readonly<Partial<Record<string, number>>>;
  translate: Translate;
}) {
  /** The pending records `conv`'s person may decide, oldest first. */
  async function rowsFor(conv: Conversation, bootstrapAdmin: boolean): Promise<Row[]> {
    const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const roots = scopeRoots(actor, "koordinator");
    if (roots && roots.length === 0) return [];
    const pending = (await deps.repos.completions.pending()).filter((c) => c.personId !== me?._id);
    if (pending.length === 0) return [];
    const [people, units] = await Promise.all([
      deps.repos.people.byIds(pending.map((c) => c.personId)),
      deps.repos.orgUnits.inScope(roots),
    ]);
    const names = new Map(units.map((u) => [u._id, u.name]));
    return pending.flatMap((record) => {
      const person = people.get(record.personId);
      if (!person) return [];
      // A person in no unit is in nobody's subtree; only a bootstrap admin (roots undefined) sees them.
      const inScope = person.unitId ? names.has(person.unitId) : roots === undefined;
      if (!inScope) return [];
      return [{ record, person, unitName: (person.unitId && names.get(person.unitId)) || "—" }];
    });
  }

  /** One record as a koordinator reads it, with its buttons. */
  function render(row: Row, locale: Locale): Outbound {
    const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
    const { record: c, person } = row;
    const n = (x: number) => formatNumber(x, locale);
    const method = isMethod(c.method) ? t(`method-${c.method}`) : c.method;
    const credited =
      isMethod(c.method) && kindOf(c.method) === "nonklasikal" ? deps.defaults[c.method] : undefined;
    const lines = [
      t("verification-record", {
        title: c.title,
        name: person.name,
        unit: row.unitName,
        method,
        kind: t(c.kind === "klasikal" ? "method-kind-klasikal" : "method-kind-nonklasikal"),
        date: formatLocalDay(c.completedOn, locale),
        recorded: formatDate(c.recordedAt, { locale, timeZone: person.timeZone }),
        jp: n(c.jp),
      }),
      credited === undefined
        ? t("verification-no-default")
        : t("verification-default-jp", { method: midSentence(method), jp: n(credited) }),
    ];
    if (c.certificate?.number) lines.push(t("verification-cert-number", { number: c.certificate.number }));
    if (c.certificate?.issuedOn)
      lines.push(t("verification-cert-date", { date: formatLocalDay(c.certificate.issuedOn, locale) }));
    const args = recordArgs(c);
    const rows: Choice[][] = [];
    if (c.certificate)
      rows.push([
        { data: listButton.pack("certificate", ...args), label: t("verification-btn-certificate") },
      ]);
    rows.push([
      { data: listButton.pack("verify", ...args), label: t("verification-btn-verify") },
      { data: listButton.pack("giveBack", ...args), label: t("verification-btn-return") },
    ]);
    return { text: lines.join("\n"), choices: rows };
  }

  return {
    /** Page `page` (from 0; past the end shows the last) of the records `conv`'s person may decide. */
    async show(conv: Conversation, bootstrapAdmin: boolean, page = 0): Promise<Outbound[]> {
      const locale = conv.profile.locale;
      const t = (key: string, args?: Record<string, string | number>) => deps.translate(locale, key, args);
      const rows = await rowsFor(conv, bootstrapAdmin);
      if (rows.length === 0) return [{ text: t("verification-empty") }];
      const pages = Math.ceil(rows.length / PAGE_SIZE);
      const at = Math.min(Math.max(0, page), pages - 1);
      const shown = rows.slice(at * PAGE_SIZE, (at + 1) * PAGE_SIZE);
      const out: Outbound[] = [
        {
          text: `${t("verification-title", { count: rows.length, page: at + 1, pages })}\n${t("verification-help")}`,
        },
        ...shown.map((r) => render(r, locale)),
      ];
      if (pages > 1) {
        const nav: Choice[] = [];
        if (at > 0)
          nav.push({ data: listButton.pack("page", at - 1), label: t("verification-btn-previous") });
        if (at < pages - 1)
          nav.push({ data: listButton.pack("page", at + 1), label: t("verification-btn-next") });
        out.push({ text: t("verification-page", { page: at + 1, pages }), choices: [nav] });
      }
      return out;
    },
  };
}
export type PendingList = ReturnType<typeof createPendingList>;
