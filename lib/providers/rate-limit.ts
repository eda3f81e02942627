import "server-only";
// A per-client rate limit for the server actions (docs/design.md §10: each live run spends the owner's
// credits). A fixed one-minute window per client and kind; the clock is a parameter.

export interface RateLimiter {
  /** Takes `cost` units for a client; answers how long to wait when the window is full. */
  take(client: string, cost: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number };
}

export function createRateLimiter(perMinute: number, windowMs = 60_000): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(client, cost, now) {
      let w = windows.get(client);
      if (!w || now - w.start >= windowMs) {
        w = { start: now, used: 0 };
        windows.set(client, w);
        // Forget idle clients so the map cannot grow without bound.
        if (windows.size > 10_000) for (const [k, v] of windows) if (now - v.start >= windowMs) windows.delete(k);
      }
      if (w.used + cost > perMinute) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((w.start + windowMs - now) / 1000)) };
      w.used += cost;
      return { ok: true };
    },
  };
}
