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
