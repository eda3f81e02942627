// Reading the provider's cache diagnostics into a run, and which message id a series names next
// (https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics, docs/reference/anthropic-caching.md §1.12:
// the response's `diagnostics` is null when nothing diverged; `cache_miss_reason: null` means the
// diagnosis is still pending).
import { describe, expect, it } from "vitest";
import { diagnosisView, expectedReason, lastMessageIds } from "./diagnosis";
import { runDiagnosisOf } from "./record";
import { blocks, run } from "./testing/factories";

describe("runDiagnosisOf", () => {
  it("reads null, pending and each documented reason; a request without a previous id or an answer without diagnostics keeps none", () => {
    expect(runDiagnosisOf("msg_1", null)).toEqual({ previousMessageId: "msg_1", reason: null });
    expect(runDiagnosisOf("msg_1", { cache_miss_reason: null })).toEqual({ previousMessageId: "msg_1", reason: "pending" });
    expect(runDiagnosisOf("msg_1", { cache_miss_reason: { type: "tools_changed", cache_missed_input_tokens: 812 } })).toEqual({ previousMessageId: "msg_1", reason: "tools_changed", missedTokens: 812 });
    expect(runDiagnosisOf("msg_1", { cache_miss_reason: { type: "unavailable" } })).toEqual({ previousMessageId: "msg_1", reason: "unavailable" });
    expect(runDiagnosisOf(null, null)).toBeUndefined();
    expect(runDiagnosisOf(undefined, { cache_miss_reason: { type: "system_changed", cache_missed_input_tokens: 1 } })).toBeUndefined();
    expect(runDiagnosisOf("msg_1", undefined)).toBeUndefined();
    expect(runDiagnosisOf("msg_1", { cache_miss_reason: { type: "something_new" } })).toBeUndefined();
  });
});

describe("expectedReason and the row's view", () => {
  it("compares model, then tools, system and messages; appended messages are no change", () => {
    const previous = run({ blocks: blocks(["s", "u1"]) });
    expect(expectedReason(run({ blocks: blocks(["s", "u1", "a1", "u2"]) }), previous)).toBeNull();
    expect(expectedReason(run({ blocks: blocks(["s2", "u1"]) }), previous)).toBe("system_changed");
    expect(expectedReason(run({ blocks: blocks(["s", "u9"]) }), previous)).toBe("messages_changed");
    expect(expectedReason(run({ modelId: "claude-opus-4-6", blocks: blocks(["s2", "u1"]) }), previous)).toBe("model_changed");
  });

  it("unavailable agrees only when CacheLab sees no change; pending is never a disagreement", () => {
    const previous = run({ blocks: blocks(["s", "u1"]) });
    const same = run({ blocks: blocks(["s", "u1"]) });
    expect(diagnosisView({ previousMessageId: "m", reason: "unavailable" }, previous, same).disagreement).toBeUndefined();
    const changed = run({ blocks: blocks(["s2", "u1"]) });
    expect(diagnosisView({ previousMessageId: "m", reason: "unavailable" }, previous, changed).disagreement).toMatch(/^CacheLab disagrees: .*the system prompt changed \(first difference at/);
    expect(diagnosisView({ previousMessageId: "m", reason: "pending" }, previous, changed)).toEqual({ reason: "pending", text: "Anthropic's diagnosis: still pending when the response was sent." });
  });
});

describe("lastMessageIds", () => {
  it("the newest successful Claude API run of each variant on the transport", () => {
    const runs = [
      run({ messageId: "msg_a1" }),
      run({ messageId: "msg_b1", variant: "B" }),
      run({ messageId: "msg_a2" }),
      run({ messageId: "msg_failed", status: "failed" }),
      run({ messageId: "msg_live", transport: "live" }),
      run({ messageId: "msg_bedrock", provider: "bedrock" }),
    ];
    expect(lastMessageIds(runs, "emulated")).toEqual({ A: "msg_a2", B: "msg_b1" });
    expect(lastMessageIds(runs, "live")).toEqual({ A: "msg_live" });
  });
});
