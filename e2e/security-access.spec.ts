// Access from another host, on real sockets (issue 8 items 1, 3, 4; docs/security.md). A network
// namespace joined by a veth pair is the other machine: loopback alone cannot tell a check of the
// socket from a check of the Host header, a second address can. The production build is served by
// CacheLab's entry (server/main.mjs) or, to show what happens without it, by a bare `next start`.
import { createServer } from "node:net";
import { expect, test } from "@playwright/test";
import { type ActionName, actionIds, actionRequest, readAnswer } from "./support/actions";
import { type Netns, type NsAnswer, createNetns, netnsUnavailable } from "./support/netns";
import { type Served, refusedEntry, startBareNext, startEntry } from "./support/server";

const TOKEN = "e2e-access-token-8f3a1c";
const ids = actionIds();
const experiment = {
  model: "claude-sonnet-4-6",
  max_tokens: 32,
  system: ["CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(20)],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};

const unavailable = netnsUnavailable();
if (unavailable) console.log(`security-access: SKIPPED, a second host cannot be simulated here: ${unavailable}.`);
test.skip(unavailable !== null, `needs a network namespace: ${unavailable}`);
test.describe.configure({ mode: "serial" });

let ns: Netns;
const servers: Served[] = [];
test.beforeAll(() => {
  ns = createNetns("a");
});
test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  ns?.remove();
});

async function serve(host: string, env: Record<string, string>) {
  const s = await startEntry(host, env);
  servers.push(s);
  return s;
}

/** The server's URL as the namespace reaches it, and as this machine does. */
const fromNs = (s: Served) => s.url.replace(/\/\/[^/]+:/, `//${ns.hostAddress}:`);
const local = (s: Served) => s.url.replace(/\/\/[^/]+:/, "//127.0.0.1:");
const answer = (a: NsAnswer) => readAnswer(a.status, a.contentType, a.setCookie, a.text);
const call = (base: string, name: ActionName, args: unknown[], headers: Record<string, string> = {}) => actionRequest(base, ids[name], args, headers);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("the entry refuses to listen beyond loopback without CACHELAB_ACCESS_TOKEN, and says why", async () => {
  for (const host of ["0.0.0.0", ns.hostAddress]) {
    const { code, output } = await refusedEntry(host);
    expect(code).toBe(1);
    expect(output).toContain(`refuses to listen on ${host} without CACHELAB_ACCESS_TOKEN`);
  }
  const typo = await refusedEntry("127.0.0.1", { CACHELAB_TRUSTED_PROXIES: "proxy.local", CACHELAB_ACCESS_TOKEN: TOKEN });
  expect(typo.code).toBe(1);
  expect(typo.output).toContain("CACHELAB_TRUSTED_PROXIES");
});

test("a bare `next start` (no entry, no token) never takes a request for loopback, whatever its Host says", async () => {
  const bare = await startBareNext(ns.hostAddress, await freePort());
  servers.push(bare);
  const base = bare.url;
  const spoof = { host: "127.0.0.1", "x-forwarded-for": "127.0.0.1", "x-forwarded-host": "127.0.0.1" };
  const [env, run] = (await ns.send([call(base, "getRunEnvironmentAction", [], spoof), call(base, "runExperimentAction", [{ experiment, transport: "emulated" }], spoof)])).map(answer);
  expect(env!.result).toMatchObject({ ok: true, value: { access: { required: true, granted: false } } });
  expect(JSON.stringify(env!.result)).toContain("npm run start");
  expect(run!.result).toMatchObject({ ok: false, error: { code: "access:denied" } });
});

test("with a token, bound to 0.0.0.0: another host needs it whatever Host and X-Forwarded-For say; so does loopback", async () => {
  const s = await serve("0.0.0.0", { CACHELAB_ACCESS_TOKEN: TOKEN });
  const base = fromNs(s);
  const spoof = { host: "127.0.0.1", "x-forwarded-for": "127.0.0.1" };
  const run = { experiment, transport: "emulated" };
  const [denied, envDenied, granted] = (
    await ns.send([
      call(base, "runExperimentAction", [run], spoof),
      call(base, "getRunEnvironmentAction", [], spoof),
      call(base, "runExperimentAction", [run], { ...spoof, cookie: `cachelab_access=${TOKEN}` }),
    ])
  ).map(answer);
  expect(denied!.result).toMatchObject({ ok: false, error: { code: "access:denied" } });
  expect(envDenied!.result).toMatchObject({ ok: true, value: { access: { required: true, granted: false }, live: { anthropic: { configured: false } } } });
  expect(granted!.result).toMatchObject({ ok: true });

  const here = readAnswer(...(await post(local(s), call(local(s), "runExperimentAction", [run]))));
  expect(here.result).toMatchObject({ ok: false, error: { code: "access:denied" } });
  // A large request without access is refused before Next reads it.
  const big = (await ns.send([call(base, "runExperimentAction", [{ experiment: { ...experiment, system: ["x".repeat(100_000)] }, transport: "emulated" }], spoof)]))[0]!;
  expect(big.status).toBe(401);
  expect(big.text).toContain("access token");
});

async function post(url: string, r: ReturnType<typeof call>): Promise<[number, string | null, string | null, string]> {
  const res = await fetch(url, { method: "POST", headers: r.headers, body: r.body });
  return [res.status, res.headers.get("content-type"), res.headers.get("set-cookie"), await res.text()];
}

test("the request budget is keyed on the socket: forged X-Forwarded-For values are one client, and others keep theirs", async () => {
  const s = await serve("0.0.0.0", { CACHELAB_ACCESS_TOKEN: TOKEN, CACHELAB_RATE_LIMIT_REQUESTS: "20" });
  const base = fromNs(s);
  const forged = Array.from({ length: 25 }, (_, i) => call(base, "getRunEnvironmentAction", [], { "x-forwarded-for": `10.9.${i}.7`, cookie: `cachelab_access=${TOKEN}` }));
  const answers = await ns.send(forged);
  expect(answers.filter((a) => a.status === 200)).toHaveLength(20);
  const limited = answers.filter((a) => a.status === 429);
  expect(limited).toHaveLength(5);
  expect(limited[0]!.text).toMatch(/Too many requests in a minute: retry in \d+ s/);
  // Another client (this machine) has its own budget.
  const here = readAnswer(...(await post(local(s), call(local(s), "getRunEnvironmentAction", [], { cookie: `cachelab_access=${TOKEN}` }))));
  expect(here.result).toMatchObject({ ok: true, value: { access: { granted: true } } });
});

test("forged cookies count like failed logins: a few, then a lockout with a growing wait, per client", async () => {
  // A first lockout of 60 s (the default is 1 s), so a slow machine cannot let it end mid-test.
  const s = await serve("0.0.0.0", { CACHELAB_ACCESS_TOKEN: TOKEN, CACHELAB_LOCKOUT_SECONDS: "60" });
  const base = fromNs(s);
  const guess = (i: number) => call(base, "listEmulatorEntriesAction", [], { cookie: `cachelab_access=guess-${i}-${"x".repeat(16)}` });
  const started = Date.now();
  const answers = await ns.send([...Array.from({ length: 8 }, (_, i) => guess(i)), call(base, "listEmulatorEntriesAction", [], { cookie: `cachelab_access=${TOKEN}` }), call(base, "setAccessTokenAction", [TOKEN])]);
  const seconds = (Date.now() - started) / 1000;
  console.log(`security-access: ${answers.length} requests in ${seconds.toFixed(2)} s; statuses ${answers.map((a) => a.status).join(" ")}`);
  const [checked, locked, [rightCookie, typed]] = [answers.slice(0, 5), answers.slice(5, 8), answers.slice(8)];
  expect(checked.every((a) => a.status === 200 && answer(a).result?.error?.code === "access:denied")).toBe(true);
  // The browser is told to drop a wrong cookie, so a stale one does not lock its owner out.
  expect(checked[0]!.setCookie).toMatch(/cachelab_access=; Path=\/; Max-Age=0/);
  expect(locked.every((a) => a.status === 429 && /Too many wrong access tokens from this address: retry in (60|59|58) s/.test(a.text))).toBe(true);
  // While locked, even the right token is refused from that host, as a cookie or typed in.
  expect(rightCookie!.status).toBe(429);
  expect(typed!.status).toBe(429);
  // This machine is another client: not locked out.
  const here = readAnswer(...(await post(local(s), call(local(s), "listEmulatorEntriesAction", [], { cookie: `cachelab_access=${TOKEN}` }))));
  expect(here.result).toMatchObject({ ok: true });
});

test("the access cookie is Secure when a listed proxy says the page was served over HTTPS, and only then", async () => {
  const s = await serve("0.0.0.0", { CACHELAB_ACCESS_TOKEN: TOKEN, CACHELAB_TRUSTED_PROXIES: ns.clientAddress });
  const base = fromNs(s);
  const [https, http] = await ns.send([
    call(base, "setAccessTokenAction", [TOKEN], { "x-forwarded-proto": "https", "x-forwarded-for": "198.51.100.7" }),
    call(base, "setAccessTokenAction", [TOKEN], { "x-forwarded-for": "198.51.100.8" }),
  ]);
  expect(answer(https!).result).toEqual({ ok: true, value: { granted: true } });
  expect(https!.setCookie).toMatch(/cachelab_access=.*; Secure/i);
  expect(http!.setCookie).toContain("cachelab_access=");
  expect(http!.setCookie).not.toMatch(/Secure/i);
  // This machine is not a listed proxy: its X-Forwarded-Proto means nothing.
  const [, , cookie] = await post(local(s), call(local(s), "setAccessTokenAction", [TOKEN], { "x-forwarded-proto": "https" }));
  expect(cookie).not.toMatch(/Secure/i);
});
