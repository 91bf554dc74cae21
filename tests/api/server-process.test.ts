import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/src/config.ts';
import { startServerProcess } from '../support/server-process.ts';

describe('the server process', () => {
  it('starts on DATABASE_URL, prints its address, answers, and exits cleanly on SIGTERM', async () => {
    const server = await startServerProcess({ DATABASE_URL: inject('databaseUrl'), LOG_LEVEL: 'warn' });
    const res = await fetch(`${server.url}api/health`);
    expect(res.status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);
  });

  it('refuses to start with invalid configuration and says which variable is wrong', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'server/src/main.ts')], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: 'mysql://nope', PORT: 'x' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL/);
    expect(stderr).toMatch(/PORT/);
  });
});
