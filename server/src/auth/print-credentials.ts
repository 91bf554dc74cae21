import type { Credential } from './bootstrap.ts';

/** Shows first-start passwords once, on the terminal only: they never reach the structured logs. */
export function printCredentials(admin: Credential | undefined, demo: { users: Credential[]; wallToken: string } | undefined, baseUrl: string): void {
  const lines: string[] = [];
  if (admin) {
    lines.push(
      '  First start: an administrator account was created. This password is shown only now:',
      `    username: ${admin.username}   password: ${admin.password}   (scope: ${admin.scope})`,
      '    change it later with: npm run user -- reset-password admin',
      '',
    );
  }
  if (demo) {
    lines.push('  Demo accounts (one shared password, shown only now):');
    for (const u of demo.users) lines.push(`    ${u.username.padEnd(11)} ${u.role.padEnd(10)} scope: ${u.scope}   password: ${u.password}`);
    lines.push('  Wall display (read-only, aggregates only), open on the big screen:', `    ${baseUrl}wall#token=${demo.wallToken}`, '');
  }
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
}
