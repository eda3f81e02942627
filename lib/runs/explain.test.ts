import { describe, expect, it } from "vitest";
import { breakpointEffects, describeEffect, explainHistory, explainRun, missCause } from "./explain";
import { historyRowAt } from "./history-row";
import { dp, rp } from "@/lib/cache/test-factories";
import { blocks, breakpoint, run } from "./testing/factories";

const write = { uncachedInput: 20, cacheWrite5m: 2000, cacheWrite1h: 0, cacheRead: 0, output: 10 };
const hit = { uncachedInput: 20, cacheWrite5m: 0, cacheWrite1h: 0, cacheRead: 2000, output: 10 };
const miss = (overrides = {}) => run({ usage: write, ...overrides });

describe("explainRun", () => {
  it("calls a read-only run a hit and names no cause", () => {
    const e = explainRun(run({ usage: hit }), run());
    expect(e.outcome).toBe("hit");
    expect(e.cause).toBeUndefined();
    expect(e.effects).toEqual([{ block: { path: "system" }, position: 0, ttl: "5m", breakpoint: "kept", read: 2000, written: 0, notes: [] }]);
  });

  it("explains a first run as a cold write", () => {
    const e = explainRun(miss());
    expect(e.outcome).toBe("write");
    expect(e.cause).toEqual({ kind: "first-run" });
    expect(e.effects[0]).toMatchObject({ breakpoint: "kept", written: 2000, read: 0 });
  });

  it("reports a failed run with its error", () => {
    const e = explainRun(run({ status: "failed", usage: null, error: { code: "provider:overloaded", message: "Overloaded." } }));
    expect(e.outcome).toBe("failed");
    expect(e.causeText).toContain("Overloaded.");
  });

  it("names the block where the prefix changed compared with the previous run", () => {
    const previous = run({ blocks: blocks(["s", "u1", "u2"]), breakpoints: [breakpoint({ path: rp("messages[1].content[0]"), position: 2 })] });
    const current = miss({ blocks: blocks(["s", "CHANGED", "u2"]), breakpoints: [breakpoint({ path: rp("messages[1].content[0]"), position: 2 })] });
    const e = explainRun(current, previous);
    expect(e.cause).toEqual({ kind: "prefix-changed", block: { path: "messages[0].content[0]" }, previousNumber: previous.number });
    expect(e.causeText).toMatch(/^Prefix changed at request messages\[0\]\.content\[0\]/);
    // The run recorded no document path for the block, so there is nothing to select.
    expect(e.blockPath).toBeUndefined();
  });

  it("links the block where the experiment holds it, and says which path each label shows", () => {
    const previous = run({ blocks: [{ path: rp("system"), hash: "a", cumulativeTokens: 2000, focusPath: dp("system[1]") }] });
    const current = miss({ blocks: [{ path: rp("system"), hash: "b", cumulativeTokens: 2000, focusPath: dp("system[1]") }] });
    const e = explainRun(current, previous);
    expect(e.blockPath).toBe("system[1]");
    expect(e.causeText).toContain("request system");
  });

  it("names TTL expiry when more than 5 minutes passed since a 5m write", () => {
    const previous = run({ startedAt: 0 });
    const current = miss({ startedAt: 360_000 });
    const e = explainRun(current, previous);
    expect(e.cause).toMatchObject({ kind: "ttl-expired", ttl: "5m", elapsedSeconds: 360 });
    expect(e.causeText).toContain("TTL expired");
  });

  it("explains a partial read after 6 minutes by the expired 5m breakpoint above the 1h one", () => {
    const bps = [breakpoint({ path: rp("tools[0]"), ttl: "1h", position: 0, prefixTokens: 1500 }), breakpoint({ path: rp("messages[0].content[0]"), ttl: "5m", position: 1, prefixTokens: 2000 })];
    const previous = run({ startedAt: 0, breakpoints: bps });
    const current = run({ startedAt: 360_000, breakpoints: bps, usage: { uncachedInput: 20, cacheWrite5m: 500, cacheWrite1h: 0, cacheRead: 1500, output: 10 } });
    const e = explainRun(current, previous);
    expect(e.outcome).toBe("partial");
    expect(e.cause).toMatchObject({ kind: "ttl-expired", ttl: "5m", block: { path: "messages[0].content[0]" } });
  });

  it("does not blame the TTL of a 1h breakpoint after 6 minutes", () => {
    const bp = [breakpoint({ ttl: "1h" })];
    const cause = missCause(miss({ startedAt: 360_000, breakpoints: bp }), run({ startedAt: 0, breakpoints: bp }));
    expect(cause?.kind).not.toBe("ttl-expired");
  });

  it("says when nothing can cache because the prefix is below the minimum", () => {
    const e = explainRun(run({ usage: { ...hit, cacheRead: 0, uncachedInput: 600 }, breakpoints: [breakpoint({ prefixTokens: 600, canCache: false })] }), run());
    expect(e.outcome).toBe("no-cache");
    expect(e.cause).toMatchObject({ kind: "below-minimum", prefixTokens: 600, minTokens: 1024 });
  });

  it("says when there is no breakpoint at all", () => {
    expect(missCause(run({ usage: { ...hit, cacheRead: 0 }, breakpoints: [] }), undefined)).toEqual({ kind: "no-breakpoint" });
  });

  it("blames the limit when every breakpoint that would cache was dropped", () => {
    const cause = missCause(run({ breakpoints: [breakpoint({ status: "dropped", path: rp("messages[0].content[0]") })] }), undefined);
    expect(cause).toEqual({ kind: "dropped-by-limit", block: { path: "messages[0].content[0]" } });
  });

  it("does not blame the limit for a breakpoint that was overwritten", () => {
    const bps = [breakpoint({ path: rp("messages[0].content[0]"), position: 1, status: "kept" }), breakpoint({ path: rp("messages[0].content[0]"), position: 1, status: "overwritten" })];
    expect(missCause(run({ breakpoints: bps, usage: write }), undefined)?.kind).toBe("first-run");
    expect(missCause(run({ breakpoints: [breakpoint({ status: "overwritten" })] }), undefined)).toEqual({ kind: "no-breakpoint" });
  });

  it("blames another model or scope when the previous run went elsewhere", () => {
    const cause = missCause(miss({ modelId: "claude-opus-4-6", model: "claude-opus-4-6" }), run());
    expect(cause?.kind).toBe("other-model-or-scope");
    expect(missCause(miss({ provider: "bedrock" }), run())?.kind).toBe("other-model-or-scope");
  });

  it("finds an entry more than 20 blocks back as beyond the lookback", () => {
    const hashes = Array.from({ length: 26 }, (_, i) => `h${i}`);
    const previous = run({ blocks: blocks(hashes.slice(0, 2)), breakpoints: [breakpoint({ position: 0 })] });
    const current = miss({ blocks: blocks(hashes), breakpoints: [breakpoint({ path: rp("messages[24].content[0]"), position: 25, prefixTokens: 13000 })] });
    const cause = missCause(current, previous);
    expect(cause).toMatchObject({ kind: "beyond-lookback", block: { path: "system" }, distance: 26 });
  });

  it("blames the limit when a dropped breakpoint would have been within reach", () => {
    const hashes = Array.from({ length: 26 }, (_, i) => `h${i}`);
    const previous = run({ blocks: blocks(hashes.slice(0, 2)), breakpoints: [breakpoint({ position: 0 })] });
    const current = miss({
      blocks: blocks(hashes),
      breakpoints: [breakpoint({ path: rp("messages[10].content[0]"), position: 11, status: "dropped" }), breakpoint({ path: rp("messages[24].content[0]"), position: 25 })],
    });
    expect(missCause(current, previous)).toEqual({ kind: "dropped-by-limit", block: { path: "messages[10].content[0]" } });
  });

  it("explains parallel first requests as concurrent writes", () => {
    const first = run({ parallel: true, startedAt: 5 });
    const second = miss({ parallel: true, startedAt: 5 });
    expect(missCause(second, first)).toEqual({ kind: "concurrent", previousNumber: first.number });
  });

  it("explains the written part of a growing conversation as new content", () => {
    const previous = run({ blocks: blocks(["s", "u1"]), breakpoints: [breakpoint({ path: rp("messages[0].content[0]"), position: 1 })] });
    const current = run({
      usage: { uncachedInput: 0, cacheWrite5m: 300, cacheWrite1h: 0, cacheRead: 1000, output: 10 },
      blocks: blocks(["s", "u1", "a1", "u2"]),
      breakpoints: [breakpoint({ path: rp("messages[2].content[0]"), position: 3, prefixTokens: 2000 })],
    });
    const e = explainRun(current, previous);
    expect(e.outcome).toBe("partial");
    expect(e.cause).toMatchObject({ kind: "prefix-extended", block: { path: "messages[1].content[0]" } });
  });

  it("says the entries are gone when nothing else explains a miss (the cache was reset)", () => {
    expect(missCause(miss({ startedAt: 10_000 }), run({ startedAt: 0 }))?.kind).toBe("entry-gone");
  });
});

describe("breakpointEffects", () => {
  it("splits a write over breakpoints by their prefix lengths", () => {
    const r = run({
      usage: { uncachedInput: 10, cacheWrite5m: 3000, cacheWrite1h: 0, cacheRead: 0, output: 1 },
      blocks: [{ path: rp("tools[0]"), hash: "t", cumulativeTokens: 1200 }, { path: rp("system"), hash: "s", cumulativeTokens: 3000 }],
      breakpoints: [breakpoint({ path: rp("tools[0]"), position: 0, prefixTokens: 1200 }), breakpoint({ path: rp("system"), position: 1, prefixTokens: 3000 })],
    });
    expect(breakpointEffects(r).map((e) => [e.block.path, e.read, e.written])).toEqual([
      ["tools[0]", 0, 1200],
      ["system", 0, 1800],
    ]);
  });

  it("prefers the emulator's trace when the run carries one, by position", () => {
    const r = run({
      breakpoints: [breakpoint(), breakpoint({ path: rp("messages[0].content[0]"), position: 1, ttl: "1h" })],
      trace: { read: { position: 0, tokens: 1500 }, writes: [{ position: 1, ttl: "1h", tokens: 40 }] },
    });
    expect(breakpointEffects(r).map((e) => [e.block.path, e.ttl, e.read, e.written])).toEqual([
      ["system", "5m", 1500, 0],
      ["messages[0].content[0]", "1h", 0, 40],
    ]);
  });

  it("lists a block read through the lookback, where this run has no breakpoint, once", () => {
    const r = run({
      blocks: blocks(["s", "u1", "a1", "u2"]),
      breakpoints: [breakpoint({ path: rp("messages[2].content[0]"), position: 3 })],
      trace: { read: { position: 1, tokens: 1000 }, writes: [{ position: 3, ttl: "5m", tokens: 300 }] },
    });
    const effects = breakpointEffects(r);
    expect(effects.map((e) => [e.block.path, e.breakpoint, e.read, e.written])).toEqual([
      ["messages[0].content[0]", "none", 1000, 0],
      ["messages[2].content[0]", "kept", 0, 300],
    ]);
    expect(describeEffect(effects[0]!)).toBe("request messages[0].content[0]: read 1,000 (an entry an earlier run wrote, found through the lookback)");
  });

  it("says a breakpoint the limit removed was dropped by the limit", () => {
    const r = run({ breakpoints: [breakpoint(), breakpoint({ path: rp("messages[0].content[0]"), position: 1, status: "dropped" })] });
    const dropped = breakpointEffects(r).find((e) => e.block.path === "messages[0].content[0]")!;
    expect(dropped.breakpoint).toBe("dropped");
    expect(describeEffect(dropped)).toBe("request messages[0].content[0] (5m): dropped by the limit");
  });

  it("lists a block once when a setting overwrote a marker on it, in the preview's words, and never names the limit", () => {
    const on = (status: "kept" | "overwritten", origin: string) =>
      breakpoint({ path: rp("messages[0].content[0]"), position: 1, status, origin, ...(status === "overwritten" ? { overwrittenBy: "Cache messages setting" } : {}) });
    const r = run({
      usage: write,
      breakpoints: [on("overwritten", "CachePoint at experiment messages[0].content[1]"), on("kept", "Cache messages setting")],
      trace: { read: null, writes: [{ position: 1, ttl: "5m", tokens: 2000 }] },
    });
    const effects = breakpointEffects(r);
    expect(effects).toHaveLength(1);
    expect(describeEffect(effects[0]!)).toBe(
      "request messages[0].content[0] (5m): wrote 2,000; CachePoint at experiment messages[0].content[1]: overwritten by the Cache messages setting",
    );
  });
});

describe("explainHistory", () => {
  it("compares each run with the previous successful run of the same variant", () => {
    const a1 = miss({ variant: "A", startedAt: 0 });
    const b1 = miss({ variant: "B", startedAt: 0 });
    const failed = run({ variant: "A", status: "failed", usage: null, startedAt: 100 });
    const a2 = run({ variant: "A", usage: hit, startedAt: 200 });
    const e = explainHistory([a1, b1, failed, a2]);
    expect(e.map((x) => x.outcome)).toEqual(["write", "write", "failed", "hit"]);
    expect(e[1]!.cause).toEqual({ kind: "first-run" });
  });
});

describe("one row of the history table (historyRowAt)", () => {
  it("is explained exactly as explainHistory explains it, without the others", () => {
    const history = [
      miss({ variant: "A", startedAt: 0 }),
      miss({ variant: "B", startedAt: 0 }),
      run({ variant: "A", status: "failed", usage: null, startedAt: 100 }),
      run({ variant: "A", usage: hit, startedAt: 200 }),
      miss({ variant: "C", startedAt: 300 }),
      miss({ variant: "A", startedAt: 900_000 }),
      run({ variant: "B", usage: hit, startedAt: 900_000 }),
    ];
    const all = explainHistory(history);
    history.forEach((_, i) => expect(historyRowAt(history, i).explanation).toEqual(all[i]));
  });
});
