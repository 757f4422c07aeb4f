import { CHART_FONT_FAMILY, type ChartSpec, drawChart } from "./chart-renderer.js";
import type { Picture } from "./picture.js";

/** One person's row: their levels that count against the required ones, per competency column. */
export interface HeatmapRow {
  /** The person's name as the atasan reads it. */
  person: string;
  /** One per column, in the columns' order; null where the person was not assessed in it. */
  cells: ({ level: number; required: number } | null)[];
}

export interface TeamHeatmap {
  /** Column headers: competency codes (M.1, SK.1, T.AK.1), short enough for a phone. */
  columns: string[];
  rows: HeatmapRow[];
}

export interface HeatmapLabels {
  title: string;
  /** The legend's three bands: below the standard, at it, above it. */
  below: string;
  meets: string;
  above: string;
}

const COLUMN_WIDTH = 64;
const ROW_HEIGHT = 44;
const LEFT = 220;

/**
 * Draws a direct atasan's team as a person × competency heatmap: each cell is coloured by the
 * level that counts minus the required level (orange below, green at or above) and labelled
 * "level/required". Drawn in the chart worker (see chart-renderer.ts).
 */
export function renderTeamHeatmap(heatmap: TeamHeatmap, labels: HeatmapLabels): Promise<Picture> {
  return drawChart(teamHeatmapSpec(heatmap, labels));
}

/** The heatmap as an ECharts option and a size: plain data, drawn wherever it is sent. */
export function teamHeatmapSpec(heatmap: TeamHeatmap, labels: HeatmapLabels): ChartSpec {
  const width = Math.max(560, LEFT + 24 + heatmap.columns.length * COLUMN_WIDTH);
  const height = 150 + heatmap.rows.length * ROW_HEIGHT;
  // The first person on top, as in the text.
  const people = heatmap.rows.map((r) => r.person).reverse();
  const data = heatmap.rows.flatMap((row, i) =>
    row.cells.flatMap((cell, x) =>
      cell
        ? [
            {
              value: [x, heatmap.rows.length - 1 - i, cell.level - cell.required],
              label: { formatter: `${cell.level}/${cell.required}` },
            },
          ]
        : [],
    ),
  );
  return {
    width,
    height,
    option: {
      animation: false,
      backgroundColor: "#ffffff",
      textStyle: { fontFamily: CHART_FONT_FAMILY },
      title: { text: labels.title, left: 16, top: 12, textStyle: { fontSize: 18 } },
      grid: { left: LEFT, right: 24, top: 60, bottom: 64 },
      xAxis: { type: "category", data: heatmap.columns, position: "top", axisLabel: { fontSize: 13 } },
      yAxis: {
        type: "category",
        data: people,
        axisLabel: { fontSize: 13, width: LEFT - 20, overflow: "truncate" },
      },
      visualMap: {
        type: "piecewise",
        orient: "horizontal",
        left: 16,
        bottom: 12,
        // Server-side text measuring runs short: wide gaps keep the labels apart.
        itemGap: 48,
        textStyle: { fontSize: 12 },
        pieces: [
          { lt: 0, label: labels.below, color: "#e8833a" },
          { value: 0, label: labels.meets, color: "#8fd19e" },
          { gt: 0, label: labels.above, color: "#2f9e6b" },
        ],
      },
      series: [
        {
          type: "heatmap",
          data,
          label: { show: true, fontSize: 13, color: "#1f2933" },
          itemStyle: { borderColor: "#ffffff", borderWidth: 2 },
        },
      ],
    },
  };
}
