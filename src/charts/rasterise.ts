import { existsSync } from "node:fs";
import { Resvg } from "@resvg/resvg-js";

/** The font stack every chart names; resvg is given the first face where the system has it. */
export const CHART_FONT_FAMILY = "DejaVu Sans, Noto Sans, Arial, sans-serif";

// The two faces the charts use, when the system has them (Debian's fonts-dejavu-core): reading
// two files is about 7 ms faster per chart than resvg scanning every system font each time.
const DEJAVU = [
  "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
  "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
];
const FONT = DEJAVU.every((f) => existsSync(f))
  ? { loadSystemFonts: false, fontFiles: DEJAVU, defaultFontFamily: "DejaVu Sans" }
  : { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" };

/** Rasterises a chart's SVG to a PNG on a white background with the charts' fonts. */
export function rasterise(svg: string): Uint8Array {
  return new Resvg(svg, { background: "#ffffff", font: FONT }).render().asPng();
}
