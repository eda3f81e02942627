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

// The contenders run in alternating slices rather than one after another: on a shared machine the
// load changes from second to second, and a ratio of figures taken at different moments measures the
// load as much as the code. Each one's rate is its calls over its own time across all its slices.
interface Contender {
  name: string;
  fn: () => unknown;
  calls: number;
  ms: number;
}
const contenders: Contender[] = [];
const contender = (name: string, fn: () => unknown): Contender => {
  const c = { name, fn, calls: 0, ms: 0 };
  contenders.push(c);
  return c;
};
const perSecond = (c: Contender) => c.calls / (c.ms / 1000);

async function runInterleaved(rounds = 12, sliceMs = 250): Promise<void> {
  for (const c of contenders) for (let i = 0; i < 5; i++) await c.fn();
  for (let round = 0; round < rounds; round++) {
    for (const c of contenders) {
      const start = performance.now();
      let now = start;
      while (now - start < sliceMs) {
        await c.fn();
        c.calls++;
        now = performance.now();
      }
      c.ms += now - start;
    }
  }
  for (const c of contenders) console.log(`${c.name.padEnd(44)} ${perSecond(c).toFixed(1).padStart(10)} req/s`);
}

console.log(`prompt: ${blocks} blocks, ≈${promptTokens(body as never)} tokens, ${(bodyText.length / 1024).toFixed(0)} KiB of JSON`);

const baseline = contender("baseline JSON.parse + JSON.stringify", () => JSON.stringify(JSON.parse(bodyText)));

const cache = new CacheStore();
let serial = 0;
let clock = Date.UTC(2026, 10, 25);
const parsed = JSON.parse(bodyText);
const engine = contender("engine runRequest (cache hit path)", () => {
  clock += 1000;
  const requestId = requestIdFor(++serial);
  const out = runRequest(cache, { provider: "anthropic", kind: "messages", body: parsed, apiVersion: "2023-06-01", scope: "bench", requestId }, clock, DEFAULT_ENGINE_OPTIONS);
  if (out.kind !== "message") throw new Error(JSON.stringify(out));
  cache.apply(out.commit);
  cache.markBegun(requestId, clock);
});

const emulator = createEmulator({ latencyScale: 0, rateLimits: null });
const headers = { "content-type": "application/json", "x-api-key": "bench", "anthropic-version": "2023-06-01" };
const inProcess = contender("in-process fetch, latencyScale 0", async () => {
  const res = await emulator.fetch("http://emulator.invalid/v1/messages", { method: "POST", body: bodyText, headers });
  if (res.status !== 200) throw new Error(await res.text());
  await res.json();
});

await runInterleaved();
console.log(`ratio engine / JSON baseline:            ${(perSecond(engine) / perSecond(baseline)).toFixed(3)}`);
console.log(`ratio in-process fetch / JSON baseline:  ${(perSecond(inProcess) / perSecond(baseline)).toFixed(3)}`);
