import { beforeEach, describe, expect, it, jest } from '@jest/globals';
import { createPinia, setActivePinia } from 'pinia';
import type { SessionUser } from '@cotejo/backend/contracts';
import { useSessionStore } from './session';
import { authService } from '../services/auth';
import { ApiError, getCsrfToken } from '../services/http';

const user = (over: Partial<SessionUser> = {}): SessionUser => ({
  id: 'u1',
  email: 'ana@example.org',
  displayName: 'Ana',
  role: 'volunteer',
  isGuest: false,
  organizations: [],
  ...over,
});

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    jest.restoreAllMocks();
  });

  it('loads the session and keeps the CSRF token for the HTTP layer', async () => {
    jest.spyOn(authService, 'session').mockResolvedValue({ user: null, csrfToken: 'csrf-1' });
    const store = useSessionStore();
    await store.load();
    expect(store.loaded).toBe(true);
    expect(store.user).toBeNull();
    expect(store.hasSession).toBe(false);
    expect(getCsrfToken()).toBe('csrf-1');
  });

  it('loads the session before starting a guest (the guest call needs its CSRF token)', async () => {
    const order: string[] = [];
    jest.spyOn(authService, 'session').mockImplementation(() => {
      order.push('session');
      return Promise.resolve({ user: null, csrfToken: 'anon' });
    });
    jest.spyOn(authService, 'guest').mockImplementation(() => {
      order.push(`guest:${getCsrfToken()}`);
      return Promise.resolve({ user: user({ isGuest: true }), csrfToken: 'g' });
    });
    const store = useSessionStore();
    await Promise.all([store.load(), store.ensureSession()]);
    expect(order).toEqual(['session', 'guest:anon']);
  });

  it('starts a guest session only when there is none', async () => {
    jest.spyOn(authService, 'session').mockResolvedValue({ user: null, csrfToken: 'anon' });
    const guest = jest
      .spyOn(authService, 'guest')
      .mockResolvedValue({ user: user({ isGuest: true }), csrfToken: 'g' });
    const store = useSessionStore();
    await store.ensureSession();
    await store.ensureSession();
    expect(guest).toHaveBeenCalledTimes(1);
    expect(store.isGuest).toBe(true);
    expect(store.isSignedIn).toBe(false);
    expect(getCsrfToken()).toBe('g');
  });

  it('signs a guest up and keeps the same person signed in', async () => {
    jest.spyOn(authService, 'session').mockResolvedValue({ user: null, csrfToken: 'anon' });
    jest.spyOn(authService, 'guest').mockResolvedValue({ user: user({ isGuest: true }), csrfToken: 'g' });
    jest.spyOn(authService, 'signup').mockResolvedValue({ user: user(), csrfToken: 's' });
    const store = useSessionStore();
    await store.ensureSession();
    await store.signup({ email: 'ana@example.org', password: 'long-enough-1', displayName: 'Ana' });
    expect(store.isSignedIn).toBe(true);
    expect(store.user?.id).toBe('u1');
    expect(store.loading).toBe(false);
  });

  it('propagates a failed log in and clears the loading flag', async () => {
    jest
      .spyOn(authService, 'login')
      .mockRejectedValue(new ApiError(401, 'invalid_credentials', 'Email or password is wrong'));
    const store = useSessionStore();
    await expect(store.login({ email: 'a@b.c', password: 'x' })).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    expect(store.loading).toBe(false);
    expect(store.user).toBeNull();
  });

  it('logs out and picks up the anonymous CSRF token', async () => {
    jest.spyOn(authService, 'login').mockResolvedValue({ user: user(), csrfToken: 'in' });
    jest.spyOn(authService, 'logout').mockResolvedValue(undefined);
    jest.spyOn(authService, 'session').mockResolvedValue({ user: null, csrfToken: 'anon' });
    const store = useSessionStore();
    await store.login({ email: 'ana@example.org', password: 'long-enough-1' });
    await store.logout();
    expect(store.user).toBeNull();
    expect(getCsrfToken()).toBe('anon');
  });
});
