// Every run explains itself (docs/design.md §7): which breakpoint read or wrote how many tokens, and for a
// miss its first cause. Pure: it compares a run with the previous run of the same variant, using
// only what both records hold (block hashes, breakpoints, usage, start times).
import type { RunBreakpoint, RunRecord } from "./types";
import { cacheWrite } from "./types";

/** Anthropic looks back at most 20 blocks per breakpoint, the breakpoint itself being the first
 * (docs/reference/anthropic-caching.md §1.4). */
export const LOOKBACK_BLOCKS = 20;

const TTL_SECONDS = { "5m": 300, "1h": 3600 } as const;

export type MissCause =
  | { kind: "failed"; message: string }
  | { kind: "first-run" }
  | { kind: "no-breakpoint" }
  | { kind: "dropped-by-limit"; path: string }
  | { kind: "below-minimum"; path: string; prefixTokens: number; minTokens: number }
  | { kind: "other-model-or-scope"; previous: string; current: string }
  | { kind: "concurrent"; previousNumber: number }
  | { kind: "prefix-changed"; path: string; previousNumber: number }
  | { kind: "prefix-extended"; path: string; previousNumber: number }
  | { kind: "ttl-expired"; path: string; ttl: "5m" | "1h"; elapsedSeconds: number; previousNumber: number }
  | { kind: "beyond-lookback"; path: string; distance: number; previousNumber: number }
  | { kind: "entry-gone"; previousNumber: number };

export type RunOutcome = "failed" | "hit" | "partial" | "write" | "no-cache";

export interface BreakpointEffect {
  path: string;
  ttl: "5m" | "1h";
  action: "read" | "write" | "none" | "not-sent";
  tokens: number;
}

export interface RunExplanation {
  outcome: RunOutcome;
  /** One sentence for the table and the tooltip. */
  summary: string;
  /** Which breakpoint read or wrote how many tokens. */
  effects: BreakpointEffect[];
  /** The first cause of a miss (or of the part that was written), with the block it names. */
  cause?: MissCause;
  causeText?: string;
  /** The block to select in the editor for the cause, if the cause names one. */
  blockPath?: string;
}

const fmt = (n: number) => n.toLocaleString("en-US");

function keptBreakpoints(run: RunRecord): RunBreakpoint[] {
  return run.breakpoints.filter((b) => b.status === "kept");
}

/** Position of a breakpoint in prefix order: the builder's index, else found by path among the blocks. */
function positionOf(run: RunRecord, bp: RunBreakpoint): number {
  if (typeof bp.position === "number") return bp.position;
  return run.blocks.findIndex((b) => b.path === bp.path);
}

interface TraceLike {
  read?: { path: string; tokens: number } | null;
  writes?: { path: string; ttl: "5m" | "1h"; tokens: number }[];
}

function isTrace(value: unknown): value is TraceLike {
  return typeof value === "object" && value !== null && "writes" in value && Array.isArray((value as TraceLike).writes);
}

/** The trace may write paths with dots ("messages.2.content.0"); the records use brackets. */
export function bracketPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, "[$1]");
}

/** The emulator's own account: exactly which position it read and which breakpoints wrote. */
function effectsFromTrace(run: RunRecord, trace: TraceLike): BreakpointEffect[] {
  const effects: BreakpointEffect[] = [];
  if (trace.read) {
    const path = bracketPath(trace.read.path);
    effects.push({ path: nameOf(run, path), ttl: run.breakpoints.find((b) => b.path === path)?.ttl ?? "5m", action: "read", tokens: trace.read.tokens });
  }
  // A breakpoint inside the read prefix gets its entry for free (no tokens written): not worth a line.
  for (const w of (trace.writes ?? []).filter((w) => w.tokens > 0)) effects.push({ path: nameOf(run, bracketPath(w.path)), ttl: w.ttl, action: "write", tokens: w.tokens });
  for (const bp of run.breakpoints) if (bp.status !== "kept") effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: "not-sent", tokens: 0 });
  return effects;
}

/** Which kept breakpoint read and which wrote: the emulator's trace when there is one, else from
 * the usage and the estimated prefix lengths. */
export function breakpointEffects(run: RunRecord): BreakpointEffect[] {
  if (isTrace(run.trace) && run.usage) return effectsFromTrace(run, run.trace);
  const usage = run.usage;
  const sorted = [...run.breakpoints].sort((a, b) => a.prefixTokens - b.prefixTokens);
  const effects: BreakpointEffect[] = [];
  const read = usage?.cacheRead ?? 0;
  let written = usage ? cacheWrite(usage) : 0;
  let level = read;
  for (const bp of sorted) {
    if (bp.status !== "kept") {
      effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: "not-sent", tokens: 0 });
      continue;
    }
    if (!usage || !bp.canCache) {
      effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: "none", tokens: 0 });
      continue;
    }
    if (read > 0 && bp.prefixTokens <= read) {
      // The hit is at (or reaches past) this breakpoint: it is the one read when it is the highest such.
      effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: "read", tokens: bp.prefixTokens });
      continue;
    }
    if (written > 0) {
      const share = Math.min(written, Math.max(0, bp.prefixTokens - level));
      effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: share > 0 ? "write" : "none", tokens: share });
      written -= share;
      level = bp.prefixTokens;
    } else {
      effects.push({ path: nameOf(run, bp.path), ttl: bp.ttl, action: "none", tokens: 0 });
    }
  }
  // Only the highest breakpoint at or under the read length counts as the read one.
  const reads = effects.filter((e) => e.action === "read");
  for (const e of reads.slice(0, -1)) {
    e.action = "none";
    e.tokens = 0;
  }
  if (reads.length) reads[reads.length - 1]!.tokens = read;
  return effects;
}

function outcomeOf(run: RunRecord): RunOutcome {
  if (run.status === "failed" || !run.usage) return "failed";
  const read = run.usage.cacheRead;
  const write = cacheWrite(run.usage);
  if (read > 0 && write > 0) return "partial";
  if (read > 0) return "hit";
  if (write > 0) return "write";
  return "no-cache";
}

/** A block as the editor names it, falling back to its body path. */
function nameOf(run: RunRecord, path: string): string {
  return run.blocks.find((b) => b.path === path)?.focusPath ?? run.breakpoints.find((b) => b.path === path)?.focusPath ?? path;
}

function firstDifference(run: RunRecord, previous: RunRecord): number {
  const n = Math.min(run.blocks.length, previous.blocks.length);
  for (let i = 0; i < n; i++) {
    const a = run.blocks[i]!;
    const b = previous.blocks[i]!;
    if (a.hash !== b.hash || a.path !== b.path) return i;
  }
  return n < run.blocks.length || n < previous.blocks.length ? n : -1;
}

/** The first cause of the cache not being read (or only partly read) by `run`. */
export function missCause(run: RunRecord, previous: RunRecord | undefined): MissCause | undefined {
  if (run.status === "failed") return { kind: "failed", message: run.error?.message ?? "The run failed." };
  const kept = keptBreakpoints(run);
  if (kept.length === 0) {
    const dropped = run.breakpoints.find((b) => b.status !== "kept");
    return dropped ? { kind: "dropped-by-limit", path: nameOf(run, dropped.path) } : { kind: "no-breakpoint" };
  }
  const cacheable = kept.filter((b) => b.canCache);
  if (cacheable.length === 0) {
    const highest = kept.reduce((a, b) => (b.prefixTokens > a.prefixTokens ? b : a));
    return { kind: "below-minimum", path: nameOf(run, highest.path), prefixTokens: highest.prefixTokens, minTokens: highest.minTokens };
  }
  if (!previous) return { kind: "first-run" };

  const here = `${run.provider} ${run.transport} ${run.modelId}`;
  const there = `${previous.provider} ${previous.transport} ${previous.modelId}`;
  if (here !== there) return { kind: "other-model-or-scope", previous: there, current: here };

  if (run.parallel && previous.parallel && previous.seriesId === run.seriesId && previous.startedAt === run.startedAt) {
    return { kind: "concurrent", previousNumber: previous.number };
  }

  const diff = firstDifference(run, previous);
  const previousEntries = keptBreakpoints(previous)
    .filter((b) => b.canCache)
    .map((b) => ({ bp: b, position: positionOf(previous, b) }))
    .filter((e) => e.position >= 0)
    .sort((a, b) => a.position - b.position);
  const lowest = previousEntries[0];
  if (diff >= 0 && (!lowest || diff <= lowest.position)) {
    const block = run.blocks[diff] ?? previous.blocks[diff];
    const path = block ? (block.focusPath ?? block.path) : "messages";
    if (diff >= previous.blocks.length) return { kind: "prefix-extended", path, previousNumber: previous.number };
    return { kind: "prefix-changed", path, previousNumber: previous.number };
  }

  // Entries of the previous run whose prefix is still identical here.
  const intact = previousEntries.filter((e) => diff < 0 || e.position < diff);
  const elapsedSeconds = Math.round((run.startedAt - previous.startedAt) / 1000);
  const alive = intact.filter((e) => elapsedSeconds < TTL_SECONDS[e.bp.ttl]);
  // Any expired entry explains the write: all of them for a full miss, the 5m ones above a 1h read
  // for a partial one. Name the furthest, since everything up to it had to be written again.
  const expired = intact.filter((e) => !alive.includes(e));
  if (expired.length > 0) {
    const furthest = expired[expired.length - 1]!;
    return { kind: "ttl-expired", path: nameOf(previous, furthest.bp.path), ttl: furthest.bp.ttl, elapsedSeconds, previousNumber: previous.number };
  }

  const ours = cacheable.map((b) => positionOf(run, b)).filter((p) => p >= 0);
  const reachable = alive.filter((e) => ours.some((q) => q >= e.position && q - e.position < LOOKBACK_BLOCKS));
  if (alive.length > 0 && reachable.length === 0) {
    // A breakpoint the limit removed would have been the one within reach.
    const dropped = run.breakpoints.find((b) => b.status === "dropped");
    if (dropped) return { kind: "dropped-by-limit", path: nameOf(run, dropped.path) };
    const best = alive[alive.length - 1]!;
    const distance = Math.min(...ours.filter((q) => q >= best.position).map((q) => q - best.position + 1));
    return { kind: "beyond-lookback", path: nameOf(previous, best.bp.path), distance: Number.isFinite(distance) ? distance : 0, previousNumber: previous.number };
  }

  if (diff >= 0) {
    const block = run.blocks[diff] ?? previous.blocks[diff];
    const path = block ? (block.focusPath ?? block.path) : "messages";
    if (diff >= previous.blocks.length) return { kind: "prefix-extended", path, previousNumber: previous.number };
    return { kind: "prefix-changed", path, previousNumber: previous.number };
  }
  return { kind: "entry-gone", previousNumber: previous.number };
}

export function describeCause(cause: MissCause): string {
  switch (cause.kind) {
    case "failed":
      return `The run failed: ${cause.message}`;
    case "first-run":
      return "First run: nothing was cached yet, so the prefix was written.";
    case "no-breakpoint":
      return "No breakpoint: nothing in the request asks to be cached.";
    case "dropped-by-limit":
      return `Breakpoint dropped by the limit: the breakpoint at ${cause.path} was removed because at most 4 are sent.`;
    case "below-minimum":
      return `Below the minimum: the prefix up to ${cause.path} is ≈${fmt(cause.prefixTokens)} tokens, under the model's minimum of ${fmt(cause.minTokens)}, so nothing is cached.`;
    case "other-model-or-scope":
      return `Another model or scope: caches are kept per model and per workspace, and this run went to ${cause.current} while the previous went to ${cause.previous}.`;
    case "concurrent":
      return `Sent in parallel with run ${cause.previousNumber}: an entry can be read only once the response that writes it has begun, so parallel first requests all write.`;
    case "prefix-changed":
      return `Prefix changed at ${cause.path} compared with run ${cause.previousNumber}: every breakpoint at or after it misses.`;
    case "prefix-extended":
      return `New content since run ${cause.previousNumber}, from ${cause.path} on: it is written to the cache for the next run.`;
    case "ttl-expired":
      return `TTL expired: ${fmt(cause.elapsedSeconds)} s passed since run ${cause.previousNumber}, longer than the ${cause.ttl} TTL of the breakpoint at ${cause.path}.`;
    case "beyond-lookback":
      return `Beyond the 20-block lookback: the entry at ${cause.path} is ${cause.distance} blocks back from the nearest breakpoint, so it cannot be found.`;
    case "entry-gone":
      return `The cache entries of run ${cause.previousNumber} are gone (the cache was reset or evicted).`;
  }
}

function causePath(cause: MissCause | undefined): string | undefined {
  if (!cause) return undefined;
  return "path" in cause ? cause.path : undefined;
}

/** The whole story of one run: outcome, per-breakpoint effects, and for anything short of a full hit its first cause. */
export function explainRun(run: RunRecord, previous?: RunRecord): RunExplanation {
  const outcome = outcomeOf(run);
  const effects = run.status === "ok" ? breakpointEffects(run) : [];
  const usage = run.usage;
  let summary: string;
  switch (outcome) {
    case "failed":
      summary = `Failed: ${run.error?.message ?? "unknown error"}`;
      break;
    case "hit":
      summary = `Cache hit: read ${fmt(usage!.cacheRead)} tokens.`;
      break;
    case "partial":
      summary = `Read ${fmt(usage!.cacheRead)} tokens and wrote ${fmt(cacheWrite(usage!))}.`;
      break;
    case "write":
      summary = `Cache miss: wrote ${fmt(cacheWrite(usage!))} tokens.`;
      break;
    case "no-cache":
      summary = "Nothing cached: no tokens read or written.";
      break;
  }
  if (outcome === "hit") return { outcome, summary, effects };
  const cause = missCause(run, previous);
  if (!cause) return { outcome, summary, effects };
  return { outcome, summary, effects, cause, causeText: describeCause(cause), blockPath: causePath(cause) };
}

/** Explains every run of a history, each against the previous successful run of the same variant. */
export function explainHistory(runs: readonly RunRecord[]): RunExplanation[] {
  const last = new Map<string, RunRecord>();
  return runs.map((run) => {
    const key = run.variant;
    const explanation = explainRun(run, last.get(key));
    if (run.status === "ok") last.set(key, run);
    return explanation;
  });
}
