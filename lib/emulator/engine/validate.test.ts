import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_OPTIONS } from "./engine";
import { EngineHarness, blocksBody } from "./test-factories";

const base = () => ({ model: "claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "hi" }] as unknown[] });
const h = () => new EngineHarness();
const userBlocks = (...content: unknown[]) => ({ ...base(), messages: [{ role: "user", content }] });
const TTL_ORDER =
  "a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block. Note that blocks are processed in the following order: `tools`, `system`, `messages`.";

describe("cache_control errors (docs/reference/anthropic-caching.md §1.3, §1.6, §1.10)", () => {
  it("more than four breakpoints", () => {
    const e = h().error(blocksBody(5, { marks: { 1: true, 2: true, 3: true, 4: true, 5: true } }));
    expect(e).toEqual({ status: 400, type: "invalid_request_error", message: "A maximum of 4 blocks with cache_control may be provided. Found 5." });
  });

  it("the count covers tools, system and messages together", () => {
    const body = {
      ...blocksBody(3, { marks: { 1: true, 2: true, 3: true } }),
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }],
      tools: [{ name: "t", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
    };
    expect(h().error(body).message).toBe("A maximum of 4 blocks with cache_control may be provided. Found 5.");
  });

  it("a 1h breakpoint after a 5m one, with the path of the 1h block", () => {
    const body = blocksBody(5, { marks: { 2: "5m", 5: "1h" } });
    expect(h().error(body)).toMatchObject({ status: 400, message: `messages.0.content.4.cache_control.ttl: ${TTL_ORDER}` });
    const across = {
      ...blocksBody(2, { marks: { 2: "1h" } }),
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral", ttl: "5m" } }],
    };
    expect(h().error(across).message).toBe(`messages.0.content.1.cache_control.ttl: ${TTL_ORDER}`);
    const toolsFirst = {
      ...blocksBody(1),
      tools: [{ name: "t", input_schema: { type: "object" }, cache_control: { type: "ephemeral" } }],
      system: [{ type: "text", text: "sys", cache_control: { type: "ephemeral", ttl: "1h" } }],
    };
    expect(h().error(toolsFirst).message).toBe(`system.0.cache_control.ttl: ${TTL_ORDER}`);
  });

  it("cache_control on an empty text block", () => {
    const body = userBlocks({ type: "text", text: "a" }, { type: "text", text: "", cache_control: { type: "ephemeral" } });
    expect(h().error(body).message).toBe("messages.0.content.1.text: cache_control cannot be set for empty text blocks");
    expect(h().error(userBlocks({ type: "text", text: "" })).message).toBe("messages: text content blocks must be non-empty");
    const sys = { ...base(), system: [{ type: "text", text: "", cache_control: { type: "ephemeral" } }] };
    expect(h().error(sys).message).toBe("system.0: cache_control cannot be set for empty text blocks");
  });

  it("cache_control on a thinking block", () => {
    const body = {
      ...base(),
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "thinking", thinking: "hm", signature: "s", cache_control: { type: "ephemeral" } }, { type: "text", text: "a" }] },
        { role: "user", content: "q2" },
      ],
    };
    expect(h().error(body).message).toBe("messages.1.content.0.thinking.cache_control: Extra inputs are not permitted");
  });

  it("unknown keys in cache_control", () => {
    const sys = { ...base(), system: [{ type: "text", text: "a" }, { type: "text", text: "b" }, { type: "text", text: "c", cache_control: { type: "ephemeral", scope: "global" } }] };
    expect(h().error(sys).message).toBe("system.2.cache_control.ephemeral.scope: Extra inputs are not permitted");
    const msg = userBlocks({ type: "text", text: "a", cache_control: { type: "ephemeral", foo: 1 } });
    expect(h().error(msg).message).toBe("messages.0.content.0.text.cache_control.ephemeral.foo: Extra inputs are not permitted");
  });

  it("a bad ttl or type", () => {
    expect(h().error(userBlocks({ type: "text", text: "a", cache_control: { type: "ephemeral", ttl: "10m" } })).message).toBe(
      "messages.0.content.0.text.cache_control.ephemeral.ttl: Input should be '5m' or '1h'",
    );
    expect(h().error(userBlocks({ type: "text", text: "a", cache_control: { type: "persistent" } })).message).toBe(
      "messages.0.content.0.text.cache_control: Input tag 'persistent' found using 'type' does not match any of the expected tags: 'ephemeral'",
    );
  });

  it("cache_control inside tool_result content: moved to the parent from the last block, an error elsewhere", () => {
    const ok = new EngineHarness().message(
      {
        ...base(),
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: [{ type: "tool_use", id: "t1", name: "f", input: {} }] },
          { role: "user", content: [{ type: "tool_result", tool_use_id: "t1", content: [{ type: "text", text: "r", cache_control: { type: "ephemeral" } }] }] },
        ],
      },
      0,
    );
    expect(ok.trace.breakpoints.map((b) => b.path)).toEqual(["messages.2.content.0"]);
    const bad = userBlocks({
      type: "tool_result",
      tool_use_id: "t1",
      content: [{ type: "text", text: "r", cache_control: { type: "ephemeral" } }, { type: "text", text: "s" }],
    });
    expect(h().error(bad).message).toMatch(/^messages\.0\.content\.0\.tool_result\.content\.0\.text\.cache_control: /);
  });
});

describe("body errors", () => {
  it("missing fields, with their path", () => {
    const { model: _m, ...noModel } = base();
    expect(h().error(noModel).message).toBe("model: Field required");
    const { max_tokens: _t, ...noMax } = base();
    expect(h().error(noMax).message).toBe("max_tokens: Field required");
    const { messages: _s, ...noMessages } = base();
    expect(h().error(noMessages).message).toBe("messages: Field required");
    expect(h().error({ ...base(), messages: [{ content: "x" }] }).message).toBe("messages.0.role: Field required");
    expect(h().error(userBlocks({ type: "text" })).message).toBe("messages.0.content.0.text.text: Field required");
  });

  it("wrong types, with their path", () => {
    expect(h().error({ ...base(), model: 5 }).message).toBe("model: Input should be a valid string");
    expect(h().error({ ...base(), max_tokens: "10" }).message).toBe("max_tokens: Input should be a valid integer");
    expect(h().error({ ...base(), messages: "hi" }).message).toBe("messages: Input should be a valid list");
    expect(h().error({ ...base(), messages: [{ role: "robot", content: "x" }] }).message).toBe("messages.0.role: Input should be 'user' or 'assistant'");
    expect(h().error({ ...base(), stream: "yes" }).message).toBe("stream: Input should be a valid boolean");
    expect(h().error([1, 2]).status).toBe(400);
    expect(h().error(userBlocks({ type: "banana" })).message).toMatch(/^messages\.0\.content\.0: Input tag 'banana' found using 'type'/);
  });

  it("an unknown model is a 404 with the id", () => {
    expect(h().error({ ...base(), model: "claude-nope-9" })).toEqual({ status: 404, type: "not_found_error", message: "model: claude-nope-9" });
  });

  it("sampling parameters are rejected under 2026-10-21 only (docs/reference/anthropic-caching.md §5.3)", () => {
    expect(h().error({ ...base(), temperature: 0.5 }, { apiVersion: "2026-10-21" }).message).toBe("temperature: Extra inputs are not permitted");
    expect(h().error({ ...base(), top_k: 5 }, { apiVersion: "2026-10-21" }).message).toBe("top_k: Extra inputs are not permitted");
    expect(h().run({ ...base(), temperature: 0.5 }, 0).kind).toBe("message");
  });

  it("max_tokens: 0 refuses stream, forced tools and thinking (docs/reference/anthropic-caching.md §1.11)", () => {
    expect(h().error({ ...base(), max_tokens: 0, stream: true }).message).toMatch(/^max_tokens: .*stream/);
    expect(h().error({ ...base(), max_tokens: 0, tool_choice: { type: "any" } }).message).toMatch(/tool_choice/);
    expect(h().error({ ...base(), max_tokens: 0, thinking: { type: "enabled", budget_tokens: 1024 } }).message).toMatch(/thinking/);
  });
});

describe("provider profiles", () => {
  const bedrock = (body: Record<string, unknown>, options?: ConstructorParameters<typeof EngineHarness>[0]) =>
    new EngineHarness(options).run(
      { anthropic_version: "bedrock-2023-05-31", ...body },
      0,
      { provider: "bedrock", modelFromPath: "global.anthropic.claude-sonnet-4-6" },
    );

  it("Bedrock takes bedrock-2023-05-31 for every model and 2026-10-21 only for Claude 4.7+ (docs/reference/anthropic-caching.md §5.3)", () => {
    const { model: _m, ...body } = base();
    expect(bedrock(body).kind).toBe("message");
    // Sonnet 4.6 is older than 4.7: the version the 1.x Bedrock SDK sends by default is refused.
    const older = bedrock({ ...body, anthropic_version: "2026-10-21" });
    expect(older.kind === "error" && older.error).toMatchObject({ status: 400, message: "Invalid API version: 2026-10-21" });
    const newer = new EngineHarness().run({ ...body, anthropic_version: "2026-10-21" }, 0, {
      provider: "bedrock",
      modelFromPath: "global.anthropic.claude-opus-4-7",
    });
    expect(newer.kind).toBe("message");
    const bad = bedrock({ ...body, anthropic_version: "2023-06-01" });
    expect(bad.kind === "error" && bad.error.message).toBe("Invalid API version: 2023-06-01");
  });

  it("Bedrock rejects a top-level cache_control (docs/reference/anthropic-caching.md §6.1)", () => {
    const { model: _m, ...body } = base();
    const out = bedrock({ ...body, cache_control: { type: "ephemeral" } });
    expect(out.kind === "error" && out.error).toMatchObject({ status: 400, message: "cache_control: Extra inputs are not permitted" });
  });

  it("the Bedrock ttl option: accept, ignore (cached as 5m) or reject", () => {
    const { model: _m, ...rest } = blocksBody(2, { marks: { 2: "1h" } });
    const accept = bedrock(rest, { ...DEFAULT_ENGINE_OPTIONS, minCacheableTokens: 1 });
    expect(accept.kind === "message" && accept.message.usage.cache_creation.ephemeral_1h_input_tokens).toBeGreaterThan(0);
    const ignore = bedrock(rest, { ...DEFAULT_ENGINE_OPTIONS, minCacheableTokens: 1, bedrockTtl: "ignore" });
    expect(ignore.kind === "message" && ignore.message.usage.cache_creation.ephemeral_1h_input_tokens).toBe(0);
    const reject = bedrock(rest, { ...DEFAULT_ENGINE_OPTIONS, bedrockTtl: "reject" });
    expect(reject.kind === "error" && reject.error.message).toBe("messages.0.content.1.text.cache_control.ephemeral.ttl: Extra inputs are not permitted");
  });

  it("first-party ids the catalog does not price yet are served, with their predecessor's minimum", () => {
    const catalogMinimums = new EngineHarness(DEFAULT_ENGINE_OPTIONS);
    const out = catalogMinimums.run({ ...base(), model: "claude-sonnet-5-5" }, 0);
    expect(out.kind === "message" && out.trace.minimumTokens).toBe(1024);
    const onBedrock = catalogMinimums.run({ anthropic_version: "2026-10-21", max_tokens: 5, messages: base().messages }, 0, {
      provider: "bedrock",
      modelFromPath: "us.anthropic.claude-opus-5-5",
    });
    expect(onBedrock.kind === "message" && onBedrock.trace.minimumTokens).toBe(512);
  });

  it("a model the provider does not offer is a 404", () => {
    expect(h().error({ ...base(), model: "claude-opus-4-1" }).status).toBe(404);
  });
});

describe("a tool_result must answer a tool_use of the previous message", () => {
  // The API's wording, quoted from real 400 responses (https://github.com/anthropics/claude-code/issues/10834,
  // https://github.com/continuedev/continue/issues/4751).
  const ORPHAN = (where: string, id: string) =>
    `${where}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`;
  const call = { role: "assistant", content: [{ type: "tool_use", id: "toolu_a", name: "search", input: {} }] };
  const answer = (id: string) => ({ role: "user", content: [{ type: "text", text: "here" }, { type: "tool_result", tool_use_id: id, content: "42" }] });

  it("refuses an id the previous message does not call, with 400 invalid_request_error", () => {
    const body = { ...base(), messages: [{ role: "user", content: "go" }, call, answer("toolu_b")] };
    expect(h().error(body)).toEqual({ status: 400, type: "invalid_request_error", message: ORPHAN("messages.2.content.1", "toolu_b") });
  });

  it("refuses a tool_result in the first message, and one whose call is two messages back", () => {
    expect(h().error({ ...base(), messages: [answer("toolu_a")] }).message).toBe(ORPHAN("messages.0.content.1", "toolu_a"));
    const twoBack = { ...base(), messages: [{ role: "user", content: "go" }, call, { role: "user", content: "and?" }, { role: "assistant", content: "thinking" }, answer("toolu_a")] };
    expect(h().error(twoBack).message).toBe(ORPHAN("messages.4.content.1", "toolu_a"));
  });

  it("takes a tool_result that answers the previous message's tool_use", () => {
    expect(h().message({ ...base(), messages: [{ role: "user", content: "go" }, call, answer("toolu_a")] }, 0).kind).toBe("message");
  });
});
