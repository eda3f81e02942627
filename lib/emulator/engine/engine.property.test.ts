// Invariants over random prompts and request sequences: the usage arithmetic always adds up.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_ENGINE_OPTIONS } from "./engine";
import { EngineHarness, MIN, T0, paragraph } from "./test-factories";

const blockArb = fc.record({
  words: fc.integer({ min: 5, max: 400 }),
  seed: fc.integer({ min: 0, max: 3 }),
  mark: fc.constantFrom<null | "5m" | "1h">(null, null, null, "5m", "1h"),
});
const requestArb = fc.record({
  blocks: fc.array(blockArb, { minLength: 1, maxLength: 30 }),
  gapMinutes: fc.integer({ min: 0, max: 70 }),
  model: fc.constantFrom("claude-sonnet-4-6", "claude-opus-5", "claude-haiku-4-5"),
});

function bodyOf(r: { blocks: { words: number; seed: number; mark: null | "5m" | "1h" }[]; model: string }) {
  // TTL order: 1h marks must come first, so sort marks to keep requests valid; at most 4 marks.
  let marks = 0;
  let seen5m = false;
  const content = r.blocks.map((b, i) => {
    const block: Record<string, unknown> = { type: "text", text: paragraph(`b${i}s${b.seed}`, b.words) };
    if (b.mark && marks < 4 && !(b.mark === "1h" && seen5m)) {
      block.cache_control = { type: "ephemeral", ttl: b.mark };
      marks++;
      if (b.mark === "5m") seen5m = true;
    }
    return block;
  });
  return { model: r.model, max_tokens: 20, messages: [{ role: "user", content }] };
}

describe("usage invariants", () => {
  it("input + creation + read = count_tokens; the TTL split sums to creation; nothing is negative", () => {
    fc.assert(
      fc.property(fc.array(requestArb, { minLength: 1, maxLength: 6 }), (requests) => {
        const h = new EngineHarness(DEFAULT_ENGINE_OPTIONS);
        let now = T0;
        for (const r of requests) {
          now += r.gapMinutes * MIN;
          const body = bodyOf(r);
          const count = h.count(body);
          const { message, trace } = h.message(body, now);
          const u = message.usage;
          expect(u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens).toBe(count);
          expect(u.cache_creation.ephemeral_5m_input_tokens + u.cache_creation.ephemeral_1h_input_tokens).toBe(u.cache_creation_input_tokens);
          for (const v of [u.input_tokens, u.cache_creation_input_tokens, u.cache_read_input_tokens, u.cache_creation.ephemeral_1h_input_tokens, u.cache_creation.ephemeral_5m_input_tokens]) {
            expect(v).toBeGreaterThanOrEqual(0);
          }
          if (trace.notCachedReason) expect(u.cache_creation_input_tokens + u.cache_read_input_tokens).toBe(0);
          if (u.cache_read_input_tokens > 0) expect(u.cache_read_input_tokens).toBeGreaterThanOrEqual(trace.minimumTokens);
          now += 1000;
        }
      }),
      { numRuns: 150 },
    );
  });

  it("repeating a request right away reads everything up to its last breakpoint", () => {
    fc.assert(
      fc.property(requestArb, (r) => {
        const h = new EngineHarness(DEFAULT_ENGINE_OPTIONS);
        const body = bodyOf(r);
        const first = h.message(body, T0).message.usage;
        const second = h.message(body, T0 + MIN).message.usage;
        expect(second.cache_read_input_tokens).toBe(first.cache_creation_input_tokens);
        expect(second.cache_creation_input_tokens).toBe(0);
        expect(second.input_tokens).toBe(first.input_tokens);
      }),
      { numRuns: 150 },
    );
  });
});
