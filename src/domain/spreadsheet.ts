/**
 * Cells that start with `=`, `+`, `-`, `@`, a tab or a carriage return are run as formulas by
 * Excel and LibreOffice (CSV injection). A leading apostrophe makes them plain text and is not
 * shown. Everything a person typed goes through this before it lands in an export.
 */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** A CSV file's text for Excel: UTF-8 with a byte order mark, or Excel guesses the wrong encoding. */
export const BOM = "\uFEFF";
