// OpenAI's prompt cache as the emulator keeps it: entries keyed by the chained prefix hash of a lookup
// boundary (scope, prompt_cache_key and service tier are in the seed), each alive "for 30 minutes after its
// most recent write or reuse" (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime).
// Bounded like the Claude store: the least recently used entry goes first. Deterministic: callers pass `now`.
import type { Tokens } from "@/lib/cache/units";

export interface OpenAIEntry {
  key: string;
  scope: string;
  model: string;
  /** The boundary that wrote it ("input[2].content[0]") and the prefix tokens up to it. */
  path: string;
  tokens: Tokens;
  lifetime: "30m" | "12h";
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  hits: number;
  writtenBy: string;
}

export const LIFETIME_MS = { "30m": 30 * 60_000, "12h": 12 * 60 * 60_000 } as const;
export const DEFAULT_MAX_OPENAI_ENTRIES = 50_000;

export interface OpenAICommit {
  now: number;
  /** Entries reused (or passed below the hit): refreshed from `now`. */
  refreshes: readonly string[];
  writes: readonly OpenAIEntry[];
}

export class OpenAIStore {
  private readonly entries = new Map<string, OpenAIEntry>();

  constructor(readonly maxEntries = DEFAULT_MAX_OPENAI_ENTRIES) {}

  /** A live entry at `now`, or undefined. */
  live(key: string, now: number): OpenAIEntry | undefined {
    const e = this.entries.get(key);
    return e && e.expiresAt > now ? e : undefined;
  }

  apply(commit: OpenAICommit): void {
    for (const key of commit.refreshes) {
      const e = this.entries.get(key);
      if (!e || e.expiresAt <= commit.now) continue;
      this.put({ ...e, hits: e.hits + 1, lastUsedAt: commit.now, expiresAt: Math.max(e.expiresAt, commit.now + LIFETIME_MS[e.lifetime]) });
    }
    for (const fresh of commit.writes) this.put(fresh);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  list(now: number): OpenAIEntry[] {
    return [...this.entries.values()].filter((e) => e.expiresAt > now).sort((a, b) => b.createdAt - a.createdAt);
  }

  private put(e: OpenAIEntry): void {
    this.entries.delete(e.key);
    this.entries.set(e.key, e);
  }
}
