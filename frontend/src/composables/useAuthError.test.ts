import { describe, expect, it } from '@jest/globals';
import { authErrorKey, safeNext } from './useAuthError';
import { ApiError } from '../services/http';

describe('auth form helpers', () => {
  it('goes back only to a path on this site', () => {
    expect(safeNext({ next: '/p/demo/transcribe' })).toBe('/p/demo/transcribe');
    expect(safeNext({ next: '//evil.example/x' })).toBe('/');
    expect(safeNext({ next: 'https://evil.example/' })).toBe('/');
    expect(safeNext({ next: ['/a', '/b'] })).toBe('/');
    expect(safeNext({})).toBe('/');
  });

  it('names known failures and falls back to unknown', () => {
    expect(authErrorKey(new ApiError(401, 'invalid_credentials', 'no')).key).toBe(
      'auth.errors.invalid_credentials',
    );
    expect(authErrorKey(new ApiError(500, 'boom', 'no')).key).toBe('auth.errors.unknown');
    expect(authErrorKey(new Error('x'))).toEqual({ key: 'auth.errors.unknown', fields: {} });
  });
});
