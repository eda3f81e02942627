import "server-only";
// One run: build the request, send it through the provider's SDK, and record what happened.
// The same function serves the server action, the bench and the tests; only the transport and the
// environment differ.
import { buildRequest } from "@/lib/cache/build-request";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { effectivePrices } from "@/lib/cache/pricing";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import type { ProviderId, RequestBody } from "@/lib/cache/wire-types";
import type { Emulator } from "@/lib/emulator/transport";
import { type BuiltForRun, completedRun, runBlocks, runBreakpoints, runTraceOf } from "@/lib/runs/record";
import type { SentRunRecord, Transport } from "@/lib/runs/types";
import { type FetchLike, type ProviderClient, type VertexAuthClient, createClient } from "./clients";
import type { BedrockEndpoint } from "@/lib/cache/catalog";
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

/** A request built for a run, with what its record needs; build once, send as often as wanted. */
export interface BuiltRun {
  provider: ProviderId;
  /** Claude in Amazon Bedrock: InvokeModel or Mantle (the client depends on it). */
  bedrockEndpoint: BedrockEndpoint;
  modelId: string;
  body: RequestBody;
  forRecord: BuiltForRun;
}

/** Builds the request of a run (a compare variant's provider and model applied). */
export function buildRun(experiment: Experiment, options: Pick<RunOptions, "provider" | "model">): Result<BuiltRun> {
  const variant: Experiment = options.model ? { ...experiment, model: options.model } : experiment;
  const built = buildRequest(variant, options.provider ? { provider: options.provider } : {});
  if (!built.ok) return built;
  const { provider, modelId, body, analysis, paths } = built.value;
  return ok({
    provider,
    bedrockEndpoint: variant.provider_options.bedrock_endpoint,
    modelId,
    body,
    forRecord: {
      provider,
      model: variant.model,
      modelId,
      positions: analysis.positions,
      breakpoints: analysis.breakpoints,
      prices: effectivePrices(built.value.model, variant.overrides?.prices),
      // Built once: every run of this request shares them (a long series stores them once per chunk).
      recorded: { blocks: runBlocks(analysis.positions, paths), breakpoints: runBreakpoints(analysis.breakpoints) },
    },
  });
}

/** An SDK client, and the credentials it has put on the wire so far (to cut from any error). */
export interface RunClient {
  client: ProviderClient;
  sentCredentials: Set<string>;
}

/** The SDK client a run goes through: live from the server's settings, or emulated on `deps.emulator`. */
export function runClient(provider: ProviderId, options: Pick<RunOptions, "transport" | "timeoutMs" | "scope"> & { bedrockEndpoint?: BedrockEndpoint }, deps: RunDeps & { emulatorFetch?: FetchLike }): Result<RunClient> {
  const env = deps.env ?? process.env;
  if (options.transport === "live") {
    const live = liveAvailability(provider, env);
    if (!live.configured) return err({ code: "provider:not_configured", message: live.reason ?? "This provider is not configured." });
  }
  // Every credential the client puts on the wire (a bearer token Vertex's auth library made, a SigV4
  // signature), so a provider that quotes it back cannot show it (redact.ts).
  const sentCredentials = new Set<string>();
  try {
    const client = createClient(provider, options.transport, {
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport],
      onCredential: (value) => sentCredentials.add(value),
      ...(options.transport === "emulated" ? { emulatorFetch: deps.emulatorFetch ?? deps.emulator.fetch, ...(options.scope ? { scope: options.scope } : {}) } : {}),
      env,
      ...(options.bedrockEndpoint ? { bedrockEndpoint: options.bedrockEndpoint } : {}),
      ...(deps.vertexAuthClient ? { vertexAuthClient: deps.vertexAuthClient } : {}),
    });
    return ok({ client, sentCredentials });
  } catch {
    // SDK constructors throw on missing or conflicting credentials; their text may quote settings.
    return err({ code: "provider:not_configured", message: `The ${provider} client could not be created from the server's settings: check .env.local.` });
  }
}

/** Sends a built request once through a client and records what happened. */
export async function sendRun(built: BuiltRun, client: RunClient, options: Pick<RunOptions, "transport" | "timeoutMs" | "signal" | "previousMessageId">, deps: RunDeps): Promise<Result<SentRunRecord>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport];
  // Use the live clock for live providers; the emulator's virtual one, which the gap moves, otherwise.
  const startedAt = options.transport === "emulated" ? deps.emulator.now() : Date.now();
  const sent = await sendMessage(client.client, {
    provider: built.provider,
    modelId: built.modelId,
    body: built.body,
    // Only the Claude API has cache diagnostics; the other surfaces would refuse the field.
    ...(built.provider === "anthropic" && options.previousMessageId !== undefined ? { diagnostics: { previous_message_id: options.previousMessageId } } : {}),
    timeoutMs,
    modelledLatency: options.transport === "emulated",
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!sent.ok) return err(redactError(sent.error, client.sentCredentials));
  const trace = options.transport === "emulated" && sent.value.requestId ? deps.emulator.trace(sent.value.requestId) : undefined;
  return ok(
    completedRun(built.forRecord, sent.value, {
      transport: options.transport,
      startedAt,
      ...(trace ? { trace: runTraceOf(trace) } : {}),
      ...(built.provider === "anthropic" ? { previousMessageId: options.previousMessageId } : {}),
    }),
  );
}

export async function runExperiment(experiment: Experiment, options: RunOptions, deps: RunDeps): Promise<Result<SentRunRecord>> {
  const built = buildRun(experiment, options);
  if (!built.ok) return built;
  const client = runClient(built.value.provider, { ...options, bedrockEndpoint: built.value.bedrockEndpoint }, deps);
  if (!client.ok) return client;
  return sendRun(built.value, client.value, options, deps);
}
