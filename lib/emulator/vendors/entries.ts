// The other vendors' caches as the emulator's cache listing shows them (GET /_emulator/cache, and the
// page's emulator cache table): in the same row shape as a Claude entry, so one table lists every
// vendor. OpenAI's entries live "for 30 minutes after [their] most recent write or reuse"
// (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime); a Gemini cache object
// lives until its expireTime, set by its `ttl` or `expire_time` (docs/reference/vendors.md §4).
import type { CacheObject } from "./gemini/handler";
import type { VendorEmulators } from "./index";
import type { OpenAIEntry } from "./openai/store";

/** One row of the emulator's cache listing, whichever vendor holds it. */
export interface CacheEntryJson {
  scope: string;
  /** "anthropic", "bedrock", …, "openai", "gemini". */
  provider: string;
  model: string;
  prefix_hash: string;
  position: number;
  /** Where it was written (a Claude block path, an OpenAI boundary), or a Gemini cache object's name. */
  path: string;
  tokens: number;
  /** "5m", "1h", "30m", "12h"; for a Gemini cache object, its lifetime from its last update as the API writes a ttl ("3600s"). */
  ttl: string;
  created_at: string;
  last_used_at: string;
  expires_at: string;
  expires_in_seconds: number;
  visible: boolean;
  hits: number;
  written_by: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const secondsLeft = (expiresAt: number, now: number) => Math.max(0, Math.round((expiresAt - now) / 1000));

export function openaiEntryJson(e: OpenAIEntry, now: number): CacheEntryJson {
  return {
    scope: e.scope,
    provider: "openai",
    model: e.model,
    prefix_hash: e.key,
    position: 0,
    path: e.path,
    tokens: e.tokens,
    ttl: e.lifetime,
    created_at: iso(e.createdAt),
    last_used_at: iso(e.lastUsedAt),
    expires_at: iso(e.expiresAt),
    expires_in_seconds: secondsLeft(e.expiresAt, now),
    visible: true,
    hits: e.hits,
    written_by: e.writtenBy,
  };
}

export function geminiEntryJson(c: CacheObject, now: number): CacheEntryJson {
  return {
    scope: c.owner,
    provider: "gemini",
    model: c.model,
    prefix_hash: c.name,
    position: 0,
    path: c.name,
    tokens: c.tokens,
    ttl: `${Math.round((c.expireTime - c.updateTime) / 1000)}s`,
    created_at: iso(c.createTime),
    last_used_at: iso(c.updateTime),
    expires_at: iso(c.expireTime),
    expires_in_seconds: secondsLeft(c.expireTime, now),
    visible: true,
    hits: c.hits,
    written_by: null,
  };
}

/** The live OpenAI entries, then the live Gemini cache objects, each newest first. */
export function vendorEntriesJson(vendors: VendorEmulators, now: number): CacheEntryJson[] {
  const gemini = vendors.gemini.list(now).sort((a, b) => b.createTime - a.createTime);
  return [...vendors.openai.entries().map((e) => openaiEntryJson(e, now)), ...gemini.map((c) => geminiEntryJson(c, now))];
}
