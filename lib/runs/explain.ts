// Every run explains itself (docs/design.md §7): what the cache did at each block that carried a breakpoint,
// and for a miss its first cause. Pure: it compares a run with the previous run of the same variant,
// using only what both records hold (block hashes, breakpoints, usage, start times, the emulator's
// trace). It speaks the preview's words (lib/cache/breakpoint-words.ts): each block is listed once,
// and the limit is named only for a breakpoint the limit removed.
import { statusPhrase } from "@/lib/cache/breakpoint-words";
import { type DocumentPath, type RequestPath, requestPathLabel } from "@/lib/cache/paths";
import { LOOKBACK_POSITIONS, MAX_BREAKPOINTS, TTL_SECONDS } from "@/lib/cache/rules";
import type { Ttl } from "@/lib/cache/wire-types";
import { formatSeconds, formatTokens as fmt } from "@/lib/display/format";
import type { RunBlock, RunBreakpoint, RunRecord, RunTrace } from "./types";
import { cacheWrite } from "./types";

/** A block a sentence names: as sent, and where the experiment holds it (what "Select block" focuses). */
export interface BlockRef {
  path: RequestPath;
  documentPath?: DocumentPath;
}

export type MissCause =
  | { kind: "failed"; message: string }
  | { kind: "first-run" }
  | { kind: "no-breakpoint" }
  | { kind: "dropped-by-limit"; block: BlockRef }
  | { kind: "below-minimum"; block: BlockRef; prefixTokens: number; minTokens: number }
  | { kind: "other-model-or-scope"; previous: string; current: string }
  | { kind: "concurrent"; previousNumber: number }
  | { kind: "prefix-changed"; block: BlockRef; previousNumber: number }
  | { kind: "prefix-extended"; block: BlockRef; previousNumber: number }
  | { kind: "ttl-expired"; block: BlockRef; ttl: Ttl; elapsedSeconds: number; previousNumber: number }
  | { kind: "beyond-lookback"; block: BlockRef; distance: number; previousNumber: number }
  | { kind: "entry-gone"; previousNumber: number };

export type RunOutcome = "failed" | "hit" | "partial" | "write" | "no-cache";

/** What the cache did at one block of one run. A block appears once, whatever asked for it. */
export interface BlockEffect {
  block: BlockRef;
  /** Where the block sits in prefix order. */
  position: number;
  /** The TTL of the breakpoint on the block (none for a block only read through the lookback). */
  ttl?: Ttl;
  /**
   * The breakpoint this run had on the block: "kept" (sent with cache_control), "dropped" (by the
   * limit), or "none" (an earlier run's entry found here through the lookback).
   */
  breakpoint: "kept" | "dropped" | "none";
  read: number;
  written: number;
  /** Other breakpoints asked for on this block, in the preview's words. */
  notes: string[];
}

export interface RunExplanation {
  outcome: RunOutcome;
  /** One sentence for the table and the tooltip. */
  summary: string;
  /** What the cache did at each block with a breakpoint (or read through the lookback), in prefix order. */
  effects: BlockEffect[];
  /** The first cause of a miss (or of the part that was written), with the block it names. */
  cause?: MissCause;
  causeText?: string;
  /** Where the experiment holds the block the cause names, for "Select block". */
  blockPath?: DocumentPath;
}


function keptBreakpoints(run: RunRecord): RunBreakpoint[] {
  return run.breakpoints.filter((b) => b.status === "kept");
}

/** Position of a breakpoint in prefix order: the builder's index, else found by path among the blocks. */
function positionOf(run: RunRecord, bp: RunBreakpoint): number {
  if (typeof bp.position === "number") return bp.position;
  return run.blocks.findIndex((b) => b.path === bp.path);
}

function refOfBlock(block: RunBlock): BlockRef {
  return block.focusPath ? { path: block.path, documentPath: block.focusPath } : { path: block.path };
}

function refOfBreakpoint(run: RunRecord, bp: RunBreakpoint): BlockRef {
  const block = run.blocks[positionOf(run, bp)];
  if (block && block.path === bp.path) return refOfBlock(block);
  return bp.focusPath ? { path: bp.path, documentPath: bp.focusPath } : { path: bp.path };
}

/** One entry per block that carried a breakpoint: kept, else dropped, with the overwritten ones as notes. */
function blocksWithBreakpoints(run: RunRecord): BlockEffect[] {
  const byPosition = new Map<number, RunBreakpoint[]>();
  for (const bp of run.breakpoints) {
    const position = positionOf(run, bp);
    byPosition.set(position, [...(byPosition.get(position) ?? []), bp]);
  }
  const effects: BlockEffect[] = [];
  for (const [position, group] of byPosition) {
    const sent = group.find((b) => b.status === "kept") ?? group.find((b) => b.status === "dropped");
    const shown = sent ?? group[0]!;
    effects.push({
      block: refOfBreakpoint(run, shown),
      position,
      ttl: shown.ttl,
      breakpoint: sent?.status === "kept" ? "kept" : sent ? "dropped" : "none",
      read: 0,
      written: 0,
      notes: group.filter((b) => b !== sent).map((b) => `${b.origin ?? "a breakpoint"}: ${statusPhrase(b.status, b.overwrittenBy)}`),
    });
  }
  return effects.sort((a, b) => a.position - b.position);
}

/** The emulator's own account: exactly which position it read and which breakpoints wrote. */
function applyTrace(run: RunRecord, effects: BlockEffect[], trace: RunTrace): void {
  const at = (position: number): BlockEffect | undefined => {
    const found = effects.find((e) => e.position === position);
    if (found) return found;
    const block = run.blocks[position];
    if (!block) return undefined;
    const effect: BlockEffect = { block: refOfBlock(block), position, breakpoint: "none", read: 0, written: 0, notes: [] };
    effects.push(effect);
    effects.sort((a, b) => a.position - b.position);
    return effect;
  };
  if (trace.read) {
    const effect = at(trace.read.position);
    if (effect) effect.read = trace.read.tokens;
  }
  for (const w of trace.writes) {
    const effect = w.tokens > 0 ? at(w.position) : undefined;
    if (effect) effect.written += w.tokens;
  }
}

/** Without a trace (live runs): which kept breakpoint read and which wrote, from the usage and the estimated prefix lengths. */
function applyUsage(run: RunRecord, effects: BlockEffect[]): void {
  const usage = run.usage;
  if (!usage) return;
  const kept = new Map(keptBreakpoints(run).map((b) => [positionOf(run, b), b]));
  const candidates = effects
    .filter((e) => e.breakpoint === "kept" && kept.get(e.position)?.canCache)
    .sort((a, b) => kept.get(a.position)!.prefixTokens - kept.get(b.position)!.prefixTokens);
  const read = usage.cacheRead;
  // The highest breakpoint at or under the read length is the one read.
  const readAt = read > 0 ? candidates.filter((e) => kept.get(e.position)!.prefixTokens <= read).at(-1) : undefined;
  if (readAt) readAt.read = read;
  let written = cacheWrite(usage);
  let level = read;
  for (const e of candidates) {
    const prefix = kept.get(e.position)!.prefixTokens;
    if (written <= 0 || prefix <= read) continue;
    const share = Math.min(written, Math.max(0, prefix - level));
    e.written = share;
    written -= share;
    level = prefix;
  }
}

/** What the cache did at each block with a breakpoint: the emulator's trace when there is one, else the usage. */
export function breakpointEffects(run: RunRecord): BlockEffect[] {
  const effects = blocksWithBreakpoints(run);
  if (run.status !== "ok") return effects;
  if (run.trace && run.usage) applyTrace(run, effects, run.trace);
  else applyUsage(run, effects);
  return effects;
}

/** One line per block, as the history shows it: "request system[0] (5m): read 2,000". */
export function describeEffect(e: BlockEffect): string {
  const where = `${requestPathLabel(e.block.path)}${e.ttl ? ` (${e.ttl})` : ""}`;
  const done = [e.read > 0 ? `read ${fmt(e.read)}` : "", e.written > 0 ? `wrote ${fmt(e.written)}` : ""].filter(Boolean).join(", ");
  const what =
    e.breakpoint === "dropped"
      ? statusPhrase("dropped")
      : e.breakpoint === "none"
        ? `${done} (an entry an earlier run wrote, found through the lookback)`
        : done || "nothing read or written here";
  return [`${where}: ${what}`, ...e.notes].join("; ");
}

/** Whether a block's line says something: a read, a write, a breakpoint not sent, or a note. */
export function isWorthALine(e: BlockEffect): boolean {
  return e.read > 0 || e.written > 0 || e.breakpoint === "dropped" || e.notes.length > 0;
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

function firstDifference(run: RunRecord, previous: RunRecord): number {
  const n = Math.min(run.blocks.length, previous.blocks.length);
  for (let i = 0; i < n; i++) {
    const a = run.blocks[i]!;
    const b = previous.blocks[i]!;
    if (a.hash !== b.hash || a.path !== b.path) return i;
  }
  return n < run.blocks.length || n < previous.blocks.length ? n : -1;
}

function changedAt(run: RunRecord, previous: RunRecord, diff: number): MissCause {
  const block = refOfBlock((run.blocks[diff] ?? previous.blocks[diff])!);
  return diff >= previous.blocks.length
    ? { kind: "prefix-extended", block, previousNumber: previous.number }
    : { kind: "prefix-changed", block, previousNumber: previous.number };
}

/** The first cause of the cache not being read (or only partly read) by `run`. */
export function missCause(run: RunRecord, previous: RunRecord | undefined): MissCause | undefined {
  if (run.status === "failed") return { kind: "failed", message: run.error?.message ?? "The run failed." };
  const kept = keptBreakpoints(run);
  const dropped = run.breakpoints.find((b) => b.status === "dropped");
  if (kept.length === 0) return dropped ? { kind: "dropped-by-limit", block: refOfBreakpoint(run, dropped) } : { kind: "no-breakpoint" };
  const cacheable = kept.filter((b) => b.canCache);
  if (cacheable.length === 0) {
    const highest = kept.reduce((a, b) => (b.prefixTokens > a.prefixTokens ? b : a));
    return { kind: "below-minimum", block: refOfBreakpoint(run, highest), prefixTokens: highest.prefixTokens, minTokens: highest.minTokens };
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
  if (diff >= 0 && (!lowest || diff <= lowest.position)) return changedAt(run, previous, diff);

  // Entries of the previous run whose prefix is still identical here.
  const intact = previousEntries.filter((e) => diff < 0 || e.position < diff);
  const elapsedSeconds = Math.round((run.startedAt - previous.startedAt) / 1000);
  const alive = intact.filter((e) => elapsedSeconds < TTL_SECONDS[e.bp.ttl]);
  // Any expired entry explains the write: all of them for a full miss, the 5m ones above a 1h read
  // for a partial one. Name the furthest, since everything up to it had to be written again.
  const expired = intact.filter((e) => !alive.includes(e));
  if (expired.length > 0) {
    const furthest = expired[expired.length - 1]!;
    return { kind: "ttl-expired", block: refOfBreakpoint(previous, furthest.bp), ttl: furthest.bp.ttl, elapsedSeconds, previousNumber: previous.number };
  }

  const ours = cacheable.map((b) => positionOf(run, b)).filter((p) => p >= 0);
  const reachable = alive.filter((e) => ours.some((q) => q >= e.position && q - e.position < LOOKBACK_POSITIONS));
  if (alive.length > 0 && reachable.length === 0) {
    // A breakpoint the limit removed would have been the one within reach.
    if (dropped) return { kind: "dropped-by-limit", block: refOfBreakpoint(run, dropped) };
    const best = alive[alive.length - 1]!;
    const distance = Math.min(...ours.filter((q) => q >= best.position).map((q) => q - best.position + 1));
    return { kind: "beyond-lookback", block: refOfBreakpoint(previous, best.bp), distance: Number.isFinite(distance) ? distance : 0, previousNumber: previous.number };
  }

  if (diff >= 0) return changedAt(run, previous, diff);
  return { kind: "entry-gone", previousNumber: previous.number };
}

function describeCause(cause: MissCause): string {
  switch (cause.kind) {
    case "failed":
      return `The run failed: ${cause.message}`;
    case "first-run":
      return "First run: nothing was cached yet, so the prefix was written.";
    case "no-breakpoint":
      return "No breakpoint: nothing in the request asks to be cached.";
    case "dropped-by-limit":
      return `Breakpoint dropped by the limit: the breakpoint at ${requestPathLabel(cause.block.path)} was removed because at most ${MAX_BREAKPOINTS} are sent.`;
    case "below-minimum":
      return `Below the minimum: the prefix up to ${requestPathLabel(cause.block.path)} is ≈${fmt(cause.prefixTokens)} tokens, under the model's minimum of ${fmt(cause.minTokens)}, so nothing is cached.`;
    case "other-model-or-scope":
      return `Another model or scope: caches are kept per model and per workspace, and this run went to ${cause.current} while the previous went to ${cause.previous}.`;
    case "concurrent":
      return `Sent in parallel with run ${cause.previousNumber}: an entry can be read only once the response that writes it has begun, so parallel first requests all write.`;
    case "prefix-changed":
      return `Prefix changed at ${requestPathLabel(cause.block.path)} compared with run ${cause.previousNumber}: every breakpoint at or after it misses.`;
    case "prefix-extended":
      return `New content since run ${cause.previousNumber}, from ${requestPathLabel(cause.block.path)} on: it is written to the cache for the next run.`;
    case "ttl-expired":
      return `TTL expired: ${formatSeconds(cause.elapsedSeconds)} passed since run ${cause.previousNumber}, longer than the ${cause.ttl} TTL of the breakpoint at ${requestPathLabel(cause.block.path)}.`;
    case "beyond-lookback":
      return `Beyond the ${LOOKBACK_POSITIONS}-block lookback: the entry at ${requestPathLabel(cause.block.path)} is ${cause.distance} blocks back from the nearest breakpoint, so it cannot be found.`;
    case "entry-gone":
      return `The cache entries of run ${cause.previousNumber} are gone (the cache was reset or evicted).`;
  }
}

/** The whole story of one run: outcome, per-block effects, and for anything short of a full hit its first cause. */
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
  const blockPath = "block" in cause ? cause.block.documentPath : undefined;
  return { outcome, summary, effects, cause, causeText: describeCause(cause), ...(blockPath ? { blockPath } : {}) };
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

/**
 * The run a history's run is explained against: the previous successful run of the same variant, as
 * explainHistory does it. The history table (lib/runs/history-row.ts) explains only the rows on screen
 * through it, so a history of 100,000 runs costs what its window costs.
 */
export function previousOf(runs: readonly RunRecord[], index: number): RunRecord | undefined {
  const run = runs[index]!;
  for (let i = index - 1; i >= 0; i--) {
    const previous = runs[i]!;
    if (previous.variant === run.variant && previous.status === "ok") return previous;
  }
  return undefined;
}
