import "server-only";
// Failed access-token checks per client, with an exponential lockout (OWASP Authentication Cheat
// Sheet, "Login Throttling": https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#login-throttling).
// A wrong cookie counts exactly like a wrong token typed into the form, so guessing through forged
// cookies is as slow as guessing through the form. The clock is a parameter.

export interface LockoutPolicy {
  /** Failures allowed before the first lockout. */
  free: number;
  /** The first lockout; each further failure doubles it. */
  baseMs: number;
  maxMs: number;
  /** A client with no failure for this long starts afresh. */
  forgetMs: number;
}

export const LOCKOUT: LockoutPolicy = { free: 5, baseMs: 1_000, maxMs: 15 * 60_000, forgetMs: 60 * 60_000 };

export interface Lockout {
  /** Milliseconds the client must still wait, or 0. */
  lockedFor(client: string, now: number): number;
  /** Records a failure; answers how long the client is now locked out (0 while failures are free). */
  fail(client: string, now: number): number;
  succeed(client: string): void;
}

/** At most this many clients are remembered; the stalest go first, so the map cannot grow without bound. */
const MAX_CLIENTS = 50_000;

export function createLockout(policy: LockoutPolicy = LOCKOUT): Lockout {
  const clients = new Map<string, { failures: number; until: number; last: number }>();
  const current = (client: string, now: number) => {
    const c = clients.get(client);
    if (c && now - c.last >= policy.forgetMs && now >= c.until) {
      clients.delete(client);
      return undefined;
    }
    return c;
  };
  return {
    lockedFor(client, now) {
      const c = current(client, now);
      return c ? Math.max(0, c.until - now) : 0;
    },
    fail(client, now) {
      const c = current(client, now) ?? { failures: 0, until: 0, last: now };
      c.failures++;
      c.last = now;
      const over = c.failures - policy.free;
      c.until = over > 0 ? now + Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(over - 1, 30)) : 0;
      clients.delete(client);
      clients.set(client, c);
      if (clients.size > MAX_CLIENTS) clients.delete(clients.keys().next().value!);
      return Math.max(0, c.until - now);
    },
    succeed(client) {
      clients.delete(client);
    },
  };
}
