export type Cell = string | number | boolean | null;

const plainNumber = /^-?[0-9]+(\.[0-9]+)?$/;

/**
 * A cell as Excel reads it without surprise: text that would start a formula (= + - @) gets a
 * leading apostrophe (CSV injection; the import drops it again), and a cell with a comma, quote or
 * line break is quoted.
 */
function csvCell(value: Cell): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(text) && !plainNumber.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** CSV as Excel opens it on a Chinese Windows: UTF-8 with a BOM, CRLF line ends, a header row. */
export function writeCsv(columns: readonly string[], rows: Cell[][]): Buffer {
  const lines = [columns.map(csvCell).join(','), ...rows.map((row) => row.map(csvCell).join(','))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
