import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Files that start app processes or run long loops: each takes 5–55 s where most take 1–5 s. */
const LONG_RUNNING = /[\\/]test[\\/](e2e|fuzz)[\\/]/;

/**
 * Starts the long-running files first. On a clean clone Vitest has no durations from an earlier
 * run and orders files by size, which put 30-second end-to-end files last: the suite then waited
 * on one of them while the other workers sat idle. With durations known the order within each
 * group is still Vitest's (failed first, then longest first).
 */
export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const long = sorted.filter((f) => LONG_RUNNING.test(f.moduleId));
    return [...long, ...sorted.filter((f) => !LONG_RUNNING.test(f.moduleId))];
  }
}
