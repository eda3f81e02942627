import "server-only";
// The OpenAI Responses target, run through the official `openai` SDK (issue 13): emulated by default (the
// SDK's fetch is the emulator's /v1/responses), live when the server's environment has OPENAI_API_KEY. The
// key is read here and nowhere else; it never leaves the server: not in the record, not in an error.
import OpenAI from "openai";
import type { ResponseCreateParamsNonStreaming } from "openai/resources/responses/responses";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import type { Emulator } from "@/lib/emulator/transport";
import type { Transport } from "@/lib/runs/types";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { decodeUsage } from "@/lib/vendors/usage-decoder";
import { EMULATED_KEY, EMULATOR_ORIGIN } from "./clients";
import type { Env, LiveAvailability } from "./config";
import { codeForStatus } from "./errors";
import { redact } from "./redact";
import type { VendorRunRecord } from "./vendor-record";

export const OPENAI_KEY_VARIABLE = "OPENAI_API_KEY";
const DEFAULT_TIMEOUT_MS = { emulated: 30_000, live: 300_000 } as const;

const setting = (env: Env, name: string) => {
  const v = env[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

export function openaiLiveAvailability(env: Env = process.env): LiveAvailability {
  return setting(env, OPENAI_KEY_VARIABLE)
    ? { configured: true, reason: null }
    : { configured: false, reason: `Set ${OPENAI_KEY_VARIABLE} in .env.local on the server to run on OpenAI.` };
}

export interface OpenAIRunOptions {
  transport: Transport;
  model?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Emulated runs only: whose cache (one per browser). */
  scope?: string;
}

export interface OpenAIRunDeps {
  emulator: Emulator;
  env?: Env;
}

export interface OpenAIRunRecord extends VendorRunRecord<"openai"> {
  responseId: string;
}

/** An OpenAI client for the transport: the emulator's fetch, or the server's key (and OPENAI_BASE_URL, for tests against `cachelab emulate`). */
export function createOpenAIClient(transport: Transport, options: { timeoutMs: number; emulatorFetch?: Emulator["fetch"]; scope?: string; env?: Env }): OpenAI {
  if (transport === "emulated") {
    if (!options.emulatorFetch) throw new Error("the emulated transport needs the emulator's fetch");
    const key = options.scope ? `${EMULATED_KEY}-${options.scope}` : EMULATED_KEY;
    return new OpenAI({ apiKey: key, baseURL: `${EMULATOR_ORIGIN}/v1`, fetch: options.emulatorFetch, maxRetries: 0, timeout: options.timeoutMs });
  }
  const env = options.env ?? process.env;
  const apiKey = setting(env, OPENAI_KEY_VARIABLE);
  if (!apiKey) throw new Error("not configured");
  const baseURL = setting(env, "OPENAI_BASE_URL");
  const organization = setting(env, "OPENAI_ORG_ID");
  return new OpenAI({ apiKey, timeout: options.timeoutMs, maxRetries: 2, ...(baseURL ? { baseURL } : {}), ...(organization ? { organization } : {}) });
}

function failure(error: unknown, transport: Transport, env: Env): AppError {
  const where = transport === "emulated" ? "The emulator (OpenAI Responses)" : "OpenAI";
  const secrets = [setting(env, OPENAI_KEY_VARIABLE)].filter((s): s is string => s !== undefined);
  // By shape, not class, as for every adapter (lib/providers/errors.ts; issue 8 item 6): a bundled copy of the SDK fails `instanceof`.
  const name = error instanceof Error ? error.name : "";
  if (name === "APIConnectionTimeoutError") return { code: "provider:timeout", message: `${where} did not answer in time.` };
  if (name === "APIConnectionError") return { code: "provider:network", message: `${where} could not be reached.` };
  const status = typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" ? error.status : undefined;
  if (status !== undefined) {
    const body = (error as { error?: { message?: unknown } }).error;
    const said = redact(String(body?.message ?? (error as Error).message), [...secrets]);
    return { code: codeForStatus(status), status, message: `${where} answered ${status}: ${said}` };
  }
  return { code: "provider:error", message: `${where} failed: ${redact(error instanceof Error ? error.message : String(error), secrets)}` };
}

/** Builds the OpenAI target's request from the experiment, sends it, and records usage, cost and the reply. */
export async function runOpenAITarget(experiment: Experiment, options: OpenAIRunOptions, deps: OpenAIRunDeps): Promise<Result<OpenAIRunRecord>> {
  const env = deps.env ?? process.env;
  const built = buildTargetRequest(experiment, "openai", options.model ? { model: options.model } : {});
  if (!built.ok) return built;
  if (options.transport === "live") {
    const live = openaiLiveAvailability(env);
    if (!live.configured) return err({ code: "provider:not_configured", message: live.reason! });
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport];
  const client = createOpenAIClient(options.transport, {
    timeoutMs,
    env,
    ...(options.transport === "emulated" ? { emulatorFetch: deps.emulator.fetch, ...(options.scope ? { scope: options.scope } : {}) } : {}),
  });
  const startedAt = options.transport === "emulated" ? deps.emulator.now() : Date.now();
  const t0 = performance.now();
  let response: OpenAI.Responses.Response;
  let requestId: string | null = null;
  try {
    const sent = await client.responses.create(built.value.body as ResponseCreateParamsNonStreaming, options.signal ? { signal: options.signal } : {}).withResponse();
    response = sent.data;
    requestId = sent.request_id ?? sent.response.headers.get("x-request-id");
  } catch (e) {
    return err(failure(e, options.transport, env));
  }
  const latencyMs = performance.now() - t0;
  const decoded = decodeUsage(response.usage ?? {}, { vendor: "openai-responses", prices: built.value.prices });
  if (!decoded.ok) return err({ code: "provider:bad_response", message: `OpenAI's usage could not be read: ${decoded.error.message}` });
  return ok({
    target: "openai",
    transport: options.transport,
    modelId: built.value.modelId,
    responseId: response.id,
    requestId,
    rawUsage: response.usage,
    usage: decoded.value.usage,
    cost: decoded.value.cost!,
    prices: built.value.prices,
    formula: decoded.value.formula,
    startedAt,
    latencyMs,
    text: response.output_text ?? "",
    notes: built.value.notes,
    breakpoints: built.value.breakpoints,
  });
}
