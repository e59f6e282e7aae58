import { readonly, ref } from 'vue';
import { defineStore } from 'pinia';
import type { ApiTokenInfo } from '@cotejo/backend/contracts';
import { authService } from '../services/auth';
import { meService, type Contributions } from '../services/me';

/** The signed-in person's contributions and API tokens. */
export const useAccountStore = defineStore('account', () => {
  const contributions = ref<Contributions | null>(null);
  const tokens = ref<ApiTokenInfo[]>([]);
  /** The secret of a just-created token: shown once, then forgotten. */
  const newToken = ref<{ token: string; info: ApiTokenInfo } | null>(null);
  const loadingContributions = ref(false);
  const loadingTokens = ref(false);

  async function fetchContributions(): Promise<void> {
    loadingContributions.value = true;
    try {
      contributions.value = await meService.contributions();
    } finally {
      loadingContributions.value = false;
    }
  }

  async function fetchTokens(): Promise<void> {
    loadingTokens.value = true;
    try {
      tokens.value = (await authService.listTokens()).tokens;
    } finally {
      loadingTokens.value = false;
    }
  }

  async function createToken(name: string): Promise<void> {
    loadingTokens.value = true;
    try {
      const created = await authService.createToken(name);
      newToken.value = created;
      tokens.value = [created.info, ...tokens.value.filter((t) => t.id !== created.info.id)];
    } finally {
      loadingTokens.value = false;
    }
  }

  async function revokeToken(id: string): Promise<void> {
    loadingTokens.value = true;
    try {
      await authService.revokeToken(id);
      const now = new Date().toISOString();
      tokens.value = tokens.value.map((t) => (t.id === id ? { ...t, revokedAt: t.revokedAt ?? now } : t));
      if (newToken.value?.info.id === id) newToken.value = null;
    } finally {
      loadingTokens.value = false;
    }
  }

  function forgetNewToken(): void {
    newToken.value = null;
  }

  return {
    contributions: readonly(contributions),
    tokens: readonly(tokens),
    newToken: readonly(newToken),
    loadingContributions: readonly(loadingContributions),
    loadingTokens: readonly(loadingTokens),
    fetchContributions,
    fetchTokens,
    createToken,
    revokeToken,
    forgetNewToken,
  };
});
