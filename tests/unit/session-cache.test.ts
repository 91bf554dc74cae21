import { describe, expect, it } from 'vitest';
import { SessionCache } from '../../server/src/auth/session-cache.ts';

const row = { user_id: 1, username: 'a', display_name: 'A', csrf_token: 't', grants: [] };

describe('SessionCache', () => {
  it('answers a session for its time to live, then forgets it', () => {
    const cache = new SessionCache(5_000);
    cache.set('k', row, 1_000);
    expect(cache.get('k', 5_999)).toEqual(row);
    expect(cache.get('k', 6_001)).toBeUndefined();
  });

  it('forgets a session at once when told (sign-out)', () => {
    const cache = new SessionCache(5_000);
    cache.set('k', row, 1_000);
    cache.delete('k');
    expect(cache.get('k', 1_001)).toBeUndefined();
  });

  it('stays bounded', () => {
    const cache = new SessionCache(5_000, 2);
    cache.set('a', row, 0);
    cache.set('b', row, 0);
    cache.set('c', row, 0);
    expect([cache.get('a', 1), cache.get('c', 1)]).toEqual([undefined, row]);
  });
});
