// A series (docs/design.md §7): N runs with a gap, in one of three modes, or simulated traffic (issue 12),
// over one to three variants (compare, what-if). The plan and the runner are plain TypeScript: the
// effects (send a run, advance the clock or sleep, record) are injected, so the browser, the server's
// batches, the bench and the tests drive the same loop. The runner can stop between steps and carry
// on later from a cursor, which is how the server runs a long series in short batches.
import { seededRandom } from "./random";
import { type TrafficOptions, planTraffic } from "./traffic";

export type SeriesMode = "repeat" | "conversation" | "fan-out" | "traffic";

export interface SeriesOptions {
  mode: SeriesMode;
  /** Number of runs per variant (for fan-out: the warm-up included when there is one). */
  runs: number;
  /** Seconds between runs; for fan-out, between the warm-up and the parallel batch. */
  gapSeconds: number;
  /** Fan-out only: send one run first and wait for it before the parallel batch. */
  warmUp: boolean;
  /** Keep going after a failed run (recorded either way), or stop the series there. */
  continueOnError: boolean;
  /**
   * Wait the gap before the first run too: a series that continues a history comes one gap after
   * its last run ("what if the next run comes 6 minutes later?", docs/design.md §5).
   */
  leadingGap?: boolean;
  /** Traffic mode only: the arrivals to simulate (`runs` and `gapSeconds` are then unused). */
  traffic?: TrafficOptions;
}

export const SERIES_LIMITS = { maxRuns: 10_000, maxGapSeconds: 86_400, maxParallel: 32 } as const;

export type SeriesStep =
  | { kind: "wait"; seconds: number }
  /** `session` and `atMs` (ms from the start) are set in traffic mode. */
  | { kind: "run"; turn: number; session?: number; atMs?: number }
  | { kind: "parallel"; count: number; turn: number };

/** The steps of simulated traffic: a wait up to each arrival, then its run. */
export function trafficSteps(options: TrafficOptions, random = seededRandom(options.seed)): SeriesStep[] {
  const steps: SeriesStep[] = [];
  let at = 0;
  for (const a of planTraffic(options, random).arrivals) {
    if (a.atMs > at) steps.push({ kind: "wait", seconds: (a.atMs - at) / 1000 });
    at = a.atMs;
    steps.push({ kind: "run", turn: a.turn, session: a.session, atMs: a.atMs });
  }
  return steps;
}

/** The steps of a series, in order. Pure, so "every 6 minutes, 5 times" is checkable without running it. */
export function planSeries(options: Pick<SeriesOptions, "mode" | "runs" | "gapSeconds" | "warmUp" | "leadingGap" | "traffic">): SeriesStep[] {
  if (options.mode === "traffic") return options.traffic ? trafficSteps(options.traffic) : [];
  const runs = Math.max(0, Math.min(SERIES_LIMITS.maxRuns, Math.floor(options.runs)));
  const gap = Math.max(0, Math.min(SERIES_LIMITS.maxGapSeconds, options.gapSeconds));
  const steps: SeriesStep[] = [];
  if (runs === 0) return steps;
  if (options.leadingGap && gap > 0) steps.push({ kind: "wait", seconds: gap });
  if (options.mode === "fan-out") {
    if (!options.warmUp) return [...steps, { kind: "parallel", count: Math.min(runs, SERIES_LIMITS.maxParallel), turn: 1 }];
    steps.push({ kind: "run", turn: 1 });
    if (runs > 1) {
      if (gap > 0) steps.push({ kind: "wait", seconds: gap });
      steps.push({ kind: "parallel", count: Math.min(runs - 1, SERIES_LIMITS.maxParallel), turn: 2 });
    }
    return steps;
  }
  for (let turn = 1; turn <= runs; turn++) {
    if (turn > 1 && gap > 0) steps.push({ kind: "wait", seconds: gap });
    steps.push({ kind: "run", turn });
  }
  return steps;
}

/** How many runs a plan sends per variant. */
export function plannedRuns(steps: readonly SeriesStep[]): number {
  return steps.reduce((n, s) => n + (s.kind === "run" ? 1 : s.kind === "parallel" ? s.count : 0), 0);
}

// --- Growing conversation -------------------------------------------------------------------------

interface ConversationMessage {
  role: "user" | "assistant";
  content: unknown[];
}

/**
 * The next user turn of a growing conversation: distinct per turn, so each turn is new content, and
 * per session in traffic mode, so two simulated people never send each other's conversation.
 */
export function nextUserTurn(turn: number, session?: number): string {
  const who = session === undefined ? "" : `Session ${session}, f`;
  return `${who || "F"}ollow-up ${turn}: please continue, building on your previous answer.`;
}

/**
 * Appends the reply as an assistant message and a next user turn, as a chat would. With
 * `Cache messages` on, the builder then puts the breakpoint on the new last block, so it moves
 * forward each turn while the previous turn's entry is read through the lookback.
 */
export function growConversation<E extends { messages?: ConversationMessage[] }>(experiment: E, reply: string, turn: number, session?: number): E {
  const text = reply.trim() === "" ? "(no reply)" : reply;
  const messages = [...(experiment.messages ?? [])];
  messages.push({ role: "assistant", content: [{ type: "text", text }] });
  messages.push({ role: "user", content: [{ type: "text", text: nextUserTurn(turn, session) }] });
  return { ...experiment, messages };
}

// --- The runner -------------------------------------------------------------------------------------

/** Compare runs A and B; what-if runs up to three variants of simulated traffic. */
export const VARIANTS = ["A", "B", "C"] as const;
export type Variant = (typeof VARIANTS)[number];

/**
 * How the variants of a comparison use the emulator's cache: each its own ("own", the default, so
 * A's numbers are what A alone would give), or one cache for both ("shared", to study how one
 * variant's reads and writes change the other's: a 1h read keeps the entry a 5m variant reads).
 */
export type CacheSharing = "own" | "shared";

/**
 * The emulated cache scope of a variant. A keeps the browser's scope (the one a series without a
 * comparison uses); B (and a what-if's C) gets its own beside it unless the comparison shares one. At
 * most 64 characters, as the run actions accept (SCOPE_PATTERN).
 */
export function variantCacheScope(base: string, variant: Variant, sharing: CacheSharing, fresh?: string): string {
  // A simulation (traffic mode, what-if) starts every variant from a cold cache of its own, for that
  // simulation alone: a second one never reads what the first left behind (issue 12 item 2).
  const nonce = fresh?.replace(/[^A-Za-z0-9]/g, "").slice(0, 16);
  if (nonce) return `${base.slice(0, 40)}-${nonce}-${variant.toLowerCase()}`;
  if (variant === "A" || sharing === "shared") return base;
  return `${base.slice(0, 62)}-${variant.toLowerCase()}`;
}

/** What the run actions accept as a cache scope. */
export const SCOPE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export interface SentRun {
  status: "ok" | "failed";
  responseText: string;
}

export interface SeriesEffects<E, R extends SentRun> {
  /**
   * Sends one run of a variant; a failure comes back as a failed record, never as a throw. Null means
   * the series was cancelled while the run was in flight: the caller records it when it lands.
   */
  runOnce: (args: { variant: Variant; experiment: E; turn: number; session?: number; atMs?: number }) => Promise<R | null>;
  /** Sends `count` runs of a variant at once (on the server, so they really overlap); null as above. */
  runParallel: (args: { variant: Variant; experiment: E; count: number; turn: number }) => Promise<R[] | null>;
  /** Lets `seconds` pass: the emulator's virtual clock, or a real wait for live providers. Rejects on abort. */
  wait: (seconds: number, signal: AbortSignal) => Promise<void>;
  /** Called with each finished run, in order. */
  onRun: (run: R, variant: Variant) => void | Promise<void>;
  onProgress?: (done: number, total: number) => void;
  /** Growing conversation: the variant A experiment after each turn (for observers; the experiment itself is never edited). */
  onGrow?: (experiment: E) => void;
}

/** Where a paused series goes on: the next step, and the conversations it has grown so far. */
export interface SeriesCursor {
  /** Index of the next step of the plan. */
  step: number;
  /**
   * Conversations in progress: the messages each added to its variant's experiment, by key
   * (`A` for a growing conversation, `A:12` for session 12 of simulated traffic).
   */
  grown: Record<string, ConversationMessage[]>;
}

export interface SeriesOutcome {
  /** Runs sent and failed by this call (a resumed series counts from where it resumed). */
  sent: number;
  failed: number;
  stoppedBy: "done" | "cancelled" | "error" | "paused";
  /** Why the series stopped when it was not a failed run (e.g. the clock could not be moved). */
  reason?: string;
  /** Set when paused: pass it back to carry on. */
  cursor?: SeriesCursor;
}

export interface SeriesResume {
  /** Carry on from here (the start when absent). */
  cursor?: SeriesCursor;
  /** Asked before each step once a step has run: true stops the series there, with a cursor. */
  pause?: () => boolean;
}

/**
 * What a run of a growing conversation records (issue 11 item 4): its turn, and on the first turn the
 * experiment the conversation started from, so lib/runs/transcript can rebuild it from the runs alone.
 */
export function seriesConversation<E>(mode: SeriesMode, turn: number, experiment: E): { turn: number; start?: E } | undefined {
  return mode === "conversation" ? { turn, ...(turn === 1 ? { start: experiment } : {}) } : undefined;
}

/** The key of a conversation: one per variant, or one per variant and simulated session. */
export function conversationKey(variant: Variant, session?: number): string {
  return session === undefined ? variant : `${variant}:${session}`;
}

export async function runSeries<E extends { messages?: ConversationMessage[] }, R extends SentRun>(
  options: SeriesOptions,
  variants: { variant: Variant; experiment: E }[],
  effects: SeriesEffects<E, R>,
  signal: AbortSignal,
  resume: SeriesResume = {},
): Promise<SeriesOutcome> {
  const steps = planSeries(options);
  const total = plannedRuns(steps) * variants.length;
  const base = new Map(variants.map((v) => [v.variant, v.experiment]));
  const grows = options.mode === "conversation" || (options.mode === "traffic" && (options.traffic?.sessionTurns ?? 1) > 1);
  const lastTurn = options.mode === "traffic" ? (options.traffic?.sessionTurns ?? 1) : Number.POSITIVE_INFINITY;
  // Conversations in progress, as whole experiments; the cursor carries only what each one added.
  const current = new Map<string, E>();
  for (const [key, added] of Object.entries(resume.cursor?.grown ?? {})) {
    const experiment = base.get(key.split(":")[0] as Variant);
    if (experiment) current.set(key, { ...experiment, messages: [...(experiment.messages ?? []), ...added] });
  }
  let sent = 0;
  let failed = 0;
  const first = Math.max(0, Math.floor(resume.cursor?.step ?? 0));
  effects.onProgress?.(0, total);

  const record = async (run: R, variant: Variant) => {
    sent++;
    if (run.status === "failed") failed++;
    await effects.onRun(run, variant);
    effects.onProgress?.(sent, total);
  };
  const cursorAt = (step: number): SeriesCursor => {
    const grown: Record<string, ConversationMessage[]> = {};
    for (const [key, experiment] of current) grown[key] = (experiment.messages ?? []).slice(base.get(key.split(":")[0] as Variant)?.messages?.length ?? 0);
    return { step, grown };
  };

  for (let index = first; index < steps.length; index++) {
    const step = steps[index]!;
    if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
    if (index > first && resume.pause?.()) return { sent, failed, stoppedBy: "paused", cursor: cursorAt(index) };
    if (step.kind === "wait") {
      try {
        await effects.wait(step.seconds, signal);
      } catch (e) {
        if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
        return { sent, failed, stoppedBy: "error", reason: e instanceof Error ? e.message : String(e) };
      }
      continue;
    }
    for (const { variant } of variants) {
      if (signal.aborted) return { sent, failed, stoppedBy: "cancelled" };
      const before = failed;
      if (step.kind === "run") {
        const key = conversationKey(variant, step.session);
        const experiment = current.get(key) ?? base.get(variant)!;
        const where = step.session === undefined ? {} : { session: step.session, ...(step.atMs !== undefined ? { atMs: step.atMs } : {}) };
        const run = await effects.runOnce({ variant, experiment, turn: step.turn, ...where });
        if (run === null) return { sent, failed, stoppedBy: "cancelled" };
        await record(run, variant);
        if (grows && step.turn >= lastTurn) current.delete(key);
        else if (grows && run.status === "ok") {
          const grown = growConversation(experiment, run.responseText, step.turn + 1, step.session);
          current.set(key, grown);
          if (variant === "A" && step.session === undefined) effects.onGrow?.(grown);
        }
      } else {
        const runs = await effects.runParallel({ variant, experiment: base.get(variant)!, count: step.count, turn: step.turn });
        if (runs === null) return { sent, failed, stoppedBy: "cancelled" };
        for (const run of runs) await record(run, variant);
      }
      if (failed > before && !options.continueOnError) return { sent, failed, stoppedBy: "error" };
    }
  }
  return { sent, failed, stoppedBy: signal.aborted ? "cancelled" : "done" };
}
