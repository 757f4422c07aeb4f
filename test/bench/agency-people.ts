import type { Identity, NipClaim, OrgUnit, Person } from "../../src/db/models/index.js";
import type { EmploymentSource, EmploymentStatus } from "../../src/db/models/person.js";
import { employmentFromNip } from "../../src/domain/employment.js";
import { parseNip } from "../../src/domain/nip.js";
import { CONSENT_TEXT_VERSION } from "../../src/features/onboarding/onboarding.js";

/** A deterministic pseudo-random generator, so every run seeds the same agency. */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Picks by weight: `[[value, weight], …]`. */
export function weighted<T>(rnd: () => number, options: readonly (readonly [T, number])[]): T {
  const total = options.reduce((n, [, w]) => n + w, 0);
  let r = rnd() * total;
  for (const [value, w] of options) {
    r -= w;
    if (r < 0) return value;
  }
  return options.at(-1)![0];
}

/**
 * Where the people work: the instansi of flows/seed/demo-org.yaml, weighted like real payrolls (a
 * province as large as DKI Jakarta employs several times a city's staff), each with the province
 * and zone onboarding gives its people (the region follows the instansi).
 */
const INSTANSI = [
  ["dki", 0.55, "dki-jakarta", "Asia/Jakarta"],
  ["jambi", 0.3, "jambi", "Asia/Jakarta"],
  ["mataram", 0.15, "nusa-tenggara-barat", "Asia/Makassar"],
] as const;

/**
 * Tiers as a regional government's staff spreads over them (mostly pelaksana and fungsional, few
 * leaders), each with the demo jabatan of that tier; `undefined` is "jabatan not on the list",
 * where onboarding stores only the tier.
 */
const TIERS: readonly (readonly [{ tier: string; jabatan: readonly (string | undefined)[] }, number])[] = [
  [
    { tier: "pelaksana", jabatan: ["pengadministrasi-perkantoran", "penata-layanan-operasional", undefined] },
    42,
  ],
  [{ tier: "fungsional-terampil", jabatan: ["pranata-komputer-terampil", undefined] }, 8],
  [
    {
      tier: "fungsional-ahli-pertama",
      jabatan: ["analis-kebijakan-ahli-pertama", "pranata-komputer-ahli-pertama", "perencana-ahli-pertama"],
    },
    20,
  ],
  [{ tier: "fungsional-ahli-muda", jabatan: ["analis-kebijakan-ahli-muda", "perencana-ahli-muda"] }, 12],
  [{ tier: "pengawas", jabatan: ["kepala-subbagian", "kepala-seksi"] }, 11],
  [{ tier: "administrator", jabatan: ["kepala-bidang", "sekretaris-dinas"] }, 5],
  [{ tier: "jpt-pratama", jabatan: ["kepala-dinas"] }, 2],
];

/** Learning preferences as onboarding offers them (flows/onboarding.yaml, step `modes`). */
const MODES = ["klasikal", "e-learning", "jarak-jauh", "coaching", "magang"] as const;

/** Onboarding's answer for the status kepegawaian, as `employmentToStore` would store it. */
interface Employment {
  employment: EmploymentStatus;
  employmentSource: EmploymentSource;
  contractStart?: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** A PPPK NIP (digit 13 is 2) with the contract start the person typed at onboarding. */
function pppk(rnd: () => number, seq: string, gender: string): { nip: string } & Employment {
  const birth = 1972 + Math.floor(rnd() * 28);
  const appointed = 2022 + Math.floor(rnd() * 4);
  const born = `${birth}${pad(1 + Math.floor(rnd() * 12))}${pad(1 + Math.floor(rnd() * 28))}`;
  const nip = `${born}${appointed}2${1 + Math.floor(rnd() * 3)}${gender}${seq}`;
  // Contracts renew yearly from the appointment; the person typed the month the current one began.
  const start = `${Math.min(appointed + Math.floor(rnd() * 3), 2026)}-${pad(1 + Math.floor(rnd() * 10))}-01`;
  return { nip, employment: "PPPK", employmentSource: "nip", contractStart: start };
}

/** A PNS NIP: a TMT years ago (PNS, nothing asked) or within two years (CPNS, as the person confirmed). */
function pns(rnd: () => number, seq: string, gender: string, cpns: boolean): { nip: string } & Employment {
  const birth = cpns ? 1994 + Math.floor(rnd() * 8) : 1966 + Math.floor(rnd() * 32);
  const tmtYear = cpns
    ? 2025
    : Math.min(2023, birth + 22 + Math.floor(rnd() * Math.max(1, 2023 - birth - 22)));
  const tmtMonth = cpns ? 1 + Math.floor(rnd() * 6) : 1 + Math.floor(rnd() * 12);
  const born = `${birth}${pad(1 + Math.floor(rnd() * 12))}${pad(1 + Math.floor(rnd() * 28))}`;
  const nip = `${born}${tmtYear}${pad(tmtMonth)}${gender}${seq}`;
  return cpns
    ? { nip, employment: "CPNS", employmentSource: "confirmed" }
    : { nip, employment: "PNS", employmentSource: "nip" };
}

/**
 * A NIP and the status onboarding stores for it (`employmentToStore`): mostly PNS, some PPPK, a
 * few CPNS. Checked with the app's own NIP rules, so a person could have registered with it.
 */
function nipAndEmployment(rnd: () => number, k: number, today: Date): { nip: string } & Employment {
  const status = weighted<EmploymentStatus>(rnd, [
    ["PNS", 76],
    ["PPPK", 19],
    ["CPNS", 5],
  ]);
  const seq = pad((k % 997) + 1, 3);
  const gender = rnd() < 0.5 ? "1" : "2";
  const drawn = status === "PPPK" ? pppk(rnd, seq, gender) : pns(rnd, seq, gender, status === "CPNS");
  const parsed = parseNip(drawn.nip, today);
  const told = parsed.ok ? employmentFromNip(parsed.nip, today) : undefined;
  const expected = { PNS: null, CPNS: "cpns-confirm", PPPK: "contract-start" }[status];
  if (!told || told.ask !== expected) throw new Error(`bench drew NIP ${drawn.nip}, not one of a ${status}`);
  return drawn;
}

/** One registered person with what onboarding stores beside them: the NIP claim and the chat identity. */
export interface RegisteredPerson {
  person: Person;
  nipClaim: NipClaim;
  identity: Identity;
  /** The Telegram user id, for people on Telegram. */
  chat?: number;
}

/** Draws registered people of the demo org, as `onboarding.complete` stores them (no flow is run). */
export function createPeopleGenerator(opts: {
  units: readonly OrgUnit[];
  today: Date;
  /** Telegram user ids are `firstChat + k`. */
  firstChat: number;
  seed?: number;
}) {
  const rnd = lcg(opts.seed ?? 11);
  const unitsOf = new Map(
    INSTANSI.map(([id]) => [id, opts.units.filter((u) => u.instansiId === id && u.kind === "unit")]),
  );
  const nips = new Set<string>();
  return function person(k: number): RegisteredPerson {
    const [instansiId, , regionId, timeZone] = weighted(
      rnd,
      INSTANSI.map((i) => [i, i[1]] as const),
    );
    const units = unitsOf.get(instansiId)!;
    const unit = units[Math.floor(rnd() * units.length)]!;
    const { tier, jabatan } = weighted(rnd, TIERS);
    const jabatanId = jabatan[Math.floor(rnd() * jabatan.length)];
    let drawn = nipAndEmployment(rnd, k, opts.today);
    while (nips.has(drawn.nip)) drawn = nipAndEmployment(rnd, k, opts.today);
    nips.add(drawn.nip);
    const { nip, ...employment } = drawn;
    const modes = MODES.filter(() => rnd() < 0.4);
    const registeredAt = new Date(opts.today.getTime() - (30 + Math.floor(rnd() * 500)) * 86_400_000);
    const _id = `pag${k}`;
    // Most register on Telegram; some agencies use Slack.
    const onTelegram = rnd() < 0.9;
    const identityId = onTelegram ? `telegram:${opts.firstChat + k}` : `slack:TBENCH:U${k}`;
    return {
      person: {
        _id,
        name: `Pegawai Uji ${k}`,
        nip,
        instansiId,
        unitId: unit._id,
        ...(jabatanId ? { jabatanId } : {}),
        tier,
        ...employment,
        regionId,
        timeZone,
        locale: rnd() < 0.95 ? "id" : "en",
        learningModes: modes.length > 0 ? modes : ["e-learning"],
        consent: { givenAt: registeredAt, textVersion: CONSENT_TEXT_VERSION },
        roles: [],
        status: {},
        onboardedAt: registeredAt,
        createdAt: registeredAt,
        updatedAt: registeredAt,
      },
      nipClaim: { _id: nip, personId: _id, claimedAt: registeredAt },
      identity: {
        _id: identityId,
        channel: onTelegram ? "telegram" : "slack",
        personId: _id,
        address: identityId.split(":").slice(1).join(":"),
        linkedAt: registeredAt,
      },
      ...(onTelegram ? { chat: opts.firstChat + k } : {}),
    };
  };
}
