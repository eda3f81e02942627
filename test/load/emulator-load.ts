// `npm run test:load`: the standalone emulator under load, on loopback only, with a fixed size and a
// time limit, stopping by itself (security audit 2026-11-30, test 4). Not part of `npm test` (it takes
// about three minutes). Exits 1 when a request fails, usage does not add up, reads do not reconcile
// with the cache's hit counters, or the distinct-prefix phase does not finish in its time limit.
//
//   phase 1: 200 concurrent clients for 30 s on a ~23k-token prompt in 5 variants, JSON and streaming,
//            shared and fresh cache scopes, /_emulator/cache polled meanwhile;
//   phase 2: 100,000 distinct prefixes (25,000 requests with 4 breakpoints each), throughput measured
//            as the cache passes 40k and 100k written entries.
//
// The emulated rate limits are off: this measures the emulator, not a tier.
// LOAD_PORT picks the port (default 0: any free one). Prints requests, errors, reconciliation,
// p50/p99 latency, RSS before and after, and the throughput at 40k/100k entries.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLIENTS = 200;
const PHASE1_MS = 30_000;
const PREFIXES = 100_000;
const BREAKPOINTS_PER_REQUEST = 4;
const PHASE2_CONCURRENCY = 64;
const PHASE2_LIMIT_MS = 300_000;
const MODEL = "claude-sonnet-4-6";
const SMALL_MODEL = "claude-opus-5"; // minimum 512 tokens: small prompts can still write entries

interface Usage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation?: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

// ---------------------------------------------------------------------------------------------------
// The server, started as a user would: `cachelab emulate`.

function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const port = process.env.LOAD_PORT ?? "0";
  const child = spawn(process.execPath, ["bin/cachelab.mjs", "emulate", "--host", "127.0.0.1", "--port", port, "--rate-limit", "off"], { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error("the emulator did not start within 30 s")), 30_000);
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^listening on (http:\/\/\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, child });
      }
    });
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
}

function rssMb(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    if (kb) return Math.round(Number(kb) / 1024);
  } catch {
    // not Linux: ask ps
  }
  return Math.round(Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim()) / 1024);
}

// ---------------------------------------------------------------------------------------------------
// Requests

const WORDS = "the cache keeps long prefixes warm so later turns start faster and cost less money overall".split(" ");
const text = (seed: string, words: number) => Array.from({ length: words }, (_, i) => (i % 12 === 0 ? `${seed}-${i}` : WORDS[i % WORDS.length]!)).join(" ");

const headers = (key: string) => ({ "content-type": "application/json", "x-api-key": key, "anthropic-version": "2023-06-01" });

function variantBody(variant: number, stream: boolean) {
  return {
    model: MODEL,
    max_tokens: 64,
    stream,
    system: [{ type: "text", text: text(`variant${variant}`, 18_000), cache_control: { type: "ephemeral" } }],
    messages: [{ role: "user", content: `Question ${variant}: what does the document say?` }],
  };
}

/** Reads a JSON or SSE answer; returns its usage, or a reason it is not a complete, consistent answer. */
async function readAnswer(res: Response, stream: boolean): Promise<Usage | string> {
  if (res.status !== 200) return `HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`;
  if (!stream) return ((await res.json()) as { usage: Usage }).usage;
  const events = (await res.text())
    .split("\n")
    .filter((l) => l.startsWith("data: "))
    .map((l) => JSON.parse(l.slice(6)) as { type: string; message?: { usage: Usage }; usage?: Usage });
  const start = events.find((e) => e.type === "message_start")?.message?.usage;
  const delta = events.find((e) => e.type === "message_delta")?.usage;
  if (!start || !delta || events[events.length - 1]?.type !== "message_stop") return "incomplete stream";
  for (const k of ["input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"] as const) {
    if (start[k] !== delta[k]) return `message_delta.${k} ${delta[k]} ≠ message_start's ${start[k]}`;
  }
  return start;
}

function checkUsage(u: Usage, total: number | null): string | null {
  const sum = u.input_tokens + u.cache_creation_input_tokens + u.cache_read_input_tokens;
  if (total !== null && sum !== total) return `usage adds up to ${sum}, count_tokens says ${total}`;
  const split = (u.cache_creation?.ephemeral_5m_input_tokens ?? 0) + (u.cache_creation?.ephemeral_1h_input_tokens ?? 0);
  if (u.cache_creation && split !== u.cache_creation_input_tokens) return `cache_creation splits into ${split}, not ${u.cache_creation_input_tokens}`;
  return null;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN);
const fmt = (n: number) => n.toLocaleString("en-US");

interface CacheSnapshot {
  count: number;
  stored: number;
  max_entries: number;
  evicted: number;
  entries: { scope: string; hits: number; tokens: number }[];
}
const cacheOf = async (url: string, limit?: number) => (await (await fetch(`${url}/_emulator/cache${limit === undefined ? "" : `?limit=${limit}`}`)).json()) as CacheSnapshot;

// ---------------------------------------------------------------------------------------------------
// Phase 1: 200 clients for 30 s.

async function phase1(url: string) {
  const totals: number[] = [];
  for (let v = 0; v < 5; v++) {
    const { stream: _s, max_tokens: _m, ...countBody } = variantBody(v, false);
    const res = await fetch(`${url}/v1/messages/count_tokens`, { method: "POST", headers: headers("load-shared"), body: JSON.stringify(countBody) });
    totals.push(((await res.json()) as { input_tokens: number }).input_tokens);
  }
  const bodies = [false, true].map((stream) => Array.from({ length: 5 }, (_, v) => JSON.stringify(variantBody(v, stream))));
  const latencies: number[] = [];
  const errors: string[] = [];
  let requests = 0;
  let sharedReads = 0;
  let sharedReadTokens = 0;
  let polls = 0;
  const deadline = Date.now() + PHASE1_MS;

  async function client(i: number) {
    // Clients 0–149 share one key (one cache scope); 150–199 use a fresh key per request.
    const shared = i < 150;
    for (let n = 0; Date.now() < deadline; n++) {
      const variant = (i + n) % 5;
      const stream = (i + n) % 2 === 1;
      const key = shared ? "load-shared" : `load-fresh-${i}-${n}`;
      const started = performance.now();
      try {
        const res = await fetch(`${url}/v1/messages`, { method: "POST", headers: headers(key), body: bodies[stream ? 1 : 0]![variant] });
        const answer = await readAnswer(res, stream);
        latencies.push(performance.now() - started);
        requests++;
        const problem = typeof answer === "string" ? answer : checkUsage(answer, totals[variant]!);
        if (problem) errors.push(problem);
        else if (typeof answer !== "string" && shared && answer.cache_read_input_tokens > 0) {
          sharedReads++;
          sharedReadTokens += answer.cache_read_input_tokens;
        } else if (typeof answer !== "string" && !shared && answer.cache_read_input_tokens > 0) {
          errors.push("a fresh scope read from the cache");
        }
      } catch (e) {
        requests++;
        errors.push(`request failed: ${(e as Error).message}`);
      }
    }
  }
  async function poller() {
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 2_000));
      const c = await cacheOf(url, 0);
      if (c.count > c.max_entries) errors.push(`cache holds ${c.count} entries over its cap ${c.max_entries}`);
      polls++;
    }
  }
  const started = Date.now();
  await Promise.all([...Array.from({ length: CLIENTS }, (_, i) => client(i)), poller()]);
  const seconds = (Date.now() - started) / 1000;

  const cache = await cacheOf(url);
  const hits = cache.entries.reduce((s, e) => s + e.hits, 0);
  const hitTokens = cache.entries.reduce((s, e) => s + e.hits * e.tokens, 0);
  latencies.sort((a, b) => a - b);
  return { requests, seconds, errors, latencies, sharedReads, sharedReadTokens, hits, hitTokens, entries: cache.count, evicted: cache.evicted, polls };
}

// ---------------------------------------------------------------------------------------------------
// Phase 2: 100k distinct prefixes.

function prefixBody(n: number) {
  const cc = { type: "ephemeral" };
  return JSON.stringify({
    model: SMALL_MODEL,
    max_tokens: 8,
    system: [{ type: "text", text: text(`prefix${n}`, 560), cache_control: cc }],
    messages: [{ role: "user", content: [1, 2, 3].map((k) => ({ type: "text", text: `part ${k} of request ${n}`, cache_control: cc })) }],
  });
}

async function tinyLatencyMs(url: string): Promise<number> {
  const body = JSON.stringify({ model: SMALL_MODEL, max_tokens: 8, messages: [{ role: "user", content: "hi" }] });
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await (await fetch(`${url}/v1/messages`, { method: "POST", headers: headers("tiny"), body })).arrayBuffer();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[10]!;
}

async function phase2(url: string) {
  const requestsNeeded = PREFIXES / BREAKPOINTS_PER_REQUEST;
  const errors: string[] = [];
  const latencies: number[] = [];
  const completedAt: number[] = [];
  let next = 0;
  let written = 0;
  const marks: { entries: number; reqPerSec: number; heldEntries?: number }[] = [];
  const deadline = Date.now() + PHASE2_LIMIT_MS;
  const started = Date.now();

  const rateOverLast = (n: number) => {
    const end = completedAt.length - 1;
    const start = Math.max(0, end - n);
    return end > start ? ((end - start) / (completedAt[end]! - completedAt[start]!)) * 1000 : NaN;
  };

  async function worker() {
    while (next < requestsNeeded && Date.now() < deadline) {
      const n = next++;
      const t = performance.now();
      try {
        const res = await fetch(`${url}/v1/messages`, { method: "POST", headers: headers("prefixes"), body: prefixBody(n) });
        const answer = await readAnswer(res, false);
        latencies.push(performance.now() - t);
        if (typeof answer === "string") errors.push(answer);
        else {
          const problem = checkUsage(answer, null) ?? (answer.cache_read_input_tokens !== 0 ? "a new prefix read from the cache" : null);
          if (problem) errors.push(problem);
          else written += BREAKPOINTS_PER_REQUEST;
        }
      } catch (e) {
        errors.push(`request failed: ${(e as Error).message}`);
      }
      completedAt.push(Date.now());
      for (const target of [40_000, 100_000]) {
        if (written >= target && !marks.some((m) => m.entries === target)) marks.push({ entries: target, reqPerSec: rateOverLast(1_000) });
      }
    }
  }
  await Promise.all(Array.from({ length: PHASE2_CONCURRENCY }, () => worker()));
  const seconds = (Date.now() - started) / 1000;
  const cache = await cacheOf(url, 0);
  latencies.sort((a, b) => a - b);
  return { requests: completedAt.length, written, seconds, errors, latencies, marks, cache, finished: written >= PREFIXES };
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const { url, child } = await startServer();
  const pid = child.pid!;
  const stop = () => {
    if (child.exitCode === null) child.kill("SIGTERM");
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });
  try {
    console.log(`emulator: ${url} (pid ${pid}), loopback only`);
    const rssStart = rssMb(pid);
    const tinyEmpty = await tinyLatencyMs(url);
    console.log(`RSS at start: ${rssStart} MB; a tiny request on an empty cache: ${tinyEmpty.toFixed(1)} ms (median of 20)`);

    console.log(`\nphase 1: ${CLIENTS} concurrent clients for ${PHASE1_MS / 1000} s (5 variants of a ~23k-token prompt, JSON + SSE, shared and fresh scopes)`);
    const p1 = await phase1(url);
    const rssAfter1 = rssMb(pid);
    const reconciled = p1.sharedReads === p1.hits && p1.sharedReadTokens === p1.hitTokens;
    console.log(`  requests: ${fmt(p1.requests)} in ${p1.seconds.toFixed(1)} s (${(p1.requests / p1.seconds).toFixed(0)} req/s), errors: ${p1.errors.length}`);
    console.log(`  usage adds up (input + creation + read = count_tokens, 5m + 1h = creation, stream deltas = message_start): ${p1.errors.length === 0 ? "yes" : "NO"}`);
    console.log(`  reconciliation: responses that read = ${fmt(p1.sharedReads)}, Σ entry hits = ${fmt(p1.hits)}; tokens read = ${fmt(p1.sharedReadTokens)}, Σ hits × entry tokens = ${fmt(p1.hitTokens)} → ${reconciled ? "reconciled" : "MISMATCH"}`);
    console.log(`  latency p50 ${percentile(p1.latencies, 50).toFixed(0)} ms, p99 ${percentile(p1.latencies, 99).toFixed(0)} ms; entries ${fmt(p1.entries)} (evicted ${p1.evicted}); /_emulator/cache polled ${p1.polls}×`);
    console.log(`  RSS ${rssStart} → ${rssAfter1} MB`);
    for (const e of [...new Set(p1.errors)].slice(0, 5)) console.log(`  error: ${e}`);

    await fetch(`${url}/_emulator/reset`, { method: "POST" });
    console.log(`\nphase 2: ${fmt(PREFIXES)} distinct prefixes (${fmt(PREFIXES / BREAKPOINTS_PER_REQUEST)} requests × ${BREAKPOINTS_PER_REQUEST} breakpoints, ${PHASE2_CONCURRENCY} at a time, limit ${PHASE2_LIMIT_MS / 1000} s)`);
    const p2 = await phase2(url);
    const tinyFull = await tinyLatencyMs(url);
    const rssAfter2 = rssMb(pid);
    console.log(`  requests: ${fmt(p2.requests)} in ${p2.seconds.toFixed(1)} s (${(p2.requests / p2.seconds).toFixed(0)} req/s), errors: ${p2.errors.length}; entries written ${fmt(p2.written)}${p2.finished ? "" : " (TIME LIMIT REACHED)"}`);
    for (const m of p2.marks) console.log(`  throughput as the cache passed ${fmt(m.entries)} written entries: ${m.reqPerSec.toFixed(0)} req/s (last 1,000 requests)`);
    console.log(`  cache: ${fmt(p2.cache.count)} live entries held, cap ${fmt(p2.cache.max_entries)}, ${fmt(p2.cache.evicted)} evicted (least recently used first)`);
    console.log(`  latency p50 ${percentile(p2.latencies, 50).toFixed(0)} ms, p99 ${percentile(p2.latencies, 99).toFixed(0)} ms; a tiny request now: ${tinyFull.toFixed(1)} ms (empty cache: ${tinyEmpty.toFixed(1)} ms)`);
    console.log(`  RSS ${rssAfter1} → ${rssAfter2} MB`);
    for (const e of [...new Set(p2.errors)].slice(0, 5)) console.log(`  error: ${e}`);

    await fetch(`${url}/_emulator/reset`, { method: "POST" });
    await new Promise((r) => setTimeout(r, 2_000));
    console.log(`\nRSS: start ${rssStart} MB, after phase 1 ${rssAfter1} MB, after phase 2 ${rssAfter2} MB, after a reset ${rssMb(pid)} MB`);
    const ok = p1.errors.length === 0 && reconciled && p2.errors.length === 0 && p2.finished && p2.cache.count <= p2.cache.max_entries;
    console.log(ok ? "load: passed" : "load: FAILED");
    return ok ? 0 : 1;
  } finally {
    stop();
  }
}

process.exitCode = await main();
