// Test data for the engine tests: prompts made of numbered blocks, and a runner that issues ids.
import { DEFAULT_ENGINE_OPTIONS, requestIdFor, runRequest } from "./engine";
import { CacheStore } from "./store";
import type { EngineOptions, EngineOutcome, EngineRequest } from "./types";

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MIN = 60_000;

/** A paragraph of about `words` tokens, distinct per `seed`. */
export function paragraph(seed: string, words = 60): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(i % 10 === 0 ? `${seed}` : "lorem");
  return out.join(" ");
}

interface BlockSpec {
  /** 1-based block numbers that carry cache_control, with their TTL. */
  marks?: Record<number, "5m" | "1h" | true>;
  seed?: string;
  words?: number;
}

/** One user message of `n` text blocks ("block 1" … "block n"), like the docs' lookback example. */
export function blocksBody(n: number, spec: BlockSpec = {}): Record<string, unknown> {
  const content = [];
  for (let i = 1; i <= n; i++) {
    const block: Record<string, unknown> = { type: "text", text: paragraph(`${spec.seed ?? "block"}${i}`, spec.words ?? 60) };
    const mark = spec.marks?.[i];
    if (mark) block.cache_control = mark === true ? { type: "ephemeral" } : { type: "ephemeral", ttl: mark };
    content.push(block);
  }
  return { model: "claude-sonnet-4-6", max_tokens: 64, messages: [{ role: "user", content }] };
}

const LOW_MINIMUM: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, minCacheableTokens: 1 };

/** Runs requests against one cache as the transport does: ids in sequence, each commit applied. */
export class EngineHarness {
  readonly cache: CacheStore;
  private serial = 0;
  constructor(
    readonly options: EngineOptions = LOW_MINIMUM,
    cache: CacheStore = new CacheStore(),
  ) {
    this.cache = cache;
  }
  run(body: unknown, now: number, extra: Partial<EngineRequest> = {}): EngineOutcome {
    const outcome = runRequest(
      this.cache,
      { provider: "anthropic", kind: "messages", body, apiVersion: "2023-06-01", scope: "scope-a", requestId: requestIdFor(++this.serial), ...extra },
      now,
      this.options,
    );
    if (outcome.kind === "message") this.cache.apply(outcome.commit);
    return outcome;
  }
  message(body: unknown, now: number, extra: Partial<EngineRequest> = {}) {
    const outcome = this.run(body, now, extra);
    if (outcome.kind !== "message") throw new Error(`expected a message, got ${JSON.stringify(outcome)}`);
    return outcome;
  }
  count(body: unknown, extra: Partial<EngineRequest> = {}): number {
    const outcome = this.run(body, T0, { kind: "count_tokens", ...extra });
    if (outcome.kind !== "count") throw new Error(`expected a count, got ${JSON.stringify(outcome)}`);
    return outcome.inputTokens;
  }
  error(body: unknown, extra: Partial<EngineRequest> = {}) {
    const outcome = this.run(body, T0, extra);
    if (outcome.kind !== "error") throw new Error(`expected an error, got ${JSON.stringify(outcome).slice(0, 300)}`);
    return outcome.error;
  }
}
