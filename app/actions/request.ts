import "server-only";
// The request an action is serving, as the server entry read it from the socket
// (lib/providers/request-context.ts). Without the entry (a bare `next start`) the socket is unknown:
// only the cookie is read, and nothing is taken to be loopback.
import { cookies } from "next/headers";
import { ACCESS_COOKIE } from "@/lib/providers/guard";
import { type RequestContext, contextWithoutEntry, entryContext } from "@/lib/providers/request-context";

export async function currentRequest(): Promise<RequestContext> {
  const ctx = entryContext();
  if (ctx) return ctx;
  const c = await cookies();
  return contextWithoutEntry(c.get(ACCESS_COOKIE)?.value ?? null);
}
