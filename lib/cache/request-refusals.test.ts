// Requests the API refuses that the builder can know about are error findings in the preview, with the
// API's own words, and the cost estimate is not applicable while one stands (issue 9 item 5, audit m1).
// Each case is also sent to the emulator, which refuses it with the same sentence: the preview and a run
// say the same thing.
import { describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator/transport";
import { runExperiment } from "@/lib/providers/run-experiment";
import { formatReport } from "@/cli/lint";
import type { Analysis } from "./analysis";
import { buildRequest } from "./build-request";
import type { Experiment } from "./experiment-schema";
import { API_ERRORS } from "./rules";
import { experiment, text, user } from "./test-factories";

const LONG = "The handbook explains every policy in detail. ".repeat(200);

function analysisOf(exp: Experiment): Analysis {
  const built = buildRequest(exp);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.analysis;
}

async function emulatorRefusal(exp: Experiment): Promise<string> {
  const sent = await runExperiment(exp, { transport: "emulated" }, { emulator: createEmulator({ latencyScale: 0 }) });
  if (sent.ok) throw new Error("the emulator accepted the request");
  return sent.error.message;
}

const errors = (a: Analysis) => a.findings.filter((f) => f.severity === "error");

describe("requests the API refuses are error findings before sending", () => {
  it("an empty message list: 'messages: List should have at least 1 item' (docs/reference/anthropic-caching.md §5.3, messages is required)", async () => {
    const exp = experiment({ system: [LONG], messages: [] });
    const a = analysisOf(exp);
    expect(errors(a)).toEqual([expect.objectContaining({ code: "no_messages", message: expect.stringContaining(API_ERRORS.noMessages), path: "messages" })]);
    expect(await emulatorRefusal(exp)).toContain(API_ERRORS.noMessages);
  });

  it("messages whose items all make no block are an empty message list too", async () => {
    const exp = experiment({ system: [LONG], messages: [user(text(""))] });
    expect(errors(analysisOf(exp)).map((f) => f.code)).toEqual(["no_messages"]);
    expect(await emulatorRefusal(exp)).toContain(API_ERRORS.noMessages);
  });

  it("an empty tool_result: its one text block is empty (docs/reference/anthropic-caching.md §1.10)", async () => {
    const exp = experiment({
      system: [LONG],
      messages: [
        user(text("Look it up.")),
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "search", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: "" }] },
      ],
    });
    const a = analysisOf(exp);
    expect(errors(a)).toEqual([
      expect.objectContaining({ code: "empty_tool_result", message: expect.stringContaining(API_ERRORS.emptyText("messages")), path: "messages[2].content[0].content" }),
    ]);
    expect(await emulatorRefusal(exp)).toContain(API_ERRORS.emptyText("messages"));
  });

  it("a tool_result whose tool_use_id the previous assistant message does not call (the API's words: https://github.com/anthropics/claude-code/issues/10834)", async () => {
    const exp = experiment({
      system: [LONG],
      messages: [
        user(text("Look it up.")),
        { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "search", input: {} }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "t2", content: "42" }] },
      ],
    });
    const a = analysisOf(exp);
    const said = API_ERRORS.orphanToolResult("messages.2.content.0", "t2");
    expect(said).toContain("unexpected `tool_use_id` found in `tool_result` blocks: t2. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.");
    expect(errors(a)).toEqual([expect.objectContaining({ code: "orphan_tool_result", message: expect.stringContaining(said), path: "messages[2].content[0]" })]);
    expect(a.costNotApplicable).not.toBeNull();
    expect(await emulatorRefusal(exp)).toContain(said);
  });

  it("text with only whitespace (docs/reference/anthropic-caching.md §1.10)", async () => {
    const exp = experiment({ system: [LONG], messages: [user(text("Question?"), text("  \n"))] });
    const a = analysisOf(exp);
    expect(errors(a)).toEqual([expect.objectContaining({ code: "blank_text", message: expect.stringContaining(API_ERRORS.blankText("messages")), path: "messages[0].content[1]" })]);
    expect(await emulatorRefusal(exp)).toContain(API_ERRORS.blankText("messages"));
  });

  it("a request the API takes has no error finding and an applicable cost", () => {
    const a = analysisOf(experiment({ system: [LONG], messages: [user(text("Question?"))], settings: { cache_instructions: true } }));
    expect(errors(a)).toEqual([]);
    expect(a.costNotApplicable).toBeNull();
  });
});

describe("the cost estimate while an error finding stands (audit m1)", () => {
  it("is marked not applicable for a refused request, and says why", () => {
    const a = analysisOf(experiment({ system: [LONG], messages: [] }));
    expect(a.costNotApplicable).toBe("not applicable: the API refuses this request as built (1 error finding)");
  });

  it("is marked not applicable under a TTL-order error (docs/reference/anthropic-caching.md §1.6)", () => {
    const a = analysisOf(
      experiment({ system: [LONG], messages: [user(text("Question?"), { type: "cache_point", ttl: "1h" })], settings: { cache_instructions: "5m" } }),
    );
    expect(errors(a).map((f) => f.code)).toEqual(["ttl_order"]);
    expect(a.costNotApplicable).toMatch(/^not applicable: the API refuses this request/);
  });

  it("cachelab lint says so too, instead of prices", () => {
    const built = buildRequest(experiment({ system: [LONG], messages: [] }));
    if (!built.ok) throw new Error(built.error.message);
    const report = formatReport("x.json", built.value);
    expect(report).toContain("input cost (estimate): not applicable: the API refuses this request as built (1 error finding)");
    expect(report).not.toContain("first call $");
  });
});
