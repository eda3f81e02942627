#!/usr/bin/env node
// CacheLab's server entry: `npm run play`, `npm run start` and `npm run dev` serve through it, and so
// do the browser tests. It wraps Next.js's request handler (https://nextjs.org/docs/app/guides/custom-server)
// so that the TCP socket, which Next does not show to server actions, decides who is asking, and so
// that an action request is checked (type, size, budget, access, JSON depth) before Next decodes it.
// See docs/security.md.
//   node server/main.mjs [--dev] [-H 127.0.0.1] [-p 3000]      (-p 0 picks a free port)
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function parseArgs(argv) {
  const options = { dev: false, host: process.env.HOST || "127.0.0.1", port: Number(process.env.PORT || 3000) };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--dev") options.dev = true;
    else if (arg === "-H" || arg === "--hostname") options.host = argv[++i];
    else if (arg === "-p" || arg === "--port") options.port = Number(argv[++i]);
    else throw new Error(`unknown argument ${arg}; usage: node server/main.mjs [--dev] [-H host] [-p port]`);
  }
  if (!options.host || !Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error("-H needs a host and -p a port from 0 to 65535");
  return options;
}

const options = parseArgs(process.argv.slice(2));
process.env.NEXT_TELEMETRY_DISABLED = "1";
// .env.local and friends, read the way Next.js reads them, before deciding whether to start at all.
const { loadEnvConfig } = createRequire(require.resolve("next/package.json"))("@next/env");
loadEnvConfig(root, options.dev, { info: () => {}, error: console.error });

// Next first: it loads next.config.ts with its own require hook, which must run before tsx's.
const next = require("next");
const app = next({ dev: options.dev, dir: root, hostname: options.host, port: options.port });
await app.prepare();
const handle = app.getRequestHandler();

const gateModule = await tsImport(join(root, "lib/providers/http-gate.ts"), { parentURL: import.meta.url, tsconfig: join(root, "server/tsconfig.json") });
const refusal = gateModule.refuseToStart(options.host, process.env);
if (refusal) {
  console.error(`cachelab: ${refusal}`);
  process.exit(1);
}
const gate = gateModule.createGate(process.env);
const storage = gateModule.requestStorage();

const server = createServer(async (req, res) => {
  try {
    const admitted = await gate.admit(req, res);
    if (!admitted) return;
    await storage.run(admitted.ctx, () => handle(admitted.req, res));
  } catch (error) {
    console.error("cachelab: request failed:", gateModule.failureText(error));
    if (!res.headersSent) {
      res.statusCode = 500;
      res.setHeader("content-type", "text/plain");
      res.end("CacheLab's server failed on this request; try again.");
    } else res.destroy();
  }
});
// Slow clients: request headers within 20 s and a whole request within 60 s (Node's defaults are
// 60 s and 300 s); nobody's browser is that slow on the owner's own machine or network.
server.headersTimeout = 20_000;
server.requestTimeout = 60_000;

server.listen(options.port, options.host, () => {
  const { port } = server.address();
  const shown = options.host.includes(":") ? `[${options.host}]` : options.host;
  console.log(`listening on http://${shown}:${port}`);
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}
