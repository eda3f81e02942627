// max_tokens as typed (issue 11 item 6, audit m5): 0 is accepted (pre-warming,
// docs/reference/anthropic-caching.md §1.11), invalid text says why, and a value above the model's
// output limit (https://platform.claude.com/docs/en/models/sonnet-4-6/overview: "Max output: 128K tokens") is flagged.
import { describe, expect, it } from "vitest";
import { CATALOG, maxOutputTokens } from "@/lib/cache/catalog";
import { readMaxTokens } from "./max-tokens";

describe("readMaxTokens", () => {
  it("accepts 0, the documented way to pre-warm a cache, and says what it does", () => {
    const r = readMaxTokens("0", "claude-sonnet-4-6");
    expect(r).toMatchObject({ ok: true, value: 0 });
    expect(r.ok && r.warning).toContain("pre-warms");
  });

  it("accepts an ordinary value without a note", () => {
    expect(readMaxTokens(" 4096 ", "claude-sonnet-4-6")).toEqual({ ok: true, value: 4096 });
    expect(readMaxTokens("128000", "claude-sonnet-4-6")).toEqual({ ok: true, value: 128_000 });
  });

  it.each([
    ["", "required"],
    ["-5", "cannot be negative"],
    ["12.5", "whole number, without decimals"],
    ["1e3", "whole number"],
    ["abc", "whole number"],
    ["2000000", "at most 1,000,000"],
  ])("refuses %j with a reason", (text, reason) => {
    const r = readMaxTokens(text, "claude-sonnet-4-6");
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toContain(reason);
  });

  it("flags a value above the model's output limit, per model", () => {
    const sonnet = readMaxTokens("128001", "claude-sonnet-4-6");
    expect(sonnet.ok && sonnet.warning).toContain("output limit of 128,000");
    const haiku = readMaxTokens("64001", "claude-haiku-4-5");
    expect(haiku.ok && haiku.warning).toContain("Claude Haiku 4.5's output limit of 64,000");
    expect(readMaxTokens("64000", "claude-haiku-4-5")).toEqual({ ok: true, value: 64_000 });
    expect(readMaxTokens("999999", "not-in-the-catalog")).toEqual({ ok: true, value: 999_999 });
  });

  it("knows the output limit of every model in the catalog", () => {
    for (const model of CATALOG) expect(maxOutputTokens(model), model.id).toBeGreaterThan(0);
  });
});
