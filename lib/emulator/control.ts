// The control endpoints of the standalone server contract (docs/design.md §5): clock, reset, cache,
// faults, plus per-request traces for the run explainer. Served in-process too, under the same paths.
// They change the emulator's state, so a web page the developer happens to visit must not reach them:
// a request with a foreign Origin is refused, and so is a body that is not JSON (a cross-site form or
// a `no-cors` fetch can only send text/plain, form or multipart bodies). Bodies are small and capped.
import type { CacheEntry } from "./engine";
import { parseFaultRequest } from "./faults";
import type { Emulator } from "./transport";
import { type CacheEntryJson, vendorEntriesJson } from "./vendors/entries";
import { jsonResponse } from "./wire/render";

/** Largest control request body: a clock advance or a list of faults fits in far less. */
export const CONTROL_MAX_BODY_BYTES = 64 * 1024;
export const CONTROL_PREFIX = "/_emulator/";

const iso = (ms: number) => new Date(ms).toISOString();

function controlError(status: number, type: string, message: string): Response {
  return jsonResponse(status, { type: "error", error: { type, message }, request_id: null });
}
const badRequest = (message: string) => controlError(400, "invalid_request_error", message);

export function entryJson(e: CacheEntry, now: number): CacheEntryJson {
  return {
    scope: e.scope,
    provider: e.provider,
    model: e.model,
    prefix_hash: e.prefixHash,
    position: e.position,
    path: e.path,
    tokens: e.tokens,
    ttl: e.ttl,
    created_at: iso(e.createdAt),
    last_used_at: iso(e.lastUsedAt),
    expires_at: iso(e.expiresAt),
    expires_in_seconds: Math.max(0, Math.round((e.expiresAt - now) / 1000)),
    visible: e.visibleAt <= now,
    hits: e.hits,
    written_by: e.writtenBy,
  };
}

const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Whether a browser page at `origin` is this server itself (or the same port on another loopback name). */
function isOwnOrigin(origin: string, url: URL): boolean {
  let page: URL;
  try {
    page = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file: pages) and anything unparsable
  }
  if (page.origin === url.origin) return true;
  return page.protocol === url.protocol && page.port === url.port && LOOPBACK_HOSTS.test(page.hostname) && LOOPBACK_HOSTS.test(url.hostname);
}

const isJsonType = (contentType: string) => /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(contentType.trim());

/** Refuses what a cross-site page could send: a foreign Origin, a non-JSON body, an oversized body. */
function refuseUnsafe(request: Request, url: URL): Response | null {
  const origin = request.headers.get("origin");
  if (origin !== null && !isOwnOrigin(origin, url)) {
    return controlError(403, "permission_error", `The emulator's control endpoints do not accept requests from a web page (Origin: ${origin.slice(0, 100)}).`);
  }
  if (request.method === "GET" || request.method === "HEAD") return null;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (Number.isFinite(declared) && declared > CONTROL_MAX_BODY_BYTES) {
    return controlError(413, "request_too_large", `Control request bodies are limited to ${CONTROL_MAX_BODY_BYTES} bytes.`);
  }
  const type = request.headers.get("content-type");
  const hasBody = request.body !== null && declared !== 0;
  if ((type !== null && !isJsonType(type)) || (type === null && hasBody)) {
    return controlError(415, "invalid_request_error", `content-type: send the body as application/json${type ? `, not ${type.slice(0, 100)}` : ""}.`);
  }
  return null;
}

type Body = { ok: true; value: unknown } | { ok: false; response: Response };

async function jsonBody(request: Request): Promise<Body> {
  const buf = await request.arrayBuffer();
  if (buf.byteLength > CONTROL_MAX_BODY_BYTES) {
    return { ok: false, response: controlError(413, "request_too_large", `Control request bodies are limited to ${CONTROL_MAX_BODY_BYTES} bytes.`) };
  }
  const text = new TextDecoder().decode(buf);
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false, response: badRequest("body: not valid JSON") };
  }
}

const field = (body: unknown, name: string): unknown => (typeof body === "object" && body !== null && name in body ? Reflect.get(body, name) : undefined);

function advanceClock(emulator: Emulator, body: unknown): Response {
  const ms = field(body, "advance_ms");
  const seconds = field(body, "advance_seconds") ?? field(body, "seconds") ?? (typeof ms === "number" ? ms / 1000 : undefined);
  if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) return badRequest("advance_seconds: must be a non-negative number of seconds");
  return jsonResponse(200, { now: iso(emulator.advanceClock(seconds)) });
}

function listCache(emulator: Emulator, url: URL): Response {
  const now = emulator.now();
  const limitParam = url.searchParams.get("limit");
  const limit = limitParam === null ? Number.POSITIVE_INFINITY : Number(limitParam);
  if (!(limit >= 0)) return badRequest("limit: must be a non-negative number");
  // Every vendor's live entries: Claude's (Bedrock Converse's among them), then OpenAI's and Gemini's
  // cache objects. stored, max_entries and evicted are the Claude store's.
  const live = [...emulator.entries().map((e) => entryJson(e, now)), ...vendorEntriesJson(emulator.vendors, now)];
  const stats = emulator.cacheStats();
  return jsonResponse(200, {
    now: iso(now),
    count: live.length,
    stored: stats.stored,
    max_entries: stats.maxEntries,
    evicted: stats.evicted,
    entries: live.slice(0, limit),
  });
}

function queueFaults(emulator: Emulator, body: unknown): Response {
  const specs = parseFaultRequest(body);
  if (!specs.ok) return badRequest(specs.error);
  const queued = emulator.queueFaults(specs.value);
  if (!queued.ok) return badRequest(queued.error);
  return jsonResponse(200, { queued: queued.value, faults: emulator.faults() });
}

export async function handleControl(emulator: Emulator, request: Request, url: URL): Promise<Response | null> {
  if (!url.pathname.startsWith(CONTROL_PREFIX)) return null;
  const refused = refuseUnsafe(request, url);
  if (refused) return refused;
  const route = `${request.method} ${url.pathname.replace(/\/$/, "")}`;
  let body: unknown = {};
  if (request.method === "POST") {
    const read = await jsonBody(request);
    if (!read.ok) return read.response;
    body = read.value;
  }
  switch (route) {
    case "GET /_emulator/clock":
      return jsonResponse(200, { now: iso(emulator.now()) });
    case "POST /_emulator/clock":
      return advanceClock(emulator, body);
    case "POST /_emulator/reset":
      emulator.reset();
      return jsonResponse(200, { ok: true, now: iso(emulator.now()) });
    case "GET /_emulator/cache":
      return listCache(emulator, url);
    case "GET /_emulator/faults":
      return jsonResponse(200, { faults: emulator.faults() });
    case "DELETE /_emulator/faults":
      emulator.clearFaults();
      return jsonResponse(200, { faults: [] });
    case "POST /_emulator/faults":
      return queueFaults(emulator, body);
    case "GET /_emulator/traces":
      return jsonResponse(200, { traces: emulator.traces().map((t) => t.requestId) });
    default: {
      const trace = /^GET \/_emulator\/traces\/([^/]+)$/.exec(route);
      if (trace) {
        const t = emulator.trace(decodeURIComponent(trace[1]!));
        return t ? jsonResponse(200, t) : controlError(404, "not_found_error", `trace: ${trace[1]}`);
      }
      return controlError(404, "not_found_error", `Not found: ${route}`);
    }
  }
}
