import os from 'node:os';

export type Row = Record<string, string | number>;

/** Prints a benchmark's table with the machine and date, ready to paste into docs/benchmarks.md. */
export function printReport(title: string, rows: Row[], notes: string[] = []): void {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = Object.keys(rows[0] ?? {});
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  const out = [
    `### ${title}`,
    '',
    `${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu.trim()} · ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`,
    '',
    line(header),
    line(header.map(() => '---')),
    ...rows.map((r) => line(header.map((h) => r[h] ?? ''))),
    '',
    ...notes,
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

export const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000);
export const thousands = (n: number) => n.toLocaleString('en-US');
