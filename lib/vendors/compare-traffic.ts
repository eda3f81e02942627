// Simulated traffic across vendors (issue 13 item 3 with issue 12's traffic mode): the same arrivals replayed
// on every target of a comparison, each in its own cache, read into what the what-if report gives for
// variants (lib/runs/traffic-report.ts): per target the hit rate, the cost and the cost without caching,
// both scaled to a simulated day, the wasted writes, and the cheapest target with what each other one costs
// more per day. Pure: derived from the comparison's runs alone.
import { knownCost } from "@/lib/runs/gaps";
import { type CellRun, type HourCell, type WastedWrites, cellHitRate, cellOf, cheapestOf, perDayFactor, wastedWrites } from "@/lib/runs/traffic-report";
import type { CompareRun, CompareTarget } from "./compare";
import type { TargetId } from "./targets";
import { CACHE_LIFETIMES, type CacheLifetime, totalInput, totalWrites } from "./usage";

const MINUTE_MS = 60_000;

/**
 * How long an entry written for each lifetime lives after its latest write or read: Anthropic's and
 * Bedrock's 5m and 1h, refreshed on use (docs/reference/anthropic-caching.md §1.6, docs/reference/vendors.md §1
 * and §3); OpenAI's 30m, "at least 30 minutes after its most recent write or reuse", and its 12h
 * (https://developers.openai.com/api/docs/guides/prompt-caching#cache-lifetime, docs/reference/vendors.md §1).
 */
export const LIFETIME_MS: Readonly<Record<CacheLifetime, number>> = { "5m": 5 * MINUTE_MS, "1h": 60 * MINUTE_MS, "30m": 30 * MINUTE_MS, "12h": 720 * MINUTE_MS };

export interface TargetTrafficSummary extends HourCell {
  /** Runs that did not fail but whose cost is unknown (lib/runs/gaps.ts: no price): left out of cost, so no cheapest is named. */
  costUnknown: number;
  index: number;
  target: TargetId;
  name: string;
  hitRate: number;
  costPerDay: number;
  costWithoutCachePerDay: number;
  wasted: WastedWrites;
}

export interface CompareTrafficReport {
  /** The simulated window in ms, and how many requests each target was sent when none was stopped short. */
  windowMs: number;
  requests: number;
  targets: TargetTrafficSummary[];
  /** Index of the cheapest target; null with one target, or when the totals do not compare (`caveat`): a target stopped short, or with failed or unpriced runs. */
  cheapest: number | null;
  /** Per target other than the cheapest: what it costs more per simulated day. */
  extraPerDay: Partial<Record<number, number>>;
  caveat: string | null;
}

// The vendors' usage says how many tokens were read and written, not which entry: their traces are not
// alike (and live runs have none). So a target's entries are followed per conversation, which is exact for
// traffic of single requests (every arrival sends the same prefix) and for sessions up to their
// breakpoints: a session's first turn is the request every session starts with (one shared entry), a later
// turn adds the session's own conversation (an entry of its own, after the shared one). A run that read
// uses both, when alive; a run that wrote wrote at the end of its own. wastedWrites then applies the
// lifetime rules: an entry lives for its lifetime after its latest write or read. A write counts as read
// only when a later request reads it: a Gemini cache object that only the request which created it read
// was wasted (its creation and its storage for the ttl cost more than sending the prefix uncached).
const SHARED = { hash: "shared" } as const;
const blocksOf = (session: number, turn: number) => (turn <= 1 ? [SHARED] : [SHARED, { hash: `session-${session}` }]);

function tracedRun(run: CompareRun) {
  const traffic = run.traffic!;
  const blocks = blocksOf(traffic.session, traffic.turn);
  const position = blocks.length - 1;
  if (run.status !== "ok" || !run.usage) return { status: "failed" as const, blocks };
  const written = totalWrites(run.usage);
  // One entry per write: a request that wrote for two lifetimes holds its prefix for the longer one.
  const lifetime = [...CACHE_LIFETIMES].sort((a, b) => LIFETIME_MS[b] - LIFETIME_MS[a]).find((l) => (run.usage!.cacheWrite[l] ?? 0) > 0);
  return {
    status: "ok" as const,
    blocks,
    traffic: { atMs: traffic.atMs },
    trace: {
      read: run.usage.cacheRead > 0 ? { position } : null,
      writes: lifetime ? [{ position, ttl: lifetime, tokens: written }] : [],
    },
  };
}

/** A run in the terms of the traffic report's sums: its tokens, and its cost under lib/runs/gaps.ts' rule (never $0 for unknown). */
function cellRun(run: CompareRun): CellRun {
  const u = run.usage;
  return { status: run.status, tokens: u && { input: totalInput(u), read: u.cacheRead, write: totalWrites(u) }, cost: knownCost(run) };
}

/** The report of a comparison that simulated traffic, or null when its runs hold none. */
export function compareTrafficReport(runs: readonly CompareRun[], targets: readonly CompareTarget[], names: readonly string[]): CompareTrafficReport | null {
  const own = runs.filter((r) => r.traffic);
  if (own.length === 0) return null;
  const windowMs = own.reduce((w, r) => Math.max(w, r.traffic!.windowMs, r.traffic!.atMs), 0);
  const perDay = perDayFactor(windowMs);
  const summaries: TargetTrafficSummary[] = targets.map((t, index) => {
    const mine = own.filter((r) => r.index === index).sort((a, b) => a.traffic!.atMs - b.traffic!.atMs || a.run - b.run);
    const cell = cellOf(mine.map(cellRun));
    return {
      index,
      target: t.target,
      name: names[index] ?? t.target,
      ...cell,
      hitRate: cellHitRate(cell),
      costPerDay: cell.cost * perDay,
      costWithoutCachePerDay: cell.costWithoutCache * perDay,
      wasted: wastedWrites(mine.map(tracedRun), windowMs, LIFETIME_MS),
    };
  });
  const requests = Math.max(0, ...summaries.map((s) => s.runs));
  const standing = cheapestOf(
    summaries.map((s) => ({ key: s.index, name: s.name, runs: s.runs, failed: s.failed, costUnknown: s.costUnknown, cost: s.cost, costPerDay: s.costPerDay })),
    requests,
  );
  return { windowMs, requests, targets: summaries, ...standing };
}
