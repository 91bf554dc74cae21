import type pg from 'pg';
import { isUniqueViolation } from '../db/errors.ts';
import { adminExists, insertDemoWallToken, selectLargestArea } from './queries.ts';
import { hashToken, newToken } from './tokens.ts';
import { createUser, type NewUser } from './users.ts';

export type Credential = { username: string; password: string; role: string; scope: string };

/** A readable one-time password: 20 URL-safe random characters (~120 bits). */
export function generatePassword(): string {
  return newToken().slice(0, 20);
}

/**
 * On the first start there is no administrator: create `admin` over the county with a random
 * password, to be shown once. Never a fixed default. Answers undefined when nothing was created.
 */
export async function ensureInitialAdmin(db: pg.Pool): Promise<Credential | undefined> {
  if (await adminExists(db)) return undefined;
  const county = await selectLargestArea(db, 'county');
  if (!county) return undefined;
  const admin: NewUser = { username: 'admin', display_name: '系统管理员', password: generatePassword(), role: 'admin', scope: county.code };
  try {
    await createUser(db, admin);
  } catch (error) {
    if (isUniqueViolation(error)) return undefined; // another process created it at the same moment
    throw error;
  }
  return { username: admin.username, password: admin.password, role: 'admin', scope: county.name };
}

/**
 * Demo accounts for each role in the demo county, sharing one random password shown once,
 * and a wall display token. Created only when the demo county was loaded by this start.
 */
export async function createDemoAccounts(db: pg.Pool): Promise<{ users: Credential[]; wallToken: string } | undefined> {
  const [county, town, community] = [await selectLargestArea(db, 'county'), await selectLargestArea(db, 'town'), await selectLargestArea(db, 'community')];
  if (!county || !town || !community) return undefined;
  const password = generatePassword();
  const demo: Array<NewUser & { scopeName: string }> = [
    { username: 'dispatcher', display_name: '应急调度员（演示）', password, role: 'dispatcher', scope: county.code, scopeName: county.name },
    { username: 'planner', display_name: '网格规划员（演示）', password, role: 'planner', scope: town.code, scopeName: town.name },
    { username: 'secretary', display_name: '社区书记（演示）', password, role: 'secretary', scope: community.code, scopeName: community.name },
  ];
  const users: Credential[] = [];
  for (const u of demo) {
    try {
      await createUser(db, u);
      users.push({ username: u.username, password, role: u.role, scope: u.scopeName });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  const wallToken = newToken();
  await insertDemoWallToken(db, '演示大屏', hashToken(wallToken), county.code);
  return { users, wallToken };
}
