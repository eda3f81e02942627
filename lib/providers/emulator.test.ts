// The in-process emulator behind the page's runs (docs/design.md §5) has no rate limit of its own: the
// limits `cachelab emulate` emulates (issue 10.8, lib/emulator/ratelimit.ts) are made-up tier figures that
// a client under test opts into; a series or a traffic simulation on the page measures caching and must
// never lose a run to a limit nobody set.
import { describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "@/lib/emulator/ratelimit";
import { sharedEmulator } from "./emulator";

const HEADERS = { "content-type": "application/json", "x-api-key": "sk-in-process", "anthropic-version": "2023-06-01" };

describe("the in-process emulator", () => {
  it("refuses no run for a rate limit nobody set: a minute's input tokens past the default limit, one run after another", async () => {
    const emulator = sharedEmulator();
    // Uncached, ~200,000 input tokens each: 12 of them outrun DEFAULT_RATE_LIMITS' input tokens per minute.
    const body = JSON.stringify({ model: "claude-sonnet-4-6", max_tokens: 20, messages: [{ role: "user", content: "word ".repeat(200_000) }] });
    const runs = Math.ceil(DEFAULT_RATE_LIMITS.inputTokensPerMinute / 200_000) + 2;
    let last: Response | undefined;
    for (let i = 0; i < runs; i++) {
      last = await emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", headers: HEADERS, body });
      expect(last.status, `run ${i + 1} of ${runs}: ${last.status === 200 ? "" : await last.text()}`).toBe(200);
    }
    // No limit, so no limit headers that would say there is one; the organization id stays
    // (docs/reference/anthropic-caching.md §5.6).
    expect(last!.headers.get("anthropic-ratelimit-input-tokens-limit")).toBeNull();
    expect(last!.headers.get("anthropic-organization-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
