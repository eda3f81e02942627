// `npm run bench`: buildRequest (body + analysis) on a large experiment, as a ratio to JSON.stringify
// of the same body measured in the same run, so the number means the same on any machine.
// 200 content blocks, ≈150k tokens of text, every cache setting on and a cache_point every 10 blocks.
import { buildRequest } from "../lib/cache/build-request";
import { generateHandbook } from "../lib/cache/example-text";
import { type ExperimentInput, parseExperiment } from "../lib/cache/experiment-schema";
import { estimateTextTokens } from "../lib/cache/tokens";

const WARMUP = 5;
const ITERATIONS = 40;

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

/**
 * Times `a` and `b` alternately, so that load from anything else on the machine falls on both alike;
 * returns both sample lists and the per-iteration ratios a/b.
 */
function timePair(a: () => unknown, b: () => unknown): { a: number[]; b: number[]; ratio: number[] } {
  for (let i = 0; i < WARMUP; i++) {
    a();
    b();
  }
  const out = { a: [] as number[], b: [] as number[], ratio: [] as number[] };
  for (let i = 0; i < ITERATIONS; i++) {
    let start = performance.now();
    a();
    const ta = performance.now() - start;
    start = performance.now();
    b();
    const tb = performance.now() - start;
    out.a.push(ta);
    out.b.push(tb);
    out.ratio.push(ta / tb);
  }
  return out;
}

const parsed = parseExperiment(largeExperiment());
if (!parsed.ok) throw new Error(parsed.error.message);
const experiment = parsed.value;
const first = buildRequest(experiment);
if (!first.ok) throw new Error(first.error.message);
const body = first.value.body;
const blockCount = experiment.messages.reduce((n, m) => n + m.content.filter((c) => c.type !== "cache_point").length, 0);
const textTokens = experiment.messages.reduce((n, m) => n + m.content.reduce((k, c) => k + (c.type === "text" ? estimateTextTokens(c.text) : 0), 0), 0);

const timed = timePair(
  () => buildRequest(experiment),
  () => JSON.stringify(body),
);

console.log(`experiment: ${blockCount} message blocks, ≈${textTokens.toLocaleString("en-US")} tokens of text, ${(JSON.stringify(body).length / 1e6).toFixed(2)} MB body`);
console.log(`buildRequest (body + analysis): median ${median(timed.a).toFixed(2)} ms over ${ITERATIONS} runs`);
console.log(`JSON.stringify(body):           median ${median(timed.b).toFixed(2)} ms over ${ITERATIONS} runs`);
console.log(`ratio buildRequest / JSON.stringify: median ${median(timed.ratio).toFixed(1)}x (measured in alternation, same run)`);

// The number above is the preview's steady state: unchanged text is memoised by string (prefix.ts,
// dynamic-content.ts). Two more cases show the other ends: one block edited per build (a keystroke),
// and every text new (an import or a paste of the whole prompt), which pays the full walk.
let edit = 0;
function withEditedBlock(): typeof experiment {
  edit++;
  const messages = experiment.messages.map((m, i) =>
    i === 0 && m.role === "user" ? { ...m, content: m.content.map((c, j) => (j === 0 && c.type === "text" ? { ...c, text: `${c.text} edit ${edit}` } : c)) } : m,
  );
  return { ...experiment, messages } as typeof experiment;
}
function withAllTextNew(): typeof experiment {
  edit++;
  const messages = experiment.messages.map((m) => ({ ...m, content: m.content.map((c) => (c.type === "text" ? { ...c, text: `${edit} ${c.text}` } : c)) }));
  return { ...experiment, messages } as typeof experiment;
}
const keystroke = timePair(
  () => buildRequest(withEditedBlock()),
  () => JSON.stringify(body),
);
console.log(`one block edited per build:      median ${median(keystroke.a).toFixed(2)} ms, ratio ${median(keystroke.ratio).toFixed(1)}x JSON.stringify`);
const cold = timePair(
  () => buildRequest(withAllTextNew()),
  () => JSON.stringify(body),
);
console.log(`every text new (cold):           median ${median(cold.a).toFixed(2)} ms, ratio ${median(cold.ratio).toFixed(1)}x JSON.stringify`);
