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
    }, "pydantic-ai@1.74");
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

// A raw request becomes a new experiment on the newest release, whose rules can say more
// (docs/reference/pydantic-ai-2.md §2.3, §2.5, §2.6).
describe("importAnthropicRequest at pydantic-ai@2.33", () => {
  it("keeps the top-level cache_control, instruction blocks and an assistant breakpoint, and rebuilds the same body", () => {
    const request = {
      model: "claude-sonnet-4-6",
      max_tokens: 1024,
      cache_control: { type: "ephemeral", ttl: "5m" },
      system: [
        { type: "text", text: "Sys" },
        { type: "text", text: "Static", cache_control: { type: "ephemeral", ttl: "1h" } },
        { type: "text", text: "Dynamic" },
      ],
      messages: [
        { role: "user", content: [{ type: "text", text: "Q1" }] },
        { role: "assistant", content: [{ type: "text", text: "A1", cache_control: { type: "ephemeral", ttl: "5m" } }] },
        { role: "user", content: [{ type: "text", text: "Q2" }] },
      ],
    };
    const imported = importAnthropicRequest(request);
    expect(imported.ok && imported.value.notes).toEqual([]);
    expect(imported.ok && imported.value.experiment).toMatchObject({
      semantics: "pydantic-ai@2.33",
      settings: { cache: "5m", cache_instructions: "1h" },
      system: ["Sys"],
      instructions: [{ text: "Static", dynamic: false }, { text: "Dynamic", dynamic: true }],
    });
    const body = rebuild(imported) as unknown as Record<string, unknown>;
    expect(body.system).toEqual(request.system);
    expect(body.messages).toEqual(request.messages.map((m) => ({ ...m, content: m.content.map((b) => ({ ...b })) })));
    expect(body.cache_control).toEqual(request.cache_control);
  });

  it("says so when the release cannot express the top-level field", () => {
    const imported = importAnthropicRequest({ max_tokens: 1, cache_control: { type: "ephemeral" }, messages: [{ role: "user", content: "Hi" }] }, "pydantic-ai@1.74");
    expect(imported.ok && imported.value.notes.join("\n")).toContain("cannot be expressed in Pydantic AI 1.74");
  });
});
