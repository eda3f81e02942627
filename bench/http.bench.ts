// HTTP throughput of the standalone emulator (`cachelab emulate --latency-scale 0`, spawned as a
// user would run it) against a bare Node http server returning a fixed JSON, both measured in this
// run with the same client, the same request and bounded loops on 127.0.0.1 only.
// Run: npx tsx bench/http.bench.ts
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { spawnEmulator } from "@/lib/emulator/testing/spawn";

const REQUESTS = 3000;
const CONCURRENCY = 8;
const body = JSON.stringify({
  model: "claude-sonnet-4-6",
  max_tokens: 64,
  system: [{ type: "text", text: "You answer questions about the attached handbook. ".repeat(200), cache_control: { type: "ephemeral" } }],
  messages: [{ role: "user", content: "What does the handbook say about caching?" }],
});
const headers = { "content-type": "application/json", "x-api-key": "bench", "anthropic-version": "2023-06-01" };

async function run(name: string, url: string): Promise<number> {
  const one = async () => {
    const res = await fetch(url, { method: "POST", body, headers });
    if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${await res.text()}`);
    await res.arrayBuffer();
  };
  for (let i = 0; i < 50; i++) await one();
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS) await one();
    }),
  );
  const perSec = REQUESTS / ((performance.now() - start) / 1000);
  console.log(`${name.padEnd(40)} ${perSec.toFixed(0).padStart(8)} req/s`);
  return perSec;
}

const fixed = JSON.stringify({ id: "msg_fixed", type: "message", role: "assistant", content: [{ type: "text", text: "ok" }], usage: { input_tokens: 1, output_tokens: 1 } });
const bare = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(fixed);
  });
});
await new Promise<void>((resolve) => bare.listen(0, "127.0.0.1", resolve));
const emulator = await spawnEmulator(["--latency-scale", "0", "--rate-limit", "off"]);
try {
  console.log(`${REQUESTS} POST requests, ${CONCURRENCY} in flight, ${(body.length / 1024).toFixed(1)} KiB body`);
  const baseline = await run("bare node:http, fixed JSON", `http://127.0.0.1:${(bare.address() as AddressInfo).port}/v1/messages`);
  const emu = await run("cachelab emulate (latency scale 0)", `${emulator.url}/v1/messages`);
  console.log(`ratio emulator / bare server: ${(emu / baseline).toFixed(3)}`);
} finally {
  await emulator.stop();
  bare.close();
}
