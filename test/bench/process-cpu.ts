import { readdirSync, readFileSync } from "node:fs";

/** CPU seconds (user + system) used so far by live processes whose command line matches, by label. */
export function cpuSecondsByProcess(labels: Record<string, RegExp>): Record<string, number> {
  const ticksPerSecond = 100; // Linux USER_HZ
  const out: Record<string, number> = Object.fromEntries(Object.keys(labels).map((l) => [l, 0]));
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    let cmdline: string;
    let stat: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const label = Object.entries(labels).find(([, re]) => re.test(cmdline))?.[0];
    if (!label) continue;
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    out[label]! += (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  }
  return out;
}

/** The difference of two `cpuSecondsByProcess` readings, rounded to 0.1 s. */
export function cpuSpent(
  before: Record<string, number>,
  after: Record<string, number>,
): Record<string, number> {
  return Object.fromEntries(
    Object.keys(after).map((k) => [k, Math.round(((after[k] ?? 0) - (before[k] ?? 0)) * 10) / 10]),
  );
}
