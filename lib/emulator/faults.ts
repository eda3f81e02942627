// Injected failures for tests (docs/design.md §5): queued, consumed in order by the next matching request.
import type { ProviderId } from "@/lib/cache/wire-types";

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

export interface Fault {
  kind: FaultKind;
  /** Only requests whose path contains this string consume the fault. */
  path?: string;
  provider?: ProviderId;
  retryAfterSeconds?: number;
  /** Sends `x-should-retry: false` (or true) so SDK clients skip (or force) their retries. */
  shouldRetry?: boolean;
  afterFrames?: number;
  cut?: "end" | "error" | "event";
  delayMs?: number;
}

const KINDS = new Set<FaultKind>(["rate_limit", "server_error", "overloaded", "stream_cut", "connection_error", "delay", "timeout"]);
const PROVIDER_IDS = new Set(["anthropic", "bedrock", "vertex", "foundry"]);

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

const KNOWN_KEYS = new Set(["kind", "path", "provider", "retryAfterSeconds", "shouldRetry", "afterFrames", "cut", "delayMs", "count"]);

/**
 * Parses faults from JSON (the control endpoint): one object may stand for several (`count`).
 * Returns an error sentence when it is not a fault.
 */
export function parseFaults(raw: unknown): Fault[] | string {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "a fault must be an object";
  const f: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  // The HTTP control endpoint speaks snake_case like the rest of the API; `type`/`status` name the kind too.
  const renames: Record<string, string> = {
    retry_after_seconds: "retryAfterSeconds",
    retry_after: "retryAfterSeconds",
    should_retry: "shouldRetry",
    after_frames: "afterFrames",
    delay_ms: "delayMs",
    after_events: "afterFrames",
    afterEvents: "afterFrames",
    type: "kind",
  };
  for (const [from, to] of Object.entries(renames)) {
    if (f[from] !== undefined && f[to] === undefined) f[to] = f[from];
    delete f[from];
  }
  // A delay given in seconds, like `retry_after_seconds` and the clock's `advance_seconds`.
  for (const key of ["delay_seconds", "delaySeconds"]) {
    if (f[key] !== undefined) {
      if (typeof f[key] !== "number" || !Number.isFinite(f[key]) || (f[key] as number) < 0) return `${key}: must be a non-negative number`;
      if (f.delayMs === undefined) f.delayMs = (f[key] as number) * 1000;
      delete f[key];
    }
  }
  if (f.kind === undefined && f.status !== undefined) f.kind = String(f.status);
  delete f.status;
  if (typeof f.kind === "number") f.kind = String(f.kind);
  if (typeof f.kind === "string" && ALIASES[f.kind]) f.kind = ALIASES[f.kind];
  if (typeof f.kind !== "string" || !KINDS.has(f.kind as FaultKind)) return `kind: must be one of ${[...KINDS].join(", ")}`;
  for (const key of Object.keys(f)) if (!KNOWN_KEYS.has(key)) return `${key}: unknown field`;
  if (f.path !== undefined && typeof f.path !== "string") return "path: must be a string";
  if (f.provider !== undefined && !PROVIDER_IDS.has(String(f.provider))) return "provider: must be anthropic, bedrock, vertex or foundry";
  for (const k of ["retryAfterSeconds", "afterFrames", "delayMs", "count"]) {
    if (f[k] !== undefined && (typeof f[k] !== "number" || !Number.isFinite(f[k]) || (f[k] as number) < 0)) return `${k}: must be a non-negative number`;
  }
  if (f.shouldRetry !== undefined && typeof f.shouldRetry !== "boolean") return "shouldRetry: must be a boolean";
  if (f.cut !== undefined && !["end", "error", "event"].includes(String(f.cut))) return "cut: must be end, error or event";
  const count = typeof f.count === "number" ? Math.min(1000, Math.floor(f.count)) : 1;
  delete f.count;
  return Array.from({ length: count }, () => ({ ...f }) as unknown as Fault);
}

/** One fault (see parseFaults). */
export function parseFault(raw: unknown): Fault | string {
  const parsed = parseFaults(raw);
  return typeof parsed === "string" ? parsed : (parsed[0] ?? "count: must be at least 1");
}

export function faultMatches(fault: Fault, provider: ProviderId, path: string): boolean {
  return (fault.provider === undefined || fault.provider === provider) && (fault.path === undefined || path.includes(fault.path));
}
