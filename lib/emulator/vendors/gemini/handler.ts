// The Gemini API's explicit caching over HTTP (issue 13.1): the cachedContents resource (create, get, list,
// patch, delete) and models/{model}:generateContent / :streamGenerateContent naming one in `cachedContent`,
// in the shapes the official SDK (@google/genai) reads (lib/emulator/vendors/gemini/sdk.test.ts). The rules are
// lib/vendors/catalog.ts GEMINI's, with its sources; sizes are lib/vendors/gemini-prefix.ts's, the one estimate
// the Gemini target's preview uses. Implicit caching is best effort ("possible, not promised"): the emulator
// never grants an implicit hit, so cachedContentTokenCount comes only from a named cache object.
import { hashString } from "@/lib/cache/prefix";
import { GEMINI, findGeminiModel } from "@/lib/vendors/catalog";
import { GEMINI_REQUEST_OVERHEAD_TOKENS, cachedPartTokens, contentTokens, normalizeContents } from "@/lib/vendors/gemini-prefix";
import { parseTtl } from "@/lib/vendors/gemini-wire";
import { estimateTextTokens } from "@/lib/cache/tokens";
import type { VendorContext } from "../openai/handler";

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const CACHES = /^\/v1beta\/cachedContents(?:\/([A-Za-z0-9_-]+))?$/;
const GENERATE = /^\/v1beta\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

type Status = "INVALID_ARGUMENT" | "NOT_FOUND" | "PERMISSION_DENIED" | "UNAUTHENTICATED";
const CODES: Record<Status, number> = { INVALID_ARGUMENT: 400, UNAUTHENTICATED: 401, PERMISSION_DENIED: 403, NOT_FOUND: 404 };

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=UTF-8" } });
}

/** Google's error shape: {"error": {"code", "message", "status"}}. */
function fail(status: Status, message: string): Response {
  return json(CODES[status], { error: { code: CODES[status], message, status } });
}

export interface CacheObject {
  name: string;
  /** "models/gemini-2.5-flash". */
  model: string;
  displayName?: string;
  tokens: number;
  createTime: number;
  updateTime: number;
  expireTime: number;
  /** Whose key created it: caches are per project (key), never shared. */
  owner: string;
  /** generateContent requests that named it (the emulator's cache listing shows them). */
  hits: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class GeminiEmulator {
  private caches = new Map<string, CacheObject>();
  private serial = 0;

  constructor(private readonly ctx: VendorContext) {}

  reset(): void {
    this.caches.clear();
  }

  matches(url: URL): boolean {
    return CACHES.test(url.pathname) || GENERATE.test(url.pathname);
  }

  /** The live cache objects (expired ones are gone, as on the API). */
  list(now = this.ctx.now()): CacheObject[] {
    for (const [name, c] of this.caches) if (c.expireTime <= now) this.caches.delete(name);
    return [...this.caches.values()];
  }

  private view(c: CacheObject): Json {
    return {
      name: c.name,
      model: c.model,
      ...(c.displayName ? { displayName: c.displayName } : {}),
      createTime: iso(c.createTime),
      updateTime: iso(c.updateTime),
      expireTime: iso(c.expireTime),
      usageMetadata: { totalTokenCount: c.tokens },
    };
  }

  private find(name: string, owner: string): CacheObject | undefined {
    const c = this.list().find((x) => x.name === name);
    return c && c.owner === owner ? c : undefined;
  }

  async handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const key = request.headers.get("x-goog-api-key") ?? url.searchParams.get("key");
    if (!key) return fail("PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
    const owner = `gemini:${hashString(`cachelab-scope|${key}`).slice(0, 12)}`;
    let body: Json = {};
    if (request.method === "POST" || request.method === "PATCH") {
      const buf = await request.arrayBuffer();
      if (buf.byteLength > MAX_BODY_BYTES) return fail("INVALID_ARGUMENT", "Request payload size exceeds the limit: 20971520 bytes.");
      try {
        const parsed: unknown = JSON.parse(new TextDecoder().decode(buf) || "{}");
        if (!isObject(parsed)) return fail("INVALID_ARGUMENT", "Invalid JSON payload received. Expected an object.");
        body = parsed;
      } catch {
        return fail("INVALID_ARGUMENT", "Invalid JSON payload received. Unexpected token.");
      }
    }
    const generate = GENERATE.exec(url.pathname);
    if (generate) {
      if (request.method !== "POST") return fail("NOT_FOUND", `Method ${request.method} is not allowed here.`);
      return this.generate(generate[1]!, generate[2] === "streamGenerateContent", body, owner);
    }
    const id = CACHES.exec(url.pathname)![1];
    const name = id ? `cachedContents/${id}` : undefined;
    if (!name) {
      if (request.method === "POST") return this.create(body, owner);
      if (request.method === "GET") return json(200, { cachedContents: this.list().filter((c) => c.owner === owner).map((c) => this.view(c)) });
      return fail("NOT_FOUND", `Method ${request.method} is not allowed on cachedContents.`);
    }
    const cache = this.find(name, owner);
    // An expired, deleted or foreign cache reads as one that does not exist.
    if (!cache) return fail("PERMISSION_DENIED", "CachedContent not found (or permission denied)");
    if (request.method === "GET") return json(200, this.view(cache));
    if (request.method === "DELETE") {
      this.caches.delete(name);
      return json(200, {});
    }
    if (request.method === "PATCH") {
      const expire = this.expiry(body);
      if (typeof expire === "string") return fail("INVALID_ARGUMENT", expire);
      const now = this.ctx.now();
      cache.expireTime = expire ?? cache.expireTime;
      cache.updateTime = now;
      return json(200, this.view(cache));
    }
    return fail("NOT_FOUND", `Method ${request.method} is not allowed on a cached content.`);
  }

  /** `ttl` ("300s") or `expireTime` (RFC 3339) → the expiry in virtual ms; undefined when neither is set; a string is the error. */
  private expiry(body: Json): number | undefined | string {
    const now = this.ctx.now();
    if (body.ttl !== undefined && body.expireTime !== undefined) return "Only one of ttl and expire_time may be set.";
    if (body.ttl !== undefined) {
      const seconds = typeof body.ttl === "string" ? parseTtl(body.ttl) : null;
      if (seconds === null || seconds <= 0) return `Invalid value for ttl: ${JSON.stringify(body.ttl)}; a duration in seconds such as "300s".`;
      return now + seconds * 1000;
    }
    if (body.expireTime !== undefined) {
      const at = typeof body.expireTime === "string" ? Date.parse(body.expireTime) : NaN;
      if (!Number.isFinite(at) || at <= now) return `Invalid value for expire_time: ${JSON.stringify(body.expireTime)}; a future RFC 3339 time.`;
      return at;
    }
    return undefined;
  }

  private create(body: Json, owner: string): Response {
    const model = typeof body.model === "string" ? body.model : "";
    const facts = findGeminiModel(model.replace(/^models\//, ""));
    if (!model) return fail("INVALID_ARGUMENT", "* CreateCachedContentRequest.cached_content.model: model is required.");
    if (!facts) return fail("NOT_FOUND", `${model} is not found for API version v1beta, or is not supported for createCachedContent.`);
    const expire = this.expiry(body);
    if (typeof expire === "string") return fail("INVALID_ARGUMENT", expire);
    const tokens = cachedPartTokens({ systemInstruction: body.systemInstruction, tools: body.tools, contents: body.contents });
    const min = this.ctx.minCacheableTokens ?? facts.minCacheableTokens.value;
    if (tokens < min) return fail("INVALID_ARGUMENT", GEMINI.tooSmallMessage.value.replace("{total}", String(tokens)).replace("{min}", String(min)));
    const now = this.ctx.now();
    const serial = ++this.serial;
    const name = `cachedContents/${hashString(`cachelab-gemini|${serial}`).slice(0, 12)}${serial.toString(36)}`;
    const cache: CacheObject = {
      name,
      model: `models/${facts.id}`,
      ...(typeof body.displayName === "string" ? { displayName: body.displayName } : {}),
      tokens,
      createTime: now,
      updateTime: now,
      expireTime: expire ?? now + GEMINI.defaultTtlSeconds.value * 1000,
      owner,
      hits: 0,
    };
    this.caches.set(name, cache);
    return json(200, this.view(cache));
  }

  private generate(modelName: string, stream: boolean, body: Json, owner: string): Response {
    const facts = findGeminiModel(modelName);
    if (!facts) return fail("NOT_FOUND", `models/${modelName} is not found for API version v1beta, or is not supported for generateContent.`);
    const contents = normalizeContents(body.contents);
    if (contents.length === 0) return fail("INVALID_ARGUMENT", "* GenerateContentRequest.contents: contents is not specified");
    let cached = 0;
    if (body.cachedContent !== undefined) {
      if (body.systemInstruction !== undefined || body.tools !== undefined || body.toolConfig !== undefined) {
        return fail("INVALID_ARGUMENT", GEMINI.cachedRequestRefusesSystemAndTools.value);
      }
      const cache = typeof body.cachedContent === "string" ? this.find(body.cachedContent, owner) : undefined;
      if (!cache) return fail("PERMISSION_DENIED", "CachedContent not found (or permission denied)");
      if (cache.model !== `models/${facts.id}`) {
        return fail("INVALID_ARGUMENT", `Model used by GenerateContent request (models/${facts.id}) and CachedContent (${cache.model}) has to be the same.`);
      }
      cached = cache.tokens;
      cache.hits++;
    }
    const own = contents.reduce((s, c) => s + contentTokens(c), 0) + (body.cachedContent === undefined ? cachedPartTokens({ systemInstruction: body.systemInstruction, tools: body.tools }) : 0);
    const prompt = GEMINI_REQUEST_OVERHEAD_TOKENS + cached + own;
    const text = `CacheLab emulator: ${prompt} prompt tokens, ${cached} of them from the cached content.`;
    const limit = isObject(body.generationConfig) && typeof body.generationConfig.maxOutputTokens === "number" ? body.generationConfig.maxOutputTokens : Infinity;
    const output = Math.min(estimateTextTokens(text), limit);
    const serial = ++this.serial;
    const usageMetadata = {
      // promptTokenCount includes cachedContentTokenCount (GEMINI.cachedInsidePrompt).
      promptTokenCount: prompt,
      candidatesTokenCount: output,
      totalTokenCount: prompt + output,
      ...(cached > 0 ? { cachedContentTokenCount: cached, cacheTokensDetails: [{ modality: "TEXT", tokenCount: cached }] } : {}),
      promptTokensDetails: [{ modality: "TEXT", tokenCount: prompt }],
    };
    const response = {
      candidates: [{ content: { role: "model", parts: [{ text }] }, finishReason: output < estimateTextTokens(text) ? "MAX_TOKENS" : "STOP", index: 0 }],
      usageMetadata,
      modelVersion: facts.id,
      responseId: hashString(`cachelab-gemini-response|${serial}`).slice(0, 22),
    };
    if (!stream) return json(200, response);
    // ?alt=sse: each chunk a GenerateContentResponse; the last carries the finish reason and the usage.
    const chunks = [
      { candidates: [{ content: { role: "model", parts: [{ text: text.slice(0, 24) }] }, index: 0 }], usageMetadata: { promptTokenCount: prompt }, modelVersion: facts.id, responseId: response.responseId },
      { ...response, candidates: [{ ...response.candidates[0]!, content: { role: "model", parts: [{ text: text.slice(24) }] } }] },
    ];
    return new Response(chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join(""), { status: 200, headers: { "content-type": "text/event-stream" } });
  }
}
