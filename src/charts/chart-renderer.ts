import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Picture } from "./picture.js";

/** The font stack every chart names; Skia draws with the first face the system has. */
export const CHART_FONT_FAMILY = "DejaVu Sans, Noto Sans, Arial, sans-serif";

/** A chart to draw: an ECharts option (plain data, no functions) and the picture's size in pixels. */
export interface ChartSpec {
  option: Record<string, unknown>;
  width: number;
  height: number;
}

// The two faces the charts use, when the system has them (Debian's fonts-dejavu-core); without
// them Skia falls back to the system's fonts.
const DEJAVU = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
const FONT_FILES = DEJAVU.filter((f) => existsSync(f));

/** The chart thread's nice value (0 is the process's own, 19 the lowest priority). */
const CHART_NICE = 10;

/**
 * JPEG quality of a chart: Telegram turns every photo into a JPEG anyway, and at 90 the letters'
 * edges stay clean. A PNG cost three times the encoding time (about 15 ms against 5).
 */
const JPEG_QUALITY = 90;

/** The CommonJS entries the worker loads by path (it has none of our resolution). */
const resolve = createRequire(import.meta.url).resolve;
const MODULES = {
  echarts: resolve("echarts"),
  canvas: resolve("@napi-rs/canvas"),
};

/**
 * The worker that draws: ECharts' canvas renderer on a Skia canvas (@napi-rs/canvas), encoded as
 * JPEG. Plain JavaScript, evaluated as is. A chart costs about 18 ms of CPU here (ECharts' layout
 * and Skia's drawing about 13, the JPEG about 5); the SVG route it replaced (ECharts to SVG, resvg
 * to PNG) cost about 40, and on the main thread either would stall every other chat for as long.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");
const echarts = require(workerData.modules.echarts);
const { createCanvas, GlobalFonts } = require(workerData.modules.canvas);
// On Linux a thread has a nice value of its own: this one yields the CPU to the main thread, the
// database and the other chats. Under load a chart waits for spare CPU instead of slowing every
// other person's next question. Elsewhere, or where it is refused, the thread keeps its priority.
try {
  const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) os.setPriority(tid, workerData.nice);
} catch {}
for (const file of workerData.fontFiles) GlobalFonts.registerFromPath(file, "DejaVu Sans");
// ECharts measures text on a canvas of its own.
echarts.setPlatformAPI({ createCanvas: () => createCanvas(1, 1) });

function draw(spec) {
  const canvas = createCanvas(spec.width, spec.height);
  // A chart drawn on its own instance keeps nothing of the one before; starting one costs ~2 ms.
  const chart = echarts.init(canvas, null, { width: spec.width, height: spec.height });
  try {
    chart.setOption({ ...spec.option, animation: false });
    // A JPEG has no transparency: what the chart left unpainted (all of it, when it had nothing
    // to draw) is made white, painted behind what is there, rather than turning black.
    const context = canvas.getContext("2d");
    context.save();
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.globalCompositeOperation = "destination-over";
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, spec.width, spec.height);
    context.restore();
    return canvas.toBuffer("image/jpeg", workerData.quality);
  } finally {
    chart.dispose();
  }
}

parentPort.on("message", ({ id, spec }) => {
  try {
    const jpeg = draw(spec);
    const bytes = new Uint8Array(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength).slice();
    parentPort.postMessage({ id, image: bytes }, [bytes.buffer]);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;

/** Draws charts as JPEGs in one worker thread, started on first use and again after it failed. */
export function createChartRenderer() {
  let worker: Worker | undefined;
  let next = 0;
  const pending = new Map<number, { resolve: (picture: Picture) => void; reject: (err: Error) => void }>();

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = undefined;
  };

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modules: MODULES,
        fontFiles: FONT_FILES,
        nice: CHART_NICE,
        quality: JPEG_QUALITY,
      },
    });
    w.on("message", (m: { id: number; image?: Uint8Array; error?: string }) => {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      // An idle renderer never keeps the process alive (a busy one does: its callers wait on it).
      if (pending.size === 0) w.unref();
      // The worker handed its bytes over (transferred): nothing to copy.
      if (m.image) p.resolve({ bytes: m.image, mime: "image/jpeg" });
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
    /** The chart as a picture. */
    render(spec: ChartSpec): Promise<Picture> {
      const id = next++;
      return new Promise<Picture>((resolve, reject) => {
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
export function drawChart(spec: ChartSpec): Promise<Picture> {
  shared ??= createChartRenderer();
  return shared.render(spec);
}
