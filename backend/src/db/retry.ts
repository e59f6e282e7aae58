/** Retrying a whole transaction that PostgreSQL chose as a deadlock victim. */

/** The SQLSTATE of an error or of any error it wraps (drizzle wraps the driver's). */
export function sqlState(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

const DEADLOCK = '40P01';

/**
 * Runs `work` (one whole transaction) again when it was rolled back as a deadlock victim: the
 * other transaction has then gone through, and a second attempt sees its result.
 */
export async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || sqlState(error) !== DEADLOCK) throw error;
    }
  }
}
