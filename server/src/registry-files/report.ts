import { registryReportMaxProblems, type ImportProblem, type ImportProblemCode, type ImportReport, type RegistryEntity } from '../contract/registry-files.ts';

/** The problems of a file as validation finds them, row by row, with the header's word for each column. */
export class ProblemList {
  readonly problems: ImportProblem[] = [];
  readonly badLines = new Set<number>();
  /** the file as a whole cannot be imported (unreadable, a column missing or unknown) */
  fatal = false;
  private truncated = false;

  constructor(private readonly labels: Map<string, string> = new Map()) {}

  add(line: number, column: string | null, code: ImportProblemCode, message: string): void {
    this.badLines.add(line);
    if (this.problems.length >= registryReportMaxProblems) {
      this.truncated = true;
      return;
    }
    this.problems.push({ line, column: column === null ? null : (this.labels.get(column) ?? column), code, message });
  }

  /** A problem of the whole file (line 1: the header), which no row can be imported past. */
  addFatal(column: string | null, code: ImportProblemCode, message: string): void {
    this.fatal = true;
    this.add(1, column, code, message);
  }

  isBad(line: number): boolean {
    return this.badLines.has(line);
  }

  report(entity: RegistryEntity, rows: number, encoding: 'utf-8' | 'gbk'): ImportReport {
    const badRows = [...this.badLines].filter((l) => l > 1).length;
    const problems = [...this.problems].sort((a, b) => a.line - b.line);
    return {
      entity,
      rows,
      good: this.fatal ? 0 : rows - badRows,
      bad: problems,
      bad_rows: this.fatal ? rows : badRows,
      truncated: this.truncated,
      encoding,
    };
  }
}
