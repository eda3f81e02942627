// Injected failures for tests (docs/design.md §5): queued, consumed in order by the next matching request.
// The queue is bounded (per request and in total), so no control request can make the server hold
// millions of faults or answer with a body the size of the queue.
import { type Result, err, ok } from "@/lib/cache/result";
import type { Surface } from "./engine/types";

export type FaultKind =
  /** 429 rate_limit_error with `retry-after`. */
  | "rate_limit"
  /** 500 api_error. */
  | "server_error"
  /** 529 overloaded_error "Overloaded". */
  | "overloaded"
  /** A streamed response that stops after `afterFrames` frames (`cut`: end, error, or an SSE error event). */
  | "stream_cut"
  /** The connection fails before any response. */
  | "connection_error"
  /** The response is held `delayMs` real milliseconds longer (a client timeout then fires). */
  | "delay"
  /** 504 timeout_error after `delayMs` (default 0). */
  | "timeout";

export type StreamCutMode = "end" | "error" | "event";

export interface Fault {
  kind: FaultKind;
  /** Only requests whose path contains this string consume the fault. */
  path?: string;
  provider?: Surface;
  retryAfterSeconds?: number;
  /** Sends `x-should-retry: false` (or true) so SDK clients skip (or force) their retries. */
  shouldRetry?: boolean;
  afterFrames?: number;
  cut?: StreamCutMode;
  delayMs?: number;
}

/** Most faults one control request may queue (the sum of its `count`s). */
export const MAX_FAULTS_PER_REQUEST = 1_000;
/** Most faults queued at once. */
export const MAX_QUEUED_FAULTS = 10_000;
/** Longest injected delay: past the SDKs' default 10-minute timeout, and no longer. */
const MAX_FAULT_DELAY_MS = 15 * 60_000;

const KINDS: readonly FaultKind[] = ["rate_limit", "server_error", "overloaded", "stream_cut", "connection_error", "delay", "timeout"];
const SURFACES: readonly Surface[] = ["anthropic", "bedrock", "bedrock-mantle", "vertex", "foundry"];
const CUT_MODES: readonly StreamCutMode[] = ["end", "error", "event"];

/** Names a test author is likely to reach for, mapped to the fault kinds. */
const ALIASES: Record<string, FaultKind> = {
  "429": "rate_limit",
  rate_limited: "rate_limit",
  rate_limit_error: "rate_limit",
  "500": "server_error",
  api_error: "server_error",
  internal_error: "server_error",
  "529": "overloaded",
  overloaded_error: "overloaded",
  "504": "timeout",
  timeout_error: "timeout",
  cut: "stream_cut",
  cut_stream: "stream_cut",
  stream_error: "stream_cut",
  disconnect: "connection_error",
  connection_reset: "connection_error",
  slow: "delay",
  slow_response: "delay",
  latency: "delay",
  truncate: "stream_cut",
  stream_truncate: "stream_cut",
  overload: "overloaded",
};

/** The HTTP control endpoint speaks snake_case like the rest of the API; `type`/`status` name the kind too. */
const RENAMES: Record<string, string> = {
  retry_after_seconds: "retryAfterSeconds",
  retry_after: "retryAfterSeconds",
  should_retry: "shouldRetry",
  after_frames: "afterFrames",
  delay_ms: "delayMs",
  after_events: "afterFrames",
  afterEvents: "afterFrames",
  type: "kind",
  delay_seconds: "delaySeconds",
};

const KNOWN_KEYS = new Set(["kind", "status", "path", "provider", "retryAfterSeconds", "shouldRetry", "afterFrames", "cut", "delayMs", "delaySeconds", "count"]);

const oneOf = <T extends string>(values: readonly T[], v: unknown): v is T => typeof v === "string" && (values as readonly string[]).includes(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** One fault object as JSON, and how many times to queue it (`count`). */
export interface FaultSpec {
  fault: Fault;
  count: number;
}

/** Parses one fault object (the control endpoint's JSON). Returns an error sentence when it is not a fault. */
export function parseFaultSpec(raw: unknown): Result<FaultSpec, string> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return err("a fault must be an object");
  const f: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = RENAMES[key] ?? key;
    if (!KNOWN_KEYS.has(name)) return err(`${key}: unknown field`);
    if (f[name] === undefined) f[name] = value;
  }
  const named = f.kind ?? (f.status !== undefined ? String(f.status) : undefined);
  const kind = typeof named === "number" ? String(named) : named;
  const resolved = typeof kind === "string" ? (ALIASES[kind] ?? kind) : kind;
  if (!oneOf(KINDS, resolved)) return err(`kind: must be one of ${KINDS.join(", ")}`);
  const fault: Fault = { kind: resolved };

  if (f.path !== undefined) {
    if (typeof f.path !== "string") return err("path: must be a string");
    fault.path = f.path;
  }
  if (f.provider !== undefined) {
    if (!oneOf(SURFACES, f.provider)) return err("provider: must be anthropic, bedrock, bedrock-mantle, vertex or foundry");
    fault.provider = f.provider;
  }
  if (f.retryAfterSeconds !== undefined) {
    if (!isCount(f.retryAfterSeconds)) return err("retryAfterSeconds: must be a non-negative number");
    fault.retryAfterSeconds = f.retryAfterSeconds;
  }
  if (f.shouldRetry !== undefined) {
    if (typeof f.shouldRetry !== "boolean") return err("shouldRetry: must be a boolean");
    fault.shouldRetry = f.shouldRetry;
  }
  if (f.afterFrames !== undefined) {
    if (!isCount(f.afterFrames)) return err("afterFrames: must be a non-negative number");
    fault.afterFrames = Math.floor(f.afterFrames);
  }
  if (f.cut !== undefined) {
    if (!oneOf(CUT_MODES, f.cut)) return err("cut: must be end, error or event");
    fault.cut = f.cut;
  }
  // A delay may be given in seconds, like `retry_after_seconds` and the clock's `advance_seconds`.
  if (f.delaySeconds !== undefined && !isCount(f.delaySeconds)) return err("delay_seconds: must be a non-negative number");
  if (f.delayMs !== undefined && !isCount(f.delayMs)) return err("delayMs: must be a non-negative number");
  const delayMs = isCount(f.delayMs) ? f.delayMs : isCount(f.delaySeconds) ? f.delaySeconds * 1000 : undefined;
  if (delayMs !== undefined) {
    if (delayMs > MAX_FAULT_DELAY_MS) return err(`delayMs: at most ${MAX_FAULT_DELAY_MS} (15 minutes)`);
    fault.delayMs = delayMs;
  }
  const count = f.count ?? 1;
  if (typeof count !== "number" || !Number.isInteger(count) || count < 1 || count > MAX_FAULTS_PER_REQUEST) {
    return err(`count: must be an integer from 1 to ${MAX_FAULTS_PER_REQUEST}`);
  }
  return ok({ fault, count });
}

/**
 * Parses a control request body: one fault, a list, or `{"faults": [...]}`. Refuses the whole body
 * (nothing is queued) when any fault is malformed or the counts add up to more than one request may
 * queue; errors name the fault's index.
 */
export function parseFaultRequest(body: unknown): Result<FaultSpec[], string> {
  const wrapped = typeof body === "object" && body !== null && "faults" in body ? body.faults : undefined;
  const list: readonly unknown[] = Array.isArray(body) ? body : Array.isArray(wrapped) ? wrapped : [body];
  if (list.length > MAX_FAULTS_PER_REQUEST) return err(`faults: at most ${MAX_FAULTS_PER_REQUEST} per request`);
  const specs: FaultSpec[] = [];
  let total = 0;
  for (let i = 0; i < list.length; i++) {
    const parsed = parseFaultSpec(list[i]);
    if (!parsed.ok) return err(`faults.${i}.${parsed.error}`);
    total += parsed.value.count;
    if (total > MAX_FAULTS_PER_REQUEST) return err(`faults: at most ${MAX_FAULTS_PER_REQUEST} per request (counts included)`);
    specs.push(parsed.value);
  }
  return ok(specs);
}

function faultMatches(fault: Fault, provider: Surface, path: string): boolean {
  return (fault.provider === undefined || fault.provider === provider) && (fault.path === undefined || path.includes(fault.path));
}

/** The queue of injected faults, at most MAX_QUEUED_FAULTS long. */
export class FaultQueue {
  private queue: Fault[] = [];

  /** Queues every fault (each `count` times), or none when they would not fit. */
  add(specs: readonly FaultSpec[]): Result<number, string> {
    const n = specs.reduce((sum, s) => sum + s.count, 0);
    if (this.queue.length + n > MAX_QUEUED_FAULTS) {
      return err(`faults: the queue holds at most ${MAX_QUEUED_FAULTS} faults (${this.queue.length} queued); DELETE /_emulator/faults to clear it`);
    }
    for (const { fault, count } of specs) for (let i = 0; i < count; i++) this.queue.push({ ...fault });
    return ok(n);
  }

  /** Takes the first fault that matches: stream cuts wait for a streamed response, the others for any request. */
  take(provider: Surface, path: string, streamCut: boolean): Fault | undefined {
    const i = this.queue.findIndex((f) => (f.kind === "stream_cut") === streamCut && faultMatches(f, provider, path));
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  list(): Fault[] {
    return this.queue.map((f) => ({ ...f }));
  }

  clear(): void {
    this.queue = [];
  }
}
