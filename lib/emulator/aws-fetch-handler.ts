// An AWS SDK v3 request handler over a fetch function, so the official @aws-sdk/client-bedrock-runtime talks
// to the in-process emulator (`emulator.fetch`) with no socket, as the Anthropic SDKs do through their `fetch`
// option. The SDK's own FetchHttpHandler always calls the global fetch; this one calls the fetch it is given.
// Everything above the transport (serialisation, SigV4 signing, event-stream decoding) stays the SDK's.
import { type HttpHandler, type HttpHandlerOptions, type HttpRequest, HttpResponse } from "@smithy/core/protocols";

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

function urlOf(request: HttpRequest): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value === null) search.append(key, "");
    else for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const query = search.toString();
  return `${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ""}${request.path}${query ? `?${query}` : ""}`;
}

/** An HttpHandler for the `requestHandler` option of any AWS SDK v3 client. */
export class FetchRequestHandler implements HttpHandler<Record<string, never>> {
  readonly metadata = { handlerProtocol: "fetch" };

  constructor(private readonly fetchFn: FetchLike) {}

  async handle(request: HttpRequest, options: HttpHandlerOptions = {}): Promise<{ response: HttpResponse }> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
    const body = request.body as BodyInit | null | undefined;
    const response = await this.fetchFn(urlOf(request), {
      method: request.method,
      headers,
      ...(body !== undefined && body !== null && request.method !== "GET" && request.method !== "HEAD" ? { body } : {}),
      ...(options.abortSignal ? { signal: options.abortSignal as AbortSignal } : {}),
    });
    const out: Record<string, string> = {};
    response.headers.forEach((value, name) => (out[name] = value));
    return { response: new HttpResponse({ statusCode: response.status, reason: response.statusText, headers: out, body: response.body ?? new ReadableStream() }) };
  }

  updateHttpClientConfig(): void {
    // Nothing to configure: the fetch function carries its own settings.
  }

  httpHandlerConfigs(): Record<string, never> {
    return {};
  }

  destroy(): void {
    // No connections to close.
  }
}
