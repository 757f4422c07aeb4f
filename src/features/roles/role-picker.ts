import type { OrgUnit, Person } from "../../db/models/index.js";
import type { Repositories } from "../../db/repositories/index.js";
import { holdsRole, STAFF_ROLES, type StaffRole, scopeRoots } from "../../domain/scope.js";
import type { ComputeService } from "../../engine/engine.js";
import type { Translate } from "../../engine/text.js";
import type { Choice, Conversation, Outbound } from "../../engine/types.js";
import { actingPerson } from "../../services/actor.js";
import { createAuditLog } from "../../services/audit-log.js";
import { shortKey } from "../../services/course-catalog.js";
import type { ButtonCodec } from "../feature.js";
import { startFlowButton } from "../help/buttons.js";

/** People, units and holders shown per page. */
export const PICKER_PAGE_SIZE = 8;

/** Typed filters are kept this short so a page button that carries one stays far below 64 bytes. */
const MAX_FILTER = 20;

const ROLE_OF_CODE: Record<string, StaffRole> = { k: "koordinator", s: "supervisor", a: "admin" };

/** A role as people read it ("atasan" for supervisor); its code stays in commands, buttons and data. */
export const roleLabel = (t: (key: string) => string, role: string): string => t(`role-${role}`);
const codeOf = (role: StaffRole): string => role[0]!;

/**
 * What a picker button asks for. Buttons carry a person id (at most 40 lower-case letters and
 * digits), a one-letter role and a unit's 10-character short key: `per|gy|<person>|k|<unit>` is at
 * most 60 bytes, inside Telegram's 64.
 */
export type PickerAction =
  | { kind: "menu" }
  | { kind: "cancel" }
  | { kind: "holders" }
  | { kind: "list"; verb: "beri" | "cabut"; page: number; filter: string }
  | { kind: "person"; personId: string }
  | { kind: "units"; personId: string; role: StaffRole; page: number }
  | { kind: "confirm-grant" | "grant"; personId: string; role: StaffRole; unitKey: string }
  | { kind: "holder"; personId: string }
  | { kind: "confirm-revoke" | "revoke"; personId: string; role: StaffRole; unitKey: string };

const ID = "([a-z0-9]{1,40})";
const ROLE = "([ksa])";
const UNIT_KEY = "([A-Za-z0-9_-]{10})";
const PAGE = "(\\d{1,4})";
const FILTER = `([a-z0-9 ]{1,${MAX_FILTER}})`;
const re = (body: string) => new RegExp(`^per\\|${body}$`);

const PATTERNS: [RegExp, (m: string[]) => PickerAction][] = [
  [re("m"), () => ({ kind: "menu" })],
  [re("x"), () => ({ kind: "cancel" })],
  [re("l"), () => ({ kind: "holders" })],
  [
    re(`([gr])\\|${PAGE}(?:\\|${FILTER})?`),
    (m) => ({ kind: "list", verb: m[1] === "g" ? "beri" : "cabut", page: Number(m[2]), filter: m[3] ?? "" }),
  ],
  [re(`gp\\|${ID}`), (m) => ({ kind: "person", personId: m[1]! })],
  [
    re(`gu\\|${ID}\\|${ROLE}\\|${PAGE}`),
    (m) => ({ kind: "units", personId: m[1]!, role: ROLE_OF_CODE[m[2]!]!, page: Number(m[3]) }),
  ],
  [
    re(`g([cy])\\|${ID}\\|${ROLE}\\|${UNIT_KEY}`),
    (m) => ({
      kind: m[1] === "c" ? "confirm-grant" : "grant",
      personId: m[2]!,
      role: ROLE_OF_CODE[m[3]!]!,
      unitKey: m[4]!,
    }),
  ],
  [re(`rp\\|${ID}`), (m) => ({ kind: "holder", personId: m[1]! })],
  [
    re(`r([cy])\\|${ID}\\|${ROLE}\\|${UNIT_KEY}`),
    (m) => ({
      kind: m[1] === "c" ? "confirm-revoke" : "revoke",
      personId: m[2]!,
      role: ROLE_OF_CODE[m[3]!]!,
      unitKey: m[4]!,
    }),
  ],
];

/** The role picker's buttons (`per|…`), parsed by `parsePickerData`. */
export const pickerButton: ButtonCodec<PickerAction> = {
  name: "role-picker",
  prefix: "per",
  parse: (d) => parsePickerData(d),
  samples: () => ["per|m", "per|x", "per|l", "per|g|0", "per|r|0"],
};

/** Parses the role picker's button data; undefined for anything it did not issue. */
export function parsePickerData(data: string): PickerAction | undefined {
  for (const [pattern, build] of PATTERNS) {
    const m = pattern.exec(data);
    if (m) return build([...m]);
  }
  return undefined;
}

/** Lower-case ASCII words of a name or NIP, so typed text and names compare alike (and fit a button). */
export function searchText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The slice of `items` on page `page` (0-based), clamped to the last page when the list shrank. */
export function pageOf<T>(items: readonly T[], page: number, size = PICKER_PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(page, pages - 1);
  return { items: items.slice(at * size, (at + 1) * size), page: at, pages, clamped: at !== page };
}

/**
 * /peran by buttons: pick a person in scope (paged, filtered by typed words), a role and a unit in
 * scope, then confirm; or pick a role holder and one of their grants to revoke. Stateless: every
 * button carries what it is about and is checked again against the admin's scope when pressed;
 * the change itself is `changeRole`, the same path as the typed command.
 */
export function createRolePicker(deps: {
  repos: Pick<Repositories, "people" | "orgUnits" | "audit">;
  translate: Translate;
  now: () => Date;
  adminIds?: readonly string[];
  changeRole: (
    conv: Conversation,
    bootstrapAdmin: boolean,
    verb: "beri" | "cabut",
    targetId: string | null,
    role: StaffRole,
    unitId: string,
  ) => Promise<Outbound[]>;
}) {
  const audit = createAuditLog(deps);
  const tr = (conv: Conversation) => (key: string, args?: Record<string, string | number>) =>
    deps.translate(conv.profile.locale, key, args);

  /** The admin, their reach and the units in it: read once per press (org units are few). */
  async function scopeOf(conv: Conversation) {
    const bootstrapAdmin = deps.adminIds?.includes(conv.identityId) ?? false;
    const { me, actor } = await actingPerson(deps.repos, conv, bootstrapAdmin);
    const units = holdsRole(actor, "admin")
      ? await deps.repos.orgUnits.inScope(scopeRoots(actor, "admin"))
      : [];
    const byId = new Map(units.map((u) => [u._id, u]));
    const byKey = new Map(units.map((u) => [shortKey(u._id), u]));
    // Within one instansi its name adds nothing; across several it tells alike units apart.
    const oneInstansi = new Set(units.map((u) => u.instansiId)).size <= 1;
    const label = (u: OrgUnit) =>
      [...u.path.slice(oneInstansi ? 1 : 0), u._id]
        .map((id) => byId.get(id)?.name)
        .filter(Boolean)
        .join(" › ") || u.name;
    return { me, bootstrapAdmin, allowed: holdsRole(actor, "admin"), units, byId, byKey, label };
  }
  type Scope = Awaited<ReturnType<typeof scopeOf>>;

  const notAllowed = async (conv: Conversation, me: Person | null): Promise<Outbound[]> => {
    await audit(conv, me, "command.peran", "refused");
    return [{ text: tr(conv)("command-not-allowed", { command: "/peran" }) }];
  };

  const nav = (conv: Conversation, at: { page: number; pages: number }, data: (page: number) => string) => {
    const t = tr(conv);
    const row: Choice[] = [];
    if (at.page > 0) row.push({ data: data(at.page - 1), label: t("roles-btn-prev") });
    if (at.page < at.pages - 1) row.push({ data: data(at.page + 1), label: t("roles-btn-next") });
    return row.length ? [row] : [];
  };

  const cancelRow = (conv: Conversation): Choice[] => [
    { data: "per|x", label: tr(conv)("roles-btn-cancel") },
  ];

  /** Onboarded people working in the admin's units, by name. */
  async function peopleInScope(scope: Scope): Promise<Person[]> {
    const people = await deps.repos.people.listByUnits(scope.units.map((u) => u._id));
    return people.filter((p) => p.onboardedAt).sort((a, b) => a.name.localeCompare(b.name, "id"));
  }

  /** Role holders with the grants they hold on units in the admin's scope, by name. */
  async function holdersInScope(scope: Scope) {
    return (await deps.repos.people.listWithRoles())
      .map((person) => ({ person, grants: person.roles.filter((r) => scope.byId.has(r.unitId)) }))
      .filter((h) => h.grants.length > 0)
      .sort((a, b) => a.person.name.localeCompare(b.person.name, "id"));
  }

  // Short numbers would match nearly every 18-digit NIP: a word searches the NIP from 4 digits on.
  const matches = (p: Person, filter: string) => {
    const name = searchText(p.name);
    return filter
      .split(" ")
      .every((w) => name.includes(w) || (/^\d{4,}$/.test(w) && (p.nip ?? "").includes(w)));
  };

  /** One page of people to grant a role to, or of holders to revoke from. */
  async function list(
    conv: Conversation,
    verb: "beri" | "cabut",
    page: number,
    typed: string,
    replaces = false,
  ): Promise<Outbound[]> {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const filter = searchText(typed).slice(0, MAX_FILTER).trim();
    const holders = verb === "cabut" ? await holdersInScope(scope) : [];
    const people = verb === "beri" ? await peopleInScope(scope) : holders.map((h) => h.person);
    // Whom to revoke from is chosen by what they hold; whom to grant to, by where they work.
    const held = new Map(
      holders.map((h) => [
        h.person._id,
        h.grants.map((g) => `${roleLabel(t, g.role)} — ${scope.byId.get(g.unitId)!.name}`).join(", "),
      ]),
    );
    const shown = filter ? people.filter((p) => matches(p, filter)) : people;
    const code = verb === "beri" ? "g" : "r";
    const withFilter = filter ? `|${filter}` : "";
    if (shown.length === 0) {
      const text = filter
        ? t("roles-pick-no-match", { filter })
        : t(verb === "beri" ? "roles-pick-nobody" : "roles-none");
      const rows: Choice[][] = filter ? [[{ data: `per|${code}|0`, label: t("roles-btn-all") }]] : [];
      return [{ text, choices: [...rows, [{ data: "per|m", label: t("roles-btn-menu") }]] }];
    }
    const at = pageOf(shown, page);
    const unitName = (id?: string) => (id && scope.byId.get(id)?.name) ?? "—";
    const lines = at.items.map(
      (p, i) =>
        `${at.page * PICKER_PAGE_SIZE + i + 1}. ${p.name} — ${p.nip ? `NIP ${p.nip}` : t("roles-no-nip")} — ${held.get(p._id) ?? unitName(p.unitId)}`,
    );
    const text = [
      ...(at.clamped ? [t("roles-pick-page-gone"), ""] : []),
      t(verb === "beri" ? "roles-pick-person" : "roles-pick-holder"),
      ...(filter ? [t("roles-pick-filter", { filter })] : []),
      t("roles-page", { page: at.page + 1, pages: at.pages }),
      "",
      ...lines,
      "",
      t(verb === "beri" ? "roles-pick-search-tip" : "roles-pick-search-tip-revoke"),
    ].join("\n");
    const rows: Choice[][] = at.items.map((p) => [
      { data: `per|${verb === "beri" ? "gp" : "rp"}|${p._id}`, label: p.name },
    ]);
    rows.push(...nav(conv, at, (n) => `per|${code}|${n}${withFilter}`));
    const tools: Choice[] = [];
    if (verb === "beri")
      tools.push({ data: startFlowButton.pack("start", "peran-cari"), label: t("roles-btn-search") });
    if (filter) tools.push({ data: `per|${code}|0`, label: t("roles-btn-all") });
    rows.push([...tools, ...cancelRow(conv)]);
    return [{ text, choices: rows, replacesPrompt: replaces }];
  }

  /**
   * The person a button names, if the admin may give them a role: registered and working in a unit
   * in scope. A person outside the scope never appears in a list, so a button naming one was forged
   * or is very old: it is refused and audited.
   */
  async function personInScope(
    conv: Conversation,
    scope: Scope,
    personId: string,
    action: "role.grant" | "role.revoke",
  ): Promise<{ person: Person } | { out: Outbound[] }> {
    const t = tr(conv);
    const person = await deps.repos.people.get(personId);
    if (!person?.onboardedAt) return { out: [{ text: t("roles-pick-person-gone") }] };
    if (!person.unitId || !scope.byId.has(person.unitId)) {
      await audit(conv, scope.me, action, "refused", {
        target: { kind: "person", id: person._id },
        details: { reason: "person-out-of-scope" },
      });
      return { out: [{ text: t("roles-pick-person-refused") }] };
    }
    return { person };
  }

  const rolesText = (t: (key: string) => string, scope: Scope, person: Person) =>
    person.roles
      .map((r) => `${roleLabel(t, r.role)} — ${scope.byId.get(r.unitId)?.name ?? r.unitId}`)
      .join(", ");

  async function pickRole(conv: Conversation, personId: string): Promise<Outbound[]> {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const found = await personInScope(conv, scope, personId, "role.grant");
    if ("out" in found) return found.out;
    const { person } = found;
    const text = [
      t("roles-pick-role", { name: person.name }),
      ...(person.roles.length ? [t("roles-pick-current", { roles: rolesText(t, scope, person) })] : []),
    ].join("\n");
    const rows: Choice[][] = STAFF_ROLES.map((role) => [
      { data: `per|gu|${person._id}|${codeOf(role)}|0`, label: roleLabel(t, role) },
    ]);
    rows.push(cancelRow(conv));
    return [{ text, choices: rows, replacesPrompt: true }];
  }

  async function pickUnit(conv: Conversation, personId: string, role: StaffRole, page: number) {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const found = await personInScope(conv, scope, personId, "role.grant");
    if ("out" in found) return found.out;
    const { person } = found;
    const units = [...scope.units]
      .map((u) => ({ u, label: scope.label(u) }))
      .sort((a, b) => a.label.localeCompare(b.label, "id"));
    const at = pageOf(units, page);
    const button = (u: OrgUnit, label: string): Choice => ({
      data: `per|gc|${person._id}|${codeOf(role)}|${shortKey(u._id)}`,
      label,
    });
    const own = person.unitId ? scope.byId.get(person.unitId) : undefined;
    const rows: Choice[][] = [];
    // Their own unit first: the usual choice, whatever page it falls on.
    if (own && at.page === 0) rows.push([button(own, t("roles-btn-own-unit", { unit: scope.label(own) }))]);
    rows.push(...at.items.map(({ u, label }) => [button(u, label)]));
    rows.push(...nav(conv, at, (n) => `per|gu|${person._id}|${codeOf(role)}|${n}`));
    rows.push(cancelRow(conv));
    const text = [
      ...(at.clamped ? [t("roles-pick-page-gone"), ""] : []),
      t("roles-pick-unit", { name: person.name, role: roleLabel(t, role) }),
      t("roles-page", { page: at.page + 1, pages: at.pages }),
    ].join("\n");
    return [{ text, choices: rows, replacesPrompt: true }];
  }

  async function grant(conv: Conversation, a: Extract<PickerAction, { kind: "confirm-grant" | "grant" }>) {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const found = await personInScope(conv, scope, a.personId, "role.grant");
    if ("out" in found) return found.out;
    const { person } = found;
    const unit = scope.byKey.get(a.unitKey);
    if (!unit) return [{ text: t("roles-pick-unit-gone") }];
    if (a.kind === "grant") {
      const out = await deps.changeRole(conv, scope.bootstrapAdmin, "beri", person._id, a.role, unit._id);
      return out.map((o) => ({ ...o, replacesPrompt: true }));
    }
    if (person.roles.some((r) => r.role === a.role && r.unitId === unit._id))
      return [
        { text: t("roles-already", { name: person.name, role: roleLabel(t, a.role), unit: unit.name }) },
      ];
    const data = `${person._id}|${codeOf(a.role)}|${a.unitKey}`;
    return [
      {
        text: t("roles-pick-confirm-grant", {
          name: person.name,
          role: roleLabel(t, a.role),
          unit: scope.label(unit),
        }),
        choices: [[{ data: `per|gy|${data}`, label: t("roles-btn-confirm-grant") }, ...cancelRow(conv)]],
        replacesPrompt: true,
      },
    ];
  }

  /**
   * The grants of a holder that the admin may revoke. A holder with none left in scope is stale
   * when they work in the scope (someone revoked first), and refused and audited when they do not.
   */
  async function grantsOf(
    conv: Conversation,
    scope: Scope,
    personId: string,
  ): Promise<{ person: Person; grants: Person["roles"] } | { out: Outbound[] }> {
    const t = tr(conv);
    const person = await deps.repos.people.get(personId);
    if (!person) return { out: [{ text: t("roles-pick-person-gone") }] };
    const grants = person.roles.filter((r) => scope.byId.has(r.unitId));
    if (grants.length > 0) return { person, grants };
    if (person.unitId && scope.byId.has(person.unitId))
      return { out: [{ text: t("roles-pick-no-grants", { name: person.name }) }] };
    await audit(conv, scope.me, "role.revoke", "refused", {
      target: { kind: "person", id: person._id },
      details: { reason: "person-out-of-scope" },
    });
    return { out: [{ text: t("roles-pick-person-refused") }] };
  }

  async function pickGrant(conv: Conversation, personId: string): Promise<Outbound[]> {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const found = await grantsOf(conv, scope, personId);
    if ("out" in found) return found.out;
    const rows: Choice[][] = found.grants.map((g) => [
      {
        data: `per|rc|${found.person._id}|${codeOf(g.role)}|${shortKey(g.unitId)}`,
        label: `${roleLabel(t, g.role)} — ${scope.label(scope.byId.get(g.unitId)!)}`,
      },
    ]);
    rows.push(cancelRow(conv));
    return [
      { text: t("roles-pick-grant", { name: found.person.name }), choices: rows, replacesPrompt: true },
    ];
  }

  async function revoke(conv: Conversation, a: Extract<PickerAction, { kind: "confirm-revoke" | "revoke" }>) {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const found = await grantsOf(conv, scope, a.personId);
    if ("out" in found) return found.out;
    const grant = found.grants.find((g) => g.role === a.role && shortKey(g.unitId) === a.unitKey);
    if (!grant) return [{ text: t("roles-pick-grant-gone", { name: found.person.name }) }];
    const unit = scope.byId.get(grant.unitId)!;
    if (a.kind === "revoke") {
      const out = await deps.changeRole(
        conv,
        scope.bootstrapAdmin,
        "cabut",
        found.person._id,
        a.role,
        unit._id,
      );
      return out.map((o) => ({ ...o, replacesPrompt: true }));
    }
    return [
      {
        text: t("roles-pick-confirm-revoke", {
          name: found.person.name,
          role: roleLabel(t, a.role),
          unit: scope.label(unit),
        }),
        choices: [
          [
            {
              data: `per|ry|${found.person._id}|${codeOf(a.role)}|${a.unitKey}`,
              label: t("roles-btn-confirm-revoke"),
            },
            ...cancelRow(conv),
          ],
        ],
        replacesPrompt: true,
      },
    ];
  }

  /** The role holders in scope with role and unit names. */
  async function holders(conv: Conversation, replaces = false): Promise<Outbound[]> {
    const t = tr(conv);
    const scope = await scopeOf(conv);
    if (!scope.allowed) return notAllowed(conv, scope.me);
    const lines = (await holdersInScope(scope)).flatMap((h) =>
      h.grants.map((g) => `• ${h.person.name}: ${roleLabel(t, g.role)} — ${scope.byId.get(g.unitId)!.name}`),
    );
    return [
      {
        text: [t("roles-title"), ...(lines.length ? lines : [t("roles-none")])].join("\n"),
        choices: [[{ data: "per|m", label: t("roles-btn-menu") }]],
        replacesPrompt: replaces,
      },
    ];
  }

  function menu(conv: Conversation, replaces = false): Outbound[] {
    const t = tr(conv);
    return [
      {
        text: `${t("roles-help")}\n\n${t("roles-usage")}`,
        choices: [
          [
            { data: "per|g|0", label: t("roles-btn-grant") },
            { data: "per|r|0", label: t("roles-btn-revoke") },
          ],
          [{ data: "per|l", label: t("roles-btn-list") }],
        ],
        replacesPrompt: replaces,
      },
    ];
  }

  const search: ComputeService = async ({ conversation, answers }) => ({
    outbound: await list(conversation, "beri", 0, String(answers.query ?? "")),
  });

  return {
    menu: (conv: Conversation) => menu(conv),
    /** A page of people to grant a role to (`beri`) or of holders (`cabut`), filtered by typed words. */
    list: (conv: Conversation, verb: "beri" | "cabut", page: number, typed: string) =>
      list(conv, verb, page, typed),
    /** The role holders in the admin's scope. */
    holders: (conv: Conversation) => holders(conv),
    services: { "roles.search": search } satisfies Record<string, ComputeService>,

    /** Handles a `per|…` button; a button it did not issue, or no longer can honour, gets a polite answer. */
    async handleButton(conv: Conversation, a: PickerAction): Promise<Outbound[]> {
      switch (a.kind) {
        case "menu":
          return menu(conv, true);
        case "cancel":
          return [{ text: tr(conv)("roles-pick-cancelled"), replacesPrompt: true }];
        case "holders":
          return holders(conv, true);
        case "list":
          return list(conv, a.verb, a.page, a.filter, true);
        case "person":
          return pickRole(conv, a.personId);
        case "units":
          return pickUnit(conv, a.personId, a.role, a.page);
        case "confirm-grant":
        case "grant":
          return grant(conv, a);
        case "holder":
          return pickGrant(conv, a.personId);
        case "confirm-revoke":
        case "revoke":
          return revoke(conv, a);
      }
    },
  };
}
export type RolePicker = ReturnType<typeof createRolePicker>;
