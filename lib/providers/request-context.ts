import "server-only";
// What CacheLab's server entry (server/main.mjs) learned about a request from its socket, handed to
// the server actions it runs. Next.js gives actions the headers but not the socket, and a header is
// something any client can write; so the entry runs Next's handler inside an AsyncLocalStorage
// (https://nodejs.org/api/async_context.html#class-asynclocalstorage) holding this record. There is
// no header to forge: a request served without the entry (a bare `next start`) has no record, and
// then nothing is taken to be loopback.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Peer } from "./peer";

export interface RequestContext extends Peer {
  /** The access cookie as the browser sent it, or null. */
  accessCookie: string | null;
  /** Served through CacheLab's entry, which read the socket (false: a bare `next start`). */
  viaEntry: boolean;
  /**
   * Decisions made once per request (access, the request budget), memoised here so the entry and
   * the action that runs inside it never count the same request twice.
   */
  memo: Partial<Record<string, unknown>>;
}

// On globalThis: the entry loads this module through tsx and Next loads its own bundled copy; both
// must reach the one store.
const KEY = Symbol.for("cachelab.request-context");
type Holder = { [KEY]?: AsyncLocalStorage<RequestContext> };

export function requestStorage(): AsyncLocalStorage<RequestContext> {
  const holder = globalThis as Holder;
  holder[KEY] ??= new AsyncLocalStorage<RequestContext>();
  return holder[KEY];
}

/** The record for the request being served through the entry, if any. */
export function entryContext(): RequestContext | undefined {
  return (globalThis as Holder)[KEY]?.getStore();
}

/** A request served without the entry: the socket is unknown, so it is never loopback. */
export function contextWithoutEntry(accessCookie: string | null): RequestContext {
  return { client: "unknown", loopback: false, secure: false, accessCookie, viaEntry: false, memo: {} };
}

/** The value of one cookie in a Cookie header (RFC 6265 §5.4 syntax: "a=1; b=2"). */
export function cookieValue(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join("; ") : header;
  if (!text) return null;
  for (const part of text.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1");
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  return null;
}
