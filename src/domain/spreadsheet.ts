/**
 * The field separator a spreadsheet expects in a person's language: with Indonesian regional
 * settings the comma is the decimal mark, so Excel splits a CSV on `;` (a comma-separated file
 * opens in one column); English settings split on `,`.
 */
export function csvDelimiter(locale: "id" | "en"): ";" | "," {
  return locale === "id" ? ";" : ",";
}

/**
 * csv-stringify options for a file people open in a spreadsheet: UTF-8 with a byte order mark (or
 * Excel guesses the wrong encoding), and cells starting with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (and their full-width forms) prefixed with an apostrophe, so Excel and
 * LibreOffice show them as text instead of running them as formulas (CSV injection).
 */
export function spreadsheetCsvOptions(delimiter: ";" | ",") {
  return { bom: true, escape_formulas: true, delimiter } as const;
}
