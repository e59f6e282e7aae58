// What the log-in and sign-up forms share: the i18n key and per-field issues of a failure, and
// after success the welcome toast and the way back to where the person came from.
import { ref } from 'vue';
import { useRoute, useRouter, type LocationQuery } from 'vue-router';
import { ApiError } from '../services/http';
import { useSessionStore } from '../stores/session';
import { useToastsStore } from '../stores/toasts';

const KNOWN = [
  'invalid_credentials',
  'account_locked',
  'rate_limited',
  'email_taken',
  'validation_failed',
  'network_error',
] as const;

/** The i18n key for an auth failure, and per-field issues of a 422. */
export function authErrorKey(error: unknown): { key: string; fields: Record<string, string> } {
  if (!(error instanceof ApiError)) return { key: 'auth.errors.unknown', fields: {} };
  const code = (KNOWN as readonly string[]).includes(error.code) ? error.code : 'unknown';
  const fields: Record<string, string> = {};
  for (const issue of error.fieldErrors) fields[issue.path] = issue.message;
  return { key: `auth.errors.${code}`, fields };
}

/** The `next` query as a same-site path (an invitation link, a task), never off-site; else `/`. */
export function safeNext(query: LocationQuery): string {
  const next = query.next;
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/**
 * Runs an auth action for a form: clears the last error, and on success welcomes the person and
 * goes to `next`; on failure keeps the error key and field issues for the template.
 */
export function useAuthForm() {
  const session = useSessionStore();
  const toasts = useToastsStore();
  const router = useRouter();
  const route = useRoute();
  const errorKey = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});

  function clearErrors(): void {
    errorKey.value = null;
    fieldErrors.value = {};
  }

  async function run(action: () => Promise<unknown>): Promise<void> {
    clearErrors();
    try {
      await action();
      toasts.push({
        key: 'auth.welcome',
        params: { name: session.user?.displayName ?? '' },
        tone: 'success',
      });
      await router.push(safeNext(route.query));
    } catch (e) {
      const { key, fields } = authErrorKey(e);
      errorKey.value = key;
      fieldErrors.value = fields;
    }
  }

  return { errorKey, fieldErrors, clearErrors, run };
}
