// The control endpoints of the standalone server contract (docs/design.md §5): clock, reset, cache, faults,
// plus per-request traces for the run explainer. Served in-process too, under the same paths.
import type { CacheEntry } from "./engine";
import { type Fault, parseFaults } from "./faults";
import type { Emulator } from "./transport";
import { jsonResponse } from "./wire/render";

const iso = (ms: number) => new Date(ms).toISOString();

function badRequest(message: string): Response {
  return jsonResponse(400, { type: "error", error: { type: "invalid_request_error", message }, request_id: null });
}

export function entryJson(e: CacheEntry, now: number) {
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

async function jsonBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  return JSON.parse(text);
}

export async function handleControl(emulator: Emulator, request: Request, url: URL): Promise<Response | null> {
  if (!url.pathname.startsWith("/_emulator/")) return null;
  const route = `${request.method} ${url.pathname.replace(/\/$/, "")}`;
  let body: unknown = {};
  if (request.method === "POST") {
    try {
      body = await jsonBody(request);
    } catch {
      return badRequest("body: not valid JSON");
    }
  }
  switch (route) {
    case "GET /_emulator/clock":
      return jsonResponse(200, { now: iso(emulator.now()) });
    case "POST /_emulator/clock": {
      const b = body as { advance_seconds?: unknown; advance_ms?: unknown; seconds?: unknown };
      const seconds = b.advance_seconds ?? b.seconds ?? (typeof b.advance_ms === "number" ? b.advance_ms / 1000 : undefined);
      if (typeof seconds !== "number" || !Number.isFinite(seconds) || seconds < 0) {
        return badRequest("advance_seconds: must be a non-negative number of seconds");
      }
      return jsonResponse(200, { now: iso(emulator.advanceClock(seconds)) });
    }
    case "POST /_emulator/reset":
      emulator.reset();
      return jsonResponse(200, { ok: true, now: iso(emulator.now()) });
    case "GET /_emulator/cache": {
      const now = emulator.now();
      return jsonResponse(200, { now: iso(now), entries: emulator.entries().map((e) => entryJson(e, now)) });
    }
    case "GET /_emulator/faults":
      return jsonResponse(200, { faults: emulator.faults() });
    case "DELETE /_emulator/faults":
      emulator.clearFaults();
      return jsonResponse(200, { faults: [] });
    case "POST /_emulator/faults": {
      const list = Array.isArray(body) ? body : Array.isArray((body as { faults?: unknown }).faults) ? (body as { faults: unknown[] }).faults : [body];
      const faults: Fault[] = [];
      for (let i = 0; i < list.length; i++) {
        const parsed = parseFaults(list[i]);
        if (typeof parsed === "string") return badRequest(`faults.${i}.${parsed}`);
        faults.push(...parsed);
      }
      for (const f of faults) emulator.queueFault(f);
      return jsonResponse(200, { queued: faults.length, faults: emulator.faults() });
    }
    case "GET /_emulator/traces":
      return jsonResponse(200, { traces: emulator.traces().map((t) => t.requestId) });
    default: {
      const trace = /^GET \/_emulator\/traces\/([^/]+)$/.exec(route);
      if (trace) {
        const t = emulator.trace(decodeURIComponent(trace[1]!));
        return t ? jsonResponse(200, t) : jsonResponse(404, { type: "error", error: { type: "not_found_error", message: `trace: ${trace[1]}` }, request_id: null });
      }
      return jsonResponse(404, { type: "error", error: { type: "not_found_error", message: `Not found: ${route}` }, request_id: null });
    }
  }
}
