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

/**
 * The characters the charts' fonts are cut down to: Latin with Indonesian's and its neighbours'
 * accents, and common punctuation. resvg shapes each label with the whole face, and DejaVu's 760 KB
 * made a chart's text cost about 16 ms; cut down to these, about 5. A chart with any other
 * character (a name in another script) is drawn with the whole faces.
 */
const CHART_CHARACTERS = [
  [0x20, 0x7e],
  [0xa0, 0x17f],
  [0x2013, 0x2014],
  [0x2018, 0x201d],
  [0x2022, 0x2022],
  [0x2026, 0x2026],
  [0x20ac, 0x20ac],
  [0x2212, 0x2212],
  [0x2264, 0x2265],
]
  .flatMap(([from, to]) => Array.from({ length: to! - from! + 1 }, (_, i) => String.fromCodePoint(from! + i)))
  .join("");
/** Anything in an SVG outside those characters (the SVG's own markup is ASCII). */
const OTHER_CHARACTERS = `[^\n\t\r${CHART_CHARACTERS.replace(/[\\\]^-]/g, "\\$&")}]`;

/** The chart thread's nice value (0 is the process's own, 19 the lowest priority). */
const CHART_NICE = 10;

/** The CommonJS entries the worker loads by path (it has none of our resolution). */
const resolve = createRequire(import.meta.url).resolve;
const MODULES = {
  echarts: resolve("echarts"),
  resvg: resolve("@resvg/resvg-js"),
  subsetFont: resolve("subset-font"),
};

/**
 * The worker that draws: ECharts renders the option to SVG on the server, resvg rasterises it.
 * Plain JavaScript, evaluated as is. A chart cost about 60 ms of CPU here (ECharts' layout about
 * 20 ms, resvg's text about 16, drawing and PNG about 12): on the main thread that stalled every
 * other chat for as long, and the final answers of an assessment came in bunches. One ECharts
 * instance is kept and resized (starting one costs about 10 ms), and the fonts are cut down once.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const echarts = require(workerData.modules.echarts);
const { Resvg } = require(workerData.modules.resvg);
// On Linux a thread has a nice value of its own: this one yields the CPU to the main thread, the
// database and the other chats. Under load a chart waits for spare CPU instead of slowing every
// other person's next question. Elsewhere, or where it is refused, the thread keeps its priority.
try {
  const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
  if (tid > 0) os.setPriority(tid, workerData.nice);
} catch {}

// The faces cut down to the chart characters, written once per machine (by content) beside the
// system's temporary files; resvg reads files much faster than buffers. Undefined when the system
// fonts are not files we know, or cutting them failed: the whole faces are used then.
async function smallFonts(font) {
  if (!font.fontFiles) return undefined;
  const subsetFont = require(workerData.modules.subsetFont);
  const dir = path.join(os.tmpdir(), "pandu-chart-fonts");
  fs.mkdirSync(dir, { recursive: true });
  const key = require("node:crypto").createHash("sha256").update(workerData.characters);
  const files = [];
  for (const file of font.fontFiles) {
    const bytes = fs.readFileSync(file);
    const out = path.join(dir, path.basename(file, ".ttf") + "-" + key.copy().update(bytes).digest("hex").slice(0, 16) + ".ttf");
    if (!fs.existsSync(out)) {
      const small = await subsetFont(bytes, workerData.characters, { targetFormat: "truetype" });
      const temporary = out + "." + process.pid + "." + Date.now();
      fs.writeFileSync(temporary, small);
      fs.renameSync(temporary, out);
    }
    files.push(out);
  }
  return { ...font, fontFiles: files };
}
const small = smallFonts(workerData.font).catch(() => undefined);
const other = new RegExp(workerData.otherCharacters, "u");

let chart;
let size = "";
function svgOf(spec) {
  const wanted = spec.width + "x" + spec.height;
  if (!chart) chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: spec.width, height: spec.height });
  else if (size !== wanted) chart.resize({ width: spec.width, height: spec.height });
  size = wanted;
  // notMerge: nothing of the previous chart's option is kept.
  chart.setOption(spec.option, true);
  return chart.renderToSVGString();
}

parentPort.on("message", async ({ id, spec }) => {
  const fonts = await small;
  try {
    const svg = svgOf(spec);
    const font = fonts && !other.test(svg) ? fonts : workerData.font;
    const png = new Resvg(svg, { background: "#ffffff", font }).render().asPng();
    const bytes = new Uint8Array(png);
    parentPort.postMessage({ id, png: bytes }, [bytes.buffer]);
  } catch (err) {
    // A chart that failed may leave the instance half set up: the next chart starts a new one.
    if (chart) chart.dispose();
    chart = undefined;
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
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
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        modules: MODULES,
        font: FONT,
        nice: CHART_NICE,
        characters: CHART_CHARACTERS,
        otherCharacters: OTHER_CHARACTERS,
      },
    });
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
