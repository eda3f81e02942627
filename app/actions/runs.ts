"use server";
// Server actions for runs: thin public endpoints (docs/style.md habit 5) — check access and the rate limit first,
// then parse with zod and size caps, delegate to lib/providers, return a Result with a short error.
// The server entry has already bounded the body's size and depth (docs/security.md). Nothing here
// returns a key.
import { cookies } from "next/headers";
import { entryJson } from "@/lib/emulator/control";
import { type CacheEntryJson, vendorEntriesJson } from "@/lib/emulator/vendors/entries";
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";
import { allLiveAvailability, type LiveAvailability } from "@/lib/providers/config";
import { sharedEmulator } from "@/lib/providers/emulator";
import { ACCESS_COOKIE, type ActionKind, accessFor, guard, takeRequestBudget, tryAccessToken } from "@/lib/providers/guard";
import { runExperiment } from "@/lib/providers/run-experiment";
import { SERIES_BATCH, type SeriesBatch, type SeriesBatchVariant, runSeriesBatch } from "@/lib/providers/run-series";
import { seededRandom } from "@/lib/runs/random";
import { type SeriesCursor, planSeries, plannedRuns } from "@/lib/runs/series";
import { planTraffic, trafficProblem, trafficSizeProblem } from "@/lib/runs/traffic";
import type { SentRunRecord } from "@/lib/runs/types";
import { currentRequest } from "./request";
import {
  MAX_ACTION_EXPERIMENT_CHARS,
  advanceClockSchema,
  brief,
  runCost,
  parallelInputSchema,
  runInputSchema,
  seriesBatchSchema,
  testFaultSchema,
  type RunInput,
} from "./run-schemas";

/** Access, then the budgets; always before the input is parsed, so a refused call costs almost nothing. */
async function gate(kind: ActionKind, cost = 1): Promise<Result<null>> {
  return guard(await currentRequest(), kind, cost, process.env);
}

function invalidInput(message: string): Result<never> {
  return err<AppError>({ code: "invalid_input", message });
}

function parseRun(raw: unknown) {
  const input = runInputSchema.safeParse(raw);
  if (!input.success) return invalidInput(`The run request is malformed: ${input.error.issues[0]?.message ?? "invalid input"}.`);
  let size = 0;
  try {
    size = JSON.stringify(input.data.experiment ?? null).length;
  } catch {
    return invalidInput("The experiment is not JSON.");
  }
  if (size > MAX_ACTION_EXPERIMENT_CHARS) {
    return err<AppError>({ code: "invalid_input", status: 413, message: `The experiment is ${(size / 1e6).toFixed(1)} MB; runs accept at most ${MAX_ACTION_EXPERIMENT_CHARS / 1e6} MB.` });
  }
  const experiment = parseExperiment(input.data.experiment);
  if (!experiment.ok) return err(brief(experiment.error));
  return ok({ input: input.data as RunInput, experiment: experiment.value });
}

/** Sends the experiment once and records usage, cost, latency, the reply and the emulator's trace. */
export async function runExperimentAction(raw: unknown): Promise<Result<SentRunRecord>> {
  const allowed = await gate(runCost(raw).kind);
  if (!allowed.ok) return allowed;
  const parsed = parseRun(raw);
  if (!parsed.ok) return parsed;
  const { input, experiment } = parsed.value;
  return runExperiment(experiment, input, { emulator: sharedEmulator() });
}

/** Sends `count` identical runs at the same time (fan-out); each one succeeds or fails on its own. */
export async function runParallelAction(raw: unknown): Promise<Result<Result<SentRunRecord>[]>> {
  const { kind, cost } = runCost(raw);
  const allowed = await gate(kind, cost);
  if (!allowed.ok) return allowed;
  const count = parallelInputSchema.safeParse(raw);
  if (!count.success) return invalidInput(`The fan-out request is malformed: ${count.error.issues[0]?.message ?? "invalid input"}.`);
  const { count: n, ...rest } = count.data;
  const parsed = parseRun(rest);
  if (!parsed.ok) return parsed;
  const { input, experiment } = parsed.value;
  const emulator = sharedEmulator();
  return ok(await Promise.all(Array.from({ length: n }, () => runExperiment(experiment, input, { emulator }))));
}

/**
 * Runs the next batch of an emulated series on the server (issue 12 item 3): the series' own loop from
 * the page's cursor, for at most SERIES_BATCH's time or runs, answering with the runs and the cursor
 * to go on from. The page calls it again until the series is done or cancelled. Each call passes the
 * same gate as a single run, before its input is parsed, and spends one unit of the emulated budget
 * per run it may send.
 */
export async function runSeriesBatchAction(raw: unknown): Promise<Result<SeriesBatch>> {
  // One run's worth first, before anything is parsed; the rest of the batch once its size is known.
  const allowed = await gate("emulated");
  if (!allowed.ok) return allowed;
  const input = seriesBatchSchema.safeParse(raw);
  if (!input.success) return invalidInput(`The series request is malformed: ${input.error.issues[0]?.message ?? "invalid input"}.`);
  const { options, scope, fresh, cursor, previousMessageIds } = input.data;
  let size = 0;
  try {
    size = JSON.stringify([input.data.variants.map((v) => v.experiment), cursor ?? null]).length;
  } catch {
    return invalidInput("The experiment is not JSON.");
  }
  if (size > MAX_ACTION_EXPERIMENT_CHARS) {
    return err<AppError>({ code: "invalid_input", status: 413, message: `The series sends ${(size / 1e6).toFixed(1)} MB of experiments; a series accepts at most ${MAX_ACTION_EXPERIMENT_CHARS / 1e6} MB.` });
  }
  const variants: SeriesBatchVariant[] = [];
  for (const v of input.data.variants) {
    const experiment = parseExperiment(v.experiment);
    if (!experiment.ok) return err(brief(input.data.variants.length > 1 ? { ...experiment.error, message: `Variant ${v.variant}: ${experiment.error.message}` } : experiment.error));
    variants.push({ variant: v.variant, experiment: experiment.value, ...(v.provider ? { provider: v.provider } : {}), ...(v.model ? { model: v.model } : {}), ...(v.cacheSharing ? { cacheSharing: v.cacheSharing } : {}) });
  }
  // What each conversation in progress added is checked as the experiment it makes.
  let resume: SeriesCursor | undefined;
  if (cursor) {
    resume = { step: cursor.step, grown: {} };
    for (const [key, added] of Object.entries(cursor.grown)) {
      const base = variants.find((v) => v.variant === key[0]);
      if (!base) return invalidInput(`The series cursor names variant ${key[0]}, which the series does not have.`);
      const grown = parseExperiment({ ...base.experiment, messages: [...base.experiment.messages, ...added] });
      if (!grown.ok) return invalidInput(`The series cursor holds a conversation that is not valid: ${grown.error.message}`);
      resume.grown[key] = grown.value.messages.slice(base.experiment.messages.length);
    }
  }
  if (options.mode === "traffic") {
    if (!options.traffic) return invalidInput("Traffic mode needs its rate, duration and gaps.");
    const problem = trafficProblem(options.traffic) ?? trafficSizeProblem(planTraffic(options.traffic, seededRandom(options.traffic.seed)), variants.length);
    if (problem) return invalidInput(problem);
  }
  const steps = planSeries(options);
  const remaining = plannedRuns(steps.slice(resume?.step ?? 0)) * variants.length;
  const rest = Math.min(SERIES_BATCH.maxRuns, remaining) - 1;
  if (rest > 0) {
    const more = await gate("emulated", rest);
    if (!more.ok) return more;
  }
  return ok(await runSeriesBatch({ options, variants, ...(scope ? { scope } : {}), ...(fresh ? { fresh } : {}), ...(resume ? { cursor: resume } : {}), ...(previousMessageIds ? { previousMessageIds } : {}) }, { emulator: sharedEmulator() }));
}

/** Moves the emulator's virtual clock: "the next run comes 6 minutes later" without waiting. */
export async function advanceEmulatorClockAction(raw: unknown): Promise<Result<{ now: number }>> {
  const allowed = await gate("control");
  if (!allowed.ok) return allowed;
  const input = advanceClockSchema.safeParse(raw);
  if (!input.success) return invalidInput("The clock can move forward by 0 to 86,400 seconds.");
  return ok({ now: sharedEmulator().advanceClock(input.data.seconds) });
}

/** Empties the emulator's cache (and its queued faults and traces). */
export async function resetEmulatorCacheAction(): Promise<Result<null>> {
  const allowed = await gate("control");
  if (!allowed.ok) return allowed;
  sharedEmulator().reset();
  return ok(null);
}

export type EmulatorEntry = CacheEntryJson;

/** The emulator's live cache entries, newest first (scopes are hashes, never keys). */
export async function listEmulatorEntriesAction(): Promise<Result<EmulatorEntry[]>> {
  const allowed = await gate("control");
  if (!allowed.ok) return allowed;
  const emulator = sharedEmulator();
  const now = emulator.now();
  return ok([...emulator.entries().map((e) => entryJson(e, now)), ...vendorEntriesJson(emulator.vendors, now)]);
}

export interface RunEnvironment {
  /** Per provider: whether live runs are configured, and if not, what to set. Never a value. */
  live: Record<ProviderId, LiveAvailability>;
  /** `message` says why access is refused (a token to enter, or how the server must be started). */
  access: { required: boolean; granted: boolean; message: string | null };
  testMode: boolean;
}

const LOCKED_LIVE: LiveAvailability = { configured: false, reason: "Enter the access token first." };

/** What the page may know about the server: which providers are configured (once access is granted) and whether a token is needed. */
export async function getRunEnvironmentAction(): Promise<Result<RunEnvironment>> {
  const ctx = await currentRequest();
  const budget = takeRequestBudget(ctx, process.env);
  if (!budget.ok) return budget;
  const access = accessFor(ctx, process.env);
  return ok({
    live: access.granted ? allLiveAvailability() : (Object.fromEntries(PROVIDERS.map((p) => [p, LOCKED_LIVE])) as Record<ProviderId, LiveAvailability>),
    access: { required: access.required, granted: access.granted, message: access.granted ? null : access.error.message },
    testMode: process.env.CACHELAB_TEST_MODE === "1",
  });
}

/** Checks the access token and keeps it in an http-only cookie for this browser (checked on every action). */
export async function setAccessTokenAction(raw: unknown): Promise<Result<{ granted: boolean }>> {
  const ctx = await currentRequest();
  if (typeof raw !== "string" || raw.trim().length === 0 || raw.length > 512) {
    const budget = takeRequestBudget(ctx, process.env);
    return budget.ok ? invalidInput("Enter the access token.") : budget;
  }
  const tried = tryAccessToken(ctx, raw, process.env);
  if (!tried.ok || !tried.value.granted) return tried;
  // Secure whenever the page is served over HTTPS, so the cookie never travels in clear text.
  (await cookies()).set(ACCESS_COOKIE, raw.trim(), { httpOnly: true, sameSite: "strict", path: "/", secure: ctx.secure });
  return tried;
}

/** Test mode only (CACHELAB_TEST_MODE=1): queue a fault in the shared emulator for the e2e suite. */
export async function injectEmulatorFaultAction(raw: unknown): Promise<Result<null>> {
  const allowed = await gate("control");
  if (!allowed.ok) return allowed;
  if (process.env.CACHELAB_TEST_MODE !== "1") return err<AppError>({ code: "not_available", message: "Fault injection is only available in test mode." });
  const fault = testFaultSchema.safeParse(raw);
  if (!fault.success) return invalidInput("The fault is malformed.");
  sharedEmulator().queueFault({ ...fault.data, shouldRetry: false });
  return ok(null);
}
