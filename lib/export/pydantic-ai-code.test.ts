import { describe, expect, it } from "vitest";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { pydanticAiCode } from "./pydantic-ai-code";

function experiment(input: unknown) {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe("pydanticAiCode", () => {
  it("maps settings, markers and the system prompt to Pydantic AI's API", () => {
    const code = pydanticAiCode(
      experiment({
        settings: { cache_instructions: "1h", cache_messages: true },
        system: ["You are terse."],
        messages: [{ role: "user", content: [{ type: "text", text: "Doc" }, { type: "cache_point", ttl: "1h" }, { type: "text", text: "Q?" }] }],
      }),
      "claude-sonnet-4-6",
    );
    expect(code).toContain('AnthropicModelSettings(max_tokens=4096, anthropic_cache_instructions="1h", anthropic_cache_messages=True)');
    expect(code).toMatch(/system_prompt=\[\s*"You are terse.",\s*\]/);
    expect(code).toContain('agent.run_sync(["Doc", CachePoint(ttl="1h"), "Q?"])');
    expect(code).not.toContain("message_history");
  });

  it("sends earlier turns as message_history with the system prompt in the first request", () => {
    const code = pydanticAiCode(
      experiment({
        provider: "bedrock",
        system: ["Sys"],
        tools: [{ name: "get_weather", description: "Weather.", input_schema: { type: "object" } }],
        messages: [
          { role: "user", content: [{ type: "text", text: "Weather?" }] },
          { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "get_weather", input: { city: "Paris" } }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", tool_name: "get_weather", content: "Sunny" }] },
        ],
      }),
      "anthropic.claude-sonnet-4-6",
    );
    expect(code).toContain("AsyncAnthropicBedrock()");
    expect(code).toContain('ModelRequest(parts=[SystemPromptPart(content="Sys"), UserPromptPart(content=["Weather?"])])');
    expect(code).toContain('ToolReturnPart(tool_name="get_weather", content="Sunny", tool_call_id="t1")');
    expect(code).toContain("agent.run_sync(None, message_history=history)");
    expect(code).toContain('Tool.from_schema(_not_run, name="get_weather"');
  });
});
