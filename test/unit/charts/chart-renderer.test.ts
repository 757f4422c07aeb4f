import { afterAll, describe, expect, it } from "vitest";
import { assessmentChartSpec } from "../../../src/charts/assessment-chart.js";
import { createChartRenderer } from "../../../src/charts/chart-renderer.js";
import { isJpeg, jpegSize, pixelAt } from "../../support/jpeg.js";

const renderer = createChartRenderer();
afterAll(() => renderer.close());

const bytesOf = async (spec: Parameters<typeof renderer.render>[0]) =>
  Buffer.from((await renderer.render(spec)).bytes);

describe("the chart worker", () => {
  it("draws charts asked for together, each to its own JPEG of its own size", async () => {
    const labels = { title: "Hasil asesmen", assessed: "Level Anda", required: "Standar" };
    const one = assessmentChartSpec([{ label: "Integritas", assessed: 2, required: 3 }], labels);
    const three = assessmentChartSpec(
      ["Integritas", "Kerja sama", "Komunikasi"].map((label) => ({ label, assessed: 3, required: 3 })),
      labels,
    );
    const [a, b] = await Promise.all([renderer.render(one), renderer.render(three)]);
    expect(a.mime).toBe("image/jpeg");
    expect(isJpeg(a.bytes) && isJpeg(b.bytes)).toBe(true);
    expect(jpegSize(a.bytes)).toEqual({ width: one.width, height: one.height });
    expect(jpegSize(b.bytes)).toEqual({ width: three.width, height: three.height });
  });

  it("refuses a chart it cannot draw, and draws the next one after its worker was stopped", async () => {
    await expect(renderer.render({ width: 0, height: 0, option: {} })).rejects.toThrow(/chart/);
    await renderer.close();
    const picture = await renderer.render({ width: 120, height: 80, option: { series: [] } });
    expect(isJpeg(picture.bytes)).toBe(true);
  });
});

describe("the chart worker's drawing", () => {
  const labels = { title: "Hasil asesmen", assessed: "Level Anda", required: "Standar" };
  const titled = (text: string) => ({ width: 300, height: 60, option: { title: { text }, series: [] } });

  it("draws a chart the same after other charts of other sizes (nothing of them is kept)", async () => {
    const three = assessmentChartSpec(
      ["Integritas", "Kerja sama", "Komunikasi"].map((label) => ({ label, assessed: 2, required: 3 })),
      labels,
    );
    const one = assessmentChartSpec([{ label: "Pelayanan publik", assessed: 4, required: 3 }], labels);
    const first = await bytesOf(three);
    await bytesOf(one);
    await bytesOf(titled("Ringkasan unit"));
    expect((await bytesOf(three)).equals(first)).toBe(true);
  });

  it("draws letters, accented and in other scripts, rather than leaving them blank", async () => {
    const blank = await bytesOf(titled(""));
    expect((await bytesOf(titled("Привет"))).equals(blank)).toBe(false);
    expect((await bytesOf(titled("Pelatihan Ñusa Tenggara"))).equals(blank)).toBe(false);
  });

  it("paints what a chart leaves empty white, not black (a JPEG has no transparency)", async () => {
    const corner = async (option: Record<string, unknown>) =>
      pixelAt((await renderer.render({ width: 64, height: 64, option })).bytes, 62, 62);
    // Nearly: JPEG rounds a little.
    const near = (rgb: number[], to: number) => rgb.every((c) => Math.abs(c - to) <= 3);
    expect(near(await corner({ series: [] }), 255)).toBe(true);
    expect(near(await corner({ title: { text: "Ringkasan" } }), 255)).toBe(true);
    expect(near(await corner({ backgroundColor: "#000000", title: { text: "Ringkasan" } }), 0)).toBe(true);
  });
});
