import "server-only";
// The gate in front of every server action (docs/design.md §10, docs/security.md). Who is asking comes from
// the socket, through the server entry's request context (request-context.ts), never from a header.
// On loopback, with no CACHELAB_ACCESS_TOKEN, the app is the owner's own; once the token is set it is
// required everywhere. Every action call spends the client's request budget, live runs spend their
// own budget too, and every failed token check (a wrong cookie or a wrong token typed into the
// form) counts towards an exponential lockout (lockout.ts).
import { createHash, timingSafeEqual } from "node:crypto";
import type { AppError, Result } from "@/lib/cache/result";
import { err, ok } from "@/lib/cache/result";
import type { Env } from "./config";
import { LOCKOUT, type Lockout, type LockoutPolicy, createLockout } from "./lockout";
import { type RateLimiter, createRateLimiter } from "./rate-limit";
import type { RequestContext } from "./request-context";

export const ACCESS_COOKIE = "cachelab_access";

/** The budgets an action spends besides the request budget every call spends. */
export type ActionKind = "live" | "emulated" | "control";

export type AccessVerdict =
  | { granted: true; required: boolean }
  | { granted: false; required: true; error: AppError; /** The browser holds a wrong cookie: clear it. */ clearCookie: boolean };

const configuredToken = (env: Env) => env.CACHELAB_ACCESS_TOKEN?.trim() || null;

/** Constant-time, whatever the lengths: both sides are hashed to 32 bytes first. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}

const LIMITS = (env: Env): Record<ActionKind | "request", number> => ({
  request: Number(env.CACHELAB_RATE_LIMIT_REQUESTS ?? 3000) || 3000,
  live: Number(env.CACHELAB_RATE_LIMIT_LIVE ?? 60) || 60,
  // Emulated runs spend no credits, only this server's time: a simulated day of traffic sends 10,000 in
  // seconds (issue 12), so the budget is about what one server process serves, 1,000 a second.
  emulated: Number(env.CACHELAB_RATE_LIMIT_EMULATED ?? 60_000) || 60_000,
  control: Number(env.CACHELAB_RATE_LIMIT_CONTROL ?? 3000) || 3000,
});

/** CACHELAB_LOCKOUT_SECONDS sets the first lockout (default 1 s); each further failure doubles it. */
function lockoutPolicy(env: Env): LockoutPolicy {
  const seconds = Number(env.CACHELAB_LOCKOUT_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? { ...LOCKOUT, baseMs: seconds * 1000 } : LOCKOUT;
}

interface State {
  limiters: Record<ActionKind | "request", RateLimiter>;
  lockout: Lockout;
}

// On globalThis: the server entry (through tsx) and Next's bundle each load this module, and both
// must count against the same budgets and the same lockout.
const KEY = Symbol.for("cachelab.guard-state");
type Holder = { [KEY]?: State };

function state(env: Env): State {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const l = LIMITS(env);
    holder[KEY] = {
      limiters: { request: createRateLimiter(l.request), live: createRateLimiter(l.live), emulated: createRateLimiter(l.emulated), control: createRateLimiter(l.control) },
      lockout: createLockout(lockoutPolicy(env)),
    };
  }
  return holder[KEY];
}

/** Tests only: forget every budget and lockout. */
export function resetGuardState(): void {
  delete (globalThis as Holder)[KEY];
}

function lockedError(retryAfterMs: number): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return { code: "rate_limit:access", status: 429, retryAfterSeconds, message: `Too many wrong access tokens from this address: retry in ${retryAfterSeconds} s.` };
}

export const ACCESS_MESSAGES = {
  tokenNeeded: "This CacheLab needs its access token: enter it under Runs (it is kept in a cookie for this browser).",
  wrongToken: "The access token this browser holds is not the server's: enter it again under Runs.",
  remote:
    "This CacheLab is reached from another machine, or through a proxy: set CACHELAB_ACCESS_TOKEN on the server (and CACHELAB_TRUSTED_PROXIES if a proxy is in front) and enter the token here.",
  noEntry:
    "This server was started without CacheLab's server entry (a bare `next start`), so it cannot tell the owner's own browser from a remote one: start it with `npm run start` or `npm run play`, or set CACHELAB_ACCESS_TOKEN.",
  noTokenConfigured: "This server has no access token to check (CACHELAB_ACCESS_TOKEN is not set).",
} as const;

/** Access for this request, decided once (the entry and the action share the memo). */
export function accessFor(ctx: RequestContext, env: Env, now = Date.now()): AccessVerdict {
  const memo = ctx.memo.access as AccessVerdict | undefined;
  if (memo) return memo;
  const verdict = decideAccess(ctx, env, now);
  ctx.memo.access = verdict;
  return verdict;
}

function decideAccess(ctx: RequestContext, env: Env, now: number): AccessVerdict {
  const token = configuredToken(env);
  const denied = (message: string, clearCookie = false): AccessVerdict => ({ granted: false, required: true, clearCookie, error: { code: "access:denied", status: 401, message } });
  if (!token) {
    if (ctx.loopback) return { granted: true, required: false };
    return denied(ctx.viaEntry ? ACCESS_MESSAGES.remote : ACCESS_MESSAGES.noEntry);
  }
  const { lockout } = state(env);
  const wait = lockout.lockedFor(ctx.client, now);
  if (wait > 0) return { granted: false, required: true, clearCookie: false, error: lockedError(wait) };
  if (ctx.accessCookie === null || ctx.accessCookie === "") return denied(ACCESS_MESSAGES.tokenNeeded);
  if (!sameSecret(ctx.accessCookie, token)) {
    const lockedFor = lockout.fail(ctx.client, now);
    return lockedFor > 0 ? { granted: false, required: true, clearCookie: true, error: lockedError(lockedFor) } : denied(ACCESS_MESSAGES.wrongToken, true);
  }
  lockout.succeed(ctx.client);
  return { granted: true, required: true };
}

function budgetError(kind: ActionKind | "request", retryAfterSeconds: number): AppError {
  return {
    code: "rate_limit:actions",
    message: `Too many ${kind === "live" ? "live runs" : "requests"} in a minute: retry in ${retryAfterSeconds} s.`,
    retryAfterSeconds,
    status: 429,
  };
}

/** Spends one unit of the client's request budget, once per request (invalid and refused calls included). */
export function takeRequestBudget(ctx: RequestContext, env: Env, now = Date.now()): Result<null> {
  const memo = ctx.memo.request as Result<null> | undefined;
  if (memo) return memo;
  const taken = state(env).limiters.request.take(ctx.client, 1, now);
  const result: Result<null> = taken.ok ? ok(null) : err(budgetError("request", taken.retryAfterSeconds));
  ctx.memo.request = result;
  return result;
}

/** The request budget, then access, then `cost` units of the budget for this kind of action. */
export function guard(ctx: RequestContext, kind: ActionKind, cost: number, env: Env, now = Date.now()): Result<null> {
  const budget = takeRequestBudget(ctx, env, now);
  if (!budget.ok) return budget;
  const access = accessFor(ctx, env, now);
  if (!access.granted) return err(access.error);
  const taken = state(env).limiters[kind].take(`${kind}:${ctx.client}`, cost, now);
  return taken.ok ? ok(null) : err(budgetError(kind, taken.retryAfterSeconds));
}

/**
 * Checks a token typed into the page. A wrong one counts like a wrong cookie; while the client is
 * locked out even the right one is refused, so the lockout cannot be used to test guesses.
 */
export function tryAccessToken(ctx: RequestContext, candidate: string, env: Env, now = Date.now()): Result<{ granted: boolean }> {
  const budget = takeRequestBudget(ctx, env, now);
  if (!budget.ok) return budget;
  const token = configuredToken(env);
  if (!token) return err({ code: "not_available", message: ACCESS_MESSAGES.noTokenConfigured });
  const { lockout } = state(env);
  const wait = lockout.lockedFor(ctx.client, now);
  if (wait > 0) return err(lockedError(wait));
  if (!sameSecret(candidate.trim(), token)) {
    const lockedFor = lockout.fail(ctx.client, now);
    return lockedFor > 0 ? err(lockedError(lockedFor)) : ok({ granted: false });
  }
  lockout.succeed(ctx.client);
  return ok({ granted: true });
}
