// The standalone emulator (docs/design.md §5 "Standalone server contract"): a Node http server in front of
// the same handler the in-process transport uses. Loopback by default; it keeps serving after bad input.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type Emulator, type EmulatorOptions, createEmulator } from "./transport";

export interface EmulatorServerOptions extends EmulatorOptions {
  port?: number;
  host?: string;
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

/** Reads the body, but past the limit only counts bytes, so an oversized upload still gets its 413. */
function readLimited(req: IncomingMessage, limit: number): Promise<{ body: Buffer; size: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () => resolve({ body: size <= limit ? Buffer.concat(chunks) : Buffer.alloc(0), size }));
    req.on("error", reject);
  });
}

async function serve(emulator: Emulator, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = emulator.now();
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  const { body, size } = await readLimited(req, emulator.options.maxBodyBytes);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "host" || name === "connection" || name === "transfer-encoding") continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  headers.set("content-length", String(size));
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const request = new Request(new URL(req.url ?? "/", base), { method, headers, body: hasBody ? new Uint8Array(body) : undefined, signal: abort.signal });

  let response: Response;
  try {
    response = await emulator.handle(request, { receivedAt });
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
  if (!response.body) {
    res.end();
    return;
  }
  try {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
    res.end();
  } catch {
    // A stream cut mid-way (fault injection): end the connection without the terminating chunk.
    res.destroy();
  }
}

export async function startEmulatorServer(options: EmulatorServerOptions = {}): Promise<EmulatorServer> {
  const { port = 0, host = "127.0.0.1", ...emulatorOptions } = options;
  const emulator = createEmulator(emulatorOptions);
  let base = "http://127.0.0.1";
  const server = createServer((req, res) => {
    serve(emulator, base, req, res).catch(() => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ type: "error", error: { type: "api_error", message: "Internal server error" }, request_id: null }));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
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
