// The gate in front of every action (docs/security.md): access from the socket's verdict, never a
// header; a token once set is needed everywhere; wrong tokens, typed or forged as cookies, lock the
// client out with a growing wait; budgets are per client.
import { beforeEach, describe, expect, it } from "vitest";
import { ACCESS_MESSAGES, accessFor, guard, resetGuardState, takeRequestBudget, tryAccessToken } from "./guard";
import { LOCKOUT } from "./lockout";
import { createRateLimiter } from "./rate-limit";
import { type RequestContext, contextWithoutEntry } from "./request-context";

const ctx = (over: Partial<RequestContext> = {}): RequestContext => ({ client: "127.0.0.1", loopback: true, secure: false, accessCookie: null, viaEntry: true, memo: {}, ...over });
const remote = (over: Partial<RequestContext> = {}) => ctx({ client: "192.0.2.10", loopback: false, ...over });
const TOKEN = { CACHELAB_ACCESS_TOKEN: "open-sesame-0123" };

beforeEach(() => resetGuardState());

describe("access without a token", () => {
  it("is the owner's own on a loopback socket", () => {
    expect(accessFor(ctx(), {})).toEqual({ granted: true, required: false });
  });

  it("is refused to another machine, with what to set", () => {
    const v = accessFor(remote(), {});
    expect(v.granted).toBe(false);
    expect(v.granted ? "" : v.error.message).toContain("CACHELAB_ACCESS_TOKEN");
    expect(guard(remote(), "emulated", 1, {})).toMatchObject({ ok: false, error: { code: "access:denied", status: 401 } });
  });

  it("is refused when the server was started without the entry (no socket record), whatever the request says", () => {
    const v = accessFor(contextWithoutEntry(null), {});
    expect(v.granted).toBe(false);
    expect(v.granted ? "" : v.error.message).toBe(ACCESS_MESSAGES.noEntry);
  });
});

describe("access with a token", () => {
  it("requires it everywhere, loopback included, and accepts only the right one", () => {
    expect(accessFor(ctx(), TOKEN)).toMatchObject({ granted: false, required: true });
    expect(accessFor(remote({ accessCookie: "wrong" }), TOKEN).granted).toBe(false);
    expect(accessFor(remote({ client: "192.0.2.11", accessCookie: "open-sesame-0123" }), TOKEN)).toEqual({ granted: true, required: true });
  });

  it("accepts the token whatever its length and compares in constant time (hashes of equal length)", () => {
    expect(accessFor(remote({ accessCookie: "x" }), TOKEN).granted).toBe(false);
    expect(accessFor(remote({ client: "192.0.2.12", accessCookie: "open-sesame-0123".repeat(40) }), TOKEN).granted).toBe(false);
  });

  it("decides once per request: the entry and the action share the verdict", () => {
    const c = remote({ accessCookie: "wrong" });
    for (let i = 0; i < 20; i++) accessFor(c, TOKEN, 1_000);
    // One request, one failure: the client is not locked out by re-reading its verdict.
    expect(accessFor(remote({ accessCookie: "open-sesame-0123" }), TOKEN, 1_000).granted).toBe(true);
  });
});

describe("token guessing (a wrong cookie counts like a wrong login)", () => {
  it("locks a client out after a few forged cookies, refuses even the right token while locked, and doubles the wait", () => {
    const t0 = 10_000;
    const verdicts = Array.from({ length: LOCKOUT.free + 1 }, (_, i) => accessFor(remote({ accessCookie: `guess-${i}` }), TOKEN, t0));
    expect(verdicts.slice(0, LOCKOUT.free).every((v) => !v.granted && v.error.code === "access:denied")).toBe(true);
    const locked = verdicts[LOCKOUT.free]!;
    expect(locked.granted ? null : locked.error).toMatchObject({ code: "rate_limit:access", status: 429, retryAfterSeconds: 1 });
    expect(accessFor(remote({ accessCookie: "open-sesame-0123" }), TOKEN, t0 + 500).granted).toBe(false);
    // After the wait, one more wrong guess locks for twice as long.
    const next = accessFor(remote({ accessCookie: "guess-x" }), TOKEN, t0 + 1_000);
    expect(next.granted ? null : next.error.retryAfterSeconds).toBe(2);
    expect(accessFor(remote({ accessCookie: "open-sesame-0123" }), TOKEN, t0 + 3_000).granted).toBe(true);
  });

  it("counts tokens typed into the page against the same lockout", () => {
    for (let i = 0; i < LOCKOUT.free; i++) expect(tryAccessToken(remote(), `guess-${i}`, TOKEN, 0)).toEqual({ ok: true, value: { granted: false } });
    expect(tryAccessToken(remote(), "guess-last", TOKEN, 0)).toMatchObject({ ok: false, error: { code: "rate_limit:access" } });
    expect(accessFor(remote({ accessCookie: "open-sesame-0123" }), TOKEN, 10).granted).toBe(false);
    expect(tryAccessToken(remote(), " open-sesame-0123 ", TOKEN, 60_000)).toEqual({ ok: true, value: { granted: true } });
  });

  it("keeps lockouts per client: another address is not locked out", () => {
    for (let i = 0; i < 10; i++) accessFor(remote({ accessCookie: `guess-${i}` }), TOKEN, 0);
    expect(accessFor(remote({ client: "192.0.2.99", accessCookie: "open-sesame-0123" }), TOKEN, 0).granted).toBe(true);
  });

  it("bounds guessing to a few dozen a minute at most", () => {
    let tried = 0;
    let now = 0;
    // An attacker who guesses as soon as each lockout ends, for ten minutes.
    while (now < 600_000) {
      const v = accessFor(remote({ accessCookie: `guess-${tried}` }), TOKEN, now);
      if (!v.granted && v.error.code === "rate_limit:access") now += v.error.retryAfterSeconds! * 1000;
      else tried++;
    }
    expect(tried).toBeLessThan(LOCKOUT.free + 12);
  });
});

describe("budgets", () => {
  it("allows a budget per client per minute, then says when to retry", () => {
    const limiter = createRateLimiter(3);
    expect(limiter.take("a", 2, 0).ok).toBe(true);
    expect(limiter.take("a", 1, 1_000).ok).toBe(true);
    expect(limiter.take("a", 1, 2_000)).toEqual({ ok: false, retryAfterSeconds: 58 });
    expect(limiter.take("b", 1, 2_000).ok).toBe(true);
    expect(limiter.take("a", 1, 60_000).ok).toBe(true);
  });

  it("keys live runs on the client the socket names: 60 a minute, then rate_limit:actions", () => {
    const env = { CACHELAB_RATE_LIMIT_LIVE: "60" };
    const results = Array.from({ length: 61 }, () => guard(ctx({ client: "198.51.100.7" }), "live", 1, env, 5_000));
    expect(results.filter((r) => r.ok)).toHaveLength(60);
    expect(results[60]).toMatchObject({ ok: false, error: { code: "rate_limit:actions", status: 429 } });
    expect(guard(ctx({ client: "198.51.100.8" }), "live", 1, env, 5_000).ok).toBe(true);
  });

  it("spends the request budget once per request, refused ones included", () => {
    const env = { CACHELAB_RATE_LIMIT_REQUESTS: "3" };
    const c = remote();
    for (let i = 0; i < 5; i++) takeRequestBudget(c, env, 0);
    expect(guard(c, "emulated", 1, env, 0)).toMatchObject({ ok: false, error: { code: "access:denied" } });
    expect(takeRequestBudget(remote(), env, 0).ok).toBe(true);
    expect(takeRequestBudget(remote(), env, 0).ok).toBe(true);
    expect(takeRequestBudget(remote(), env, 0)).toMatchObject({ ok: false, error: { code: "rate_limit:actions" } });
  });
});

describe("lockout setting", () => {
  it("CACHELAB_LOCKOUT_SECONDS sets the first lockout", () => {
    const env = { ...TOKEN, CACHELAB_LOCKOUT_SECONDS: "30" };
    let v = accessFor(remote({ accessCookie: "g" }), env, 0);
    for (let i = 1; i <= LOCKOUT.free; i++) v = accessFor(remote({ accessCookie: `g${i}` }), env, 0);
    expect(v.granted ? null : v.error.retryAfterSeconds).toBe(30);
  });
});
