// Compare across vendors, end to end on the server: the built-in "Long document Q&A" example run as one
// series on Claude API, OpenAI Responses and Bedrock Converse in the emulator, each through its official
// SDK (@anthropic-ai/sdk, openai, @aws-sdk/client-bedrock-runtime) and each in its own cache scope.
// The expectations are the vendors' documented rules, not what the code happens to do:
// - Anthropic: a 5-minute cache refreshed on use (docs/reference/anthropic-caching.md §1.3);
//   `input_tokens` is the uncached tail only.
// - OpenAI GPT-5.6+: the cache lives "at least 30 minutes after its most recent write or reuse"
//   (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime); cached and written
//   tokens are inside `input_tokens`, "ordinary input = input_tokens − cached_tokens − cache_write_tokens"
//   (docs/reference/vendors.md §1).
// - Bedrock Converse with Claude: 5m by default (docs/reference/vendors.md §3).
import { beforeEach, describe, expect, it } from "vitest";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { findExample } from "@/lib/cache/examples";
import { createEmulator } from "@/lib/emulator/transport";
import { type CompareTarget, compareTotals, costWithoutCaching } from "@/lib/vendors/compare";
import { findOpenAIModel } from "@/lib/vendors/catalog";
import { totalInput } from "@/lib/vendors/usage";
import { runTarget } from "./run-target";
import { runEmulatedComparison } from "./testing/emulated-comparison";

const parsed = parseExperiment(findExample("docs-qa")!.experiment);
if (!parsed.ok) throw new Error(parsed.error.message);
const EXAMPLE = parsed.value;
const TARGETS: CompareTarget[] = [{ target: "anthropic" }, { target: "openai" }, { target: "bedrock-converse" }];

let emulator = createEmulator({ latencyScale: 0 });
beforeEach(() => {
  emulator = createEmulator({ latencyScale: 0 });
});

/** A comparison as the page runs it: every target in its own scope, the gap on the emulator's clock. */
async function compare(runs: number, gapSeconds: number, series = "s1", targets = TARGETS) {
  const recorded = await runEmulatedComparison(emulator, { mode: "repeat", runs, gapSeconds, warmUp: false, continueOnError: false }, EXAMPLE, targets, series);
  const of = (index: number) => recorded.filter((r) => r.index === index).map((r) => r.usage!);
  return { recorded, of };
}

describe("the built-in example on Claude, OpenAI and Bedrock Converse, emulated", () => {
  it("writes once and reads after on every target, each in its own cache", async () => {
    const { of } = await compare(3, 60);
    const [claude, openai, converse] = [of(0), of(1), of(2)];
    expect(claude[0]!.cacheWrite["5m"]).toBeGreaterThan(4000);
    expect(openai[0]!.cacheWrite["30m"]).toBeGreaterThan(4000);
    expect(converse[0]!.cacheWrite["5m"]).toBeGreaterThan(4000);
    for (const u of [claude, openai, converse]) {
      expect(u[0]!.cacheRead).toBe(0);
      const written = Object.values(u[0]!.cacheWrite)[0]!;
      expect(u[1]!.cacheRead).toBe(written);
      expect(u[2]!.cacheRead).toBe(written);
      expect(Object.keys(u[1]!.cacheWrite)).toEqual([]);
    }
  });

  it("after a 6-minute gap Claude's and Converse's 5m entries are gone while OpenAI's 30m one still reads", async () => {
    const { of } = await compare(2, 360);
    expect(of(0)[1]!.cacheRead).toBe(0);
    expect(of(0)[1]!.cacheWrite["5m"]).toBeGreaterThan(4000);
    expect(of(2)[1]!.cacheRead).toBe(0);
    expect(of(1)[1]!.cacheRead).toBe(of(1)[0]!.cacheWrite["30m"]);
  });

  it("after 31 minutes OpenAI writes again too", async () => {
    const { of } = await compare(2, 31 * 60, "s1", [{ target: "openai" }]);
    expect(of(0)[1]!.cacheRead).toBe(0);
    expect(of(0)[1]!.cacheWrite["30m"]).toBe(of(0)[0]!.cacheWrite["30m"]);
  });

  it("a second comparison starts cold: it never reads what the first one wrote", async () => {
    await compare(1, 0, "first");
    const { of } = await compare(1, 0, "second");
    for (const i of [0, 1, 2]) expect(of(i)[0]!.cacheRead).toBe(0);
  });

  it("prices OpenAI's usage without counting cached tokens twice, and sets each total against no caching", async () => {
    const { recorded } = await compare(3, 60);
    const sol = findOpenAIModel("gpt-5.6-sol")!.prices.value;
    const prices = { input: sol.input, cacheRead: sol.read, cacheWrite: { "30m": sol.write30m }, output: sol.output };
    for (const r of recorded.filter((x) => x.index === 1)) {
      const u = r.usage!;
      const expected = (u.uncached * sol.input + u.cacheRead * sol.read + (u.cacheWrite["30m"] ?? 0) * sol.write30m + u.output * sol.output) / 1e6;
      expect(r.cost).toBeCloseTo(expected, 12);
      expect(r.costWithoutCache).toBeCloseTo(costWithoutCaching(u, prices), 12);
      expect(r.costWithoutCache).toBeCloseTo((totalInput(u) * sol.input + u.output * sol.output) / 1e6, 12);
    }
    const totals = compareTotals(recorded, TARGETS);
    for (const t of totals) {
      expect(t.runs).toBe(3);
      // one write and two reads of a ≈6,000-token prefix: caching pays on every vendor here
      expect(t.saving).toBeGreaterThan(0);
      expect(t.tokenHitRate).toBeGreaterThan(0.6);
    }
  });

  it("runs Gemini too, through its cache object (lib/providers/gemini.test.ts pins its rules)", async () => {
    const r = await runTarget(EXAMPLE, { target: "gemini", transport: "emulated" }, { emulator });
    expect(r).toMatchObject({ ok: true, value: { target: "gemini", modelId: "gemini-2.5-pro" } });
  });
});
