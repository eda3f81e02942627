import "server-only";
// The Gemini explicit-caching target, run through the official SDK (@google/genai) (issue 13): emulated by
// default (the SDK's fetch is the emulator's Gemini API), live when the server's environment has
// GEMINI_API_KEY, which is read here and never leaves the server. A run finds its cache object (by a display
// name that names the cached prefix) among the live ones, creates it when there is none (the first run, or
// the first after it expired: a read does not extend it), then sends generateContent naming it. The bill of
// a run that created the object holds its creation at the input price and its storage for the whole ttl
// (lib/vendors/catalog.ts GEMINI: creationAtInputPrice, storageBilledForTtl), as lib/vendors/gemini-lifecycle.ts
// prices a series.
import { GoogleGenAI } from "@google/genai";
import type { Experiment } from "@/lib/cache/experiment-schema";
import { hashString } from "@/lib/cache/prefix";
import { type AppError, type Result, err, ok } from "@/lib/cache/result";
import { type Usd, tokens } from "@/lib/cache/units";
import type { Emulator } from "@/lib/emulator/transport";
import type { Transport } from "@/lib/runs/types";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { costWithoutCaching } from "@/lib/vendors/compare";
import { geminiWriteLifetime } from "@/lib/vendors/gemini-lifecycle";
import type { GeminiBody } from "@/lib/vendors/gemini-wire";
import { decodeUsage } from "@/lib/vendors/usage-decoder";
import { type NormalizedUsage, normalizedCost } from "@/lib/vendors/usage";
import { EMULATED_KEY, EMULATOR_ORIGIN } from "./clients";
import type { Env, LiveAvailability } from "./config";
import { codeForStatus } from "./errors";
import { redact } from "./redact";
import type { VendorRunRecord } from "./vendor-record";

export const GEMINI_KEY_VARIABLE = "GEMINI_API_KEY";
const DEFAULT_TIMEOUT_MS = { emulated: 30_000, live: 300_000 } as const;

const setting = (env: Env, name: string) => {
  const v = env[name];
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
};

export function geminiLiveAvailability(env: Env = process.env): LiveAvailability {
  return setting(env, GEMINI_KEY_VARIABLE)
    ? { configured: true, reason: null }
    : { configured: false, reason: `Set ${GEMINI_KEY_VARIABLE} in .env.local on the server to run on Gemini.` };
}

export interface GeminiRunOptions {
  transport: Transport;
  model?: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Emulated runs only: whose cache (one per browser, or per target of a comparison). */
  scope?: string;
}

export interface GeminiRunRecord extends VendorRunRecord<"gemini"> {
  /** The cache object the request named, and whether this run created it. */
  cacheName: string | null;
  created: boolean;
  /** The same request with no cache object: every prompt token at the input price, plus the output. */
  costWithoutCache: Usd;
}

function createGeminiClient(transport: Transport, options: { timeoutMs: number; emulatorFetch?: Emulator["fetch"]; scope?: string; env: Env }): GoogleGenAI {
  if (transport === "emulated") {
    if (!options.emulatorFetch) throw new Error("the emulated transport needs the emulator's fetch");
    const apiKey = options.scope ? `${EMULATED_KEY}-${options.scope}` : EMULATED_KEY;
    return new GoogleGenAI({ apiKey, httpOptions: { baseUrl: EMULATOR_ORIGIN, fetch: options.emulatorFetch, timeout: options.timeoutMs, retryOptions: { attempts: 1 } } });
  }
  const apiKey = setting(options.env, GEMINI_KEY_VARIABLE);
  if (!apiKey) throw new Error("not configured");
  return new GoogleGenAI({ apiKey, httpOptions: { timeout: options.timeoutMs } });
}

function failure(error: unknown, transport: Transport, env: Env): AppError {
  const where = transport === "emulated" ? "The emulator (Gemini)" : "Gemini";
  const secrets = [setting(env, GEMINI_KEY_VARIABLE)].filter((s): s is string => s !== undefined);
  // By shape, not class (lib/providers/errors.ts): the SDK's ApiError carries a numeric status.
  const status = typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" ? error.status : undefined;
  const said = redact(error instanceof Error ? error.message : String(error), secrets);
  if (status !== undefined) return { code: codeForStatus(status), status, message: `${where} answered ${status}: ${said}` };
  if (error instanceof Error && error.name === "AbortError") return { code: "provider:timeout", message: `${where} did not answer in time.` };
  return { code: "provider:error", message: `${where} failed: ${said}` };
}

/** Builds the Gemini target's two calls, finds or creates the cache object, sends the request, and records usage and cost. */
export async function runGeminiTarget(experiment: Experiment, options: GeminiRunOptions, deps: { emulator: Emulator; env?: Env }): Promise<Result<GeminiRunRecord>> {
  const env = deps.env ?? process.env;
  const built = buildTargetRequest(experiment, "gemini", options.model ? { model: options.model } : {});
  if (!built.ok) return built;
  if (options.transport === "live") {
    const live = geminiLiveAvailability(env);
    if (!live.configured) return err({ code: "provider:not_configured", message: live.reason! });
  }
  const body = built.value.body as GeminiBody;
  const prices = built.value.prices;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS[options.transport];
  const ai = createGeminiClient(options.transport, { timeoutMs, env, ...(options.transport === "emulated" ? { emulatorFetch: deps.emulator.fetch, ...(options.scope ? { scope: options.scope } : {}) } : {}) });
  const startedAt = options.transport === "emulated" ? deps.emulator.now() : Date.now();
  const t0 = performance.now();
  let cacheName: string | null = null;
  let created = false;
  let createdTokens = 0;
  try {
    if (body.createCache) {
      // The display name names the cached prefix, so a changed prefix never reads an old object.
      const displayName = `cachelab-${hashString(JSON.stringify(body.createCache))}`;
      for await (const c of await ai.caches.list()) {
        if (c.displayName === displayName && c.name) {
          cacheName = c.name;
          break;
        }
      }
      if (!cacheName) {
        const c = await ai.caches.create({ ...body.createCache, config: { ...body.createCache.config, displayName } });
        cacheName = c.name ?? null;
        created = true;
        createdTokens = c.usageMetadata?.totalTokenCount ?? built.value.cacheObject?.tokens ?? 0;
      }
    }
    const config = { ...body.generateContent.config, ...(cacheName ? { cachedContent: cacheName } : {}), ...(options.signal ? { abortSignal: options.signal } : {}) };
    if (!cacheName) delete config.cachedContent;
    const response = await ai.models.generateContent({ ...body.generateContent, config });
    const latencyMs = performance.now() - t0;
    const decoded = decodeUsage(response.usageMetadata ?? {}, { vendor: "gemini" });
    if (!decoded.ok) return err({ code: "provider:bad_response", message: `Gemini's usage could not be read: ${decoded.error.message}` });
    const request = decoded.value.usage;
    const ttlSeconds = built.value.cacheObject?.ttlSeconds ?? 0;
    const usage: NormalizedUsage = created
      ? { ...request, cacheWrite: { [geminiWriteLifetime(ttlSeconds)]: tokens(createdTokens) }, storageTokenHours: (createdTokens * ttlSeconds) / 3600 }
      : request;
    const cost = normalizedCost(usage, prices);
    return ok({
      target: "gemini",
      transport: options.transport,
      modelId: built.value.modelId,
      requestId: response.responseId ?? null,
      rawUsage: response.usageMetadata,
      usage,
      cost,
      prices,
      formula: [...decoded.value.formula, ...(created ? [`cache object created: ${createdTokens} tokens at the input price, stored ${ttlSeconds} s = ${createdTokens} × ${ttlSeconds / 3600} token-hours`] : [])],
      startedAt,
      latencyMs,
      text: response.text ?? "",
      notes: built.value.notes,
      breakpoints: built.value.breakpoints,
      cacheName,
      created,
      costWithoutCache: costWithoutCaching(request, prices),
    });
  } catch (e) {
    return err(failure(e, options.transport, env));
  }
}
