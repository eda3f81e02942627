import { describe, expect, it } from "vitest";
import { ERROR_SENTENCES, errorSentence } from "@/lib/cache/error-codes";
import { isReadableRun } from "./run-record-check";
import { run } from "./testing/factories";

describe("isReadableRun", () => {
  it("reads a run with the emulator's trace and typed paths", () => {
    expect(isReadableRun(run({ trace: { read: { position: 0, tokens: 2000 }, writes: [] } }))).toBe(true);
  });

  it("sets aside a run whose trace, path or breakpoint status is not what the explanation reads", () => {
    expect(isReadableRun({ ...run(), trace: { read: { path: "system" }, writes: [] } })).toBe(false);
    expect(isReadableRun({ ...run(), blocks: [{ path: "not a path", hash: "h", cumulativeTokens: 1 }] })).toBe(false);
    expect(isReadableRun({ ...run(), breakpoints: [{ ...run().breakpoints[0], status: "sent" }] })).toBe(false);
  });

  it("sets aside a run whose provider or transport is not one the page can name", () => {
    expect(isReadableRun({ ...run(), provider: "openrouter" })).toBe(false);
    expect(isReadableRun({ ...run(), transport: "carrier pigeon" })).toBe(false);
  });

  it("keeps an older failed run whose error code this version does not know: its sentence reads as an unexpected failure", () => {
    const old = { ...run({ status: "failed", usage: null, cost: null, costWithoutCache: null, latency: null }), error: { code: "provider:retired_code", message: "kept as written" } };
    expect(isReadableRun(old)).toBe(true);
    expect(errorSentence(old.error.code)).toBe(ERROR_SENTENCES["provider:unexpected"]);
  });
});
