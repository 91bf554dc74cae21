/**
 * Account administration from the terminal:
 *   npm run user -- reset-password <username>   sets and prints a new random password
 */
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { createLogger } from '../logger.ts';
import { generatePassword } from './bootstrap.ts';
import { setPassword } from './users.ts';

async function main() {
  const [command, username] = process.argv.slice(2);
  if (command !== 'reset-password' || !username) {
    process.stderr.write('usage: npm run user -- reset-password <username>\n');
    process.exit(2);
  }
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase({ ...config, loadDemo: false }, createLogger(config.logLevel));
  try {
    const password = generatePassword();
    if (!(await setPassword(database.pool, username, password))) {
      process.stderr.write(`no user named ${username}\n`);
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`new password for ${username}: ${password}\n`);
  } finally {
    await database.close();
  }
}

void main();
