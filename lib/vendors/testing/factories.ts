// A compared run for tests: target 0 is Claude (writes 5m), target 1 OpenAI (writes 30m); the first run
// of each writes 5,000 tokens, later ones read them. Tests override what they check.
import { tokens, usd } from "@/lib/cache/units";
import type { CompareRun } from "../compare";

export function compareRun(index: number, n: number, over: Partial<CompareRun> = {}): CompareRun {
  return {
    index,
    target: index === 0 ? "anthropic" : "openai",
    run: n,
    turn: n,
    status: "ok",
    usage: { uncached: tokens(10), cacheRead: tokens(n > 1 ? 5000 : 0), cacheWrite: n === 1 ? { [index === 0 ? "5m" : "30m"]: tokens(5000) } : {}, output: tokens(5) },
    cost: usd(0.01),
    costWithoutCache: usd(0.02),
    responseText: "answer",
    startedAt: 1_000 * n,
    ...over,
  };
}
