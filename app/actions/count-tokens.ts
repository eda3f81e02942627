"use server";
// Exact prefix counts from a live provider's count-tokens endpoint (issue 10 item 14): a thin public
// endpoint (docs/style.md habit 5) — parse, check access and the live rate limit, delegate to
// lib/providers/count-tokens, return a Result. It spends no credits but calls the provider, so it is
// gated as a live action.
import { parseExperiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err } from "@/lib/cache/result";
import { type PrefixCount, countPrefixes } from "@/lib/providers/count-tokens";
import { guard } from "@/lib/providers/guard";
import { countInputSchema } from "./count-tokens-schema";
import { currentRequest } from "./request";
import { MAX_ACTION_EXPERIMENT_CHARS, brief } from "./run-schemas";

export async function countPrefixTokensAction(raw: unknown): Promise<Result<PrefixCount[]>> {
  // The request budget, access, then the live budget (lib/providers/guard.ts), before any parsing.
  const allowed = guard(await currentRequest(), "live", 1, process.env);
  if (!allowed.ok) return allowed;
  const input = countInputSchema.safeParse(raw);
  if (!input.success) return err<AppError>({ code: "invalid_input", message: `The count request is malformed: ${input.error.issues[0]?.message ?? "invalid input"}.` });
  let size = 0;
  try {
    size = JSON.stringify(input.data.experiment ?? null).length;
  } catch {
    return err<AppError>({ code: "invalid_input", message: "The experiment is not JSON." });
  }
  if (size > MAX_ACTION_EXPERIMENT_CHARS) {
    return err<AppError>({ code: "invalid_input", status: 413, message: `The experiment is ${(size / 1e6).toFixed(1)} MB; counts accept at most ${MAX_ACTION_EXPERIMENT_CHARS / 1e6} MB.` });
  }
  const experiment = parseExperiment(input.data.experiment);
  if (!experiment.ok) return err(brief(experiment.error));
  return countPrefixes(experiment.value, { ...(input.data.provider ? { provider: input.data.provider } : {}), ...(input.data.model ? { model: input.data.model } : {}) });
}
