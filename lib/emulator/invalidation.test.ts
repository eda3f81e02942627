// What invalidates which level of the cache: every row of the table in docs/reference/anthropic-caching.md
// §1.7 (https://platform.claude.com/docs/en/build-with-claude/prompt-caching, "What invalidates the
// cache"), and the byte-exact prefix of §1.2. Each case sends a request through the official SDK,
// changes one thing, sends it again, and reads back (GET /_emulator/traces/{id}) which breakpoint the
// second request read: the last tools breakpoint (tools kept), the system one (system kept), the
// messages one (everything kept), or none.
import Anthropic from "@anthropic-ai/sdk";
import { describe, expect, it } from "vitest";
import type { CacheTrace } from "./engine/trace";
import { createEmulator } from "./transport";

type Params = Anthropic.MessageCreateParamsNonStreaming;
type Level = "nothing" | "tools" | "system" | "messages";

const cc = { type: "ephemeral" as const };
const text = (seed: string, words = 120) => Array.from({ length: words }, (_, i) => (i % 10 === 0 ? seed : "context")).join(" ");
const tool = (name: string, extra: Record<string, unknown> = {}): Anthropic.Tool =>
  ({ name, description: text(`tool ${name}`), input_schema: { type: "object", properties: { q: { type: "string" } } }, ...extra }) as Anthropic.Tool;

/** Three breakpoints, one closing each level: tools.0, system.0, messages.0.content.0. */
const base = (): Params => ({
  model: "claude-sonnet-4-6",
  max_tokens: 50,
  tools: [{ ...tool("search"), cache_control: cc }],
  system: [{ type: "text", text: text("You answer from the handbook."), cache_control: cc }],
  messages: [{ role: "user", content: [{ type: "text", text: text("The handbook says"), cache_control: cc }] }],
});

function setup() {
  const emulator = createEmulator({ latencyScale: 0, minCacheableTokens: 1 });
  const client = new Anthropic({ apiKey: "sk-invalidation", baseURL: "http://emulator.invalid", fetch: emulator.fetch, maxRetries: 0 });
  const traceOf = async (requestId: string | null | undefined) =>
    (await (await emulator.fetch(`http://emulator.invalid/_emulator/traces/${requestId}`)).json()) as CacheTrace;
  /** Sends `first`, then `second`; returns the level whose breakpoint the second request read. */
  const keptLevel = async (first: Params, second: Params): Promise<Level> => {
    await client.messages.create(first);
    const again = await client.messages.create(second);
    const read = (await traceOf(again._request_id)).read?.path ?? null;
    if (read === null) return "nothing";
    if (read.startsWith("tools")) return "tools";
    if (read.startsWith("system")) return "system";
    return "messages";
  };
  return { emulator, client, keptLevel, traceOf };
}

describe("the §1.7 table: what invalidates which level", () => {
  it("an unchanged request reads everything (the baseline every row is measured against)", async () => {
    expect(await setup().keptLevel(base(), base())).toBe("messages");
  });

  it("tool definitions (names, descriptions, parameters, order): ✘ ✘ ✘, the whole cache", async () => {
    const { keptLevel } = setup();
    expect(await keptLevel(base(), { ...base(), tools: [{ ...tool("search", { description: "Search the web." }), cache_control: cc }] })).toBe("nothing");
    const two = { ...base(), tools: [tool("a"), { ...tool("b"), cache_control: cc }] };
    expect(await setup().keptLevel(two, { ...two, tools: [tool("b"), { ...tool("a"), cache_control: cc }] })).toBe("nothing");
  });

  it("web search toggle: ✓ ✘ ✘ (it modifies the system prompt, not the tools)", async () => {
    const webSearch = { type: "web_search_20250305", name: "web_search", max_uses: 3 } as unknown as Anthropic.Tool;
    const on = { ...base(), tools: [webSearch, ...base().tools!] };
    expect(await setup().keptLevel(base(), on)).toBe("tools");
    expect(await setup().keptLevel(on, base())).toBe("tools");
  });

  it("citations toggle: ✓ ✘ ✘ (it modifies the system prompt)", async () => {
    const withDocument = (enabled: boolean): Params => ({
      ...base(),
      messages: [
        {
          role: "user",
          content: [
            { type: "document", source: { type: "text", media_type: "text/plain", data: text("The handbook") }, citations: { enabled } },
            { type: "text", text: "What does it say?", cache_control: cc },
          ],
        },
      ],
    });
    expect(await setup().keptLevel(withDocument(false), withDocument(true))).toBe("tools");
    expect(await setup().keptLevel(withDocument(true), withDocument(false))).toBe("tools");
  });

  it('speed: "fast" against standard: ✓ ✘ ✘; an explicit "standard" is the same as leaving speed out', async () => {
    const fast = { ...base(), speed: "fast" } as Params;
    const standard = { ...base(), speed: "standard" } as Params;
    expect(await setup().keptLevel(base(), fast)).toBe("tools");
    expect(await setup().keptLevel(fast, standard)).toBe("tools");
    expect(await setup().keptLevel(base(), standard)).toBe("messages");
    expect(await setup().keptLevel(standard, base())).toBe("messages");
  });

  it("tool_choice: ✓ ✓ ✘", async () => {
    expect(await setup().keptLevel(base(), { ...base(), tool_choice: { type: "any" } })).toBe("system");
  });

  it("disable_parallel_tool_use: ✓ ✓ ✘", async () => {
    const auto = { ...base(), tool_choice: { type: "auto" } } as Params;
    expect(await setup().keptLevel(auto, { ...base(), tool_choice: { type: "auto", disable_parallel_tool_use: true } })).toBe("system");
  });

  it("images added or removed in the messages: ✓ ✓ ✘", async () => {
    const image = { type: "image" as const, source: { type: "url" as const, url: "https://example.com/chart.png" } };
    const withImage: Params = { ...base(), messages: [{ role: "user", content: [image, { type: "text", text: text("The handbook says"), cache_control: cc }] }] };
    expect(await setup().keptLevel(base(), withImage)).toBe("system");
    expect(await setup().keptLevel(withImage, base())).toBe("system");
  });

  it("thinking parameters (mode, budget_tokens): the messages level is invalidated (✘), tools and system kept as the Mar-2026 table says", async () => {
    const thinking = (budget: number) => ({ ...base(), thinking: { type: "enabled", budget_tokens: budget } }) as Params;
    expect(await setup().keptLevel(base(), thinking(1024))).toBe("system");
    expect(await setup().keptLevel(thinking(1024), thinking(2048))).toBe("system");
  });

  it("output_config.effort: the default set explicitly is the same as omitting it; only a change of the effective effort invalidates the messages level", async () => {
    const effort = (model: string, level: string) => ({ ...base(), model, output_config: { effort: level } }) as Params;
    // Most models default to high; Opus 5.5 and Haiku 5.5 to medium (https://platform.claude.com/docs/en/build-with-claude/effort).
    expect(await setup().keptLevel(base(), effort("claude-sonnet-4-6", "high"))).toBe("messages");
    expect(await setup().keptLevel(base(), effort("claude-sonnet-4-6", "low"))).toBe("system");
    const opus55 = { ...base(), model: "claude-opus-5-5" };
    expect(await setup().keptLevel(opus55, effort("claude-opus-5-5", "medium"))).toBe("messages");
    expect(await setup().keptLevel(opus55, effort("claude-opus-5-5", "high"))).toBe("system");
  });

  it("system prompt text: ✓ ✘ ✘", async () => {
    expect(await setup().keptLevel(base(), { ...base(), system: [{ type: "text", text: text("You answer briefly."), cache_control: cc }] })).toBe("tools");
  });

  it("model: ✘ ✘ ✘ (the cache is per model)", async () => {
    expect(await setup().keptLevel(base(), { ...base(), model: "claude-opus-4-6" })).toBe("nothing");
  });

  it("what does not invalidate: appending messages, and tools added with defer_loading (not part of the prefix)", async () => {
    const appended: Params = {
      ...base(),
      messages: [...base().messages, { role: "assistant", content: "Noted." }, { role: "user", content: [{ type: "text", text: "And then?", cache_control: cc }] }],
    };
    expect(await setup().keptLevel(base(), appended)).toBe("messages");
    const deferred = { ...base(), tools: [...base().tools!, tool("rarely_used", { defer_loading: true })] };
    expect(await setup().keptLevel(base(), deferred)).toBe("messages");
    const { client } = setup();
    const count = (p: Params) => client.messages.countTokens({ model: p.model, tools: p.tools, system: p.system, messages: p.messages });
    expect((await count(deferred)).input_tokens).toBe((await count(base())).input_tokens);
  });
});

describe("§1.7, non-tool-result user content with extended thinking: some models strip earlier thinking blocks", () => {
  // A tool loop (thinking, tool_use, tool_result) that the next request continues with plain user text.
  const thinking = { type: "enabled", budget_tokens: 1024 } as const;
  const loop = (model: string): Params => ({
    model,
    max_tokens: 2048,
    thinking,
    system: [{ type: "text", text: text("You use tools.") }],
    messages: [
      { role: "user", content: [{ type: "text", text: text("Find the handbook."), cache_control: cc }] },
      {
        role: "assistant",
        content: [
          { type: "thinking", thinking: text("I should search for the handbook first", 200), signature: "sig" },
          { type: "tool_use", id: "toolu_1", name: "search", input: { q: "handbook" } },
        ],
      },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: text("Found it"), cache_control: cc }] },
    ],
    tools: [tool("search")],
  });
  const nextTurn = (p: Params): Params => ({
    ...p,
    messages: [
      ...p.messages.map((m, i) => (i === 2 ? { ...m, content: [{ type: "tool_result", tool_use_id: "toolu_1", content: text("Found it") }] } : m)) as Params["messages"],
      { role: "assistant", content: "The handbook is in the wiki." },
      { role: "user", content: [{ type: "text", text: "Thanks. Summarise it.", cache_control: cc }] },
    ],
  });

  it.each(["claude-sonnet-4-5", "claude-haiku-4-5"])(
    "%s (earlier Opus/Sonnet, all Haiku) strips them: the tool-loop entry is no longer readable past the stripped block, and they are not input tokens",
    async (model) => {
      const { client, traceOf } = setup();
      await client.messages.create(loop(model));
      const next = await client.messages.create(nextTurn(loop(model)));
      expect((await traceOf(next._request_id)).read?.path).toBe("messages.0.content.0");
      const withoutThinking = nextTurn(loop(model));
      withoutThinking.messages[1] = { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "search", input: { q: "handbook" } }] };
      const count = (p: Params) => client.messages.countTokens({ model, thinking, tools: p.tools, system: p.system, messages: p.messages });
      expect((await count(nextTurn(loop(model)))).input_tokens).toBe((await count(withoutThinking)).input_tokens);
      expect(next.usage.input_tokens + (next.usage.cache_creation_input_tokens ?? 0) + (next.usage.cache_read_input_tokens ?? 0)).toBe(
        (await count(withoutThinking)).input_tokens,
      );
    },
  );

  it.each(["claude-sonnet-4-6", "claude-opus-4-5", "claude-opus-5"])("%s (Opus 4.5+, Sonnet 4.6+) keeps them: the tool-loop entry is read", async (model) => {
    const { client, traceOf } = setup();
    await client.messages.create(loop(model));
    const next = await client.messages.create(nextTurn(loop(model)));
    expect((await traceOf(next._request_id)).read?.path).toBe("messages.2.content.0");
  });

  it("within the tool loop (only tool results since), even a stripping model keeps them", async () => {
    const { client, traceOf } = setup();
    const first = loop("claude-sonnet-4-5");
    await client.messages.create(first);
    const continued: Params = {
      ...first,
      messages: [
        ...first.messages.slice(0, 2),
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: text("Found it") }] },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_2", name: "search", input: { q: "wiki" } }] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_2", content: "More.", cache_control: cc }] },
      ],
    };
    const next = await client.messages.create(continued);
    expect((await traceOf(next._request_id)).read?.path).toBe("messages.2.content.0");
  });
});

describe("§1.2 byte-exact prefixes: the key follows the request as sent", () => {
  const withToolUse = (input: Record<string, unknown>, markOn: "result" | "question"): Params => ({
    model: "claude-sonnet-4-6",
    max_tokens: 50,
    system: [{ type: "text", text: text("You use tools."), cache_control: cc }],
    tools: [tool("lookup")],
    messages: [
      { role: "user", content: [{ type: "text", text: text("Look it up.") }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_9", name: "lookup", input }] },
      {
        role: "user",
        content: [
          { type: "tool_result", tool_use_id: "toolu_9", content: text("Result"), ...(markOn === "result" ? { cache_control: cc } : {}) },
          { type: "text", text: "Go on.", ...(markOn === "question" ? { cache_control: cc } : {}) },
        ],
      },
    ],
  });

  it("the same tool_use.input with its keys in another order is a different prefix and misses (the troubleshooting list: unstable key order)", async () => {
    const { keptLevel } = setup();
    expect(await keptLevel(withToolUse({ city: "Paris", units: "metric" }, "result"), withToolUse({ units: "metric", city: "Paris" }, "result"))).toBe("system");
  });

  it("only cache_control is left out of the key: moving a marker still reads the prefix it covers", async () => {
    const { keptLevel } = setup();
    expect(await keptLevel(withToolUse({ city: "Paris" }, "result"), withToolUse({ city: "Paris" }, "question"))).toBe("messages");
  });

  it("token counting stays order-blind: both orders count the same", async () => {
    const { client } = setup();
    const count = (p: Params) => client.messages.countTokens({ model: p.model, tools: p.tools, system: p.system, messages: p.messages });
    expect((await count(withToolUse({ city: "Paris", units: "metric" }, "result"))).input_tokens).toBe(
      (await count(withToolUse({ units: "metric", city: "Paris" }, "result"))).input_tokens,
    );
  });
});

describe("§1.6: the API's own 5m breakpoint on each server tool result", () => {
  const search = (mark: boolean): Params =>
    ({
      model: "claude-sonnet-4-6",
      max_tokens: 50,
      system: [{ type: "text", text: text("You search the web.") }],
      messages: [
        { role: "user", content: [{ type: "text", text: text("Find the handbook.") }] },
        {
          role: "assistant",
          content: [
            { type: "server_tool_use", id: "srvtoolu_1", name: "web_search", input: { query: "handbook" } },
            { type: "web_search_tool_result", tool_use_id: "srvtoolu_1", content: [{ type: "web_search_result", url: "https://example.com", title: "Handbook", encrypted_content: text("page") }] },
            { type: "text", text: "The handbook is online." },
          ],
        },
        { role: "user", content: [{ type: "text", text: text("Summarise it."), ...(mark ? { cache_control: { type: "ephemeral", ttl: "1h" } } : {}) }] },
      ],
    }) as unknown as Params;

  it("with ≥1 cache_control, the server tool result gets a 5m entry: 5m writes appear although every marker is 1h", async () => {
    const { client, traceOf } = setup();
    const first = await client.messages.create(search(true));
    const trace = await traceOf(first._request_id);
    const auto = trace.breakpoints.find((b) => b.path === "messages.1.content.1")!;
    expect(auto).toMatchObject({ ttl: "5m", automatic: true, wrote: true });
    expect(first.usage.cache_creation?.ephemeral_5m_input_tokens).toBe(auto.cumulativeTokens);
    expect(first.usage.cache_creation?.ephemeral_1h_input_tokens).toBeGreaterThan(0);
    // The next turn reads from the user's 1h breakpoint; a change after the search result still reads the 5m entry.
    const changed = search(true);
    (changed.messages[2]!.content as Anthropic.TextBlockParam[])[0]!.text = text("Quote it.");
    const second = await client.messages.create(changed);
    expect((await traceOf(second._request_id)).read?.path).toBe("messages.1.content.1");
  });

  it("without any cache_control, nothing is cached", async () => {
    const { client } = setup();
    const res = await client.messages.create(search(false));
    expect(res.usage.cache_creation_input_tokens).toBe(0);
  });
});
