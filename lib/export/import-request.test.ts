import { describe, expect, it } from "vitest";
import { buildRequest } from "@/lib/cache/build-request";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { importAnthropicRequest, looksLikeMessagesRequest } from "./import-request";

const cc = (ttl?: "1h") => ({ type: "ephemeral", ...(ttl ? { ttl } : {}) });

function rebuild(imported: ReturnType<typeof importAnthropicRequest>) {
  if (!imported.ok) throw new Error(imported.error.message);
  const parsed = parseExperiment(imported.value.experiment);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const built = buildRequest(parsed.value);
  if (!built.ok) throw new Error(built.error.message);
  return built.value.body;
}

describe("importAnthropicRequest", () => {
  it("turns breakpoints Pydantic AI can place into settings and markers, and rebuilds the same body", () => {
    const request = {
      model: "claude-sonnet-4-6",
      max_tokens: 1024,
      system: [{ type: "text", text: "Sys", cache_control: cc("1h") }],
      tools: [
        { name: "a", description: "A", input_schema: { type: "object" } },
        { name: "b", description: "B", input_schema: { type: "object" }, cache_control: cc("1h") },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "Doc", cache_control: cc() }, { type: "text", text: "Q1" }] },
        { role: "assistant", content: [{ type: "text", text: "A1" }] },
        { role: "user", content: [{ type: "text", text: "Q2", cache_control: cc() }] },
      ],
    };
    const imported = importAnthropicRequest(request);
    expect(imported.ok && imported.value.notes).toEqual([]);
    expect(imported.ok && imported.value.experiment.settings).toEqual({ cache_instructions: "1h", cache_tool_definitions: "1h", cache_messages: "5m" });
    const body = rebuild(imported);
    expect(body.system).toEqual(request.system.map((b) => ({ ...b, cache_control: { type: "ephemeral", ttl: "1h" } })));
    expect(body.messages[0]!.content).toEqual([
      { type: "text", text: "Doc", cache_control: { type: "ephemeral", ttl: "5m" } },
      { type: "text", text: "Q1" },
    ]);
  });

  it("reports what it cannot express instead of dropping it silently", () => {
    const imported = importAnthropicRequest({
      model: "claude-sonnet-4-6",
      max_tokens: 10,
      temperature: 0.2,
      tools: [
        { name: "a", input_schema: { type: "object" }, cache_control: cc() },
        { name: "b", input_schema: { type: "object" } },
      ],
      messages: [
        { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/png", data: "AAAA" }, cache_control: cc() }, { type: "text", text: "What is it?" }] },
        { role: "assistant", content: [{ type: "text", text: "A cat.", cache_control: cc() }] },
        { role: "user", content: "Sure?" },
      ],
    });
    expect(imported.ok).toBe(true);
    const notes = imported.ok ? imported.value.notes.join("\n") : "";
    expect(notes).toContain("`temperature`");
    expect(notes).toContain("only cache the last tool definition");
    expect(notes).toContain("messages[0].content[0]: a `image` block with a base64 source cannot be expressed");
    expect(notes).toContain("its breakpoint was lost");
    expect(notes).toContain("assistant block");
    expect(notes).toMatch(/original had 3 breakpoint\(s\); the imported experiment sends 0/);
  });

  it("refuses what is not a Messages request, and tells the two formats apart", () => {
    const bad = importAnthropicRequest({ prompt: "hi" });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toContain("`messages`");
    expect(looksLikeMessagesRequest({ model: "m", max_tokens: 1, messages: [] })).toBe(true);
    expect(looksLikeMessagesRequest({ format: "cachelab.experiment.v1", max_tokens: 1, messages: [] })).toBe(false);
  });
});
