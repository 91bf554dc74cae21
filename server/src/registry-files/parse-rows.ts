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
