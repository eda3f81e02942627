import "server-only";
// The gate in front of every server action (docs/design.md §10). On loopback the app is the owner's own; when
// it is reached under any other host name it requires CACHELAB_ACCESS_TOKEN (sent as a cookie), and
// whenever the token is set it is always required. Every action is also rate-limited per client.
import { timingSafeEqual } from "node:crypto";
import type { AppError, Result } from "@/lib/cache/result";
import { err, ok } from "@/lib/cache/result";
import type { Env } from "./config";
import { type RateLimiter, createRateLimiter } from "./rate-limit";

export const ACCESS_COOKIE = "cachelab_access";

/** "access" counts attempts at the access token, so it cannot be guessed at speed. */
export type ActionKind = "live" | "emulated" | "control" | "access";

export interface RequestInfo {
  host: string | null;
  forwardedFor: string | null;
  accessCookie: string | null;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export function isLoopbackHost(host: string | null): boolean {
  if (!host) return false;
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return LOOPBACK.has(name.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(name);
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface AccessState {
  required: boolean;
  granted: boolean;
}

export function accessState(info: RequestInfo, env: Env): AccessState {
  const token = env.CACHELAB_ACCESS_TOKEN?.trim();
  if (token) return { required: true, granted: info.accessCookie !== null && sameSecret(info.accessCookie, token) };
  return { required: !isLoopbackHost(info.host), granted: isLoopbackHost(info.host) };
}

const LIMITS = (env: Env): Record<ActionKind, number> => ({
  live: Number(env.CACHELAB_RATE_LIMIT_LIVE ?? 60) || 60,
  emulated: Number(env.CACHELAB_RATE_LIMIT_EMULATED ?? 3000) || 3000,
  control: Number(env.CACHELAB_RATE_LIMIT_CONTROL ?? 3000) || 3000,
  access: 10,
});

const KEY = Symbol.for("cachelab.rate-limiters");
type Holder = { [KEY]?: Record<ActionKind, RateLimiter> };

function limiters(env: Env): Record<ActionKind, RateLimiter> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const l = LIMITS(env);
    holder[KEY] = { live: createRateLimiter(l.live), emulated: createRateLimiter(l.emulated), control: createRateLimiter(l.control), access: createRateLimiter(l.access) };
  }
  return holder[KEY];
}

export function clientKey(info: RequestInfo): string {
  return info.forwardedFor?.split(",")[0]?.trim() || "local";
}

/** Spends one of the client's ten access-token attempts a minute. */
export function takeAccessAttempt(info: RequestInfo, env: Env, now = Date.now()): Result<null> {
  const taken = limiters(env).access.take(`access:${clientKey(info)}`, 1, now);
  return taken.ok
    ? ok(null)
    : err<AppError>({ code: "rate_limit:access", message: `Too many access-token attempts: retry in ${taken.retryAfterSeconds} s.`, retryAfterSeconds: taken.retryAfterSeconds, status: 429 });
}

/** Checks access and spends `cost` units of the client's budget for this kind of action. */
export function guard(info: RequestInfo, kind: ActionKind, cost: number, env: Env, now = Date.now()): Result<null> {
  const access = accessState(info, env);
  if (!access.granted) {
    const message = env.CACHELAB_ACCESS_TOKEN?.trim()
      ? "This CacheLab needs its access token: enter it under Runs (it is kept in a cookie for this browser)."
      : "This CacheLab is reached through a non-loopback address: set CACHELAB_ACCESS_TOKEN on the server and enter it here.";
    return err<AppError>({ code: "access:denied", message, status: 401 });
  }
  const taken = limiters(env)[kind].take(`${kind}:${clientKey(info)}`, cost, now);
  if (!taken.ok) {
    return err<AppError>({
      code: "rate_limit:actions",
      message: `Too many ${kind === "live" ? "live runs" : "requests"} in a minute: retry in ${taken.retryAfterSeconds} s.`,
      retryAfterSeconds: taken.retryAfterSeconds,
      status: 429,
    });
  }
  return ok(null);
}
