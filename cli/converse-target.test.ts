// `cachelab request|lint --provider bedrock-converse` as a user runs them (the installed command). Rules:
// docs/reference/pydantic-ai-2.md §2.11 (the request), docs/reference/vendors.md §3 (Nova, TTL order).
import { describe, expect, it } from "vitest";
import { cachelab, cachelabAsync, tempJson } from "./cli-test-helpers";

const LONG = "Refund policy, the whole chapter. ".repeat(200);
const experiment = {
  semantics: "pydantic-ai@2.33",
  system: [LONG],
  settings: { cache_instructions: "1h", cache_messages: true },
  messages: [{ role: "user", content: [{ type: "text", text: "Hello" }] }],
};

describe("cachelab request --provider bedrock-converse", () => {
  it("prints the Converse params (modelId and body) with its cachePoints", () => {
    const run = cachelab(["request", tempJson(experiment), "--provider", "bedrock-converse"]);
    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout);
    expect(body.modelId).toBe("global.anthropic.claude-sonnet-4-6");
    expect(body.system).toEqual([{ text: LONG }, { cachePoint: { type: "default", ttl: "1h" } }]);
    expect(body.messages).toEqual([{ role: "user", content: [{ text: "Hello" }, { cachePoint: { type: "default" } }] }]);
    expect(body.inferenceConfig).toEqual({ maxTokens: 4096 });
  });

  it("lists on stderr what the target cannot express", async () => {
    const run = await cachelabAsync(["request", tempJson({ ...experiment, settings: { cache: true } }), "--provider", "bedrock-converse"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("warning: BedrockConverseModel has no automatic caching setting");
  });

  it("prints Pydantic AI's error and exits 1 where it raises", async () => {
    const run = await cachelabAsync([
      "request",
      tempJson({ semantics: "pydantic-ai@1.74", messages: [{ role: "user", content: [{ type: "cache_point" }, { type: "text", text: "Q" }] }] }),
      "--provider",
      "bedrock-converse",
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("CachePoint cannot be the first content in a user message - there must be previous content to cache when using Bedrock.");
  });
});

describe("cachelab lint --provider bedrock-converse", () => {
  it("passes when every cachePoint can cache", async () => {
    const run = await cachelabAsync(["lint", tempJson(experiment), "--provider", "bedrock-converse"]);
    expect(run.stdout).toContain("target bedrock-converse");
    expect(run.stdout).toContain("minimum 1,024 tokens");
    expect(run.code).toBe(0);
  });

  it("fails on a 1h cachePoint after a 5m one: Claude refuses it underneath (docs/reference/anthropic-caching.md §1.6)", async () => {
    const ordered = { ...experiment, settings: { cache_instructions: "5m" }, messages: [{ role: "user", content: [{ type: "text", text: "Q" }, { type: "cache_point", ttl: "1h" }, { type: "text", text: "R" }] }] };
    const run = await cachelabAsync(["lint", tempJson(ordered), "--provider", "bedrock-converse"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("converse_ttl_order");
    expect(run.stdout).toContain("the request is refused");
  });

  it("fails when the limit drops a cachePoint, as the Claude lint does", async () => {
    const five = { semantics: "pydantic-ai@2.33", messages: [{ role: "user", content: ["a", "b", "c", "d", "e"].flatMap((t) => [{ type: "text", text: `${t} ${LONG}` }, { type: "cache_point" }]) }] };
    const run = await cachelabAsync(["lint", tempJson(five), "--provider", "bedrock-converse", "--json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ ok: false, target: "bedrock-converse" });
  });

  it("measures Nova against its 1,000-token minimum, and says Nova does not cache tools", async () => {
    const nova = {
      semantics: "pydantic-ai@2.33",
      model: "nova-pro",
      tools: [{ name: "lookup", input_schema: { type: "object", properties: {} } }],
      settings: { cache_tool_definitions: true },
      messages: [{ role: "user", content: [{ type: "text", text: "short" }, { type: "cache_point" }, { type: "text", text: "Q" }] }],
    };
    const run = await cachelabAsync(["lint", tempJson(nova), "--provider", "bedrock-converse"]);
    expect(run.stdout).toContain("model us.amazon.nova-pro-v1:0, minimum 1,000 tokens");
    expect(run.stdout).toContain("converse_nova_tools");
    expect(run.stdout).toContain("below the 1000-token minimum");
    expect(run.code).toBe(1);
  });
});
