import "server-only";
// What the server entry (server/main.mjs) does with each request before Next.js sees it
// (docs/security.md): read the client from the socket, drop proxy headers no trusted proxy wrote,
// add the anti-framing headers, and for a server action check the method, type, size, budget and
// access, then the JSON's depth and size, all before Next decodes a byte. What it learned travels
// to the action in an AsyncLocalStorage record (request-context.ts), never in a header.
import { IncomingMessage, type ServerResponse } from "node:http";
import { type Refusal, BODY_MESSAGES, MAX_UNGRANTED_BODY_BYTES, checkActionBody, checkDeclaredLength, isActionContentType } from "./action-body";
import type { Env } from "./config";
import { ACCESS_COOKIE, accessFor, takeRequestBudget } from "./guard";
import { PROXY_HEADERS, type TrustedProxies, isLoopbackHost, normalizeAddress, resolvePeer, trustedProxies } from "./peer";
import { type RequestContext, cookieValue, requestStorage } from "./request-context";
import { redact } from "./redact";
import { SECURITY_HEADERS } from "./http-policy";

export { requestStorage };

/** Why the server must not start with these settings, or null. Binding beyond loopback needs a token. */
export function refuseToStart(host: string, env: Env): string | null {
  const token = env.CACHELAB_ACCESS_TOKEN?.trim();
  const proxies = trustedProxies(env);
  if (proxies.invalid.length > 0) return `CACHELAB_TRUSTED_PROXIES holds ${proxies.invalid.map((e) => JSON.stringify(e)).join(", ")}, which is not an address or a CIDR range.`;
  if (token) return null;
  if (!isLoopbackHost(host)) {
    return `CacheLab refuses to listen on ${host} without CACHELAB_ACCESS_TOKEN: anyone who can reach that address could run live requests on your keys. Set CACHELAB_ACCESS_TOKEN (in .env.local), or listen on 127.0.0.1.`;
  }
  if ((env.CACHELAB_TRUSTED_PROXIES ?? "").trim() !== "") {
    return "CACHELAB_TRUSTED_PROXIES is set, so visitors come through a proxy and are not this machine: set CACHELAB_ACCESS_TOKEN too.";
  }
  return null;
}

/** An unexpected error's text for the server's log, scrubbed of every configured secret. */
export function failureText(error: unknown): string {
  return redact(error instanceof Error ? error.message : String(error));
}

export interface Gate {
  /** null when the request was answered here (refused); else the context and, for an action, its body. */
  admit(req: IncomingMessage, res: ServerResponse): Promise<{ ctx: RequestContext; req: IncomingMessage } | null>;
}

function refuse(res: ServerResponse, refusal: Refusal): null {
  if (res.headersSent) return null;
  res.statusCode = refusal.status;
  // Exactly "text/plain": Next's client then shows this text as the action's error.
  res.setHeader("content-type", "text/plain");
  res.setHeader("cache-control", "no-store");
  if (refusal.retryAfterSeconds !== undefined) res.setHeader("retry-after", String(refusal.retryAfterSeconds));
  // The body may be unread (a 411/413): close rather than parse what follows as a next request.
  res.setHeader("connection", "close");
  res.end(refusal.message);
  return null;
}

function clearAccessCookie(res: ServerResponse, secure: boolean) {
  res.appendHeader("set-cookie", `${ACCESS_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict${secure ? "; Secure" : ""}`);
}

/** The request again, with its body already read: Next reads it from here as from the socket. */
function withBody(req: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.headers = req.headers;
  copy.rawHeaders = req.rawHeaders;
  // As the HTTP parser marks a request read to its end; otherwise, once Next has read the body,
  // Node takes the stream for aborted and destroys the shared socket before the answer is sent.
  copy.complete = true;
  copy.push(body);
  copy.push(null);
  return copy;
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve(null));
    req.on("close", () => resolve(null));
  });
}

export function createGate(env: Env): Gate {
  const trusted: TrustedProxies = trustedProxies(env);
  return {
    async admit(req, res) {
      const peer = resolvePeer({ remoteAddress: req.socket.remoteAddress, encrypted: "encrypted" in req.socket && req.socket.encrypted === true, headers: req.headers }, trusted);
      const socketAddress = req.socket.remoteAddress ? normalizeAddress(req.socket.remoteAddress) : "";
      // Next.js fills in X-Forwarded-* from the socket when they are absent; keep only a trusted proxy's.
      if (!trusted.has(socketAddress)) for (const name of PROXY_HEADERS) delete req.headers[name];
      for (const [name, value] of SECURITY_HEADERS) res.setHeader(name, value);

      const ctx: RequestContext = { ...peer, accessCookie: cookieValue(req.headers.cookie, ACCESS_COOKIE), viaEntry: true, memo: {} };
      if (req.method !== "POST") return { ctx, req };

      if (req.headers["next-action"] === undefined) return refuse(res, { status: 405, message: BODY_MESSAGES.notAnAction });
      if (!isActionContentType(req.headers["content-type"])) return refuse(res, { status: 415, message: BODY_MESSAGES.contentType });
      const declared = checkDeclaredLength(req.headers["content-length"], req.headers["transfer-encoding"]);
      if (declared) return refuse(res, declared);
      const length = Number(req.headers["content-length"]);

      const budget = takeRequestBudget(ctx, env);
      if (!budget.ok) return refuse(res, { status: 429, message: budget.error.message, ...(budget.error.retryAfterSeconds !== undefined ? { retryAfterSeconds: budget.error.retryAfterSeconds } : {}) });
      const access = accessFor(ctx, env);
      if (!access.granted) {
        if (access.clearCookie) clearAccessCookie(res, ctx.secure);
        const { error } = access;
        if (error.status === 429) return refuse(res, { status: 429, message: error.message, ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}) });
        if (length > MAX_UNGRANTED_BODY_BYTES) return refuse(res, { status: 401, message: BODY_MESSAGES.ungrantedTooLarge(error.message) });
      }

      const body = await readBody(req, length);
      if (body === null) return null; // The client went away mid-body.
      const malformed = checkActionBody(body);
      if (malformed) return refuse(res, malformed);
      return { ctx, req: withBody(req, body) };
    },
  };
}
