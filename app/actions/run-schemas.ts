// Inputs of the run actions (docs/style.md habit 5: schemas outside the "use server" file). The experiment
// itself is checked by parseExperiment (with its own size caps) after this shape check.
import { z } from "zod";
import type { AppError } from "@/lib/cache/result";
import { PROVIDERS } from "@/lib/cache/wire-types";
import { SERIES_LIMITS } from "@/lib/runs/series";

const providerSchema = z.enum(PROVIDERS as readonly ["anthropic", "bedrock", "vertex", "foundry"]);

export const runInputSchema = z.strictObject({
  experiment: z.unknown(),
  transport: z.enum(["emulated", "live"]),
  provider: providerSchema.optional(),
  model: z.string().min(1).max(200).optional(),
  /** The browser's own emulated cache scope (a random id it keeps), so sessions do not share entries. */
  scope: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
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
