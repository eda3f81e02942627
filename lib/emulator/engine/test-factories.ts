// Test data for the engine tests: prompts made of numbered blocks, and a runner that issues ids.
import { DEFAULT_ENGINE_OPTIONS, issueRequestId, runRequest } from "./engine";
import type { EngineOptions, EngineOutcome, EngineRequest, EngineState } from "./types";

export const T0 = Date.UTC(2026, 10, 25, 12, 0, 0);
export const MIN = 60_000;

/** A paragraph of about `words` tokens, distinct per `seed`. */
export function paragraph(seed: string, words = 60): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(i % 10 === 0 ? `${seed}` : "lorem");
  return out.join(" ");
}

export interface BlockSpec {
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

export const LOW_MINIMUM: EngineOptions = { ...DEFAULT_ENGINE_OPTIONS, minCacheableTokens: 1 };

export class EngineHarness {
  state: EngineState;
  constructor(
    state: EngineState,
    readonly options: EngineOptions = LOW_MINIMUM,
  ) {
    this.state = state;
  }
  run(body: unknown, now: number, extra: Partial<EngineRequest> = {}): EngineOutcome {
    const issued = issueRequestId(this.state);
    const result = runRequest(
      issued.state,
      { provider: "anthropic", kind: "messages", body, apiVersion: "2023-06-01", scope: "scope-a", requestId: issued.requestId, ...extra },
      now,
      this.options,
    );
    this.state = result.state;
    return result.outcome;
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
