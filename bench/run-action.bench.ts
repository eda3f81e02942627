// `npm run bench`: the overhead of one run through the server action's path — zod shape check,
// experiment validation, buildRequest, the official SDK (streaming), the in-process emulator and the
// run record — as a ratio to sending the same pre-built body straight to the emulator's fetch and
// reading the stream, measured in the same run. The emulator holds no latency here (scale 0).
// Run: npx tsx bench/run-action.bench.ts
import { register } from "node:module";

// lib/providers starts with `import "server-only"`, which only Next resolves; here it is empty.
register("data:text/javascript," + encodeURIComponent(
  `export async function resolve(s, c, next) { return s === "server-only" ? { url: "data:text/javascript,export{}", shortCircuit: true } : next(s, c); }`,
));

const { parseExperiment } = await import("../lib/cache/experiment-schema");
const { buildRequest } = await import("../lib/cache/build-request");
const { createEmulator } = await import("../lib/emulator/transport");
const { runInputSchema } = await import("../app/actions/run-schemas");
const { runExperiment } = await import("../lib/providers/run-experiment");

const WARMUP = 20;
const ITERATIONS = 200;

const input = {
  transport: "emulated" as const,
  experiment: {
    model: "claude-sonnet-4-6",
    max_tokens: 256,
    settings: { cache_instructions: true, cache_tool_definitions: true, cache_messages: true },
    system: ["You answer questions about the handbook below.\n\n" + "The handbook explains how prompt caching keeps long prefixes warm. ".repeat(400)],
    tools: [{ name: "lookup", description: "Look up a section of the handbook.", input_schema: { type: "object", properties: { section: { type: "integer" } } } }],
    messages: Array.from({ length: 10 }, (_, i) => ({
      role: i % 2 === 0 ? "user" : "assistant",
      content: [{ type: "text", text: `Turn ${i}: ` + "a question or an answer about the handbook. ".repeat(30) }],
    })),
  },
};

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const emulator = createEmulator({ latencyScale: 0 });

async function throughAction() {
  const shape = runInputSchema.parse(input);
  const experiment = parseExperiment(shape.experiment);
  if (!experiment.ok) throw new Error(experiment.error.message);
  const run = await runExperiment(experiment.value, { transport: shape.transport }, { emulator });
  if (!run.ok) throw new Error(run.error.message);
}

const parsed = parseExperiment(input.experiment);
if (!parsed.ok) throw new Error(parsed.error.message);
const built = buildRequest(parsed.value);
if (!built.ok) throw new Error(built.error.message);
const wireBody = JSON.stringify({ ...built.value.body, stream: true });

async function direct() {
  const response = await emulator.fetch("http://emulator.cachelab.invalid/v1/messages", {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": "cachelab-emulated", "anthropic-version": "2023-06-01" },
    body: wireBody,
  });
  if (!response.ok) throw new Error(`emulator answered ${response.status}`);
  await response.text();
}

// Interleave the two so drift (GC, JIT, a busy core) falls on both alike.
const viaAction: number[] = [];
const viaDirect: number[] = [];
for (let round = 0; round < 4; round++) {
  viaAction.push(...(await time(throughAction)));
  viaDirect.push(...(await time(direct)));
}
const a = median(viaAction);
const d = median(viaDirect);
console.log(`request: ${(wireBody.length / 1000).toFixed(0)} kB body, ${built.value.analysis.positions.length} prefix blocks, ≈${built.value.analysis.totalTokens.toLocaleString("en-US")} tokens`);
console.log(`run through the action path (zod + validate + build + SDK + emulator + record): median ${a.toFixed(3)} ms over ${viaAction.length} runs`);
console.log(`same body straight to the emulator's fetch:                                   median ${d.toFixed(3)} ms over ${viaDirect.length} runs`);
console.log(`ratio action path / direct emulator: ${(a / d).toFixed(2)}x (overhead ${(a - d).toFixed(3)} ms per run)`);
