// `cachelab emulate [--port N] [--host H] [--latency-scale X]` (docs/design.md §5, §9): runs the prompt-cache
// emulator as a server until SIGTERM or SIGINT. Prints exactly one line on stdout once it listens.
import type { BedrockTtlMode } from "@/lib/emulator/engine/types";
import type { RateLimits } from "@/lib/emulator/ratelimit";
import { startEmulatorServer } from "@/lib/emulator/server";
import type { CliIo } from "./main";

const USAGE = `usage: cachelab emulate [--port N] [--host H] [--latency-scale X] [--bedrock-ttl accept|ignore|reject] [--bedrock-stream eventstream|sse]
                        [--max-entries N] [--max-connections N] [--rate-limit RPM,ITPM,OTPM|off]
`;

interface EmulateArgs {
  port: number;
  host: string;
  latencyScale?: number;
  bedrockTtl?: BedrockTtlMode;
  bedrockStreamFraming?: "eventstream" | "sse";
  maxCacheEntries?: number;
  maxConnections?: number;
  rateLimits?: RateLimits | null;
}

const positiveInteger = (v: string | undefined) => (v && /^\d+$/.test(v) && Number(v) >= 1 ? Number(v) : undefined);

export function parseEmulateArgs(argv: string[]): EmulateArgs | string {
  const args: EmulateArgs = { port: 8787, host: "127.0.0.1" };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const [name, inline] = flag.includes("=") ? [flag.slice(0, flag.indexOf("=")), flag.slice(flag.indexOf("=") + 1)] : [flag, undefined];
    const value = () => inline ?? argv[++i];
    switch (name) {
      case "--port": {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isInteger(n) || n < 0 || n > 65535) return `--port: expected a port number 0–65535, got "${v ?? ""}"`;
        args.port = n;
        break;
      }
      case "--host": {
        const v = value();
        if (!v) return "--host: expected a host name or address";
        args.host = v;
        break;
      }
      case "--latency-scale": {
        const v = value();
        const n = Number(v);
        if (!v || !Number.isFinite(n) || n < 0) return `--latency-scale: expected a non-negative number, got "${v ?? ""}"`;
        args.latencyScale = n;
        break;
      }
      case "--bedrock-ttl": {
        const v = value();
        if (v !== "accept" && v !== "ignore" && v !== "reject") return `--bedrock-ttl: expected accept, ignore or reject, got "${v ?? ""}"`;
        args.bedrockTtl = v;
        break;
      }
      case "--bedrock-stream": {
        const v = value();
        if (v !== "eventstream" && v !== "sse") return `--bedrock-stream: expected eventstream or sse, got "${v ?? ""}"`;
        args.bedrockStreamFraming = v;
        break;
      }
      case "--max-entries": {
        const v = value();
        const n = positiveInteger(v);
        if (n === undefined) return `--max-entries: expected a whole number of cache entries ≥ 1, got "${v ?? ""}"`;
        args.maxCacheEntries = n;
        break;
      }
      case "--max-connections": {
        const v = value();
        const n = positiveInteger(v);
        if (n === undefined) return `--max-connections: expected a whole number of connections ≥ 1, got "${v ?? ""}"`;
        args.maxConnections = n;
        break;
      }
      case "--rate-limit": {
        const v = value();
        if (v === "off") {
          args.rateLimits = null;
          break;
        }
        const parts = (v ?? "").split(",").map(positiveInteger);
        if (parts.length !== 3 || parts.some((n) => n === undefined)) {
          return `--rate-limit: expected requests,input tokens,output tokens per minute (e.g. 4000,2000000,400000) or off, got "${v ?? ""}"`;
        }
        args.rateLimits = { requestsPerMinute: parts[0]!, inputTokensPerMinute: parts[1]!, outputTokensPerMinute: parts[2]! };
        break;
      }
      case "--help":
      case "-h":
        return "";
      default:
        return `unknown option "${flag}"`;
    }
  }
  return args;
}

export async function runEmulate(argv: string[], io: CliIo): Promise<number> {
  const args = parseEmulateArgs(argv);
  if (typeof args === "string") {
    if (args === "") {
      io.stdout(USAGE);
      return 0;
    }
    io.stderr(`cachelab emulate: ${args}\n${USAGE}`);
    return 2;
  }
  let server;
  try {
    server = await startEmulatorServer({
      port: args.port,
      host: args.host,
      ...(args.latencyScale !== undefined ? { latencyScale: args.latencyScale } : {}),
      ...(args.bedrockTtl ? { bedrockTtl: args.bedrockTtl } : {}),
      ...(args.bedrockStreamFraming ? { bedrockStreamFraming: args.bedrockStreamFraming } : {}),
      ...(args.maxCacheEntries !== undefined ? { maxCacheEntries: args.maxCacheEntries } : {}),
      ...(args.maxConnections !== undefined ? { maxConnections: args.maxConnections } : {}),
      ...(args.rateLimits !== undefined ? { rateLimits: args.rateLimits } : {}),
    });
  } catch (e) {
    io.stderr(`cachelab emulate: cannot listen on ${args.host}:${args.port}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  io.stdout(`listening on ${server.url}\n`);
  if (!/^(127\.|::1$|localhost$)/.test(args.host)) {
    io.stderr(`cachelab emulate: listening beyond loopback on ${args.host}; the emulator accepts any key, so anyone who can reach it can use it\n`);
  }
  const running = server;
  await new Promise<void>((resolve) => {
    let watch: ReturnType<typeof setInterval> | undefined;
    const stop = () => {
      process.off("SIGTERM", stop);
      process.off("SIGINT", stop);
      if (watch) clearInterval(watch);
      void running.close().then(resolve);
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
    watch = watchLauncher(stop);
  });
  return 0;
}

/**
 * `npx cachelab emulate` (and `npm run`) start the server as `npm → sh -c "cachelab …" → node`. A
 * SIGTERM to npm reaches the shell, which dies without passing it on, so the server would outlive
 * the command that started it and keep its port. When npm launched it, the server therefore stops,
 * as on SIGTERM, once its parent process is gone. Started any other way it stays put (nohup, &).
 */
export function watchLauncher(
  stop: () => void,
  env: Record<string, string | undefined> = process.env,
  ppid: () => number = () => process.ppid,
  intervalMs = 200,
): ReturnType<typeof setInterval> | undefined {
  if (env.npm_command === undefined && env.npm_lifecycle_event === undefined) return undefined;
  const parent = ppid();
  const timer = setInterval(() => {
    if (ppid() !== parent) {
      clearInterval(timer);
      stop();
    }
  }, intervalMs);
  timer.unref();
  return timer;
}
