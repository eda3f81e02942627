// What the builder records while it places cache_control, so the analysis can say for every
// breakpoint that was asked for where it went and what became of it, without re-deriving the rules.
import { type CacheSettingName, type RequestPath, requestPath } from "./paths";
import { DEFAULT_TTL } from "./rules";
import type { CacheControl, Ttl } from "./wire-types";

export type BreakpointOrigin =
  | { kind: "setting"; setting: CacheSettingName }
  | { kind: "marker"; messageIndex: number; contentIndex: number };

/** Where a breakpoint went in the request body. */
export type WireTarget =
  | { section: "tools"; blockIndex: number }
  | { section: "system"; blockIndex: number }
  | { section: "messages"; messageIndex: number; blockIndex: number };

export interface BreakpointRequest {
  /** Stable id: "setting:cache_messages", "marker:m2:c1" (experiment message 2, content item 1). */
  id: string;
  origin: BreakpointOrigin;
  requestedTtl: Ttl;
  /** Where it was attached, or null when the setting had nothing to attach to. */
  target: WireTarget | null;
  /** Why it has no target or was taken away before the limit ran (e.g. the memory builtin). */
  noEffectReason?: string;
  /** The finding code for that, when it is more specific than "setting_no_effect". */
  noEffectCode?: string;
  /**
   * Automatic caching (`anthropic_cache` sent as the top-level cache_control): the API places the
   * breakpoint itself, on the last cacheable block (docs/reference/anthropic-caching.md §1.1); no block is marked.
   */
  automatic?: boolean;
  /** Id of the later breakpoint that overwrote this one's cache_control on the same block. */
  overwrittenBy?: string;
}

/**
 * The single cache_control builder (docs/reference/pydantic-ai-caching.md §2 `_build_cache_control`): Bedrock
 * omits ttl.
 */
export function makeCacheControl(ttl: Ttl, stripTtl: boolean): CacheControl {
  return stripTtl ? { type: "ephemeral" } : { type: "ephemeral", ttl };
}

/** `true` means "5m" (docs/reference/pydantic-ai-caching.md §2); only called for a setting that is on. */
export function resolveTtl(value: true | Ttl): Ttl {
  return value === true ? DEFAULT_TTL : value;
}

export function targetPath(target: WireTarget): RequestPath {
  switch (target.section) {
    case "tools":
      return requestPath.tool(target.blockIndex);
    case "system":
      return requestPath.systemBlock(target.blockIndex);
    case "messages":
      return requestPath.block(target.messageIndex, target.blockIndex);
  }
}

/** "settings.cache_messages" or "the cache_point at messages[2].content[1]", for sentences. */
export function describeOrigin(origin: BreakpointOrigin): string {
  return origin.kind === "setting" ? `settings.${origin.setting}` : `the cache_point at messages[${origin.messageIndex}].content[${origin.contentIndex}]`;
}
