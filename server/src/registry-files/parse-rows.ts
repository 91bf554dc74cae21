import type { z } from 'zod';
import type { HeaderMap } from './columns.ts';
import type { CsvTable } from './read-csv.ts';
import type { ProblemList } from './report.ts';

export type ParsedRow<T> = { line: number; values: T };

/**
 * Each row's cells through the entity's schema, by the column its header names: the rows that
 * parse, and a problem for every cell that does not (with its column). Cells past the header's
 * columns are ignored; a short row's missing cells are empty.
 */
export function parseRows<S extends z.ZodType<unknown, Record<string, string>>>(
  schema: S,
  table: CsvTable,
  header: HeaderMap,
  problems: ProblemList,
): Array<ParsedRow<z.output<S>>> {
  const parsed: Array<ParsedRow<z.output<S>>> = [];
  for (const row of table.rows) {
    const record: Record<string, string> = {};
    header.columns.forEach((column, i) => {
      if (column !== undefined) record[column] = row.cells[i] ?? '';
    });
    const result = schema.safeParse(record);
    if (result.success) parsed.push({ line: row.line, values: result.data });
    else for (const issue of result.error.issues) problems.add(row.line, String(issue.path[0] ?? '') || null, 'invalid_value', issue.message);
  }
  return parsed;
}

/** The rows whose id appears before in the file are problems: each record is imported once. */
export function flagRepeatedIds(rows: Array<ParsedRow<{ id?: number | null | undefined }>>, problems: ProblemList): void {
  const seen = new Map<number, number>();
  for (const row of rows) {
    const id = row.values.id;
    if (id === null || id === undefined) continue;
    const first = seen.get(id);
    if (first !== undefined) problems.add(row.line, 'id', 'duplicate_id', `id ${id} is also on line ${first}`);
    else seen.set(id, row.line);
  }
}

/** A registry file's rows (parseRows), each id a problem where it appears again (flagRepeatedIds). */
export function parseRecordRows<S extends z.ZodType<{ id?: number | null | undefined }, Record<string, string>>>(
  schema: S,
  table: CsvTable,
  header: HeaderMap,
  problems: ProblemList,
): Array<ParsedRow<z.output<S>>> {
  const rows = parseRows(schema, table, header, problems);
  flagRepeatedIds(rows, problems);
  return rows;
}

/**
 * The existing record a row's id names: undefined when the row gives no id (a new record), null
 * when the id names no record in scope (the row's problem is added; nothing is said of records out of scope).
 */
export function namedRecord<R>(
  line: number,
  id: number | null | undefined,
  records: ReadonlyMap<number, R>,
  inScope: (record: R) => boolean,
  noun: string,
  problems: ProblemList,
): R | undefined | null {
  if (id === null || id === undefined) return undefined;
  const record = records.get(id);
  if (record !== undefined && inScope(record)) return record;
  problems.add(line, 'id', 'not_in_scope', `No ${noun} ${id} in your scope`);
  return null;
}
