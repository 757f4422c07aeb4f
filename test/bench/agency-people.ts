import type { Identity, NipClaim, OrgUnit, Person } from "../../src/db/models/index.js";
import type { EmploymentSource, EmploymentStatus } from "../../src/db/models/person.js";
import { CPNS_CONFIRM_MONTHS, employmentFromNip } from "../../src/domain/employment.js";
import { latestIndonesianDate } from "../../src/domain/local-date.js";
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

/** A NIP drawn for a member of staff, with the status kepegawaian onboarding stores for it. */
export type DrawnNip = { nip: string } & Employment;

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * Draws NIPs of an agency's staff (src/domain/nip.ts; ASN-DOMAIN.md §7): mostly PNS, some PPPK, a
 * few CPNS, men and women alike, born and appointed over the decades a payroll spans, relative to
 * `today`. Every NIP is checked with the app's own rules (parseNip, employmentFromNip), so a
 * person could register with it, and no NIP is drawn twice by one generator (a real payroll has
 * no two people with the same one; the NIP claim is unique too).
 */
export function createNipGenerator(opts: { today: Date; seed?: number }): () => DrawnNip {
  const rnd = lcg(opts.seed ?? 17);
  const now = latestIndonesianDate(opts.today);
  const Y = now.year;
  const drawn = new Set<string>();
  const monthDay = () => `${pad(1 + Math.floor(rnd() * 12))}${pad(1 + Math.floor(rnd() * 28))}`;
  const born = (from: number, to: number) => `${from + Math.floor(rnd() * (to - from + 1))}${monthDay()}`;
  // Sequences run from 001 for each birth date, TMT and gender; low numbers are the common ones.
  const sequence = () => pad(1 + Math.floor(rnd() ** 2 * 999), 3);
  const gender = () => (rnd() < 0.5 ? "1" : "2");

  /** PPPK: birth date · appointment year · 2 · intake · gender · sequence, with the month the current contract began. */
  function pppk(): DrawnNip {
    const birth = born(1970, Y - 27);
    const appointed = Y - 1 - Math.floor(rnd() * 4);
    const nip = `${birth}${appointed}2${1 + Math.floor(rnd() * 3)}${gender()}${sequence()}`;
    // Contracts renew yearly from the appointment; the person typed the month the current one began.
    const year = appointed + Math.floor(rnd() * (Y - appointed + 1));
    const month = 1 + Math.floor(rnd() * (year === Y ? now.month : 12));
    return { nip, employment: "PPPK", employmentSource: "nip", contractStart: `${year}-${pad(month)}-01` };
  }

  /** PNS: birth date · TMT CPNS (year, month) · gender · sequence; a CPNS's TMT is under two years old. */
  function pns(cpns: boolean): DrawnNip {
    const birthYear = cpns ? Y - 24 - Math.floor(rnd() * 10) : 1968 + Math.floor(rnd() * (Y - 1968 - 27));
    const birth = `${birthYear}${monthDay()}`;
    let tmt: number;
    if (cpns) {
      // 1 to 22 months ago: inside the window in which onboarding asks whether they are still CPNS.
      tmt = Y * 12 + now.month - 1 - (1 + Math.floor(rnd() * (CPNS_CONFIRM_MONTHS - 2)));
    } else {
      const first = (birthYear + 19) * 12;
      const last = (Y - 3) * 12;
      tmt = first + Math.floor(rnd() * Math.max(1, last - first));
    }
    const nip = `${birth}${Math.floor(tmt / 12)}${pad((tmt % 12) + 1)}${gender()}${sequence()}`;
    return cpns
      ? { nip, employment: "CPNS", employmentSource: "confirmed" }
      : { nip, employment: "PNS", employmentSource: "nip" };
  }

  return function next(): DrawnNip {
    const status = weighted<EmploymentStatus>(rnd, [
      ["PNS", 76],
      ["PPPK", 19],
      ["CPNS", 5],
    ]);
    for (let attempt = 0; attempt < 1_000; attempt++) {
      const d = status === "PPPK" ? pppk() : pns(status === "CPNS");
      if (drawn.has(d.nip)) continue;
      const parsed = parseNip(d.nip, opts.today);
      const told = parsed.ok ? employmentFromNip(parsed.nip, opts.today) : undefined;
      const expected = { PNS: null, CPNS: "cpns-confirm", PPPK: "contract-start" }[status];
      if (!told || told.ask !== expected) throw new Error(`bench drew NIP ${d.nip}, not one of a ${status}`);
      drawn.add(d.nip);
      return d;
    }
    throw new Error("bench: no unused NIP left to draw");
  };
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
  const nextNip = createNipGenerator({ today: opts.today, seed: (opts.seed ?? 11) + 6 });
  return function person(k: number): RegisteredPerson {
    const [instansiId, , regionId, timeZone] = weighted(
      rnd,
      INSTANSI.map((i) => [i, i[1]] as const),
    );
    const units = unitsOf.get(instansiId)!;
    const unit = units[Math.floor(rnd() * units.length)]!;
    const { tier, jabatan } = weighted(rnd, TIERS);
    const jabatanId = jabatan[Math.floor(rnd() * jabatan.length)];
    const { nip, ...employment } = nextNip();
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
