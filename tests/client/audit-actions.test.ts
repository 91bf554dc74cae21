import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActions } from '../../client/src/audit/audit-actions.ts';
import { PlanEdit } from '../../server/src/contract/plans.ts';

const serverSrc = path.resolve(import.meta.dirname, '../../server/src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : full.endsWith('.ts') ? [full] : [];
  });

/** Every action the server writes to the audit log: the literal ones, and the two it builds. */
function serverActions(): string[] {
  const text = files(serverSrc)
    .map((f) => readFileSync(f, 'utf8'))
    .join('\n');
  const literal = [...text.matchAll(/action: (?:[a-z]+ \? )?'([a-z_]+\.[a-z_.]+)'(?: : '([a-z_]+\.[a-z_.]+)')?/g)].flatMap((m) =>
    [m[1]!, m[2]].filter(Boolean),
  );
  expect(text).toContain('action: `plan.edit.${edit.kind}`');
  expect(text).toContain('action: `plan.${direction}`');
  const editKinds = PlanEdit.options.map((o) => o.shape.kind.value);
  return [...new Set([...literal, ...editKinds.map((k) => `plan.edit.${k}`), 'plan.undo', 'plan.redo'])] as string[];
}

describe('the audit page', () => {
  it('lists, and so translates, every action the server writes', () => {
    const listed = new Set<string>(auditActions);
    expect(serverActions().filter((a) => !listed.has(a))).toEqual([]);
  });
});
