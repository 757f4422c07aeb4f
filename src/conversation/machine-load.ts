import { cpus } from "node:os";
import { performance } from "node:perf_hooks";

/** How busy the machine was over the last interval, from 0 (idle) to 1 (saturated). */
export type Pressure = () => number;

/** CPU time per state, summed over the machine's processors (os.cpus()). */
function cpuTimes(): { busy: number; total: number } {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.sys + times.irq;
    // Niced work (the chart thread) yields to everything else: its time counts as spare.
    total += times.user + times.sys + times.irq + times.nice + times.idle;
  }
  return { busy, total };
}

/**
 * Samples, every `intervalMs`, the share of the machine's processors in use (the database on the
 * same machine counts) and of this process's event loop, and reports the larger: either one
 * saturated means another conversation would slow the others down.
 */
function startSampler(intervalMs: number): Pressure {
  let cpu = cpuTimes();
  let loop = performance.eventLoopUtilization();
  let last = 0;
  const timer = setInterval(() => {
    const nextCpu = cpuTimes();
    const total = nextCpu.total - cpu.total;
    const machine = total > 0 ? (nextCpu.busy - cpu.busy) / total : 0;
    const nextLoop = performance.eventLoopUtilization();
    const eventLoop = performance.eventLoopUtilization(nextLoop, loop).utilization;
    cpu = nextCpu;
    loop = nextLoop;
    last = Math.max(machine, eventLoop);
  }, intervalMs);
  timer.unref();
  return () => last;
}

/** The process's one sampler: every Pandu wired in this process (benchmarks wire several) reads it. */
let shared: Pressure | undefined;

/**
 * How busy the machine is (see startSampler), from the process's one sampler, started by the
 * first call with that call's interval.
 */
export function machinePressure(intervalMs: number): Pressure {
  shared ??= startSampler(intervalMs);
  return shared;
}
