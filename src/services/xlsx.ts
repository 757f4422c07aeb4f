import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** One cell of a sheet: text, a number, a calendar date (its UTC day) or nothing. */
export type SheetCell = string | number | Date | null;

/** The MIME type of an Excel workbook. */
export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Column widths in characters: wide enough for the header and most values, never wider than this. */
const MAX_WIDTH = 40;
const MIN_WIDTH = 8;

/** How many characters a cell takes when shown (a date as dd/mm/yyyy). */
const shownLength = (cell: SheetCell) =>
  cell === null ? 0 : cell instanceof Date ? 10 : String(cell).length;

/** write-excel-file's CommonJS entry, which the worker loads by path (it has no module resolution of ours). */
const WRITER = createRequire(import.meta.url).resolve("write-excel-file/node");

/**
 * The worker that writes the workbook. write-excel-file builds the whole file synchronously (about
 * four times a CSV's time: seconds for 50,000 people on a busy machine), which on the main thread
 * would stall every other chat meanwhile. Cells arrive as plain values (a cell's `type` is a
 * constructor, which cannot cross to a worker) and are typed here: dates shown dd/mm/yyyy, as
 * Indonesia writes them. Plain JavaScript, evaluated as is: keep it in step with `SheetCell`.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const writeXlsxFile = require(workerData.writer);
const { sheet, header, rows, widths } = workerData;
const typed = (cell) =>
  cell === null
    ? null
    : cell instanceof Date
      ? { value: cell, type: Date, format: "dd/mm/yyyy" }
      : typeof cell === "number"
        ? { value: cell, type: Number }
        : { value: String(cell), type: String };
const data = [header.map((h) => ({ value: h, fontWeight: "bold" })), ...rows.map((r) => r.map(typed))];
writeXlsxFile(data, { sheet, stickyRowsCount: 1, columns: widths.map((width) => ({ width })) })
  .toBuffer()
  .then((bytes) => parentPort.postMessage(bytes));
`;

/**
 * An Excel workbook of one sheet: a bold header row that stays in view (frozen) while scrolling,
 * each column as wide as its content, and typed cells, so numbers add up and dates sort as dates.
 * Text stays text: a cell starting with `=` is never read as a formula, unlike in a CSV. Written in
 * a worker thread, so a large file does not hold up other conversations.
 */
export async function xlsxFile(
  sheet: string,
  header: readonly string[],
  rows: readonly (readonly SheetCell[])[],
): Promise<Uint8Array> {
  // A loop, not Math.max(...rows): tens of thousands of arguments overflow the stack.
  const widths = header.map((h) => Math.max(MIN_WIDTH, h.length + 2));
  for (const r of rows)
    for (const [i, cell] of r.entries()) widths[i] = Math.max(widths[i] ?? MIN_WIDTH, shownLength(cell) + 1);
  const workerData = {
    writer: WRITER,
    sheet,
    header,
    rows,
    widths: widths.map((w) => Math.min(MAX_WIDTH, w)),
  };
  return new Promise<Uint8Array>((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
    worker.once("message", (bytes: Uint8Array) => resolve(new Uint8Array(bytes)));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the xlsx worker stopped (exit code ${code})`)));
  });
}
