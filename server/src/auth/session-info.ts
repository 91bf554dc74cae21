import type pg from 'pg';
import type { SessionInfo } from '../contract/auth.ts';
import { selectGrants } from './queries.ts';

export async function sessionInfo(db: pg.Pool, user: { id: number; username: string; display_name: string }, csrfToken: string): Promise<SessionInfo> {
  const grants = await selectGrants(db, user.id);
  return { user: { id: user.id, username: user.username, display_name: user.display_name, grants }, csrf_token: csrfToken };
}
