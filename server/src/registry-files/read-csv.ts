import { parse } from 'csv-parse/sync';

/** One data row of a CSV: its first line in the file (1 is the header) and its cells. */
export type CsvRow = { line: number; cells: string[] };
export type CsvTable = { header: string[]; rows: CsvRow[] };

export class UnreadableCsv extends Error {}

/**
 * The header and rows of CSV text (RFC 4180 as Excel writes it: quoted fields may hold commas,
 * quotes and line breaks; lines end in CRLF, LF or CR). Empty lines are skipped; each row keeps the
 * line it starts on, so a report can point at it. More than `maxRows` rows is refused.
 */
export function readCsv(text: string, maxRows: number): CsvTable {
  // one kind of line end, so that csv-parse's own (faster) record delimiter fits every file; a line
  // break inside a quoted cell becomes \n, which no registry field takes anyway
  const normal = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let records: string[][];
  try {
    records = parse(normal, {
      relax_column_count: true,
      skip_empty_lines: false,
      record_delimiter: '\n',
      // a header or cell of a few hundred kB is no registry's; csv-parse stops there instead of growing
      max_record_size: 64 * 1024,
    }) as string[][];
  } catch (error) {
    throw new UnreadableCsv(`the file is not CSV as Excel writes it (${(error as Error).message.slice(0, 200)})`);
  }
  const rows: CsvRow[] = [];
  let header: string[] | undefined;
  let line = 1;
  for (const record of records) {
    const empty = record.length === 1 && record[0]!.trim() === '';
    if (!empty) {
      if (header === undefined) header = record;
      else rows.push({ line, cells: record });
      if (rows.length > maxRows) throw new UnreadableCsv(`the file has more than ${maxRows.toLocaleString('en')} rows; split it`);
    }
    line += 1;
    for (const cell of record) if (cell.includes('\n')) line += cell.split('\n').length - 1;
  }
  if (header === undefined) throw new UnreadableCsv('the file is empty: the first line must name the columns');
  return { header, rows };
}
