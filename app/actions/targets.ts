"use server";
// Server actions for other vendors' targets (issue 13): the same gate as runs (access, then the budgets,
// before anything is parsed), then zod with size caps, then lib/providers. Nothing here returns a key.
import { z } from "zod";
import { type Experiment, parseExperiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err } from "@/lib/cache/result";
import { type ConverseRunRecord, converseLiveAvailability, runConverseTarget } from "@/lib/providers/bedrock-converse";
import type { LiveAvailability } from "@/lib/providers/config";
import { sharedEmulator } from "@/lib/providers/emulator";
import { accessFor, guard } from "@/lib/providers/guard";
import { type OpenAIRunRecord, openaiLiveAvailability, runOpenAITarget } from "@/lib/providers/openai";
import { type TargetRunRecord, runTarget } from "@/lib/providers/run-target";
import { SERIES_LIMITS } from "@/lib/runs/series";
import { COMPARE_TARGET_IDS, MAX_COMPARE_TARGETS } from "@/lib/vendors/compare";
import type { TargetId } from "@/lib/vendors/targets";
import { currentRequest } from "./request";
import { MAX_ACTION_EXPERIMENT_CHARS, brief, runCost } from "./run-schemas";

const targetRunSchema = z.strictObject({
  experiment: z.unknown(),
  transport: z.enum(["emulated", "live"]),
  model: z.string().min(1).max(200).optional(),
  scope: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  timeoutMs: z.number().int().min(100).max(600_000).optional(),
});
type TargetRunOptions = Omit<z.infer<typeof targetRunSchema>, "experiment">;

/** A compare run: which target, and how many at once (a fan-out step sends them together on the server). */
const compareRunSchema = targetRunSchema.extend({
  target: z.enum(COMPARE_TARGET_IDS as unknown as [TargetId, ...TargetId[]]),
  count: z.number().int().min(1).max(SERIES_LIMITS.maxParallel).optional(),
});

/** The gate every target run passes: access and budgets before parsing, then zod with size caps, then the experiment. */
async function admitTargetRun<S extends typeof targetRunSchema>(
  raw: unknown,
  schema: S = targetRunSchema as S,
): Promise<Result<{ experiment: Experiment; options: Omit<z.infer<S>, "experiment"> }>> {
  const { kind, cost } = runCost(raw);
  const allowed = guard(await currentRequest(), kind, cost, process.env);
  if (!allowed.ok) return allowed;
  const input = schema.safeParse(raw);
  if (!input.success) return err<AppError>({ code: "invalid_input", message: `The run request is malformed: ${input.error.issues[0]?.message ?? "invalid input"}.` });
  const size = JSON.stringify(input.data.experiment ?? null)?.length ?? 0;
  if (size > MAX_ACTION_EXPERIMENT_CHARS) {
    return err<AppError>({ code: "invalid_input", status: 413, message: `The experiment is ${(size / 1e6).toFixed(1)} MB; runs accept at most ${MAX_ACTION_EXPERIMENT_CHARS / 1e6} MB.` });
  }
  const experiment = parseExperiment(input.data.experiment);
  if (!experiment.ok) return err(brief(experiment.error));
  const { experiment: _raw, ...options } = input.data;
  return { ok: true, value: { experiment: experiment.value, options } };
}

/** Sends the experiment once to the OpenAI Responses target (emulated, or live with the server's key). */
export async function runOpenAITargetAction(raw: unknown): Promise<Result<OpenAIRunRecord>> {
  const admitted = await admitTargetRun(raw);
  if (!admitted.ok) return admitted;
  return runOpenAITarget(admitted.value.experiment, admitted.value.options, { emulator: sharedEmulator() });
}

/** Sends the experiment once to the Bedrock Converse target (emulated, or live with the server's AWS settings). */
export async function runConverseTargetAction(raw: unknown): Promise<Result<ConverseRunRecord>> {
  const admitted = await admitTargetRun(raw);
  if (!admitted.ok) return admitted;
  return runConverseTarget(admitted.value.experiment, admitted.value.options, { emulator: sharedEmulator() });
}

/**
 * Compare across vendors: sends the experiment to one target (`count` times at once for a fan-out step),
 * each in the cache scope the page gives it, and answers in one shape whatever the vendor.
 */
export async function runTargetAction(raw: unknown): Promise<Result<Result<TargetRunRecord>[]>> {
  const admitted = await admitTargetRun(raw, compareRunSchema);
  if (!admitted.ok) return admitted;
  const { experiment, options } = admitted.value;
  const { count = 1, ...run } = options;
  const emulator = sharedEmulator();
  return { ok: true, value: await Promise.all(Array.from({ length: count }, () => runTarget(experiment, run, { emulator }))) };
}

/** One step of an emulated comparison: the clock moved first (the wait before the step), then run k of every target. */
const compareStepSchema = z.strictObject({
  advanceSeconds: z.number().min(0).max(86_400).optional(),
  runs: z
    .array(
      z.strictObject({
        experiment: z.unknown(),
        target: z.enum(COMPARE_TARGET_IDS as unknown as [TargetId, ...TargetId[]]),
        model: z.string().min(1).max(200).optional(),
        scope: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
      }),
    )
    .min(1)
    .max(MAX_COMPARE_TARGETS),
});

/**
 * Compare across vendors, emulated, one step at a time: moves the emulator's clock by the wait before the
 * step, then sends run k of every target in its own cache scope, in target order. One round trip per step
 * instead of one per target and one for the clock. Every experiment is checked before anything moves or runs.
 */
export async function runCompareStepAction(raw: unknown): Promise<Result<Result<TargetRunRecord>[]>> {
  const count = typeof raw === "object" && raw !== null && Array.isArray((raw as { runs?: unknown }).runs) ? (raw as { runs: unknown[] }).runs.length : 1;
  const ctx = await currentRequest();
  const allowed = guard(ctx, "emulated", Math.min(Math.max(count, 1), MAX_COMPARE_TARGETS), process.env);
  if (!allowed.ok) return allowed;
  const input = compareStepSchema.safeParse(raw);
  if (!input.success) return err<AppError>({ code: "invalid_input", message: `The comparison step is malformed: ${input.error.issues[0]?.message ?? "invalid input"}.` });
  const size = JSON.stringify(input.data.runs.map((r) => r.experiment ?? null)).length;
  if (size > MAX_ACTION_EXPERIMENT_CHARS) {
    return err<AppError>({ code: "invalid_input", status: 413, message: `The step sends ${(size / 1e6).toFixed(1)} MB of experiments; a step accepts at most ${MAX_ACTION_EXPERIMENT_CHARS / 1e6} MB.` });
  }
  const experiments: Experiment[] = [];
  for (const [i, r] of input.data.runs.entries()) {
    const experiment = parseExperiment(r.experiment);
    if (!experiment.ok) return err(brief({ ...experiment.error, message: `Target ${i + 1}: ${experiment.error.message}` }));
    experiments.push(experiment.value);
  }
  const emulator = sharedEmulator();
  if (input.data.advanceSeconds) {
    const clock = guard(ctx, "control", 1, process.env);
    if (!clock.ok) return clock;
    emulator.advanceClock(input.data.advanceSeconds);
  }
  const results: Result<TargetRunRecord>[] = [];
  for (const [i, r] of input.data.runs.entries()) {
    results.push(await runTarget(experiments[i]!, { target: r.target, transport: "emulated", scope: r.scope, ...(r.model ? { model: r.model } : {}) }, { emulator }));
  }
  return { ok: true, value: results };
}

/** Whether Bedrock Converse can run live here (a boolean and a sentence, never a credential), once access is granted. */
export async function getConverseAvailabilityAction(): Promise<Result<LiveAvailability>> {
  const access = accessFor(await currentRequest(), process.env);
  if (!access.granted) return { ok: true, value: { configured: false, reason: "Enter the access token first." } };
  return { ok: true, value: converseLiveAvailability(process.env) };
}

/** Whether OpenAI can run live here (a boolean and a sentence, never the key), once access is granted. */
export async function getOpenAIAvailabilityAction(): Promise<Result<LiveAvailability>> {
  const ctx = await currentRequest();
  const access = accessFor(ctx, process.env);
  if (!access.granted) return { ok: true, value: { configured: false, reason: "Enter the access token first." } };
  return { ok: true, value: openaiLiveAvailability(process.env) };
}
