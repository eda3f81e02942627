// /v1/responses driven through the official `openai` SDK, in process (the emulator's fetch) and against
// `cachelab emulate`. Every expectation is what OpenAI's docs say, cited beside it:
//   GUIDE = https://developers.openai.com/api/docs/guides/prompt-caching
//   REF   = https://developers.openai.com/api/reference/resources/responses/methods/create
//   DIAG  = https://developers.openai.com/api/docs/guides/prompt-caching/diagnostics
import OpenAI from "openai";
import type { ResponseCreateParamsNonStreaming, ResponseInputItem } from "openai/resources/responses/responses";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "@/lib/emulator";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";
import { experiment, text, user, cachePoint } from "@/lib/cache/test-factories";
import { buildTargetRequest } from "@/lib/vendors/build-target";

const STATIC = "Support policy. Refunds are issued within 30 days of purchase with a receipt. ".repeat(120);
const bp = { prompt_cache_breakpoint: { mode: "explicit" as const } };

function setup() {
  const emulator = createEmulator({ latencyScale: 0 });
  const client = new OpenAI({ apiKey: "sk-test", baseURL: "http://emulator.invalid/v1", fetch: emulator.fetch, maxRetries: 0 });
  return { emulator, client };
}

const developer = (text: string, marked = false): ResponseInputItem => ({ role: "developer", content: [{ type: "input_text", text, ...(marked ? bp : {}) }] });
const userText = (text: string, marked = false): ResponseInputItem => ({ role: "user", content: [{ type: "input_text", text, ...(marked ? bp : {}) }] });

function request(input: ResponseInputItem[], mode: "implicit" | "explicit" = "implicit", extra: Partial<ResponseCreateParamsNonStreaming> = {}): ResponseCreateParamsNonStreaming {
  return { model: "gpt-5.6-sol", input, prompt_cache_options: { mode }, max_output_tokens: 64, ...extra };
}

async function usageOf(client: OpenAI, params: ResponseCreateParamsNonStreaming) {
  const r = await client.responses.create(params);
  const u = r.usage!;
  return { input: u.input_tokens, cached: u.input_tokens_details.cached_tokens, written: u.input_tokens_details.cache_write_tokens, id: r.id, response: r };
}

describe("/v1/responses through the openai SDK", () => {
  it("reports cached and written tokens inside input_tokens: ordinary = input − cached − written (GUIDE#monitor-cache-performance)", async () => {
    const { client } = setup();
    const cold = await usageOf(client, request([developer(STATIC, true), userText("Can I return shoes?")]));
    expect(cold.cached).toBe(0);
    expect(cold.written).toBeGreaterThan(1024);
    expect(cold.input).toBeGreaterThanOrEqual(cold.cached + cold.written);
    const warm = await usageOf(client, request([developer(STATIC, true), userText("Can I return shoes?")]));
    // The implicit breakpoint at the end of the user message was written the first time and is read now.
    expect(warm.cached).toBe(cold.written);
    expect(warm.written).toBe(0);
    expect(warm.input).toBe(cold.input);
  });

  it("a shared prefix is not a cached prefix: implicit mode writes through the dynamic suffix (GUIDE#a-shared-prefix-is-not-always-a-cached-prefix)", async () => {
    const { client } = setup();
    await usageOf(client, request([developer(STATIC), userText("Order O-1001?")]));
    const other = await usageOf(client, request([developer(STATIC), userText("Order O-2002?")]));
    // The initial developer block's end is a lookup boundary, but nothing was written there: no explicit breakpoint.
    expect(other.cached).toBe(0);
    // With an explicit breakpoint after the static content in both requests the next one reuses it.
    const { client: fresh } = setup();
    const first = await usageOf(fresh, request([developer(STATIC, true), userText("Order O-1001?")], "explicit"));
    const second = await usageOf(fresh, request([developer(STATIC, true), userText("Order O-2002?")], "explicit"));
    expect(second.cached).toBe(first.written);
    // Explicit-only mode does not write the dynamic suffix: "Content after the last selected breakpoint is processed at the uncached input-token rate without a cache-write charge".
    expect(second.written).toBe(0);
    expect(second.input - second.cached).toBeGreaterThan(0);
  });

  it("switching to explicit-only mode misses an earlier implicit write (GUIDE#switching-to-explicit-only-mode-can-miss-an-implicit-cache-write)", async () => {
    const { client } = setup();
    const first = await usageOf(client, request([developer(STATIC), userText("Hello")]));
    expect(first.written).toBeGreaterThan(0);
    const second = await usageOf(client, request([developer(STATIC), userText("Hello"), userText("Follow-up", true)], "explicit"));
    expect(second.cached).toBe(0);
    // Kept in implicit mode, the earlier message ending stays a lookup candidate and is read.
    const third = await usageOf(client, request([developer(STATIC), userText("Hello"), userText("Another follow-up")]));
    expect(third.cached).toBe(first.written);
  });

  it("extending a message buries its old endpoint (GUIDE#extending-a-message-can-prevent-reuse-of-its-cached-prefix)", async () => {
    const { client } = setup();
    await usageOf(client, request([developer(STATIC), { role: "user", content: [{ type: "input_text", text: "Content A" }] }]));
    const extended = await usageOf(client, request([developer(STATIC), { role: "user", content: [{ type: "input_text", text: "Content A" }, { type: "input_text", text: "Content B" }] }]));
    expect(extended.cached).toBe(0);
  });

  it("a later developer message is not a lookup boundary in implicit mode (GUIDE#not-all-developer-messages-are-automatic-implicit-mode-cache-lookup-boundaries)", async () => {
    const { client } = setup();
    // Request 1 writes through the implicit breakpoint at the end of its user message.
    await usageOf(client, request([userText(STATIC), developer("Reusable notes. ".repeat(50))]));
    await usageOf(client, request([userText(STATIC), developer("Reusable notes. ".repeat(50)), userText("q1")]));
    const next = await usageOf(client, request([userText(STATIC), developer("Reusable notes. ".repeat(50)), userText("q2")]));
    // It reads the first user message's ending (an eligible one), never the later developer message's.
    const firstUserOnly = await usageOf(setup().client, request([userText(STATIC)]));
    expect(next.cached).toBe(firstUserOnly.written);
  });

  it("a growing conversation reads the previous turn's implicit write at an earlier message ending (GUIDE#how-prefix-matching-works)", async () => {
    const { client } = setup();
    const turn1 = await usageOf(client, request([developer(STATIC), userText("First question")]));
    const turn2 = await usageOf(client, request([developer(STATIC), userText("First question"), { role: "assistant", content: "An answer." }, userText("Second question")]));
    expect(turn2.cached).toBe(turn1.written);
    expect(turn2.written).toBeGreaterThan(0);
  });

  it("implicit mode looks back over at most 20 earlier eligible message endings (GUIDE#how-prefix-matching-works; catalog OPENAI.lookup)", async () => {
    // The first turn writes at the end of its only user message; later requests reach it only while it is
    // among the 20 eligible endings before the implicit breakpoint. (The API reference's "latest 80
    // breakpoints, without a content-block lookback limit" would read it in both: the catalog marks that
    // disagreement unverified and follows the guide.)
    const { client } = setup();
    const conversation = (turns: number): ResponseInputItem[] => [
      userText(STATIC),
      ...Array.from({ length: turns }, (_, i): ResponseInputItem[] => [{ role: "assistant", content: `Answer ${i}.` }, userText(`Question ${i}`)]).flat(),
    ];
    const first = await usageOf(client, request(conversation(0)));
    expect(first.written).toBeGreaterThan(1024);
    // 20 later user messages: the first one's end is the 20th eligible ending before the implicit breakpoint.
    expect((await usageOf(client, request(conversation(20)))).cached).toBe(first.written);
    const { client: fresh } = setup();
    await usageOf(fresh, request(conversation(0)));
    // 21 later user messages: it is the 21st, beyond the lookback, so nothing is read.
    expect((await usageOf(fresh, request(conversation(21)))).cached).toBe(0);
  });

  it("keeps a prefix at least 30 minutes after its latest write or reuse, and a reuse refreshes it (GUIDE#cache-lifetime)", async () => {
    const { client, emulator } = setup();
    const params = request([developer(STATIC, true), userText("Hi")]);
    const cold = await usageOf(client, params);
    emulator.advanceClock(29 * 60);
    expect((await usageOf(client, params)).cached).toBe(cold.written);
    emulator.advanceClock(29 * 60);
    expect((await usageOf(client, params)).cached).toBe(cold.written);
    emulator.advanceClock(31 * 60);
    const expired = await usageOf(client, params);
    expect(expired.cached).toBe(0);
    expect(expired.written).toBe(cold.written);
    expect(expired.response.prompt_cache_options).toEqual({ mode: "implicit", ttl: "30m" });
  });

  it("caches nothing below 1,024 visible input tokens (GUIDE#how-caching-works)", async () => {
    const { client } = setup();
    const params = request([developer("Short instructions.", true), userText("Hi")]);
    await usageOf(client, params);
    const again = await usageOf(client, params);
    expect([again.cached, again.written]).toEqual([0, 0]);
  });

  it("explicit mode with no breakpoint does not use prompt caching (REF prompt_cache_options.mode)", async () => {
    const { client } = setup();
    const params = request([developer(STATIC), userText("Hi")], "explicit");
    await usageOf(client, params);
    const again = await usageOf(client, params);
    expect([again.cached, again.written]).toEqual([0, 0]);
  });

  it("writes the latest three explicit breakpoints in implicit mode, the latest four in explicit mode (REF prompt_cache_options.mode)", async () => {
    // Each chunk alone passes the 1,024-token minimum.
    const chunk = "Chapter text that fills the cache. ".repeat(160);
    const five = (mode: "implicit" | "explicit") => request([{ role: "user", content: [1, 2, 3, 4, 5].map((n) => ({ type: "input_text" as const, text: `${n}. ${chunk}`, ...bp })) }, userText("Question")], mode);
    // The earliest explicit breakpoint is not written in either mode; a request ending at it alone then misses.
    const probe = (mode: "implicit" | "explicit") => request([{ role: "user", content: [{ type: "input_text", text: `1. ${chunk}`, ...bp }] }], mode);
    for (const mode of ["implicit", "explicit"] as const) {
      const { client } = setup();
      await usageOf(client, five(mode));
      expect((await usageOf(client, probe(mode))).cached, mode).toBe(0);
    }
    // The second is written in explicit mode (latest 4 of 5) but not in implicit mode (latest 3 of 5).
    const second = (mode: "implicit" | "explicit") =>
      request([{ role: "user", content: [1, 2].map((n) => ({ type: "input_text" as const, text: `${n}. ${chunk}`, ...bp })) }], mode);
    const hits: Record<string, number> = {};
    for (const mode of ["implicit", "explicit"] as const) {
      const { client } = setup();
      await usageOf(client, five(mode));
      hits[mode] = (await usageOf(client, second(mode))).cached;
    }
    expect(hits.implicit).toBe(0);
    expect(hits.explicit).toBeGreaterThan(0);
  });

  it("answers prompt_cache_diagnostics when comparison_response_id is sent (DIAG)", async () => {
    const { client } = setup();
    const tools = (name: string) => [{ type: "function" as const, name, description: "Time tool", parameters: { type: "object", properties: {} }, strict: false }];
    const base = await usageOf(client, request([developer(STATIC, true), userText("What time is it?")], "implicit", { tools: tools("get_time") }));
    const compare = (extra: Partial<ResponseCreateParamsNonStreaming>, id = base.id) =>
      client.responses.create({ ...request([developer(STATIC, true), userText("What time is it?")], "implicit", { tools: tools("get_time"), ...extra }), prompt_cache_options: { mode: "implicit", comparison_response_id: id } } as ResponseCreateParamsNonStreaming) as Promise<
        OpenAI.Responses.Response & { prompt_cache_diagnostics?: Record<string, unknown> }
      >;
    // The diagnostics guide's own example: the function tool renamed from get_time to get_date.
    const renamed = await compare({ tools: tools("get_date") });
    expect(renamed.prompt_cache_diagnostics).toEqual({ type: "cache_miss", reason: "tools_changed", cache_missed_tokens: renamed.usage!.input_tokens, comparison_reusable_tokens: base.written });
    expect((renamed.prompt_cache_options as unknown as Record<string, unknown>).comparison_response_id).toBe(base.id);
    expect((await compare({})).prompt_cache_diagnostics).toEqual({ type: "cache_hit" });
    expect((await compare({ model: "gpt-5.6-terra" })).prompt_cache_diagnostics).toMatchObject({ type: "cache_miss", reason: "model_changed" });
    expect((await compare({}, "resp_does_not_exist")).prompt_cache_diagnostics).toEqual({ type: "comparison_response_not_found" });
    // Input changed after the developer block: the missed tokens are those from the first difference on.
    const changed = await client.responses.create({
      ...request([developer(STATIC, true), userText("What day is it?")], "implicit", { tools: tools("get_time") }),
      prompt_cache_options: { mode: "implicit", comparison_response_id: base.id },
    } as ResponseCreateParamsNonStreaming);
    const diag = (changed as unknown as { prompt_cache_diagnostics: { type: string; reason: string; cache_missed_tokens: number } }).prompt_cache_diagnostics;
    expect(diag).toMatchObject({ type: "cache_miss", reason: "input_changed" });
    expect(diag.cache_missed_tokens).toBe(changed.usage!.input_tokens - changed.usage!.input_tokens_details.cached_tokens);
  });

  it("streams server-sent events that end in response.completed with the same usage (REF stream)", async () => {
    const { client } = setup();
    const params = request([developer(STATIC, true), userText("Stream please")]);
    await client.responses.create(params);
    const stream = await client.responses.create({ ...params, stream: true });
    const types: string[] = [];
    let text = "";
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === "response.output_text.delta") text += event.delta;
      if (event.type === "response.completed") completed = event.response;
    }
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(text).toContain("Stream please");
    expect(completed!.usage!.input_tokens_details.cached_tokens).toBeGreaterThan(1024);
    const message = completed!.output[0];
    expect(message?.type === "message" && message.content[0]?.type === "output_text" && message.content[0].text).toBe(text);
  });

  it("refuses what the API refuses, with OpenAI's error shape", async () => {
    const { client } = setup();
    const bad = (params: unknown) => client.responses.create(params as ResponseCreateParamsNonStreaming).then(() => null, (e: unknown) => e as InstanceType<typeof OpenAI.APIError>);
    const mode = await bad({ ...request([userText("x")]), prompt_cache_options: { mode: "always" } });
    expect(mode).toBeInstanceOf(OpenAI.BadRequestError);
    expect(mode!.error).toMatchObject({ type: "invalid_request_error", param: "prompt_cache_options.mode" });
    const model = await bad({ ...request([userText("x")]), model: "gpt-0" });
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    // Breakpoints go on input_text, input_image and input_file blocks only (REF prompt_cache_breakpoint).
    const onOutput = await bad(request([{ role: "assistant", content: [{ type: "output_text", text: "x", annotations: [], ...bp }] } as unknown as ResponseInputItem]));
    expect(onOutput!.status).toBe(400);
    expect(onOutput!.message).toContain("input[0].content[0].prompt_cache_breakpoint");
    const { emulator } = setup();
    const unauth = await emulator.fetch("http://emulator.invalid/v1/responses", { method: "POST", body: JSON.stringify(request([userText("x")])) });
    expect(unauth.status).toBe(401);
  });

  it("caches the OpenAI target's own request: what the preview says is written is what the emulator reports", async () => {
    const { client } = setup();
    const built = buildTargetRequest(experiment({ settings: { cache_instructions: true }, system: [STATIC], messages: [user(text("Question one"), cachePoint(), text("tail"))] }), "openai");
    if (!built.ok) throw new Error(built.error.message);
    const params = built.value.body as ResponseCreateParamsNonStreaming;
    const cold = await usageOf(client, params);
    const furthest = Math.max(...built.value.breakpoints.filter((b) => b.written && b.reachesMinimum).map((b) => b.prefixTokens));
    expect(cold.written).toBe(furthest);
    expect(cold.input).toBe(built.value.totalTokens);
    expect((await usageOf(client, params)).cached).toBe(furthest);
  });

  it("keeps organizations and prompt_cache_key groups apart (GUIDE#separate-cache-accounting-with-keys)", async () => {
    const { emulator } = setup();
    const a = new OpenAI({ apiKey: "sk-a", baseURL: "http://emulator.invalid/v1", fetch: emulator.fetch, maxRetries: 0 });
    const b = new OpenAI({ apiKey: "sk-b", baseURL: "http://emulator.invalid/v1", fetch: emulator.fetch, maxRetries: 0 });
    const params = request([developer(STATIC, true), userText("Hi")]);
    await usageOf(a, params);
    expect((await usageOf(b, params)).cached).toBe(0);
    expect((await usageOf(a, { ...params, prompt_cache_key: "customer_1" })).cached).toBe(0);
  });
});

describe("/v1/responses on `cachelab emulate`", () => {
  let spawned: SpawnedEmulator | undefined;
  beforeAll(async () => {
    spawned = await spawnEmulator(["--latency-scale", "0"]);
  }, 20_000);
  afterAll(async () => {
    await spawned?.stop();
  });

  it("answers the SDK over HTTP: a write, then a read; the control endpoints reset it", async () => {
    const client = new OpenAI({ apiKey: "sk-test", baseURL: `${spawned!.url}/v1`, maxRetries: 0 });
    const params = request([developer(STATIC, true), userText("Over HTTP")]);
    const cold = await usageOf(client, params);
    const warm = await usageOf(client, params);
    expect(cold.written).toBeGreaterThan(1024);
    expect(warm.cached).toBe(cold.written);
    await fetch(`${spawned!.url}/_emulator/reset`, { method: "POST" });
    expect((await usageOf(client, params)).cached).toBe(0);
  });
});
