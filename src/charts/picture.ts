/** A drawn picture (a chart): its bytes and their format. */
export interface Picture {
  bytes: Uint8Array;
  mime: "image/jpeg" | "image/png";
}

/** A picture as a photo attachment named `name`, with the extension its format takes. */
export function photoOf(picture: Picture, name: string) {
  const extension = picture.mime === "image/png" ? "png" : "jpg";
  return {
    kind: "photo" as const,
    filename: `${name}.${extension}`,
    mime: picture.mime,
    bytes: picture.bytes,
  };
}
