import { describe, expect, it } from "vitest";
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
});
