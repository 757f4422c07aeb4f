import QRCode from "qrcode";

/** A QR code of `text` as a PNG, large enough to scan from a phone screen or a printout. */
export async function renderQrPng(text: string): Promise<Uint8Array> {
  const png = await QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 2, scale: 8 });
  return new Uint8Array(png);
}

/** Draws a QR code of a text as PNG bytes (tests pass one that records what it is given). */
export type RenderQr = (text: string) => Promise<Uint8Array>;
