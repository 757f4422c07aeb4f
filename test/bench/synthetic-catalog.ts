import type { CourseInput } from "../../src/domain/course.js";
import { METHODS } from "../../src/domain/learning-methods.js";
import { lcg } from "./agency-people.js";

const CODES = ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"];
const REGIONS = ["jambi", "dki-jakarta", "nusa-tenggara-barat", "bali", "jawa-barat"];

/** Who may take a synthetic course, and how one gets in. */
function eligibilityOf(r: number): Pick<CourseInput, "admission" | "eligibility"> {
  if (r < 0.05) return { admission: "open", eligibility: { statuses: ["CPNS"] } };
  if (r < 0.1) return { admission: "nomination", eligibility: { tiers: ["pengawas"] } };
  if (r < 0.15) return { admission: "request", eligibility: { statuses: ["PNS"], minServiceYears: 4 } };
  if (r < 0.2) return { admission: "open", eligibility: { jabatanKinds: ["fungsional"] } };
  return { admission: "open" };
}

/** A synthetic catalog of `n` courses with 0–3 sessions across 2027. */
export function syntheticCatalog(n: number): CourseInput[] {
  const rnd = lcg(42);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    const from = 1 + Math.floor(rnd() * 4);
    const mode = pick(["online", "offline", "blended"] as const);
    const sessions = Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => {
      const month = String(1 + ((i + k * 4) % 12)).padStart(2, "0");
      const day = String(1 + Math.floor(rnd() * 27)).padStart(2, "0");
      return {
        start: `2027-${month}-${day}T08:00`,
        end: `2027-${month}-${day}T16:00`,
        timeZone: "Asia/Jakarta",
        quota: 20 + Math.floor(rnd() * 100),
      };
    });
    const first = pick(CODES);
    const second = pick(CODES);
    return {
      id: `kursus-${String(i).padStart(5, "0")}`,
      title: `Kursus sintetis ${i}`,
      provider: pick(["LAN RI", "BPSDM Provinsi Jambi", "BPSDM Provinsi NTB", "Pusdiklat Kemendagri"]),
      method: pick(METHODS),
      jp: 2 + Math.floor(rnd() * 60),
      competencies: [
        { code: first, from: from as 1, to: Math.min(5, from + 1) as 2 },
        ...(second !== first ? [{ code: second, from: from as 1, to: Math.min(5, from + 2) as 3 }] : []),
      ],
      mode,
      ...(mode !== "online" ? { region: pick(REGIONS), location: "Kota" } : {}),
      sessions: mode === "online" && rnd() < 0.3 ? [] : sessions,
      // As in an agency's catalog: about a fifth restricted by status, tier or years of service,
      // some by request or nomination, so eligibility is checked on every course.
      ...eligibilityOf(rnd()),
    };
  });
}
