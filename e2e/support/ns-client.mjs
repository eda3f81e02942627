// Runs inside a network namespace (e2e/support/netns.ts): sends the requests it is given on stdin,
// over node:http so the Host header is exactly the one asked for, and prints what came back.
import http from "node:http";

const input = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (c) => (text += c));
  process.stdin.on("end", () => resolve(text));
}));

function send({ url, method = "GET", headers = {}, body }) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, { method, headers: body === undefined ? headers : { ...headers, "content-length": Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode, contentType: res.headers["content-type"] ?? null, setCookie: res.headers["set-cookie"]?.join("\n") ?? null, text: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
      );
    });
    req.on("error", (e) => resolve({ status: 0, contentType: null, setCookie: null, text: `error: ${e.message}`, ms: performance.now() - started }));
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const out = [];
if (input.concurrent) out.push(...(await Promise.all(input.requests.map(send))));
else for (const r of input.requests) out.push(await send(r));
process.stdout.write(JSON.stringify(out));
