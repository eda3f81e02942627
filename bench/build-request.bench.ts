// `npm run bench`: buildRequest (body + analysis) on a large experiment, as a ratio to JSON.stringify
// of the same body measured in the same run, so the number means the same on any machine.
// 200 content blocks, ≈150k tokens of text, every cache setting on and a cache_point every 10 blocks.
import { buildRequest } from "../lib/cache/build-request";
import { generateHandbook } from "../lib/cache/example-text";
import { type ExperimentInput, parseExperiment } from "../lib/cache/experiment-schema";
import { estimateTextTokens } from "../lib/cache/tokens";

const WARMUP = 5;
const ITERATIONS = 25;

function largeExperiment(): ExperimentInput {
  const messages: ExperimentInput["messages"] = [];
  let blocks = 0;
  for (let m = 0; blocks < 200; m++) {
    const role = m % 2 === 0 ? "user" : "assistant";
    const content: { type: "text"; text: string }[] = [];
    for (let b = 0; b < 2; b++, blocks++) content.push({ type: "text", text: generateHandbook(1, blocks + 1) });
    const withMarker = role === "user" && m % 10 === 0 ? [...content, { type: "cache_point" as const }] : content;
    messages.push({ role, content: withMarker } as ExperimentInput["messages"][number]);
  }
  return {
    settings: { cache_instructions: true, cache_tool_definitions: true, cache_messages: true },
    system: ["You are a careful analyst."],
    tools: [{ name: "lookup", description: "Look up a section.", input_schema: { type: "object", title: "Lookup", properties: { section: { type: "integer", title: "Section" } } } }],
    messages,
  };
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function time(fn: () => unknown): number[] {
  for (let i = 0; i < WARMUP; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

const parsed = parseExperiment(largeExperiment());
if (!parsed.ok) throw new Error(parsed.error.message);
const experiment = parsed.value;
const first = buildRequest(experiment);
if (!first.ok) throw new Error(first.error.message);
const body = first.value.body;
const blockCount = experiment.messages.reduce((n, m) => n + m.content.filter((c) => c.type !== "cache_point").length, 0);
const textTokens = experiment.messages.reduce((n, m) => n + m.content.reduce((k, c) => k + (c.type === "text" ? estimateTextTokens(c.text) : 0), 0), 0);

const build = median(time(() => buildRequest(experiment)));
const stringify = median(time(() => JSON.stringify(body)));

console.log(`experiment: ${blockCount} message blocks, ≈${textTokens.toLocaleString("en-US")} tokens of text, ${(JSON.stringify(body).length / 1e6).toFixed(2)} MB body`);
console.log(`buildRequest (body + analysis): median ${build.toFixed(2)} ms over ${ITERATIONS} runs`);
console.log(`JSON.stringify(body):           median ${stringify.toFixed(2)} ms over ${ITERATIONS} runs`);
console.log(`ratio buildRequest / JSON.stringify: ${(build / stringify).toFixed(1)}x`);
