import "server-only";
// The Bedrock Converse target, run through the official @aws-sdk/client-bedrock-runtime (issue 13): emulated
// by default (the SDK's request handler calls the in-process emulator's /model/{id}/converse), live with the
// AWS credentials in the server's environment. Credentials are read here and nowhere else; they never leave
// the server: not in the record, not in an error (redact.ts).
import { BedrockRuntimeClient, type BedrockRuntimeClientConfig, ConverseCommand, type ConverseCommandOutput } from "@aws-sdk/client-bedrock-runtime";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import { FetchRequestHandler } from "@/lib/emulator/aws-fetch-handler";
import type { Emulator } from "@/lib/emulator/transport";
import type { Transport } from "@/lib/runs/types";
import { converseCommandInput } from "@/lib/vendors/bedrock-converse-sdk";
import type { ConverseBody } from "@/lib/vendors/bedrock-converse-types";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { decodeUsage } from "@/lib/vendors/usage-decoder";
import { EMULATED_KEY, EMULATOR_ORIGIN } from "./clients";
import { type Env, type LiveAvailability, liveAvailability, secretValues } from "./config";
import { codeForStatus } from "./errors";
import { redact } from "./redact";
import type { VendorRunRecord } from "./vendor-record";

const DEFAULT_TIMEOUT_MS = { emulated: 30_000, live: 300_000 } as const;
/** The SDK's own variable for a Bedrock Runtime endpoint; CacheLab's tests point it at `cachelab emulate`. */
export const CONVERSE_ENDPOINT_VARIABLE = "AWS_ENDPOINT_URL_BEDROCK_RUNTIME";

const setting = (env: Env, name: string) => {
  const v = env[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

/** Converse runs live on the same AWS settings as Bedrock InvokeModel. */
export function converseLiveAvailability(env: Env = process.env): LiveAvailability {
  const bedrock = liveAvailability("bedrock", env);
  return bedrock.configured ? bedrock : { configured: false, reason: (bedrock.reason ?? "").replace("to run on Bedrock", "to run on Bedrock Converse") };
}

export interface ConverseRunOptions {
  transport: Transport;
  model?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Emulated runs only: whose cache (one per browser). */
  scope?: string;
}

export interface ConverseRunDeps {
  emulator: Emulator;
  env?: Env;
}

export type ConverseRunRecord = VendorRunRecord<"bedrock-converse">;

/**
 * A Bedrock Runtime client for the transport: the emulator's fetch (a credential made from the browser's
 * scope, which is the emulated cache scope), or the server's AWS settings: a Bedrock API key, static keys, or
 * the SDK's default chain; AWS_ENDPOINT_URL_BEDROCK_RUNTIME for tests against `cachelab emulate` (HTTP/1.1).
 */
export function createConverseClient(transport: Transport, options: { timeoutMs: number; emulatorFetch?: Emulator["fetch"]; scope?: string; env?: Env }): BedrockRuntimeClient {
  if (transport === "emulated") {
    if (!options.emulatorFetch) throw new Error("the emulated transport needs the emulator's fetch");
    const key = options.scope ? `${EMULATED_KEY}-${options.scope}` : EMULATED_KEY;
    return new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: EMULATOR_ORIGIN,
      credentials: { accessKeyId: key, secretAccessKey: key },
      maxAttempts: 1,
      requestHandler: new FetchRequestHandler(options.emulatorFetch),
    });
  }
  const env = options.env ?? process.env;
  const endpoint = setting(env, CONVERSE_ENDPOINT_VARIABLE);
  const bearer = setting(env, "AWS_BEARER_TOKEN_BEDROCK");
  const accessKeyId = setting(env, "AWS_ACCESS_KEY_ID");
  const secretAccessKey = setting(env, "AWS_SECRET_ACCESS_KEY");
  const sessionToken = setting(env, "AWS_SESSION_TOKEN");
  const config: BedrockRuntimeClientConfig = {
    region: setting(env, "AWS_REGION") ?? "us-east-1",
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    // The SDK speaks HTTP/2 to AWS by default; a plain-http endpoint (the emulator on loopback) needs HTTP/1.1.
    ...(endpoint?.startsWith("http://") ? { requestHandler: new NodeHttpHandler({ requestTimeout: options.timeoutMs }) } : {}),
  };
  if (bearer) return new BedrockRuntimeClient({ ...config, token: { token: bearer }, authSchemePreference: ["httpBearerAuth"] });
  if (accessKeyId && secretAccessKey) return new BedrockRuntimeClient({ ...config, credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) } });
  return new BedrockRuntimeClient(config);
}

function failure(error: unknown, transport: Transport, env: Env): AppError {
  const where = transport === "emulated" ? "The emulator (Bedrock Converse)" : "Bedrock Converse";
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const said = redact(e.message ?? String(error), secretValues(env));
  if (e.name === "AbortError" || e.name === "TimeoutError") return { code: "provider:timeout", message: `${where} did not answer in time.` };
  if (status === undefined) return { code: "provider:network", message: `${where} could not be reached: ${said}` };
  return { code: codeForStatus(status), status, message: `${where} answered ${status} ${e.name ?? ""}: ${said}`.replace("  ", " ") };
}

function replyText(out: ConverseCommandOutput): string {
  return (out.output?.message?.content ?? []).map((block) => block.text ?? "").join("");
}

/** Builds the Converse target's request from the experiment, sends it, and records usage, cost and the reply. */
export async function runConverseTarget(experiment: Experiment, options: ConverseRunOptions, deps: ConverseRunDeps): Promise<Result<ConverseRunRecord>> {
  const env = deps.env ?? process.env;
  const built = buildTargetRequest(experiment, "bedrock-converse", options.model ? { model: options.model } : {});
  if (!built.ok) return built;
  if (options.transport === "live") {
    const live = converseLiveAvailability(env);
    if (!live.configured) return err({ code: "provider:not_configured", message: live.reason! });
    const standIn = built.value.notes.find((n) => n.code === "converse_media_bytes");
    if (standIn) {
      return err({ code: "invalid_input", message: `A live Converse run needs the file's bytes, and CacheLab never fetches a URL: give ${standIn.path} an s3:// URL.` });
    }
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport];
  const client = createConverseClient(options.transport, {
    timeoutMs,
    env,
    ...(options.transport === "emulated" ? { emulatorFetch: deps.emulator.fetch, ...(options.scope ? { scope: options.scope } : {}) } : {}),
  });
  const { modelId, ...body } = built.value.body as { modelId: string } & ConverseBody;
  const startedAt = options.transport === "emulated" ? deps.emulator.now() : Date.now();
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  const t0 = performance.now();
  let out: ConverseCommandOutput;
  try {
    out = await client.send(new ConverseCommand(converseCommandInput(modelId, body)), { abortSignal: signal });
  } catch (e) {
    return err(failure(e, options.transport, env));
  } finally {
    client.destroy();
  }
  // The emulator's modelled latency for emulated runs (its real time is near zero); the wall clock live.
  const latencyMs = options.transport === "emulated" ? (out.metrics?.latencyMs ?? 0) : performance.now() - t0;
  const decoded = decodeUsage(out.usage ?? {}, { vendor: "bedrock-converse", prices: built.value.prices });
  if (!decoded.ok) return err({ code: "provider:bad_response", message: `Bedrock's usage could not be read: ${decoded.error.message}` });
  return ok({
    target: "bedrock-converse",
    transport: options.transport,
    modelId,
    requestId: out.$metadata.requestId ?? null,
    rawUsage: out.usage,
    usage: decoded.value.usage,
    cost: decoded.value.cost!,
    prices: built.value.prices,
    formula: decoded.value.formula,
    startedAt,
    latencyMs,
    text: replyText(out),
    notes: built.value.notes,
    breakpoints: built.value.breakpoints,
  });
}
