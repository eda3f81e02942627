// The Claude API's rate limits, emulated (https://platform.claude.com/docs/en/api/rate-limits,
// docs/reference/anthropic-caching.md §3.1, §5.6): requests, input tokens and output tokens per minute, per
// organization, each a bucket "continuously replenished up to your maximum limit" rather than reset at
// fixed intervals. Input tokens counted are `input_tokens + cache_creation_input_tokens`; cache reads
// do not count. Every Messages response carries the `anthropic-ratelimit-*` headers; a request that
// finds a bucket empty gets 429 `rate_limit_error` with `retry-after`. Time is the emulator's clock.
import { hashString } from "@/lib/cache/prefix";

export interface RateLimits {
  requestsPerMinute: number;
  inputTokensPerMinute: number;
  outputTokensPerMinute: number;
}

/** Round figures in the range of the published tiers (Sonnet-class models at Tier 4). */
export const DEFAULT_RATE_LIMITS: RateLimits = { requestsPerMinute: 4_000, inputTokensPerMinute: 2_000_000, outputTokensPerMinute: 400_000 };

const MINUTE_MS = 60_000;
/** Organizations tracked at once; the least recently seen is forgotten (and starts full again). */
const MAX_ORGANIZATIONS = 10_000;

class Bucket {
  private level: number;
  private at: number;
  constructor(
    readonly capacity: number,
    now: number,
  ) {
    this.level = capacity;
    this.at = now;
  }
  /** What is left at `now` (negative after a request that overdrew it). */
  remaining(now: number): number {
    if (now > this.at) {
      this.level = Math.min(this.capacity, this.level + (this.capacity * (now - this.at)) / MINUTE_MS);
      this.at = now;
    }
    return this.level;
  }
  take(amount: number, now: number): void {
    this.level = this.remaining(now) - amount;
  }
  /** Milliseconds until the bucket holds `amount` again. */
  msUntil(amount: number, now: number): number {
    const missing = amount - this.remaining(now);
    return missing <= 0 ? 0 : (missing / this.capacity) * MINUTE_MS;
  }
}

interface Organization {
  requests: Bucket;
  input: Bucket;
  output: Bucket;
}

export type Admission = { ok: true } | { ok: false; retryAfterSeconds: number };

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
/** Token counts in the headers are "rounded to the nearest thousand" (§5.6). */
const nearestThousand = (n: number) => Math.max(0, Math.round(n / 1000) * 1000);

export class RateLimiter {
  private readonly organizations = new Map<string, Organization>();

  constructor(readonly limits: RateLimits) {}

  private organization(scope: string, now: number): Organization {
    let org = this.organizations.get(scope);
    if (org) {
      this.organizations.delete(scope);
    } else {
      org = {
        requests: new Bucket(this.limits.requestsPerMinute, now),
        input: new Bucket(this.limits.inputTokensPerMinute, now),
        output: new Bucket(this.limits.outputTokensPerMinute, now),
      };
      if (this.organizations.size >= MAX_ORGANIZATIONS) this.organizations.delete(this.organizations.keys().next().value!);
    }
    this.organizations.set(scope, org);
    return org;
  }

  /** Takes one request from the scope's allowance, or says how long to wait. */
  admit(scope: string, now: number): Admission {
    const org = this.organization(scope, now);
    const waitMs = Math.max(org.requests.msUntil(1, now), org.input.msUntil(Number.MIN_VALUE, now), org.output.msUntil(Number.MIN_VALUE, now));
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    org.requests.take(1, now);
    return { ok: true };
  }

  /** Charges a served request's tokens: input + cache writes against ITPM, output against OTPM. */
  charge(scope: string, now: number, usage: { input_tokens: number; cache_creation_input_tokens: number; output_tokens: number }): void {
    const org = this.organization(scope, now);
    org.input.take(usage.input_tokens + usage.cache_creation_input_tokens, now);
    org.output.take(usage.output_tokens, now);
  }

  /** The `anthropic-ratelimit-*` headers for the scope at `now`. */
  headers(scope: string, now: number): Record<string, string> {
    const org = this.organization(scope, now);
    const fullAt = (b: Bucket) => iso(now + b.msUntil(b.capacity, now));
    const family = (name: string, b: Bucket, round: (n: number) => number) => ({
      [`anthropic-ratelimit-${name}-limit`]: String(b.capacity),
      [`anthropic-ratelimit-${name}-remaining`]: String(round(b.remaining(now))),
      [`anthropic-ratelimit-${name}-reset`]: fullAt(b),
    });
    // "tokens": the most restrictive token limit currently in effect.
    const tighter = org.input.remaining(now) / org.input.capacity <= org.output.remaining(now) / org.output.capacity ? org.input : org.output;
    return {
      ...family("requests", org.requests, (n) => Math.max(0, Math.floor(n))),
      ...family("tokens", tighter, nearestThousand),
      ...family("input-tokens", org.input, nearestThousand),
      ...family("output-tokens", org.output, nearestThousand),
    };
  }
}

/** A stable organization id for a cache scope, in the UUID shape the API sends (never the credential). */
export function organizationId(scope: string): string {
  const h = hashString(`cachelab-org|${scope}`) + hashString(`cachelab-org-2|${scope}`);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
