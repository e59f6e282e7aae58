import { computed, readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { LoginBody, SessionUser, SignupBody } from '@cotejo/backend/contracts';
import { authService } from '../services/auth';
import { setCsrfToken } from '../services/http';

/** Who is using the app: loaded at start, changed by guest / sign up / log in / log out. */
export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null);
  const loaded = ref(false);
  const loading = ref(false);
  const csrfToken = ref<string | null>(null);

  const isSignedIn = computed(() => user.value !== null && !user.value.isGuest);
  const isGuest = computed(() => user.value?.isGuest === true);
  const hasSession = computed(() => user.value !== null);

  function adopt(next: { user: SessionUser | null; csrfToken: string }): void {
    user.value = next.user;
    csrfToken.value = next.csrfToken;
    setCsrfToken(next.csrfToken);
  }

  let pendingLoad: Promise<void> | null = null;

  /** Loads the session once at a time (the app start and a first click may race). */
  function load(): Promise<void> {
    pendingLoad ??= (async () => {
      loading.value = true;
      try {
        adopt(await authService.session());
        loaded.value = true;
      } finally {
        loading.value = false;
        pendingLoad = null;
      }
    })();
    return pendingLoad;
  }

  /** A guest session, started silently the first time an anonymous person transcribes. */
  async function ensureSession(): Promise<SessionUser> {
    // The guest call needs the anonymous CSRF token, so the session must be loaded first.
    if (!loaded.value) await load();
    if (user.value) return user.value;
    loading.value = true;
    try {
      const result = await authService.guest();
      adopt(result);
      return result.user;
    } finally {
      loading.value = false;
    }
  }

  async function signup(body: SignupBody): Promise<void> {
    loading.value = true;
    try {
      adopt(await authService.signup(body));
    } finally {
      loading.value = false;
    }
  }

  async function login(body: LoginBody): Promise<void> {
    loading.value = true;
    try {
      adopt(await authService.login(body));
    } finally {
      loading.value = false;
    }
  }

  async function logout(): Promise<void> {
    loading.value = true;
    try {
      await authService.logout();
      user.value = null;
      // The old token belonged to the ended session; fetch the anonymous one.
      adopt(await authService.session());
    } finally {
      loading.value = false;
    }
  }

  return {
    user: readonly(user),
    loaded: readonly(loaded),
    loading: readonly(loading),
    csrfToken: readonly(csrfToken),
    isSignedIn,
    isGuest,
    hasSession,
    load,
    ensureSession,
    signup,
    login,
    logout,
  };
});
