import "server-only";
// One run: build the request, send it through the provider's SDK, and record what happened.
// The same function serves the server action, the bench and the tests; only the transport and the
// environment differ.
import { buildRequest } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { effectivePrices } from "@/lib/cache/pricing";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import type { ProviderId } from "@/lib/cache/wire-types";
import type { Emulator } from "@/lib/emulator/transport";
import { completedRun, runTraceOf } from "@/lib/runs/record";
import type { SentRunRecord, Transport } from "@/lib/runs/types";
import { type ProviderClient, type VertexAuthClient, createClient } from "./clients";
import { type Env, liveAvailability } from "./config";
import { redactError } from "./redact";
import { sendMessage } from "./send";

export const DEFAULT_TIMEOUT_MS = { emulated: 30_000, live: 300_000 } as const;

export interface RunOptions {
  transport: Transport;
  /** Overrides the experiment's provider and model (a compare variant). */
  provider?: ProviderId;
  model?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Emulated runs only: whose cache (one per browser); live providers scope by their own credentials. */
  scope?: string;
  /**
   * Cache diagnostics (Claude API only, docs/reference/anthropic-caching.md §1.12): the previous run's
   * message id to compare with, or null to opt in on a series' first run so the next can name it.
   * Undefined sends no `diagnostics`.
   */
  previousMessageId?: string | null;
}


export interface RunDeps {
  emulator: Emulator;
  env?: Env;
  /** Tests only: Vertex auth without application-default credentials. */
  vertexAuthClient?: VertexAuthClient;
}

export async function runExperiment(experiment: Experiment, options: RunOptions, deps: RunDeps): Promise<Result<SentRunRecord>> {
  const env = deps.env ?? process.env;
  const variant: Experiment = options.model ? { ...experiment, model: options.model } : experiment;
  const built = buildRequest(variant, options.provider ? { provider: options.provider } : {});
  if (!built.ok) return built;
  const { provider, modelId, body, analysis, paths } = built.value;

  if (options.transport === "live") {
    const live = liveAvailability(provider, env);
    if (!live.configured) return err<AppError>({ code: "provider:not_configured", message: live.reason ?? "This provider is not configured." });
  }

  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport];
  // Every credential this run puts on the wire (a bearer token Vertex's auth library made, a SigV4
  // signature), so a provider that quotes it back cannot show it (redact.ts).
  const sentCredentials = new Set<string>();
  let client: ProviderClient;
  try {
    client = createClient(provider, options.transport, {
      timeoutMs,
      onCredential: (value) => sentCredentials.add(value),
      ...(options.transport === "emulated" ? { emulatorFetch: deps.emulator.fetch, ...(options.scope ? { scope: options.scope } : {}) } : {}),
      env,
      bedrockEndpoint: variant.provider_options.bedrock_endpoint,
      ...(deps.vertexAuthClient ? { vertexAuthClient: deps.vertexAuthClient } : {}),
    });
  } catch {
    // SDK constructors throw on missing or conflicting credentials; their text may quote settings.
    return err<AppError>({ code: "provider:not_configured", message: `The ${provider} client could not be created from the server's settings: check .env.local.` });
  }
  // Use the live clock for live providers; the emulator's virtual one, which the gap moves, otherwise.
  const startedAt = options.transport === "emulated" ? deps.emulator.now() : Date.now();
  const sent = await sendMessage(client, {
    provider,
    modelId,
    body,
    // Only the Claude API has cache diagnostics; the other surfaces would refuse the field.
    ...(provider === "anthropic" && options.previousMessageId !== undefined ? { diagnostics: { previous_message_id: options.previousMessageId } } : {}),
    timeoutMs,
    modelledLatency: options.transport === "emulated",
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!sent.ok) return err(redactError(sent.error, sentCredentials));

  const trace = options.transport === "emulated" && sent.value.requestId ? deps.emulator.trace(sent.value.requestId) : undefined;
  return ok(
    completedRun(
      {
        provider,
        model: variant.model,
        modelId,
        positions: analysis.positions,
        breakpoints: analysis.breakpoints,
        prices: effectivePrices(built.value.model, variant.overrides?.prices),
      },
      sent.value,
      {
        transport: options.transport,
        startedAt,
        paths,
        ...(trace ? { trace: runTraceOf(trace) } : {}),
        ...(provider === "anthropic" ? { previousMessageId: options.previousMessageId } : {}),
      },
    ),
  );
}
