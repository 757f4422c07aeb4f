import { CHART_FONT_FAMILY, type ChartSpec, drawChart } from "./chart-renderer.js";
import type { Picture } from "./picture.js";

export interface ChartRow {
  /** The competency's name as the person reads it. */
  label: string;
  assessed: number;
  required: number;
}

export interface ChartLabels {
  title: string;
  assessed: string;
  required: string;
  /** Written beside an assessed level of 0, whose bar has no length ("belum level 1"). */
  below?: string;
}

// Wide enough to stay sharp on a phone (Telegram shows photos about 400 points wide); every pixel
// more costs drawing and encoding time on each /hasil.
const WIDTH = 800;
const ROW_HEIGHT = 50;

/**
 * Draws assessed against required level per competency: horizontal bars, so long Indonesian
 * names stay readable on a phone. Drawn in the chart worker (see chart-renderer.ts).
 */
export function renderAssessmentChart(rows: readonly ChartRow[], labels: ChartLabels): Promise<Picture> {
  return drawChart(assessmentChartSpec(rows, labels));
}

/** The assessment chart as an ECharts option and a size: plain data, drawn wherever it is sent. */
export function assessmentChartSpec(rows: readonly ChartRow[], labels: ChartLabels): ChartSpec {
  const height = 140 + rows.length * ROW_HEIGHT;
  // Top of the chart is the first row, as in the text result.
  const ordered = [...rows].reverse();
  return {
    width: WIDTH,
    height,
    option: {
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      title: { text: labels.title, left: 16, top: 12, textStyle: { fontSize: 20 } },
      legend: {
        top: 48,
        left: 16,
        itemGap: 28,
        data: [labels.assessed, labels.required],
        textStyle: { fontSize: 14 },
      },
      // A fixed label column: server-side text measuring is too rough for containLabel.
      grid: { left: 280, right: 40, top: 88, bottom: 32 },
      xAxis: { type: "value", min: 0, max: 5, interval: 1, axisLabel: { fontSize: 13 } },
      yAxis: {
        type: "category",
        data: ordered.map((r) => r.label),
        axisLabel: { fontSize: 14, width: 255, overflow: "break", lineHeight: 17 },
      },
      series: [
        {
          name: labels.assessed,
          type: "bar",
          itemStyle: { color: "#2f9e6b" },
          data: ordered.map((r) => ({
            value: r.assessed,
            itemStyle: { color: r.assessed < r.required ? "#e8833a" : "#2f9e6b" },
            ...(r.assessed === 0 && labels.below ? { label: { formatter: labels.below } } : {}),
          })),
          barWidth: 16,
          label: { show: true, position: "right", fontSize: 13 },
        },
        {
          name: labels.required,
          type: "bar",
          data: ordered.map((r) => r.required),
          barWidth: 16,
          itemStyle: { color: "#9aa5b1" },
          label: { show: true, position: "right", fontSize: 13 },
        },
      ],
    },
  };
}
