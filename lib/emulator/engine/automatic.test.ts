// Automatic caching (a top-level cache_control) lands where the API puts it: on the last block that can
// carry a breakpoint, walking back past the ones that cannot (docs/reference/anthropic-caching.md §1.1,
// §1.10). The preview's analysis of a Pydantic AI request and the emulator answering that request must name
// the same block, so both read the rule from lib/cache/automatic-cache.ts.
import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import type { ExperimentInput } from "@/lib/cache/experiment-schema";
import { assistant, experiment, text, tool, user } from "@/lib/cache/test-factories";
import { automaticPosition } from "@/lib/cache/automatic-cache";
import { EngineHarness, T0 } from "./test-factories";

const thinking = { type: "thinking" as const, thinking: "Let me think.", signature: "sig" };

const SHAPES: Record<string, Omit<ExperimentInput, "semantics" | "settings">> = {
  "a user turn": { system: ["You help."], messages: [user(text("Question?"))] },
  "an assistant turn ending in thinking": { system: ["You help."], messages: [user(text("Question?")), assistant(text("Answer."), thinking)] },
  "an assistant turn of thinking only": { system: ["You help."], messages: [user(text("Question?")), assistant(thinking, { ...thinking, thinking: "And again." })] },
  "tools, system and a conversation": {
    tools: [tool("search"), tool("fetch")],
    system: ["You help.", "Be brief."],
    messages: [user(text("Question?")), assistant(text("Answer.")), user(text("More?"))],
  },
};

describe("automatic caching lands on the same block in the analysis and in the emulator", () => {
  it.each(Object.entries(SHAPES))("%s", (_name, shape) => {
    const built = buildRequest(experiment({ ...shape, semantics: "pydantic-ai@2.33", settings: { cache: true, cache_messages: false } }));
    if (!built.ok) throw new Error(built.error.message);
    expect(built.value.body).toHaveProperty("cache_control");
    const described = built.value.analysis.breakpoints.find((b) => b.automatic);
    const served = new EngineHarness().message(built.value.body, T0).trace.breakpoints.filter((b) => b.automatic);
    expect(served).toHaveLength(1);
    expect(described?.landedAt?.positionIndex).toBe(served[0]!.position);
  });
});

describe("automaticPosition (docs/reference/anthropic-caching.md §1.1)", () => {
  const at = (...types: string[]) => automaticPosition(types.map((type) => ({ type })));
  it("is the last position, walking back past thinking and redacted thinking", () => {
    expect(at("tool", "text", "text")).toBe(2);
    expect(at("text", "tool_use", "thinking", "redacted_thinking")).toBe(1);
  });
  it("is -1 when no position can carry a breakpoint: caching is skipped", () => {
    expect(at()).toBe(-1);
    expect(at("thinking", "redacted_thinking")).toBe(-1);
  });
});
