// Each rule of the domain, written once in rules.ts, against what the documentation says.
import { describe, expect, it } from "vitest";
import {
  CACHEABLE_BLOCK_TYPES,
  DEFAULT_MAX_TOKENS,
  DEFAULT_TTL,
  LOOKBACK_POSITIONS,
  MAX_BREAKPOINTS,
  PYDANTIC_AI_ERRORS,
  RETRY_SUFFIX,
  TTL_SECONDS,
  tooManyBreakpointsMessage,
  ttlOrderMessage,
  ttlOrderViolation,
} from "./rules";

describe("Anthropic's prompt cache (docs/reference/anthropic-caching.md §1)", () => {
  it("allows 4 breakpoints and refuses a fifth with the API's words (§1.3)", () => {
    expect(MAX_BREAKPOINTS).toBe(4);
    expect(tooManyBreakpointsMessage(5)).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
  });

  it("looks back 20 positions, the breakpoint counting as the first (§1.4)", () => {
    expect(LOOKBACK_POSITIONS).toBe(20);
  });

  it("defaults to 5m and keeps entries 5 minutes or 1 hour (§1.6)", () => {
    expect(DEFAULT_TTL).toBe("5m");
    expect(TTL_SECONDS).toEqual({ "5m": 300, "1h": 3600 });
  });

  it("wants longer TTLs first and says so with the API's words (§1.6)", () => {
    expect(ttlOrderViolation(["1h", "1h", "5m", "5m"])).toBe(-1);
    expect(ttlOrderViolation(["5m", "1h"])).toBe(1);
    expect(ttlOrderViolation(["1h", "5m", "5m", "1h", "1h"])).toBe(3);
    expect(ttlOrderMessage("messages.0.content.4.cache_control")).toBe(
      "messages.0.content.4.cache_control.ttl: a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.",
    );
  });
});

describe("Pydantic AI v1.74.0 (docs/reference/pydantic-ai-caching.md)", () => {
  it("sends max_tokens 4096 by default (§1.1)", () => {
    expect(DEFAULT_MAX_TOKENS).toBe(4096);
  });

  it("refuses a misplaced CachePoint with its own words (§6.3)", () => {
    expect(PYDANTIC_AI_ERRORS.cachePointFirst).toBe(
      "CachePoint cannot be the first content in a user message - there must be previous content to attach the CachePoint to. To cache system instructions or tool definitions, use the `anthropic_cache_instructions` or `anthropic_cache_tool_definitions` settings instead.",
    );
    expect(PYDANTIC_AI_ERRORS.notCacheable("thinking")).toBe("Cache control not supported for param type: thinking");
    expect([...CACHEABLE_BLOCK_TYPES].sort()).toEqual(["document", "image", "server_tool_use", "text", "tool_result", "tool_use"]);
  });

  it("refuses the memory builtin without a memory tool (§1.3) and ends retries with its suffix (§1.4)", () => {
    expect(PYDANTIC_AI_ERRORS.memoryToolMissing("Built-in")).toBe("Built-in `MemoryTool` requires a 'memory' tool to be defined.");
    expect(PYDANTIC_AI_ERRORS.memoryToolMissing("Native")).toBe("Native `MemoryTool` requires a 'memory' tool to be defined.");
    expect(RETRY_SUFFIX).toBe("\n\nFix the errors and try again.");
  });
});

describe("Pydantic AI after v1.74.0 (docs/reference/pydantic-ai-2.md §2.13)", () => {
  it("refuses automatic caching with cache_messages, and fails on an empty message list, in its own words", () => {
    expect(PYDANTIC_AI_ERRORS.cacheConflict).toBe("`anthropic_cache` and `anthropic_cache_messages` cannot both be enabled.");
    expect(PYDANTIC_AI_ERRORS.messageCacheIndex).toBe("IndexError: list index out of range");
  });
});
