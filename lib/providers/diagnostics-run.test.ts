// Cache diagnostics on CacheLab's runs (issue 10 item 9), through the official SDK against the emulator:
// a run names the previous run's response as `diagnostics.previous_message_id` (null on the first, which
// opts in), gets back the documented first cause of a miss, and the row's view sets it beside
// CacheLab's own comparison of the two records
// (https://platform.claude.com/docs/en/build-with-claude/cache-diagnostics, docs/reference/anthropic-caching.md §1.12:
// model_changed, tools_changed, system_changed, messages_changed "an earlier entry differs rather than
// entries only being appended"; Claude API only).
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator/transport";
import { diagnosisView } from "@/lib/runs/diagnosis";
import { LONG_TEXT, experiment } from "@/lib/runs/testing/factories";
import type { RunRecord, SentRunRecord } from "@/lib/runs/types";
import { runExperiment } from "./run-experiment";

let n = 0;
/** A sent run as the history keeps it. */
const recorded = (sent: SentRunRecord): RunRecord => ({ ...sent, id: `r${++n}`, experimentId: "e", seriesId: "s", number: n, variant: "A", label: "A", parallel: false });

async function pair(first: ReturnType<typeof experiment>, second: ReturnType<typeof experiment>) {
  const emulator = createEmulator({ latencyScale: 0 });
  const a = await runExperiment(first, { transport: "emulated", previousMessageId: null }, { emulator });
  if (!a.ok) throw new Error(a.error.message);
  const b = await runExperiment(second, { transport: "emulated", previousMessageId: a.value.messageId! }, { emulator });
  if (!b.ok) throw new Error(b.error.message);
  const previous = recorded(a.value);
  const run = recorded(b.value);
  return { previous, run, view: run.diagnosis ? diagnosisView(run.diagnosis, previous, run) : undefined };
}

const TOOL = { name: "lookup", description: "Look an order up.", input_schema: { type: "object", properties: { id: { type: "string" } } } };

describe("cache diagnostics on a series' runs", () => {
  it("the first run opts in with null and keeps its message id; an unchanged second run: nothing diverged, and CacheLab agrees", async () => {
    const { previous, run, view } = await pair(experiment(), experiment());
    expect(previous.messageId).toMatch(/^msg_/);
    expect(previous.diagnosis).toBeUndefined();
    expect(run.diagnosis).toEqual({ previousMessageId: previous.messageId, reason: null });
    expect(run.usage!.cacheRead).toBeGreaterThan(1024);
    expect(view).toMatchObject({ reason: null, expected: null });
    expect(view!.disagreement).toBeUndefined();
  });

  it("the system prompt changes between runs: system_changed with the tokens that would have been read, beside CacheLab's own reading", async () => {
    const { previous, run, view } = await pair(experiment(), experiment({ system: [`${LONG_TEXT} Changed.`] }));
    expect(run.diagnosis).toEqual({ previousMessageId: previous.messageId, reason: "system_changed", missedTokens: previous.usage!.cacheWrite5m - run.usage!.cacheRead });
    expect(run.diagnosis!.missedTokens).toBeGreaterThan(1024);
    expect(view).toMatchObject({ reason: "system_changed", expected: "system_changed" });
    expect(view!.text).toContain("system_changed");
    expect(view!.disagreement).toBeUndefined();
  });

  it.each([
    ["tools_changed", experiment({ tools: [TOOL] }), experiment({ tools: [{ ...TOOL, description: "Find an order." }] })],
    ["model_changed", experiment(), experiment({ model: "claude-opus-4-6" })],
    ["messages_changed", experiment(), experiment({ messages: [{ role: "user", content: [{ type: "text", text: "Summarise it in two lines." }] }] })],
  ] as const)("%s: Anthropic's reason and CacheLab's agree", async (reason, first, second) => {
    const { view } = await pair(first, second);
    expect(view).toMatchObject({ reason, expected: reason });
    expect(view!.disagreement).toBeUndefined();
  });

  it("a disagreement: tool_use.input with its keys reordered is another prefix for the API (byte-exact, §1.2), while CacheLab's block hashes see no change", async () => {
    const conversation = (input: Record<string, unknown>) =>
      experiment({
        tools: [TOOL],
        messages: [
          { role: "user", content: [{ type: "text", text: "Where is order O-1?" }] },
          { role: "assistant", content: [{ type: "tool_use", id: "toolu_01", name: "lookup", input }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_01", content: "shipped" }] },
        ],
      });
    const { previous, run, view } = await pair(conversation({ id: "O-1", fields: "status" }), conversation({ fields: "status", id: "O-1" }));
    expect(run.diagnosis!.reason).toBe("messages_changed");
    expect(view).toMatchObject({ reason: "messages_changed", expected: null });
    expect(view!.disagreement).toBe(`CacheLab disagrees: comparing with run ${previous.number}, it finds that the request only repeats or extends the previous one.`);
  });

  it("an unknown previous id: previous_message_not_found, shown without calling it a disagreement", async () => {
    const emulator = createEmulator({ latencyScale: 0 });
    const r = await runExperiment(experiment(), { transport: "emulated", previousMessageId: "msg_01unknown" }, { emulator });
    expect(r.ok && r.value.diagnosis).toEqual({ previousMessageId: "msg_01unknown", reason: "previous_message_not_found" });
    const run = recorded((r as { value: SentRunRecord }).value);
    expect(diagnosisView(run.diagnosis!, undefined, run)).toEqual({ reason: "previous_message_not_found", text: "Anthropic's diagnosis (previous_message_not_found): it has no record of the previous request." });
  });

  it.each(["bedrock", "vertex", "foundry"] as const)("%s has no cache diagnostics: the run sends none and records none", async (provider) => {
    const emulator = createEmulator({ latencyScale: 0 });
    const exp = experiment({ provider });
    const a = await runExperiment(exp, { transport: "emulated", previousMessageId: null }, { emulator });
    const b = await runExperiment(exp, { transport: "emulated", previousMessageId: a.ok ? (a.value.messageId ?? null) : null }, { emulator });
    expect(a.ok && b.ok).toBe(true);
    expect(b.ok && b.value.diagnosis).toBeUndefined();
    expect(b.ok && b.value.usage!.cacheRead).toBeGreaterThan(1024);
  });
});
