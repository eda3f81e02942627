// No request can starve or kill the server (issue 8 items 2 and 10; docs/security.md §4). Against
// the production build served by the entry: 16 concurrent 1.6 MB requests, invalid in the ways the
// audit found costly, are answered with short 4xx errors in bounded time and memory, and the server
// still serves the page and runs afterwards. (Before: one such request returned 58 MB after ~5 s
// of CPU, and 16 at once ran next-server out of heap.)
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { MAX_TOOLS } from "@/lib/cache/experiment-limits";
import { actionIds, actionRequest, callAction } from "./support/actions";
import { type Served, memoryMb, startEntry } from "./support/server";

const ids = actionIds();
const experiment = {
  model: "claude-sonnet-4-6",
  max_tokens: 32,
  system: ["CacheLab keeps a stable prefix so later requests can read it from the cache. ".repeat(20)],
  messages: [{ role: "user", content: [{ type: "text", text: "Hi" }] }],
};
const run = (exp: unknown) => actionRequest("", ids.runExperimentAction, [{ experiment: exp, transport: "emulated" }]);

/** The audit's payload: 800,000 invalid tools, 1.6 MB. */
const manyValues = () => run({ ...experiment, tools: Array.from({ length: 800_000 }, () => 0) });
/**
 * Under the entry's value cap, so Next decodes it, and as many tools as the schema validates one by one
 * (longer lists are refused by their length first, lib/cache/experiment-limits.ts): 10,000 invalid
 * tools, 30,000 issues, 1.7 MB.
 */
const manyIssues = () => run({ ...experiment, tools: Array.from({ length: MAX_TOOLS }, () => ({ nm: "abcdefgh".repeat(20) })) });

test.describe.configure({ mode: "serial" });
let server: Served;
test.beforeAll(async () => {
  server = await startEntry("127.0.0.1");
});
test.afterAll(async () => {
  await server?.stop();
});

async function fire(requests: ReturnType<typeof run>[]) {
  const started = performance.now();
  const answers = await Promise.all(requests.map((r) => callAction({ ...r, url: `${server.url}/` })));
  return { answers, seconds: (performance.now() - started) / 1000 };
}

async function stillServes() {
  const started = performance.now();
  const page = await fetch(`${server.url}/`, { signal: AbortSignal.timeout(10_000) });
  expect(page.status).toBe(200);
  const ok = await callAction({ ...run(experiment), url: `${server.url}/` });
  expect(ok.result).toMatchObject({ ok: true });
  return (performance.now() - started) / 1000;
}

test("16 concurrent 1.6 MB requests holding 800,000 values are refused before Next decodes them", async () => {
  const body = manyValues();
  expect(Buffer.byteLength(body.body)).toBeGreaterThan(1_600_000);
  const before = memoryMb(server.pid);
  const { answers, seconds } = await fire(Array.from({ length: 16 }, () => body));
  const after = memoryMb(server.pid);
  console.log(`security-load: 16 × ${(body.body.length / 1e6).toFixed(2)} MB (800,000 values): ${seconds.toFixed(2)} s, RSS ${before.rss} → ${after.rss} MB (peak ${after.peak} MB), answers ${Math.max(...answers.map((a) => a.bytes))} B at most`);
  for (const a of answers) {
    expect(a.status).toBe(400);
    expect(a.text).toBe("The action request holds more than 50,000 JSON values; split the experiment.");
  }
  expect(seconds).toBeLessThan(20);
  expect(after.peak).toBeLessThan(1_500);
  console.log(`security-load: then the page and a run answered in ${(await stillServes()).toFixed(2)} s`);
});

test("16 concurrent 1.6 MB invalid experiments that Next does decode get short errors, and the server stays up", async () => {
  const body = manyIssues();
  expect(Buffer.byteLength(body.body)).toBeGreaterThan(1_600_000);
  const before = memoryMb(server.pid);
  const { answers, seconds } = await fire(Array.from({ length: 16 }, () => body));
  const after = memoryMb(server.pid);
  const largest = Math.max(...answers.map((a) => a.bytes));
  console.log(`security-load: 16 × ${(body.body.length / 1e6).toFixed(2)} MB (${MAX_TOOLS.toLocaleString("en-US")} invalid tools): ${seconds.toFixed(2)} s, RSS ${before.rss} → ${after.rss} MB (peak ${after.peak} MB), answers ${largest} B at most`);
  for (const a of answers) {
    expect(a.result).toMatchObject({ ok: false, error: { code: "invalid_experiment" } });
    expect(a.result!.error!.message).toMatch(/^tools\[0\]\..*\(and \d+ more\)$/);
    expect(a.result!.error!.issues!.length).toBeLessThanOrEqual(10);
  }
  expect(largest).toBeLessThan(8_000);
  expect(seconds).toBeLessThan(90);
  expect(after.peak).toBeLessThan(1_500);
  console.log(`security-load: then the page and a run answered in ${(await stillServes()).toFixed(2)} s`);
});

test("malformed action requests get a clear 4xx, never a bare 500", async () => {
  const raw = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/`, { method: "POST", headers: { "next-action": ids.runExperimentAction, "content-type": "text/plain;charset=UTF-8", ...headers }, body });
  const cases: [Promise<Response>, number, RegExp][] = [
    [raw("not json"), 400, /not JSON/],
    [raw(""), 400, /not JSON/],
    [raw("[".repeat(100_000)), 400, /nests more than 68 levels/],
    [raw(`[${"0,".repeat(1_200_000)}0]`), 400, /more than 50,000 JSON values/],
    [raw("a=1", { "content-type": "application/x-www-form-urlencoded" }), 415, /JSON body sent as text\/plain/],
    [fetch(`${server.url}/`, { method: "POST", headers: { "content-type": "text/plain" }, body: "[]" }), 405, /only for its server actions/],
  ];
  for (const [pending, status, text] of cases) {
    const r = await pending;
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toBe("text/plain");
    expect(await r.text()).toMatch(text);
  }
  // A declared 5 MB body is refused from its headers alone, before the server reads it.
  const { port } = new URL(server.url);
  const oversized = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), "127.0.0.1", () => {
      socket.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nNext-Action: ${ids.runExperimentAction}\r\nContent-Type: text/plain\r\nContent-Length: ${5 * 1024 * 1024}\r\n\r\n[`);
    });
    let text = "";
    socket.on("data", (c) => (text += c.toString()));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
    socket.setTimeout(10_000, () => reject(new Error("no answer to a declared 5 MB body")));
  });
  expect(oversized).toMatch(/^HTTP\/1\.1 413/);
  expect(oversized).toContain("The request is 5.0 MB; CacheLab's server actions accept at most 4.0 MB.");
  // A body sent in chunks, with no length: 411.
  const chunked = await fetch(`${server.url}/`, {
    method: "POST",
    headers: { "next-action": ids.runExperimentAction, "content-type": "text/plain" },
    body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("[]")), c.close()) }),
    duplex: "half",
  } as RequestInit);
  expect(chunked.status).toBe(411);
  await stillServes();
});
