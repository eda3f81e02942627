// /v1/responses over HTTP: route, auth, body, the engine, then JSON or SSE in the Responses API's shapes
// (the official `openai` SDK reads them unchanged: lib/emulator/vendors/openai/sdk.test.ts).
import { hashString } from "@/lib/cache/prefix";
import { type Fingerprint, type ResponsesOutcome, openaiId, runResponses } from "./engine";
import { OpenAIStore } from "./store";
import type { OpenAIError } from "./validate";

/** Requests larger than this are refused before parsing (the Claude API's limit; OpenAI publishes none for JSON bodies). */
const MAX_BODY_BYTES = 32 * 1024 * 1024;
/** How many responses' fingerprints diagnostics can compare against. */
const MAX_FINGERPRINTS = 10_000;
const RESPONSES_PATH = /\/v1\/responses$/;

export interface VendorContext {
  now: () => number;
  minCacheableTokens?: number;
}

function json(status: number, body: unknown, requestId: string): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "x-request-id": requestId } });
}

function errorJson(e: OpenAIError, requestId: string): Response {
  return json(e.status, { error: e.error }, requestId);
}

/** The Responses streaming events for one completed text response (https://developers.openai.com/api/reference/resources/responses/methods/create, stream). */
function sseEvents(outcome: Extract<ResponsesOutcome, { kind: "response" }>): Record<string, unknown>[] {
  const response = outcome.response;
  const pending = { ...response, status: "in_progress", output: [], usage: null, incomplete_details: null };
  const events: Record<string, unknown>[] = [
    { type: "response.created", response: pending },
    { type: "response.in_progress", response: pending },
  ];
  const output = response.output as { id: string; content: { text: string }[] }[];
  output.forEach((item, outputIndex) => {
    const text = item.content[0]?.text ?? "";
    events.push({ type: "response.output_item.added", output_index: outputIndex, item: { ...item, status: "in_progress", content: [] } });
    events.push({ type: "response.content_part.added", item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: "output_text", text: "", annotations: [], logprobs: [] } });
    for (const delta of text.match(/.{1,24}/gs) ?? []) {
      events.push({ type: "response.output_text.delta", item_id: item.id, output_index: outputIndex, content_index: 0, delta, logprobs: [] });
    }
    events.push({ type: "response.output_text.done", item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
    events.push({ type: "response.content_part.done", item_id: item.id, output_index: outputIndex, content_index: 0, part: { type: "output_text", text, annotations: [], logprobs: [] } });
    events.push({ type: "response.output_item.done", output_index: outputIndex, item });
  });
  events.push({ type: response.status === "incomplete" ? "response.incomplete" : "response.completed", response });
  return events.map((e, i) => ({ ...e, sequence_number: i }));
}

function sse(outcome: Extract<ResponsesOutcome, { kind: "response" }>, requestId: string): Response {
  const text = sseEvents(outcome)
    .map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`)
    .join("");
  return new Response(text, { status: 200, headers: { "content-type": "text/event-stream; charset=utf-8", "x-request-id": requestId } });
}

export class OpenAIResponsesEmulator {
  private store = new OpenAIStore();
  private readonly fingerprints = new Map<string, Fingerprint>();
  private serial = 0;

  constructor(private readonly ctx: VendorContext) {}

  reset(): void {
    this.store = new OpenAIStore();
    this.fingerprints.clear();
  }

  /** Live entries, newest first (what `GET /_emulator/cache` would list for OpenAI). */
  entries() {
    return this.store.list(this.ctx.now());
  }

  matches(url: URL): boolean {
    return RESPONSES_PATH.test(url.pathname);
  }

  async handle(request: Request): Promise<Response> {
    const serial = ++this.serial;
    const requestId = openaiId("req", serial);
    const fail = (status: OpenAIError["status"], message: string, code: string | null = null) =>
      errorJson({ status, error: { message, type: "invalid_request_error", param: null, code } }, requestId);
    if (request.method !== "POST") return fail(404, `Invalid URL (${request.method} ${new URL(request.url).pathname})`);
    const auth = /^Bearer\s+(\S.*)$/i.exec(request.headers.get("authorization") ?? "");
    if (!auth) return fail(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).");
    const buf = await request.arrayBuffer();
    if (buf.byteLength > MAX_BODY_BYTES) return fail(413, "The request body is too large.", "request_too_large");
    let body: unknown;
    try {
      body = JSON.parse(new TextDecoder().decode(buf));
    } catch {
      return fail(400, "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)");
    }
    // Caches are not shared across organizations (the guide, "Cache location"): the organization header, else the key.
    const organization = request.headers.get("openai-organization");
    const scope = organization ? `openai:org:${organization}` : `openai:key:${hashString(`cachelab-scope|${auth[1]!.trim()}`).slice(0, 12)}`;
    const outcome = runResponses(
      { live: (key, now) => this.store.live(key, now), fingerprint: (id) => this.fingerprints.get(id) },
      {
        body,
        scope,
        responseId: openaiId("resp", serial),
        messageId: openaiId("msg", serial),
        now: this.ctx.now(),
        ...(this.ctx.minCacheableTokens !== undefined ? { minCacheableTokens: this.ctx.minCacheableTokens } : {}),
      },
    );
    if (outcome.kind === "error") return errorJson(outcome.error, requestId);
    this.store.apply(outcome.commit);
    this.fingerprints.set(String(outcome.response.id), outcome.fingerprint);
    if (this.fingerprints.size > MAX_FINGERPRINTS) this.fingerprints.delete(this.fingerprints.keys().next().value!);
    return outcome.stream ? sse(outcome, requestId) : json(200, outcome.response, requestId);
  }
}
