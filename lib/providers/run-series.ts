import "server-only";
// An emulated series run on the server in batches (issue 12 item 3). The page asks for the next
// batch; the server runs the series' own loop (lib/runs/series.ts) from the page's cursor until a
// time budget is spent, and answers with the runs and the cursor to go on from. One action call
// carries a few hundred runs instead of one, a request is built once per distinct experiment and one
// SDK client serves a whole batch, and runs sent one at a time are not held for their modelled
// time to first token (nothing can overlap them). Fan-out still sends its parallel runs together,
// held, so they really overlap.
import type { Experiment } from "@/lib/cache/experiment-schema";
import type { AppError, Result } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import { seededRandom } from "@/lib/runs/random";
import { failedRun } from "@/lib/runs/record";
import { type CacheSharing, type SeriesCursor, type SeriesOptions, type SeriesOutcome, type Variant, planSeries, plannedRuns, runSeries, seriesConversation, variantCacheScope } from "@/lib/runs/series";
import { planTraffic } from "@/lib/runs/traffic";
import type { BatchRun, SentRunRecord } from "@/lib/runs/types";
import type { FetchLike } from "./clients";
import { type BuiltRun, type RunClient, type RunDeps, buildRun, runClient, sendRun } from "./run-experiment";

/** A batch stops once it has run this long or sent this many runs, so the page hears from it a few times a second. */
export const SERIES_BATCH = { maxMs: 250, maxRuns: 500 } as const;

export interface SeriesBatchVariant {
  variant: Variant;
  experiment: Experiment;
  provider?: ProviderId;
  model?: string;
  /** In a comparison: each variant's own emulator cache (the default), or one shared. */
  cacheSharing?: CacheSharing;
}

export interface SeriesBatchInput {
  options: SeriesOptions;
  variants: SeriesBatchVariant[];
  /**
   * Cache diagnostics (Claude API): the message id each variant's next run names as the previous one
   * (lib/runs/diagnosis.ts lastMessageIds); a variant without one opts in with null. Not sent in traffic
   * mode, where consecutive runs belong to different simulated people.
   */
  previousMessageIds?: Partial<Record<Variant, string>>;
  /** The browser's cache scope; each variant gets its own from it (variantCacheScope). */
  scope?: string;
  /** A short id of one simulation: every variant starts from a cold cache of its own. */
  fresh?: string;
  cursor?: SeriesCursor;
}


export type { BatchRun };

export interface SeriesBatch {
  runs: BatchRun[];
  stoppedBy: SeriesOutcome["stoppedBy"];
  reason?: string;
  /** Where the next batch goes on, when this one paused. */
  cursor?: SeriesCursor;
  /** Runs the whole series makes, every variant counted. */
  total: number;
}

/** Runs the whole series makes, every variant counted. */
export function seriesTotal(options: SeriesOptions, variants: number): number {
  return plannedRuns(planSeries(options)) * variants;
}

export async function runSeriesBatch(input: SeriesBatchInput, deps: RunDeps, budget: { maxMs: number; maxRuns: number } = SERIES_BATCH, signal: AbortSignal = new AbortController().signal): Promise<SeriesBatch> {
  const { emulator } = deps;
  const started = performance.now();
  const runs: BatchRun[] = [];
  const specs = new Map(input.variants.map((v) => [v.variant, v]));
  const windowMs = input.options.mode === "traffic" && input.options.traffic ? planTraffic(input.options.traffic, seededRandom(input.options.traffic.seed)).endMs : 0;
  // One at a time: answered without the hold that makes parallel requests overlap.
  const unheld: FetchLike = (request, init) => emulator.handle(new Request(request, init), { hold: false });

  const builds = new Map<Variant, WeakMap<Experiment, Result<BuiltRun>>>();
  const built = (variant: Variant, experiment: Experiment): Result<BuiltRun> => {
    let memo = builds.get(variant);
    if (!memo) builds.set(variant, (memo = new WeakMap()));
    let b = memo.get(experiment);
    if (!b) {
      const spec = specs.get(variant)!;
      b = buildRun(experiment, { ...(spec.provider ? { provider: spec.provider } : {}), ...(spec.model ? { model: spec.model } : {}) });
      memo.set(experiment, b);
    }
    return b;
  };
  const clients = new Map<string, Result<RunClient>>();
  const client = (variant: Variant, { provider, bedrockEndpoint }: BuiltRun, held: boolean): Result<RunClient> => {
    const key = `${variant} ${provider} ${bedrockEndpoint} ${held}`;
    let c = clients.get(key);
    if (!c) {
      const spec = specs.get(variant)!;
      // With no browser scope, variant A keeps the emulator's default (the key's) and the others their own.
      const scope = input.scope === undefined && variant === "A" && !input.fresh ? undefined : variantCacheScope(input.scope ?? "default", variant, spec.cacheSharing ?? "own", input.fresh);
      c = runClient(provider, { transport: "emulated", bedrockEndpoint, ...(scope ? { scope } : {}) }, { ...deps, ...(held ? {} : { emulatorFetch: unheld }) });
      clients.set(key, c);
    }
    return c;
  };
  const failed = (variant: Variant, error: AppError): SentRunRecord => {
    const spec = specs.get(variant)!;
    return failedRun(error, { provider: spec.provider ?? spec.experiment.provider, transport: "emulated", model: spec.model ?? spec.experiment.model, startedAt: emulator.now() });
  };
  const lastMessageId = new Map<Variant, string>(Object.entries(input.previousMessageIds ?? {}) as [Variant, string][]);
  const send = async (variant: Variant, experiment: Experiment, held: boolean): Promise<SentRunRecord> => {
    const b = built(variant, experiment);
    if (!b.ok) return failed(variant, b.error);
    const c = client(variant, b.value, held);
    if (!c.ok) return failed(variant, c.error);
    const diagnostics = input.options.mode !== "traffic" && b.value.provider === "anthropic";
    const sent = await sendRun(b.value, c.value, { transport: "emulated", signal, ...(diagnostics ? { previousMessageId: lastMessageId.get(variant) ?? null } : {}) }, deps);
    if (sent.ok && sent.value.messageId) lastMessageId.set(variant, sent.value.messageId);
    return sent.ok ? sent.value : failed(variant, sent.error);
  };

  const outcome = await runSeries(
    input.options,
    input.variants.map((v) => ({ variant: v.variant, experiment: v.experiment })),
    {
      runOnce: async ({ variant, experiment, turn, session, atMs }) => {
        const record = await send(variant, experiment, false);
        const traffic = session !== undefined && atMs !== undefined ? { traffic: { atMs, session, turn, windowMs } } : {};
        const conversation = seriesConversation(input.options.mode, turn, experiment);
        return { ...record, ...traffic, ...(conversation ? { conversation } : {}), variant, parallel: false };
      },
      runParallel: async ({ variant, experiment, count }) => {
        const records = await Promise.all(Array.from({ length: count }, () => send(variant, experiment, true)));
        // All runs of one fan-out share a start: the explainer then knows they overlapped.
        const startedAt = Math.min(...records.map((r) => r.startedAt));
        return records.map((r) => ({ ...r, startedAt, variant, parallel: true }));
      },
      wait: async (seconds) => void emulator.advanceClock(seconds),
      onRun: (run) => void runs.push(run),
    },
    signal,
    { ...(input.cursor ? { cursor: input.cursor } : {}), pause: () => runs.length >= budget.maxRuns || performance.now() - started >= budget.maxMs },
  );
  return {
    runs,
    stoppedBy: outcome.stoppedBy,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.cursor ? { cursor: outcome.cursor } : {}),
    total: seriesTotal(input.options, input.variants.length),
  };
}
