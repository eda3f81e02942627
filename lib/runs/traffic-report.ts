// What a simulated day of traffic cost (issue 12 items 1 and 2), derived from its runs alone so a
// reloaded or exported history tells the same story: hit rate and cost per simulated hour, total cost
// against no caching, wasted writes, and for a what-if the cheapest variant and what the others cost
// more per day. Pure.
import { hashString } from "@/lib/cache/prefix";
import { type Known, knownCost } from "./gaps";
import { VARIANTS, type Variant } from "./series";
import type { RunBlock, RunRecord } from "./types";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const TTL_MS = { "5m": 5 * 60_000, "1h": HOUR_MS } as const;

/** One variant's runs in one simulated hour. */
export interface HourCell {
  runs: number;
  failed: number;
  /** Input tokens (read + written + uncached) and the read part of them. */
  inputTokens: number;
  readTokens: number;
  writeTokens: number;
  cost: number;
  costWithoutCache: number;
}

export interface HourRow {
  /** 0-based hour of the simulation. */
  hour: number;
  cells: Partial<Record<Variant, HourCell>>;
}

/** Prefix identities of a run's blocks: position p is named by the hashes of blocks 0..p, chained. */
const chains = new WeakMap<readonly Pick<RunBlock, "hash">[], string[]>();
function prefixKey(blocks: readonly Pick<RunBlock, "hash">[], position: number): string | null {
  if (position < 0 || position >= blocks.length) return null;
  let chain = chains.get(blocks);
  if (!chain) chains.set(blocks, (chain = []));
  for (let i = chain.length; i <= position; i++) chain.push(hashString(`${i === 0 ? "" : chain[i - 1]}|${blocks[i]!.hash}`));
  return chain[position]!;
}

export interface WastedWrites {
  /** Cache writes (that added tokens) counted: those of runs the emulator traced. */
  writes: number;
  /** Written and never read before they expired inside the simulated window. */
  wasted: number;
  wastedTokens: number;
  /** Written, not read yet, and still alive when the window ends (no later traffic to read them). */
  unreadAtEnd: number;
  /** Runs without a trace (live runs, older records): their writes cannot be followed. */
  untraced: number;
}

/**
 * What wastedWrites reads of a run: a RunRecord, or another vendor's run in the same terms (its entries
 * by prefix position, each written for a lifetime `L` whose length `lifetimeMs` gives).
 */
export interface TracedRun<L extends string = "5m" | "1h"> {
  status: RunRecord["status"];
  blocks: readonly Pick<RunBlock, "hash">[];
  trace?: { read: { position: number } | null; writes: readonly { position: number; ttl: L; tokens: number }[] } | undefined;
  traffic?: { atMs: number } | undefined;
}

/**
 * Which writes were never read. An entry is the prefix up to a breakpoint, and it lives for its TTL
 * from the request that wrote or last used it (docs/reference/anthropic-caching.md §1.6). A request that
 * reads the cache up to position P reads every token of its prefix up to P, so it uses each entry of
 * that same prefix at or below P that is still alive (the one hit, and the ones below it, whose tokens
 * it read). An entry is written only when none is readable there, so a new write of the same prefix
 * means the previous one had expired. A write counts when it added tokens (a breakpoint inside the
 * prefix just read gets its entry for nothing). Runs of one variant (one cache scope), in time order,
 * with the emulator's trace; `endMs` is where the simulated window closes.
 */
export function wastedWrites<L extends string = keyof typeof TTL_MS>(
  runs: readonly TracedRun<L>[],
  endMs: number,
  lifetimeMs: Readonly<Record<L, number>> = TTL_MS as Readonly<Record<string, number>>,
): WastedWrites {
  const TTL_MS = lifetimeMs;
  type Entry = { atMs: number; usedAt: number; ttl: L; tokens: number; read: boolean };
  const open = new Map<string, Entry>();
  // Positions of the entries held, so a read at P looks only at those at or below P.
  const positions = new Set<number>();
  const out: WastedWrites = { writes: 0, wasted: 0, wastedTokens: 0, unreadAtEnd: 0, untraced: 0 };
  const close = (w: Entry) => {
    out.writes++;
    if (w.read) return;
    if (w.atMs + TTL_MS[w.ttl] <= endMs) {
      out.wasted++;
      out.wastedTokens += w.tokens;
    } else out.unreadAtEnd++;
  };
  for (const run of runs) {
    if (run.status !== "ok") continue;
    if (!run.trace) {
      out.untraced++;
      continue;
    }
    const atMs = run.traffic?.atMs ?? 0;
    const read = run.trace.read;
    if (read) {
      for (const p of positions) {
        if (p > read.position) continue;
        const entry = open.get(prefixKey(run.blocks, p) ?? "");
        if (entry && entry.usedAt + TTL_MS[entry.ttl] > atMs) {
          entry.read = true;
          entry.usedAt = atMs;
        }
      }
    }
    for (const w of run.trace.writes) {
      const key = prefixKey(run.blocks, w.position);
      if (key === null) continue;
      const before = open.get(key);
      if (before) close(before);
      open.delete(key);
      if (w.tokens > 0) {
        open.set(key, { atMs, usedAt: atMs, ttl: w.ttl, tokens: w.tokens, read: false });
        positions.add(w.position);
      }
    }
  }
  for (const w of open.values()) close(w);
  return out;
}

/** The runs of one simulation, in the order they were sent. */
export function trafficRuns(runs: readonly RunRecord[], seriesId: string): RunRecord[] {
  return runs.filter((r) => r.seriesId === seriesId && r.traffic);
}

/** The newest simulation in a history, if any. */
export function latestTrafficSeries(runs: readonly RunRecord[]): string | null {
  for (let i = runs.length - 1; i >= 0; i--) if (runs[i]!.traffic) return runs[i]!.seriesId;
  return null;
}

const emptyCell = (): HourCell => ({ runs: 0, failed: 0, inputTokens: 0, readTokens: 0, writeTokens: 0, cost: 0, costWithoutCache: 0 });

/**
 * What a cell reads of a run: its status, its tokens (input = read + written + uncached) when it has usage,
 * and its cost under lib/runs/gaps.ts' rule. A RunRecord and another vendor's run both come down to this.
 */
export interface CellRun {
  status: RunRecord["status"];
  tokens: { input: number; read: number; write: number } | null;
  cost: Known<{ cost: number; costWithoutCache: number }>;
}

function add(cell: HourCell, run: CellRun) {
  cell.runs++;
  if (run.status === "failed") cell.failed++;
  if (run.tokens) {
    cell.inputTokens += run.tokens.input;
    cell.readTokens += run.tokens.read;
    cell.writeTokens += run.tokens.write;
  }
  // A run whose cost is unknown adds nothing here; the report says so (costUnknown, cheapestOf's caveat).
  if (run.cost.gap !== null) return;
  cell.cost += run.cost.value.cost;
  cell.costWithoutCache += run.cost.value.costWithoutCache;
}

function cellRun(run: RunRecord): CellRun {
  const u = run.usage;
  return {
    status: run.status,
    tokens: u && { input: u.uncachedInput + u.cacheWrite5m + u.cacheWrite1h + u.cacheRead, read: u.cacheRead, write: u.cacheWrite5m + u.cacheWrite1h },
    cost: knownCost(run),
  };
}

/**
 * The sums of a group of runs (a variant, a target of a comparison across vendors), and how many did not
 * fail but have no known cost: those are left out of the cost, never counted as $0.
 */
export function cellOf(runs: readonly CellRun[]): HourCell & { costUnknown: number } {
  const cell = emptyCell();
  for (const run of runs) add(cell, run);
  return { ...cell, costUnknown: runs.filter((r) => r.status !== "failed" && r.cost.gap !== null).length };
}

/** Share of input tokens read from the cache, 0–1 (0 with no input). */
export function cellHitRate(cell: HourCell): number {
  return cell.inputTokens === 0 ? 0 : cell.readTokens / cell.inputTokens;
}

/** Per simulated hour and variant: every hour of the window, the empty ones included. */
export function hourlyRows(runs: readonly RunRecord[]): HourRow[] {
  let hours = 0;
  for (const run of runs) if (run.traffic) hours = Math.max(hours, Math.ceil(run.traffic.windowMs / HOUR_MS), Math.floor(run.traffic.atMs / HOUR_MS) + 1);
  const rows: HourRow[] = Array.from({ length: hours }, (_, hour) => ({ hour, cells: {} }));
  for (const run of runs) {
    if (!run.traffic) continue;
    const row = rows[Math.floor(run.traffic.atMs / HOUR_MS)]!;
    add((row.cells[run.variant] ??= emptyCell()), cellRun(run));
  }
  return rows;
}

export interface VariantSummary extends HourCell {
  /** Runs that did not fail but whose cost is unknown (lib/runs/gaps.ts): left out of cost, so no cheapest is named. */
  costUnknown: number;
  variant: Variant;
  label: string;
  hitRate: number;
  /** Cost scaled to one simulated day: cost × 24 h / window. */
  costPerDay: number;
  costWithoutCachePerDay: number;
  wasted: WastedWrites;
}

export interface TrafficReport {
  seriesId: string;
  /** The simulated window in ms, and how many requests each variant was sent. */
  windowMs: number;
  requests: number;
  variants: VariantSummary[];
  hours: HourRow[];
  /** The variant that cost least (null with one variant, or when one has failed runs, whose cost is unknown). */
  cheapest: Variant | null;
  /** Per variant other than the cheapest: how much more it costs per simulated day. */
  extraPerDay: Partial<Record<Variant, number>>;
  /** Why no cheapest is named, when it is not. */
  caveat: string | null;
}

/** What scales a total over a simulated window to one simulated day (0 for an empty window). */
export function perDayFactor(windowMs: number): number {
  return windowMs > 0 ? DAY_MS / windowMs : 0;
}

export function trafficReport(runs: readonly RunRecord[], seriesId: string): TrafficReport | null {
  const own = trafficRuns(runs, seriesId);
  if (own.length === 0) return null;
  const windowMs = own.reduce((w, r) => Math.max(w, r.traffic!.windowMs, r.traffic!.atMs), 0);
  const perDay = perDayFactor(windowMs);
  const variants: VariantSummary[] = [];
  for (const variant of VARIANTS) {
    const mine = own.filter((r) => r.variant === variant);
    if (mine.length === 0) continue;
    const cell = cellOf(mine.map(cellRun));
    variants.push({ variant, label: mine[0]!.label, ...cell, hitRate: cellHitRate(cell), costPerDay: cell.cost * perDay, costWithoutCachePerDay: cell.costWithoutCache * perDay, wasted: wastedWrites(mine, windowMs) });
  }
  const requests = Math.max(...variants.map((v) => v.runs));
  const standing = cheapestOf(
    variants.map((v) => ({ key: v.variant, name: `Variant ${v.variant}`, runs: v.runs, failed: v.failed, costUnknown: v.costUnknown, cost: v.cost, costPerDay: v.costPerDay })),
    requests,
  );
  return { seriesId, windowMs, requests, variants, hours: hourlyRows(own), ...standing };
}

/** One contender for "cheapest": a what-if variant, or a target of a comparison across vendors. */
export interface CostContender<K extends string | number> {
  key: K;
  /** How a caveat names it ("Variant B", "OpenAI Responses (GPT-5.6+) · GPT-5.6"). */
  name: string;
  runs: number;
  failed: number;
  /** Runs that did not fail but whose cost is unknown (lib/runs/gaps.ts: no price, no usage). */
  costUnknown: number;
  cost: number;
  costPerDay: number;
}

/**
 * The cheapest of two or more contenders that each ran every one of `requests` requests, and what each
 * other one costs more per simulated day; none, with the reason, when one was stopped short or has
 * failed runs or runs without a known cost.
 */
export function cheapestOf<K extends string | number>(
  contenders: readonly CostContender<K>[],
  requests: number,
): { cheapest: K | null; extraPerDay: Partial<Record<K, number>>; caveat: string | null } {
  const extraPerDay: Partial<Record<K, number>> = {};
  if (contenders.length < 2) return { cheapest: null, extraPerDay, caveat: null };
  const unequal = contenders.find((v) => v.runs !== requests);
  if (unequal) return { cheapest: null, extraPerDay, caveat: `${unequal.name} ran ${unequal.runs.toLocaleString("en-US")} of ${requests.toLocaleString("en-US")} requests (the simulation was stopped), so the totals do not compare.` };
  const failing = contenders.find((v) => v.failed > 0);
  if (failing) return { cheapest: null, extraPerDay, caveat: `${failing.name} has ${failing.failed.toLocaleString("en-US")} failed run${failing.failed === 1 ? "" : "s"}, whose cost is unknown, so the totals do not compare.` };
  const unknown = contenders.find((v) => v.costUnknown > 0);
  if (unknown) {
    const n = unknown.costUnknown;
    return { cheapest: null, extraPerDay, caveat: `${unknown.name} has ${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"} without a known cost (no price), so the totals do not compare.` };
  }
  const best = contenders.reduce((a, b) => (b.cost < a.cost ? b : a));
  for (const v of contenders) if (v !== best) extraPerDay[v.key] = v.costPerDay - best.costPerDay;
  return { cheapest: best.key, extraPerDay, caveat: null };
}

/** One chart row per simulated hour: each variant's hit rate (percent) or cost (USD) in that hour. */
export function hourlyChartRows(report: TrafficReport, measure: "hitRate" | "cost"): ({ hour: number; label: string } & Partial<Record<Variant, number>>)[] {
  return report.hours.map((row) => {
    const out: { hour: number; label: string } & Partial<Record<Variant, number>> = { hour: row.hour, label: `${row.hour}–${row.hour + 1} h` };
    for (const v of report.variants) {
      const cell = row.cells[v.variant];
      if (cell) out[v.variant] = measure === "hitRate" ? Math.round(cellHitRate(cell) * 1000) / 10 : cell.cost;
    }
    return out;
  });
}
