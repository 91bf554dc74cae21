import { describe, expect, it } from 'vitest';
import { ApiError } from '../../client/src/api/http.ts';
import { serverErrors, serverErrorsByPath } from '../../client/src/registry/field-errors.ts';

const refusal = (details: { path: string; message: string }[]) =>
  new ApiError(400, 'invalid_body', 'invalid', null, { error: { code: 'invalid_body', message: 'invalid', details } });

describe('a refused write’s problems at their fields', () => {
  const details = [
    { path: 'stars.2.min_points', message: 'must be 0 or more' },
    { path: 'stars', message: 'more stars must need more points' },
    { path: 'points.wish', message: 'must be between 1 and 1000' },
  ];

  it('by the first part of the path for plain forms', () => {
    expect(serverErrors(refusal(details), 'offline')).toEqual({ stars: 'must be 0 or more', points: 'must be between 1 and 1000' });
  });

  it('by the whole path for forms with rows (rules, linked households)', () => {
    expect(serverErrorsByPath(refusal(details), 'offline')).toEqual({
      'stars.2.min_points': 'must be 0 or more',
      stars: 'more stars must need more points',
      'points.wish': 'must be between 1 and 1000',
    });
    expect(serverErrorsByPath(refusal([{ path: '1.label', message: 'is required' }]), 'offline')).toEqual({ '1.label': 'is required' });
  });

  it('the message, or the fallback when the server could not be reached', () => {
    expect(serverErrorsByPath(new ApiError(404, 'not_found', 'No place in your scope'), 'offline')).toEqual({ '': 'No place in your scope' });
    expect(serverErrorsByPath(new ApiError(0, 'network_error', 'fetch failed'), 'offline')).toEqual({ '': 'offline' });
    expect(serverErrorsByPath(new Error('x'), 'offline')).toEqual({ '': 'offline' });
  });
});
