// Inputs of the run actions (docs/style.md habit 5: schemas outside the "use server" file). The experiment
// itself is checked by parseExperiment (with its own size caps) after this shape check.
import { z } from "zod";
import type { AppError } from "@/lib/cache/result";
import { PROVIDERS } from "@/lib/cache/wire-types";
import { SCOPE_PATTERN, SERIES_LIMITS, VARIANTS } from "@/lib/runs/series";
import { TRAFFIC_LIMITS } from "@/lib/runs/traffic";

const providerSchema = z.enum(PROVIDERS as readonly ["anthropic", "bedrock", "vertex", "foundry"]);

export const runInputSchema = z.strictObject({
  experiment: z.unknown(),
  transport: z.enum(["emulated", "live"]),
  provider: providerSchema.optional(),
  model: z.string().min(1).max(200).optional(),
  /** The browser's own emulated cache scope (a random id it keeps), so sessions do not share entries. */
  scope: z.string().regex(SCOPE_PATTERN).optional(),
  /** Cache diagnostics: the previous run's message id (`msg_…`), or null to opt in (lib/providers/run-experiment.ts). */
  previousMessageId: z.string().min(1).max(200).nullable().optional(),
  /** Milliseconds; capped so a run cannot hold a server worker for long. */
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
});
export type RunInput = z.infer<typeof runInputSchema>;

export const parallelInputSchema = runInputSchema.extend({
  count: z.number().int().min(1).max(SERIES_LIMITS.maxParallel),
});
export type ParallelInput = z.infer<typeof parallelInputSchema>;

const trafficSchema = z.strictObject({
  ratePerHour: z.number().finite().positive().max(TRAFFIC_LIMITS.maxRatePerHour),
  durationHours: z.number().finite().positive().max(TRAFFIC_LIMITS.maxDurationHours),
  gaps: z.enum(["fixed", "random"]),
  seed: z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  sessionTurns: z.number().int().min(1).max(TRAFFIC_LIMITS.maxSessionTurns),
  turnGapSeconds: z.number().finite().min(0).max(TRAFFIC_LIMITS.maxTurnGapSeconds),
});

export const seriesOptionsSchema = z.strictObject({
  mode: z.enum(["repeat", "conversation", "fan-out", "traffic"]),
  runs: z.number().int().min(0).max(SERIES_LIMITS.maxRuns),
  gapSeconds: z.number().finite().min(0).max(SERIES_LIMITS.maxGapSeconds),
  warmUp: z.boolean(),
  continueOnError: z.boolean(),
  leadingGap: z.boolean().optional(),
  traffic: trafficSchema.optional(),
});

/** A message a conversation added; checked for real when the grown experiment is parsed again. */
const addedMessageSchema = z.strictObject({ role: z.enum(["user", "assistant"]), content: z.array(z.unknown()).max(1_000) });

/** The next batch of an emulated series run on the server (lib/providers/run-series.ts). */
export const seriesBatchSchema = z.strictObject({
  transport: z.literal("emulated"),
  options: seriesOptionsSchema,
  variants: z
    .array(z.strictObject({ variant: z.enum(VARIANTS), experiment: z.unknown(), provider: providerSchema.optional(), model: z.string().min(1).max(200).optional(), cacheSharing: z.enum(["own", "shared"]).optional() }))
    .min(1)
    .max(TRAFFIC_LIMITS.maxVariants)
    .refine((list) => new Set(list.map((v) => v.variant)).size === list.length, { error: "each variant at most once" }),
  scope: z.string().regex(SCOPE_PATTERN).optional(),
  /** Cache diagnostics: each variant's previous message id (`msg_…`). */
  previousMessageIds: z.strictObject({ A: z.string().min(1).max(200).optional(), B: z.string().min(1).max(200).optional(), C: z.string().min(1).max(200).optional() }).optional(),
  /** A short id of one simulation: its variants start from cold caches of their own. */
  fresh: z.string().regex(/^[A-Za-z0-9]{1,16}$/).optional(),
  cursor: z
    .strictObject({
      step: z.number().int().min(0),
      grown: z.record(z.string().regex(/^[ABC](?::\d{1,9})?$/), z.array(addedMessageSchema).max(100_000)),
    })
    .optional(),
});
export type SeriesBatchRequest = z.infer<typeof seriesBatchSchema>;

export const advanceClockSchema = z.strictObject({
  seconds: z.number().finite().min(0).max(SERIES_LIMITS.maxGapSeconds),
});

/** A fault for the e2e suite (only with CACHELAB_TEST_MODE=1). */
export const testFaultSchema = z.strictObject({
  kind: z.enum(["rate_limit", "server_error", "overloaded", "stream_cut", "connection_error", "delay", "timeout"]),
  provider: providerSchema.optional(),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  afterFrames: z.number().int().min(0).max(100).optional(),
  cut: z.enum(["end", "error", "event"]).optional(),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});

/** The server actions accept at most this much experiment text (the Next body limit is 4 MB). */
export const MAX_ACTION_EXPERIMENT_CHARS = 3_500_000;

/** The budget a run request will spend, read without parsing it (a malformed one is refused after). */
export function runCost(raw: unknown): { kind: "live" | "emulated"; cost: number } {
  const input = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
  const count = input.count;
  const valid = typeof count === "number" && Number.isInteger(count) && count >= 1 && count <= SERIES_LIMITS.maxParallel;
  return { kind: input.transport === "live" ? "live" : "emulated", cost: valid ? count : 1 };
}

/** The issues an error may carry back to the page: a few, never the whole list. */
export const MAX_RETURNED_ISSUES = 10;

export function brief(error: AppError): AppError {
  return error.issues && error.issues.length > MAX_RETURNED_ISSUES ? { ...error, issues: error.issues.slice(0, MAX_RETURNED_ISSUES) } : error;
}
