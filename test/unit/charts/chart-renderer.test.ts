import { afterAll, describe, expect, it } from "vitest";
import { assessmentChartSpec, isPng } from "../../../src/charts/assessment-chart.js";
import { createChartRenderer } from "../../../src/charts/chart-renderer.js";

const renderer = createChartRenderer();
afterAll(() => renderer.close());

describe("the chart worker", () => {
  it("draws charts asked for together, each to its own PNG", async () => {
    const labels = { title: "Hasil asesmen", assessed: "Level Anda", required: "Standar" };
    const one = assessmentChartSpec([{ label: "Integritas", assessed: 2, required: 3 }], labels);
    const three = assessmentChartSpec(
      ["Integritas", "Kerja sama", "Komunikasi"].map((label) => ({ label, assessed: 3, required: 3 })),
      labels,
    );
    const [a, b] = await Promise.all([renderer.render(one), renderer.render(three)]);
    expect(isPng(a) && isPng(b)).toBe(true);
    // A PNG's height is bytes 20–23 of its header: one row is shorter than three.
    const height = (png: Uint8Array) => new DataView(png.buffer, png.byteOffset).getUint32(20);
    expect(height(a)).toBe(one.height);
    expect(height(b)).toBe(three.height);
  });

  it("refuses a chart it cannot draw, and draws the next one after its worker was stopped", async () => {
    await expect(renderer.render({ width: 0, height: 0, option: {} })).rejects.toThrow(/chart/);
    await renderer.close();
    const png = await renderer.render({ width: 120, height: 80, option: { series: [] } });
    expect(isPng(png)).toBe(true);
  });
});

describe("the chart worker's reuse and fonts", () => {
  const labels = { title: "Hasil asesmen", assessed: "Level Anda", required: "Standar" };
  const titled = (text: string) => ({ width: 300, height: 60, option: { title: { text }, series: [] } });

  it("draws a chart the same after other charts of other sizes (nothing of them is kept)", async () => {
    const three = assessmentChartSpec(
      ["Integritas", "Kerja sama", "Komunikasi"].map((label) => ({ label, assessed: 2, required: 3 })),
      labels,
    );
    const one = assessmentChartSpec([{ label: "Pelayanan publik", assessed: 4, required: 3 }], labels);
    const first = await renderer.render(three);
    await renderer.render(one);
    await renderer.render(titled("Ringkasan unit"));
    expect(Buffer.from(await renderer.render(three)).equals(Buffer.from(first))).toBe(true);
  });

  it("draws letters outside the cut-down fonts with the whole fonts, not as blanks", async () => {
    const blank = Buffer.from(await renderer.render(titled("")));
    // Cyrillic is in DejaVu Sans but not in the characters the chart fonts are cut down to.
    const cyrillic = Buffer.from(await renderer.render(titled("Привет")));
    const accented = Buffer.from(await renderer.render(titled("Pelatihan Ñusa Tenggara")));
    expect(cyrillic.equals(blank)).toBe(false);
    expect(accented.equals(blank)).toBe(false);
  });
});
