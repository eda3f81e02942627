// Emulator engine throughput on a 50-block, ~100k-token prompt, as a ratio to JSON.parse +
// JSON.stringify of the same body measured in the same run (the floor any HTTP handler pays).
// Run: npx tsx bench/emulator.bench.ts
import { promptTokens } from "@/lib/cache/prefix";
import { CacheStore, DEFAULT_ENGINE_OPTIONS, requestIdFor, runRequest } from "@/lib/emulator/engine";
import { createEmulator } from "@/lib/emulator/transport";

const WORDS = "the cache keeps long prefixes warm so that later turns start faster and cost less money overall".split(" ");
function text(seed: number, tokens: number): string {
  const out: string[] = [];
  for (let i = 0; i < tokens; i++) out.push(WORDS[(i * 7 + seed) % WORDS.length]!);
  return out.join(" ");
}

const cc = { type: "ephemeral" as const };
const tools = Array.from({ length: 4 }, (_, i) => ({ name: `tool_${i}`, description: text(i, 400), input_schema: { type: "object", properties: { q: { type: "string" } } } }));
tools[3] = { ...tools[3]!, cache_control: cc } as never;
const body = {
  model: "claude-sonnet-4-6",
  max_tokens: 256,
  tools,
  system: [{ type: "text", text: text(99, 7200), cache_control: cc }],
  messages: Array.from({ length: 45 }, (_, i) => ({
    role: i % 2 === 0 ? "user" : "assistant",
    content: [{ type: "text", text: text(i, 1780), ...(i === 44 || i === 30 ? { cache_control: cc } : {}) }],
  })),
};
const blocks = body.tools.length + body.system.length + body.messages.length;
const bodyText = JSON.stringify(body);

function measure(name: string, fn: () => void, minMs = 1500): number {
  for (let i = 0; i < 5; i++) fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs && n < 100_000) {
    fn();
    n++;
  }
  const perSec = n / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(44)} ${perSec.toFixed(1).padStart(10)} req/s`);
  return perSec;
}

async function measureAsync(name: string, fn: () => Promise<void>, minMs = 1500): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  let n = 0;
  const start = performance.now();
  while (performance.now() - start < minMs && n < 100_000) {
    await fn();
    n++;
  }
  const perSec = n / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(44)} ${perSec.toFixed(1).padStart(10)} req/s`);
  return perSec;
}

console.log(`prompt: ${blocks} blocks, ≈${promptTokens(body as never)} tokens, ${(bodyText.length / 1024).toFixed(0)} KiB of JSON`);

const baseline = measure("baseline JSON.parse + JSON.stringify", () => {
  JSON.stringify(JSON.parse(bodyText));
});

const cache = new CacheStore();
let serial = 0;
let clock = Date.UTC(2026, 10, 25);
const parsed = JSON.parse(bodyText);
const engine = measure("engine runRequest (cache hit path)", () => {
  clock += 1000;
  const requestId = requestIdFor(++serial);
  const out = runRequest(cache, { provider: "anthropic", kind: "messages", body: parsed, apiVersion: "2023-06-01", scope: "bench", requestId }, clock, DEFAULT_ENGINE_OPTIONS);
  if (out.kind !== "message") throw new Error(JSON.stringify(out));
  cache.apply(out.commit);
  cache.markBegun(requestId, clock);
});

const emulator = createEmulator({ latencyScale: 0, rateLimits: null });
const headers = { "content-type": "application/json", "x-api-key": "bench", "anthropic-version": "2023-06-01" };
const inProcess = await measureAsync("in-process fetch, latencyScale 0", async () => {
  const res = await emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", body: bodyText, headers });
  if (res.status !== 200) throw new Error(await res.text());
  await res.json();
});

console.log(`ratio engine / JSON baseline:            ${(engine / baseline).toFixed(3)}`);
console.log(`ratio in-process fetch / JSON baseline:  ${(inProcess / baseline).toFixed(3)}`);
