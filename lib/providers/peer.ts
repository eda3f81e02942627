import "server-only";
// Who is asking, from the TCP socket (docs/design.md §10). A header is something any client can write, so
// it never grants anything on its own: the socket's peer address is the client, unless that peer is
// one of the proxies the owner listed in CACHELAB_TRUSTED_PROXIES, and only then does X-Forwarded-For
// (and X-Forwarded-Proto) say who is behind it. Headers may only take loopback status away (a
// foreign Host, a proxy's headers), never give it. Proxy headers are described in RFC 7239 §5.2 and
// https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/X-Forwarded-For
// ("only trust the rightmost entries added by proxies you control").
import { BlockList, isIP } from "node:net";
import type { Env } from "./config";

/** What the server knows about a request's origin once the socket and trusted proxies are read. */
export interface Peer {
  /** The address limits and lockouts are keyed on: the socket peer, or the client a trusted proxy names. */
  client: string;
  /** The client is this machine: a loopback socket, not a listed proxy, with no proxy headers. */
  loopback: boolean;
  /** Served over HTTPS: a TLS socket, or a trusted proxy's X-Forwarded-Proto: https. */
  secure: boolean;
}

export interface SocketFacts {
  remoteAddress: string | undefined;
  encrypted: boolean;
  headers: Record<string, string | string[] | undefined>;
}

/** Headers a proxy adds; a direct browser never sends them. */
export const PROXY_HEADERS = ["x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-port", "x-real-ip", "forwarded"] as const;

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** "::ffff:127.0.0.1" (an IPv4 client on a dual-stack socket) as "127.0.0.1"; other text as is. */
export function normalizeAddress(address: string): string {
  const a = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  return mapped ? mapped[1]! : a;
}

export function isLoopbackAddress(address: string | undefined | null): boolean {
  if (!address) return false;
  const a = normalizeAddress(address);
  const family = isIP(a);
  return family !== 0 && LOOPBACK.check(a, family === 4 ? "ipv4" : "ipv6");
}

/** A host name or address the server may bind to without an access token: loopback only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || isLoopbackAddress(h);
}

/** A Host header that names this machine ("127.0.0.1:3000", "localhost", "[::1]:3000"). */
export function isLoopbackHostHeader(value: string | string[] | undefined): boolean {
  if (typeof value !== "string" || value === "") return false;
  const name = value.startsWith("[") ? value.slice(0, value.indexOf("]") + 1) : value.replace(/:\d*$/, "");
  return isLoopbackHost(name);
}

export interface TrustedProxies {
  has(address: string): boolean;
  /** The entries that are not addresses or CIDR ranges, so the server can refuse to start on a typo. */
  invalid: string[];
}

/** CACHELAB_TRUSTED_PROXIES: comma-separated addresses or CIDR ranges (e.g. "10.0.0.2, 192.168.0.0/16"). */
export function trustedProxies(env: Env): TrustedProxies {
  const list = new BlockList();
  const invalid: string[] = [];
  let any = false;
  for (const raw of (env.CACHELAB_TRUSTED_PROXIES ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const a = normalizeAddress(address);
    const family = isIP(a);
    const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
      invalid.push(entry);
      continue;
    }
    list.addSubnet(a, prefix, family === 4 ? "ipv4" : "ipv6");
    any = true;
  }
  return {
    has: (address) => {
      if (!any) return false;
      const a = normalizeAddress(address);
      const family = isIP(a);
      return family !== 0 && list.check(a, family === 4 ? "ipv4" : "ipv6");
    },
    invalid,
  };
}

function headerValues(headers: SocketFacts["headers"], name: string): string[] {
  const v = headers[name];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

const hasProxyHeaders = (headers: SocketFacts["headers"]) => PROXY_HEADERS.some((name) => headers[name] !== undefined);

/**
 * The client behind a request. Walking X-Forwarded-For from the right, every hop that is a trusted
 * proxy is skipped; the first that is not is the client (the entries further left were written by
 * whoever connected to the first proxy, so they prove nothing).
 */
export function resolvePeer(facts: SocketFacts, trusted: TrustedProxies): Peer {
  const socket = facts.remoteAddress ? normalizeAddress(facts.remoteAddress) : "";
  if (!socket) return { client: "unknown", loopback: false, secure: facts.encrypted };
  if (!trusted.has(socket)) {
    // A proxy on this machine that the owner did not list would make every visitor look local:
    // a loopback socket that carries proxy headers is not taken for the owner's own browser. Nor is
    // one that names another host: a page on evil.example whose name was re-pointed at 127.0.0.1
    // (DNS rebinding) reaches this socket from the owner's browser, but its Host says evil.example.
    const loopback = isLoopbackAddress(socket) && !hasProxyHeaders(facts.headers) && isLoopbackHostHeader(facts.headers.host);
    return { client: socket, loopback, secure: facts.encrypted };
  }
  const hops = headerValues(facts.headers, "x-forwarded-for")
    .join(",")
    .split(",")
    .map((h) => normalizeAddress(h))
    .filter((h) => h !== "");
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) break; // Garbage from the client side: stop at the last address we trust.
    client = hop;
    if (!trusted.has(hop)) break;
  }
  const proto = headerValues(facts.headers, "x-forwarded-proto").join(",").split(",").pop()?.trim().toLowerCase();
  // Through a proxy the visitor is never taken for the owner's own browser, whatever address it names.
  return { client, loopback: false, secure: facts.encrypted || proto === "https" };
}
