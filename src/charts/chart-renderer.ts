import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The font stack every chart names; resvg is given the first face where the system has it. */
export const CHART_FONT_FAMILY = "DejaVu Sans, Noto Sans, Arial, sans-serif";

/** A chart to draw: an ECharts option (plain data, no functions) and the picture's size in pixels. */
export interface ChartSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
}

// The two faces the charts use, when the system has them (Debian's fonts-dejavu-core): reading
// two files is about 7 ms faster per chart than resvg scanning every system font each time.
const DEJAVU = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
const FONT = DEJAVU.every((f) => existsSync(f))
  ? { loadSystemFonts: false, fontFiles: DEJAVU, defaultFontFamily: "DejaVu Sans" }
  : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" };

/** ECharts' and resvg's CommonJS entries, which the worker loads by path (it has none of our resolution). */
const resolve = createRequire(import.meta.url).resolve;
const MODULES = { echarts: resolve("echarts"), resvg: resolve("@resvg/resvg-js") };

/**
 * The worker that draws: ECharts renders the option to SVG on the server, resvg rasterises it.
 * Plain JavaScript, evaluated as is. A chart costs about 60 ms of CPU here (ECharts' layout about
 * 18 ms, resvg's text layout about 0.8 ms per label): on the main thread that stalled every other
 * chat for as long, and the final answers of an assessment came in bunches.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const echarts = require(workerData.modules.echarts);
const { Resvg } = require(workerData.modules.resvg);
parentPort.on("message", ({ id, spec }) => {
  let chart;
  try {
    chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
    chart.setOption(spec.option);
    const svg = chart.renderToSVGString();
    const png = new Resvg(svg, { background: "#ffffff", font: workerData.font }).render().asPng();
    const bytes = new Uint8Array(png);
    parentPort.postMessage({ id, png: bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  } finally {
    // The chart holds its whole scene graph until disposed.
    if (chart) chart.dispose();
  }
});
`;

/** Draws charts as PNGs in one worker thread, started on first use and again after it failed. */
export function createChartRenderer() {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (png: Uint8Array) => void; reject: (err: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  };

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { modules: MODULES, font: FONT } });
    w.on("message", (m: { id: number; png?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // An idle renderer never keeps the process alive (a busy one does: its callers wait on it).
      if (pending.size === 0) w.unref();
      if (m.png) p.resolve(new Uint8Array(m.png));
      else p.reject(new Error(`drawing a chart failed: ${m.error}`));
    });
    w.on("error", (err) => failAll(err));
    w.on("exit", (code) => {
      if (worker === w) failAll(new Error(`the chart worker stopped (exit code ${code})`));
    });
    worker = w;
    return w;
  }

  return {
    /** The chart as PNG bytes. */
    render(spec: ChartSpec): Promise<Uint8Array> {
      const id = next++;
      return new Promise<Uint8Array>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const w = started();
        w.ref();
        w.postMessage({ id, spec });
      });
    },
    /** Stops the worker (tests; a running Pandu lets it idle). */
    async close(): Promise<void> {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
export type ChartRenderer = ReturnType<typeof createChartRenderer>;

/** One renderer for the process: charts queue in one worker rather than each starting one. */
let shared: ChartRenderer | undefined;

/** Draws a chart in the process's chart worker. */
export function renderChartPng(spec: ChartSpec): Promise<Uint8Array> {
  shared ??= createChartRenderer();
  return shared.render(spec);
}
