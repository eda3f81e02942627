// Compare across vendors (issue 13 item 3): one run series on up to four targets at once, each in its own
// cache scope, read into one shape — reads, writes, uncached input and cost per run, and each target's
// total against the same tokens with no caching. Pure: sending a run and moving the clock are injected, as
// in lib/runs/series.ts, whose plan (planSeries) and conversation rule (growConversation) this reuses.
//
// The targets are interleaved step by step (run k of every target, then the gap, then run k+1), so run k
// of each target is sent at the same clock time and a live series waits its gaps once, not once per target.
// A traffic simulation (issue 12's traffic mode) is one more plan: the same seeded arrivals
// (lib/runs/traffic.ts, through planSeries) replayed on every target, each in its own cache, on the clock.
import { CATALOG, findModel, providerModelId } from "@/lib/cache/catalog";
import type { ErrorCode } from "@/lib/cache/error-codes";
import { targetLabel } from "@/lib/display/format";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type Result, err, ok } from "@/lib/cache/result";
import { type Usd, addUsd, tokens, usd } from "@/lib/cache/units";
import { knownCost } from "@/lib/runs/gaps";
import { seededRandom } from "@/lib/runs/random";
import { type SeriesOptions, growConversation, planSeries, plannedRuns } from "@/lib/runs/series";
import { planTraffic, trafficProblem, trafficSizeProblem } from "@/lib/runs/traffic";
import { BEDROCK_CONVERSE, GEMINI, OPENAI, findGeminiModel, findOpenAIModel } from "./catalog";
import { resolveConverseModel } from "./bedrock-converse-models";
import { TARGETS, type TargetId, isClaudeSurface } from "./targets";
import { type NormalizedPrices, type NormalizedUsage, normalizedCost, totalInput, totalWrites } from "./usage";

export const MAX_COMPARE_TARGETS = 4;

/** The targets a run can be sent to: the Claude surfaces, OpenAI Responses, Bedrock Converse and Gemini explicit caching. */
export const COMPARE_TARGET_IDS: readonly TargetId[] = ["anthropic", "bedrock", "vertex", "foundry", "openai", "bedrock-converse", "gemini"];

export interface CompareTarget {
  target: TargetId;
  /** The model on that target; the target's default (or the experiment's, for Claude) when left out. */
  model?: string;
}

// The label lives with every other label (lib/display/format.ts); named here too for the comparison's callers.
export { targetLabel };

/** One to four runnable targets, no two the same target and model: a sentence for anything else. */
export function checkCompareTargets(targets: readonly CompareTarget[]): Result<CompareTarget[]> {
  if (targets.length === 0) return err({ code: "invalid_input", message: "Choose at least one target to compare." });
  if (targets.length > MAX_COMPARE_TARGETS) {
    return err({ code: "invalid_input", message: `A comparison runs on at most ${MAX_COMPARE_TARGETS} targets; ${targets.length} were chosen.` });
  }
  const seen = new Set<string>();
  for (const t of targets) {
    if (!COMPARE_TARGET_IDS.includes(t.target)) return err({ code: "invalid_input", message: `${targetLabel(t.target)} cannot be run yet; choose another target.` });
    const key = `${t.target}|${t.model ?? ""}`;
    if (seen.has(key)) return err({ code: "invalid_input", message: `${targetLabel(t.target)}${t.model ? ` (${t.model})` : ""} is chosen twice; each target runs once.` });
    seen.add(key);
  }
  return ok([...targets]);
}

/** What the run actions accept as a scope. */
const SCOPE = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The emulated cache scope of target `index` in the comparison `series` (a short id of that comparison):
 * every target gets a cold cache of its own, so each one's numbers are what it alone would give, and a
 * second comparison never reads what the first left behind. Within the 64 characters the actions accept.
 */
export function targetCacheScope(base: string, series: string, index: number): string {
  const root = base.replace(/[^A-Za-z0-9_-]/g, "").slice(0, 40) || "compare";
  const nonce = series.replace(/[^A-Za-z0-9]/g, "").slice(0, 12) || "0";
  const scope = `${root}-${nonce}-t${index}`;
  if (!SCOPE.test(scope)) throw new Error(`not a scope: ${scope}`);
  return scope;
}

// --- Models and the source of each target's prices ------------------------------------------------------

export interface ModelChoice {
  id: string;
  label: string;
}

/** The models a target offers in the comparison: the catalog's on a Claude surface, OpenAI's, Claude and Nova on Converse. */
export function targetModels(target: TargetId): ModelChoice[] {
  const claude = (provider: "anthropic" | "bedrock" | "vertex" | "foundry") =>
    CATALOG.filter((m) => m.status === "active" && providerModelId(m, provider) !== undefined).map((m) => ({ id: m.id, label: m.displayName }));
  if (isClaudeSurface(target)) return claude(target);
  if (target === "openai") return OPENAI.models.map((m) => ({ id: m.id, label: m.displayName }));
  if (target === "bedrock-converse") return [...claude("bedrock"), ...BEDROCK_CONVERSE.novaModels.map((m) => ({ id: m.id, label: m.displayName }))];
  if (target === "gemini") return GEMINI.models.map((m) => ({ id: m.id, label: m.displayName }));
  return [];
}

/** Where the prices a target's bill uses come from, as the UI shows them beside the numbers. */
export interface PriceSource {
  source: string;
  date: string;
  unverified?: string;
}

/**
 * The source and date of the prices a run on `target` is billed with: the experiment's own overrides when it
 * has them, else the dated catalog entry of the model the target will use (lib/cache/catalog.ts for Claude,
 * lib/vendors/catalog.ts for OpenAI and Nova).
 */
export function targetPriceSource(experiment: Pick<Experiment, "model" | "overrides">, target: TargetId, model?: string): PriceSource {
  if (experiment.overrides?.prices) return { source: "the experiment's overrides.prices", date: "set in the experiment" };
  const asked = model ?? experiment.model;
  if (target === "openai") {
    const facts = findOpenAIModel(asked) ?? findOpenAIModel(OPENAI.defaultModel)!;
    return { source: facts.prices.source, date: facts.prices.date, ...(facts.prices.unverified ? { unverified: facts.prices.unverified } : {}) };
  }
  if (target === "gemini") {
    const facts = findGeminiModel(asked) ?? findGeminiModel(GEMINI.defaultModel)!;
    return { source: facts.prices.source, date: facts.prices.date, ...(facts.prices.unverified ? { unverified: facts.prices.unverified } : {}) };
  }
  if (target === "bedrock-converse") {
    const resolved = resolveConverseModel(asked);
    if (resolved?.family === "nova") {
      const p = resolved.nova.prices;
      return { source: p.source, date: p.date, ...(p.unverified ? { unverified: p.unverified } : {}) };
    }
  }
  const claude = findModel(asked);
  return claude ? { source: claude.sources.prices.source, date: claude.sources.prices.date } : { source: "no catalog entry for this model", date: "—" };
}

// --- Cost against no caching ---------------------------------------------------------------------------

/** The same request with no cache at all: every input token at the uncached price, plus the output. */
export function costWithoutCaching(usage: NormalizedUsage, prices: NormalizedPrices): Usd {
  return normalizedCost({ uncached: totalInput(usage), cacheRead: tokens(0), cacheWrite: {}, output: usage.output }, prices).total;
}

// --- One run on one target -----------------------------------------------------------------------------

/** What every target's run comes back as, whichever vendor it went to. */
export interface CompareRun {
  /** Index of the target in the comparison. */
  index: number;
  target: TargetId;
  /** 1-based run number within the target (the chart's x axis). */
  run: number;
  turn: number;
  status: "ok" | "failed";
  usage: NormalizedUsage | null;
  cost: Usd | null;
  costWithoutCache: Usd | null;
  responseText: string;
  /** The emulator's virtual clock (or the wall clock live) when it was sent, in ms. */
  startedAt: number;
  error?: { code: ErrorCode; message: string };
  /** A traffic simulation: when the request arrived (ms from the start), its session and turn, and the window. */
  traffic?: { atMs: number; session: number; turn: number; windowMs: number };
}

/** One row of the compare chart: run k, and per target its split and its cost. */
export interface CompareChartRow {
  run: number;
  [key: `t${number}_${"read" | "write" | "uncached" | "cost"}`]: number | undefined;
}

export const compareKey = (index: number, field: "read" | "write" | "uncached" | "cost") => `t${index}_${field}` as const;

/** The compare chart's data: one row per run number; a target without that run (or whose run failed) has no value there. */
export function compareChartRows(runs: readonly CompareRun[]): CompareChartRow[] {
  const byRun = new Map<number, CompareChartRow>();
  for (const r of runs) {
    const row = byRun.get(r.run) ?? { run: r.run };
    byRun.set(r.run, row);
    if (r.status !== "ok" || !r.usage) continue;
    row[compareKey(r.index, "read")] = r.usage.cacheRead;
    row[compareKey(r.index, "write")] = totalWrites(r.usage);
    row[compareKey(r.index, "uncached")] = r.usage.uncached;
    row[compareKey(r.index, "cost")] = r.cost ?? undefined;
  }
  return [...byRun.values()].sort((a, b) => a.run - b.run);
}

export interface CompareTotals {
  index: number;
  target: TargetId;
  runs: number;
  failed: number;
  /** Runs that did not fail but whose cost is unknown (lib/runs/gaps.ts: no price): left out of cost, costWithoutCache and saving. */
  costUnknown: number;
  read: number;
  write: number;
  uncached: number;
  /** Σ reads / Σ input tokens (null with no usage). */
  tokenHitRate: number | null;
  cost: Usd;
  costWithoutCache: Usd;
  /** costWithoutCache − cost: negative when writes were never read back. */
  saving: Usd;
}

/** Each target's sums over its runs, sums first and ratios of the sums after. */
export function compareTotals(runs: readonly CompareRun[], targets: readonly CompareTarget[]): CompareTotals[] {
  return targets.map((t, index) => {
    const mine = runs.filter((r) => r.index === index);
    let read = 0;
    let write = 0;
    let uncached = 0;
    let withUsage = 0;
    for (const r of mine) {
      if (!r.usage) continue;
      withUsage++;
      read += r.usage.cacheRead;
      write += totalWrites(r.usage);
      uncached += r.usage.uncached;
    }
    // lib/runs/gaps.ts: a run without a known cost is left out of the sums and counted, never added as $0.
    const known = mine.map(knownCost).flatMap((k) => (k.gap === null ? [k.value] : []));
    const cost = addUsd(...known.map((k) => usd(k.cost)));
    const costWithoutCache = addUsd(...known.map((k) => usd(k.costWithoutCache)));
    const input = read + write + uncached;
    return {
      index,
      target: t.target,
      runs: mine.length,
      failed: mine.filter((r) => r.status === "failed").length,
      costUnknown: mine.filter((r) => r.status !== "failed" && knownCost(r).gap !== null).length,
      read,
      write,
      uncached,
      tokenHitRate: withUsage === 0 ? null : input === 0 ? 0 : read / input,
      cost,
      costWithoutCache,
      saving: usd(costWithoutCache - cost),
    };
  });
}

// --- The runner ----------------------------------------------------------------------------------------

type ConversationExperiment = { messages?: { role: "user" | "assistant"; content: unknown[] }[] };

export type CompareSeriesOptions = Pick<SeriesOptions, "mode" | "runs" | "gapSeconds" | "warmUp" | "continueOnError" | "traffic">;

/** The series modes a comparison runs on every target: the three step-by-step ones and simulated traffic. */
export const COMPARE_MODES: readonly string[] = ["repeat", "conversation", "fan-out", "traffic"];

/**
 * Whether a comparison can run these options on `targets` targets: a known mode, and for traffic, options a
 * simulation accepts and at most TRAFFIC_LIMITS.maxRuns runs with every target counted. A sentence otherwise.
 */
export function checkCompareOptions(options: Pick<CompareSeriesOptions, "mode" | "traffic">, targets = 1): Result<null> {
  if (!COMPARE_MODES.includes(options.mode)) {
    return err({ code: "invalid_input", message: "A comparison across vendors runs an identical repeat, a growing conversation, a fan-out or simulated traffic; choose one of those modes above." });
  }
  if (options.mode !== "traffic") return ok(null);
  if (!options.traffic) return err({ code: "invalid_input", message: "Simulated traffic needs its rate, duration and gaps." });
  const problem = trafficProblem(options.traffic) ?? trafficSizeProblem(planTraffic(options.traffic, seededRandom(options.traffic.seed)), targets);
  return problem ? err({ code: "invalid_input", message: targets > 1 ? problem.replace(/variants\)/, "targets)") : problem }) : ok(null);
}

export interface CompareEffects<E> {
  /** Sends one run of target `index`; a failure comes back as a failed run, never as a throw; null: cancelled in flight. */
  runOnce: (args: { index: number; experiment: E; turn: number }) => Promise<Omit<CompareRun, "run" | "index" | "turn"> | null>;
  /**
   * Sends run k of every target in one call (one round trip per step instead of one per target), in target
   * order; when given, it replaces runOnce. Null as above.
   */
  runStep?: (args: { runs: { index: number; experiment: E; turn: number }[] }) => Promise<Omit<CompareRun, "run" | "index" | "turn">[] | null>;
  /** Sends `count` runs of target `index` at once (fan-out); null as above. */
  runParallel: (args: { index: number; experiment: E; count: number; turn: number }) => Promise<Omit<CompareRun, "run" | "index" | "turn">[] | null>;
  /** Lets `seconds` pass (the emulator's clock, or a real wait live). Rejects on abort. */
  wait: (seconds: number, signal: AbortSignal) => Promise<void>;
  onRun: (run: CompareRun) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Growing conversation: target `index`'s experiment after a turn (the experiment itself is never edited). */
  onGrow?: (index: number, experiment: E) => void;
}

export interface CompareOutcome {
  sent: number;
  failed: number;
  stoppedBy: "done" | "cancelled" | "error";
  reason?: string;
}

/** Runs the series on every target, step by step (see the top of this file). */
export async function runCompareSeries<E extends ConversationExperiment>(
  options: CompareSeriesOptions,
  experiments: readonly E[],
  effects: CompareEffects<E>,
  signal: AbortSignal,
): Promise<CompareOutcome> {
  const checked = checkCompareOptions(options, experiments.length);
  if (!checked.ok) return { sent: 0, failed: 0, stoppedBy: "error", reason: checked.error.message };
  const steps = planSeries(options);
  const total = plannedRuns(steps) * experiments.length;
  const traffic = options.mode === "traffic" ? options.traffic : undefined;
  const windowMs = traffic ? planTraffic(traffic, seededRandom(traffic.seed)).endMs : 0;
  const sessionTurns = traffic?.sessionTurns ?? 1;
  // Conversations in progress: one per target, or one per target and simulated session (conversationKey),
  // so two simulated people never send each other's conversation.
  const current = new Map<string, E>();
  const counters = experiments.map(() => 0);
  let sent = 0;
  let failed = 0;
  effects.onProgress?.(0, total);
  const record = async (index: number, turn: number, run: Omit<CompareRun, "run" | "index" | "turn">, arrival?: { atMs: number; session: number }) => {
    sent++;
    if (run.status === "failed") failed++;
    counters[index] = counters[index]! + 1;
    await effects.onRun({ ...run, index, turn, run: counters[index]!, ...(arrival ? { traffic: { ...arrival, turn, windowMs } } : {}) });
    effects.onProgress?.(sent, total);
  };
  for (const step of steps) {
    if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
    if (step.kind === "wait") {
      try {
        await effects.wait(step.seconds, signal);
      } catch (e) {
        if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
        return { sent, failed, stoppedBy: "error", reason: e instanceof Error ? e.message : String(e) };
      }
      continue;
    }
    const arrival = step.kind === "run" && step.session !== undefined && step.atMs !== undefined ? { atMs: step.atMs, session: step.session } : undefined;
    const keyOf = (index: number) => (step.kind === "run" && step.session !== undefined ? `${index}:${step.session}` : `${index}`);
    /** Records target `index`'s run of this step and grows its conversation (a session's, in traffic) when it goes on. */
    const after = async (index: number, experiment: E, run: Omit<CompareRun, "run" | "index" | "turn">) => {
      const turn = step.kind === "run" ? step.turn : 1;
      await record(index, turn, run, arrival);
      const key = keyOf(index);
      if (traffic && turn >= sessionTurns) current.delete(key);
      else if ((options.mode === "conversation" || traffic) && run.status === "ok") {
        const grown = growConversation(experiment, run.responseText, turn + 1, arrival?.session);
        current.set(key, grown);
        if (!traffic) effects.onGrow?.(index, grown);
      }
    };
    if (step.kind === "run" && effects.runStep) {
      const batch = experiments.map((base, index) => ({ index, experiment: current.get(keyOf(index)) ?? base, turn: step.turn }));
      const runs = await effects.runStep({ runs: batch });
      if (runs === null) return { sent, failed, stoppedBy: "cancelled" };
      const before = failed;
      for (const b of batch) await after(b.index, b.experiment, runs[b.index]!);
      if (failed > before && !options.continueOnError) return { sent, failed, stoppedBy: "error" };
      continue;
    }
    for (let index = 0; index < experiments.length; index++) {
      if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
      const before = failed;
      if (step.kind === "run") {
        const experiment = current.get(keyOf(index)) ?? experiments[index]!;
        const run = await effects.runOnce({ index, experiment, turn: step.turn });
        if (run === null) return { sent, failed, stoppedBy: "cancelled" };
        await after(index, experiment, run);
      } else {
        const experiment = experiments[index]!;
        const runs = await effects.runParallel({ index, experiment, count: step.count, turn: step.turn });
        if (runs === null) return { sent, failed, stoppedBy: "cancelled" };
        for (const run of runs) await record(index, step.turn, run);
      }
      if (failed > before && !options.continueOnError) return { sent, failed, stoppedBy: "error" };
    }
  }
  return { sent, failed, stoppedBy: signal.aborted ? "cancelled" : "done" };
}
