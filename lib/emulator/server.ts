// The standalone emulator (docs/design.md §5 "Standalone server contract"): a Node http server in front of
// the same handler the in-process transport uses. Loopback by default; it keeps serving after bad input,
// and slow or idle clients cannot hold its sockets: headers, bodies and idle connections have time
// limits, and the number of open connections is capped.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { CONTROL_MAX_BODY_BYTES, CONTROL_PREFIX } from "./control";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./ratelimit";
import { type Emulator, type EmulatorOptions, createEmulator } from "./transport";

export interface ServerLimits {
  /** All request headers must arrive within this (default 10 s). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this (default 60 s). */
  requestTimeoutMs: number;
  /** A request body may pause this long between bytes (default 10 s). */
  bodyIdleTimeoutMs: number;
  /** An idle keep-alive connection is closed after this (default 5 s). */
  idleTimeoutMs: number;
  /** Open connections beyond this are closed at once (default 512). */
  maxConnections: number;
}

const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  bodyIdleTimeoutMs: 10_000,
  idleTimeoutMs: 5_000,
  maxConnections: 512,
};

export interface EmulatorServerOptions extends EmulatorOptions, Partial<ServerLimits> {
  port?: number;
  host?: string;
  /**
   * As EmulatorOptions', but on by default over HTTP (DEFAULT_RATE_LIMITS): a client tested against
   * `cachelab emulate` meets the API's `anthropic-ratelimit-*` headers and its 429 (issue 10.8).
   */
  rateLimits?: RateLimits | null;
}

export interface EmulatorServer {
  url: string;
  host: string;
  port: number;
  emulator: Emulator;
  server: Server;
  close: () => Promise<void>;
}

const STATUS_TEXT: Record<number, string> = { 529: "Overloaded" };

/**
 * Reads the body, but past the limit only counts bytes, so an oversized upload still gets its 413.
 * A body that stalls for `idleMs` fails (the socket is closed).
 */
function readLimited(req: IncomingMessage, limit: number, idleMs: number): Promise<{ body: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.setTimeout(idleMs, () => {
      req.socket.destroy();
      reject(new Error("request body timed out"));
    });
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => {
      req.setTimeout(0);
      resolve({ body: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size });
    });
    req.on("error", reject);
  });
}

function toRequest(req: IncomingMessage, url: URL, body: Buffer, size: number, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "host" || name === "connection" || name === "transfer-encoding") continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set("content-length", String(size));
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  return new Request(url, { method, headers, body: hasBody ? new Uint8Array(body) : undefined, signal });
}

/**
 * Writes a response body. When the body fails mid-way (an injected stream cut), what was written is
 * flushed first and then the connection is closed without the terminating chunk, so the client
 * receives the frames before the cut and then a broken transfer, as from a real network failure.
 */
async function writeBody(res: ServerResponse, body: ReadableStream<Uint8Array>): Promise<void> {
  let flushed: Promise<void> = Promise.resolve();
  const reader = body.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      const chunk = next.value;
      flushed = new Promise((resolve) => res.write(chunk, () => resolve()));
      if (res.writableNeedDrain) {
        await new Promise((resolve) => {
          res.once("drain", resolve);
          res.once("close", resolve);
        });
      }
    }
    res.end();
  } catch {
    await flushed;
    const socket = res.socket;
    if (!socket) return;
    socket.end();
    setTimeout(() => socket.destroy(), 1_000).unref();
  }
}

async function serve(emulator: Emulator, base: string, limits: ServerLimits, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = emulator.now();
  req.socket.setTimeout(0);
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const url = new URL(req.url ?? "/", base);
  const limit = url.pathname.startsWith(CONTROL_PREFIX) ? CONTROL_MAX_BODY_BYTES : emulator.options.maxBodyBytes;
  const { body, size } = await readLimited(req, limit, limits.bodyIdleTimeoutMs);

  let response: Response;
  try {
    response = await emulator.handle(toRequest(req, url, body, size, abort.signal), { receivedAt });
  } catch {
    // An injected connection error, or the client went away: drop the connection.
    req.socket.destroy();
    return;
  }
  const outHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    outHeaders[name] = value;
  });
  // Node has no reason phrase for 529; say what Anthropic's status means rather than "unknown".
  const reason = response.statusText || STATUS_TEXT[response.status];
  if (reason) res.writeHead(response.status, reason, outHeaders);
  else res.writeHead(response.status, outHeaders);
  if (!response.body) res.end();
  else await writeBody(res, response.body);
}

export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { port = 0, host = "127.0.0.1", headersTimeoutMs, requestTimeoutMs, bodyIdleTimeoutMs, idleTimeoutMs, maxConnections, ...emulatorOptions } = options;
  const limits: ServerLimits = {
    headersTimeoutMs: headersTimeoutMs ?? DEFAULT_SERVER_LIMITS.headersTimeoutMs,
    requestTimeoutMs: requestTimeoutMs ?? DEFAULT_SERVER_LIMITS.requestTimeoutMs,
    bodyIdleTimeoutMs: bodyIdleTimeoutMs ?? DEFAULT_SERVER_LIMITS.bodyIdleTimeoutMs,
    idleTimeoutMs: idleTimeoutMs ?? DEFAULT_SERVER_LIMITS.idleTimeoutMs,
    maxConnections: maxConnections ?? DEFAULT_SERVER_LIMITS.maxConnections,
  };
  const emulator = createEmulator({ ...emulatorOptions, rateLimits: emulatorOptions.rateLimits === undefined ? DEFAULT_RATE_LIMITS : emulatorOptions.rateLimits });
  let base = "http://127.0.0.1";
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.idleTimeoutMs,
      // Node checks the header and request deadlines on this interval (30 s by default).
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
    (req, res) => {
      serve(emulator, base, limits, req, res).catch(() => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: "Internal server error" }, request_id: null }));
        } else res.destroy();
      });
    },
  );
  server.maxConnections = limits.maxConnections;
  // Node's header deadline starts with the first byte: a connection that sends nothing at all is
  // closed after the same time. A request turns this off; Node sets its keep-alive timer after it.
  server.on("connection", (socket) => socket.setTimeout(limits.headersTimeoutMs, () => socket.destroy()));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error(`the emulator is not listening on a TCP port (${String(address)})`);
  const shownHost = address.family === "IPv6" || host.includes(":") ? `[${address.address}]` : host;
  const url = `http://${shownHost}:${address.port}`;
  base = url;
  return {
    url,
    host,
    port: address.port,
    emulator,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
