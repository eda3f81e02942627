// Properties of buildRequest over random experiments (fast-check): the invariants of
// docs/reference/pydantic-ai-caching.md §7 and §8 hold for every layout, not just the recorded ones.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { checkCachePoints } from "./experiment-checks";
import { type ExperimentInput, parseExperiment } from "./experiment-schema";
import type { RequestBody } from "./wire-types";

const ttl = fc.constantFrom("5m" as const, "1h" as const);
const setting = fc.constantFrom(false, true, "5m" as const, "1h" as const);
const words = fc.stringMatching(/^[a-z ]{0,12}$/);

const userItem = fc.oneof(
  { weight: 4, arbitrary: words.map((t) => ({ type: "text" as const, text: t })) },
  { weight: 3, arbitrary: fc.option(ttl, { nil: undefined }).map((t) => (t ? { type: "cache_point" as const, ttl: t } : { type: "cache_point" as const })) },
  { weight: 1, arbitrary: fc.constant({ type: "image" as const, url: "https://example.com/i.png" }) },
  { weight: 1, arbitrary: fc.constant({ type: "document" as const, url: "https://example.com/d.pdf" }) },
  { weight: 1, arbitrary: words.map((c) => ({ type: "tool_result" as const, tool_use_id: "toolu_1", tool_name: "f", content: c })) },
  { weight: 1, arbitrary: words.map((c) => ({ type: "tool_retry" as const, tool_use_id: "toolu_1", tool_name: "f", content: c })) },
);
const assistantItem = fc.oneof(
  { weight: 4, arbitrary: words.map((t) => ({ type: "text" as const, text: t })) },
  { weight: 1, arbitrary: fc.constant({ type: "tool_use" as const, id: "toolu_1", name: "f", input: { q: 1 } }) },
);
const message = fc.oneof(
  { weight: 3, arbitrary: fc.array(userItem, { maxLength: 7 }).map((content) => ({ role: "user" as const, content })) },
  { weight: 1, arbitrary: fc.array(assistantItem, { maxLength: 3 }).map((content) => ({ role: "assistant" as const, content })) },
);
const toolDef = fc.constantFrom("alpha", "beta", "gamma").map((name) => ({ name, description: `${name} tool`, input_schema: { type: "object", title: name, properties: { x: { type: "string", title: "X" } } } }));

const experimentInput: fc.Arbitrary<ExperimentInput> = fc.record({
  provider: fc.constantFrom("anthropic" as const, "bedrock" as const, "vertex" as const, "foundry" as const),
  provider_options: fc.record({ bedrock_ttl: fc.constantFrom("omit" as const, "send" as const) }),
  settings: fc.record({ cache_instructions: setting, cache_tool_definitions: setting, cache_messages: setting }),
  system: fc.array(words, { maxLength: 2 }),
  tools: fc.array(toolDef, { maxLength: 3 }),
  output_tools: fc.array(toolDef, { maxLength: 1 }),
  builtin_tools: fc.subarray(["web_search" as const, "code_execution" as const]),
  messages: fc.array(message, { maxLength: 6 }),
});

interface Marked {
  cache_control?: { ttl?: string };
}

function cacheControls(body: RequestBody): { where: string; cc: { ttl?: string } }[] {
  const out: { where: string; cc: { ttl?: string } }[] = [];
  (body.tools ?? []).forEach((t, i) => t.cache_control && out.push({ where: `tools[${i}]`, cc: t.cache_control }));
  if (Array.isArray(body.system)) body.system.forEach((b, i) => b.cache_control && out.push({ where: `system[${i}]`, cc: b.cache_control }));
  body.messages.forEach((m, mi) => {
    if (typeof m.content === "string") return;
    m.content.forEach((b, bi) => {
      const cc = (b as Marked).cache_control;
      if (cc) out.push({ where: `messages[${mi}].content[${bi}]`, cc });
    });
  });
  return out;
}

function parse(input: ExperimentInput) {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

describe("buildRequest properties", () => {
  it("never sends more than 4 cache_control blocks, and the analysis agrees with the body", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        const built = buildRequest(parse(input));
        if (!built.ok) return;
        const marked = cacheControls(built.value.body);
        expect(marked.length).toBeLessThanOrEqual(4);
        const kept = built.value.analysis.breakpoints.filter((b) => b.status === "kept").map((b) => b.landedAt!.path);
        expect([...kept].sort()).toEqual(marked.map((m) => m.where).sort());
        expect(built.value.analysis.keptCount).toBe(marked.length);
      }),
      { numRuns: 400 },
    );
  });

  it("never removes system or tool breakpoints", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        const e = parse(input);
        const built = buildRequest(e);
        if (!built.ok) return;
        const body = built.value.body;
        const systemText = [...e.system, ...(e.instructions ? [e.instructions] : [])].join("\n\n");
        if (e.settings.cache_instructions !== false && systemText !== "") expect(Array.isArray(body.system) && body.system[0]!.cache_control).toBeTruthy();
        const functionTools = new Set([...e.tools, ...e.output_tools].map((t) => t.name)).size;
        if (e.settings.cache_tool_definitions !== false && functionTools > 0) expect(body.tools![functionTools - 1]!.cache_control).toBeTruthy();
      }),
      { numRuns: 300 },
    );
  });

  it("removes message breakpoints oldest first", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        const built = buildRequest(parse(input));
        if (!built.ok) return;
        const inMessages = built.value.analysis.breakpoints.filter((b) => (b.status === "kept" || b.status === "dropped") && b.landedAt?.section === "messages");
        const firstKept = inMessages.findIndex((b) => b.status === "kept");
        const lastDropped = inMessages.map((b) => b.status).lastIndexOf("dropped");
        if (lastDropped >= 0) expect(firstKept).toBeGreaterThan(lastDropped);
      }),
      { numRuns: 300 },
    );
  });

  it("gives byte-identical output for the same input", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        expect(JSON.stringify(buildRequest(parse(input)))).toBe(JSON.stringify(buildRequest(parse(structuredClone(input)))));
      }),
      { numRuns: 200 },
    );
  });

  it("sends no ttl on Bedrock unless asked to", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        const e = parse(input);
        const built = buildRequest(e, { provider: "bedrock" });
        if (!built.ok) return;
        const ttls = cacheControls(built.value.body).filter((m) => "ttl" in m.cc);
        if (e.provider_options.bedrock_ttl === "omit") expect(ttls).toEqual([]);
        else expect(ttls.length).toBe(cacheControls(built.value.body).length);
        expect("model" in built.value.body).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("fails exactly when the placement check finds a cache_point with nothing before it", () => {
    fc.assert(
      fc.property(experimentInput, (input) => {
        const e = parse(input);
        const built = buildRequest(e);
        const misplaced = checkCachePoints(e);
        expect(built.ok).toBe(misplaced.length === 0);
        if (!built.ok) {
          expect(built.error.code).toBe("cache_point_error");
          expect(built.error.issues?.[0]?.path).toBe(misplaced[0]!.path);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("parseExperiment on arbitrary input", () => {
  it("never throws and always explains a rejection with paths", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ messages: fc.anything(), settings: fc.anything(), tools: fc.anything() })), (value) => {
        const parsed = parseExperiment(value);
        if (!parsed.ok) {
          expect(parsed.error.message.length).toBeGreaterThan(0);
          for (const issue of parsed.error.issues ?? []) expect(typeof issue.path).toBe("string");
        }
      }),
      { numRuns: 500 },
    );
  });
});
