// A real second host for the access tests: a network namespace joined to this one by a veth pair,
// so a request comes from another address on a real socket. Loopback alone cannot tell a socket
// check from a header check; this can. Needs root and iproute2's `ip` (CI runs as root). Names
// carry CACHELAB_NETNS_PREFIX (default "hsec") and the process id; addresses are a /30 inside
// 10.231.0.0/16. Everything is deleted again by `remove()`.
import { execFileSync, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

export interface Netns {
  name: string;
  /** This side of the pair (the server may bind here). */
  hostAddress: string;
  /** The namespace's side (the client's address). */
  clientAddress: string;
  /** Runs the requests from inside the namespace; answers come back in order. */
  send: (requests: NsRequest[], options?: { concurrent?: boolean }) => Promise<NsAnswer[]>;
  remove: () => void;
}

export interface NsRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface NsAnswer {
  status: number;
  contentType: string | null;
  setCookie: string | null;
  text: string;
  ms: number;
}

const IP = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].find((p) => existsSync(p));

/** Why a namespace cannot be made here, or null. */
export function netnsUnavailable(): string | null {
  if (process.platform !== "linux") return "network namespaces need Linux";
  if (typeof process.getuid === "function" && process.getuid() !== 0) return "creating a network namespace needs root (CI runs as root)";
  if (!IP) return "iproute2's `ip` is missing (Debian: apt-get install iproute2)";
  return null;
}

const ip = (...args: string[]) => execFileSync(IP!, args, { stdio: ["ignore", "pipe", "pipe"] }).toString();

export function createNetns(tag: string): Netns {
  const prefix = process.env.CACHELAB_NETNS_PREFIX ?? "hsec";
  const id = `${process.pid % 100_000}${tag}`;
  const name = `${prefix}-${id}`;
  const [outer, inner] = [`${prefix}${id}a`, `${prefix}${id}b`];
  if (outer.length > 15) throw new Error(`veth name ${outer} is longer than Linux allows (15)`);
  // A /30 per process and tag inside 10.231.0.0/16, so parallel runs do not collide.
  const block = (process.pid * 7 + tag.charCodeAt(0)) % 16_384;
  const base = 10 << 24 | 231 << 16 | block * 4;
  const dotted = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  const hostAddress = dotted(base + 1);
  const clientAddress = dotted(base + 2);
  const remove = () => {
    try {
      ip("link", "del", outer);
    } catch {
      // Already gone (deleting the namespace removes its end of the pair too).
    }
    try {
      ip("netns", "del", name);
    } catch {
      // Already gone.
    }
  };
  remove();
  try {
    ip("netns", "add", name);
    ip("link", "add", outer, "type", "veth", "peer", "name", inner);
    ip("link", "set", inner, "netns", name);
    ip("addr", "add", `${hostAddress}/30`, "dev", outer);
    ip("link", "set", outer, "up");
    ip("netns", "exec", name, IP!, "addr", "add", `${clientAddress}/30`, "dev", inner);
    ip("netns", "exec", name, IP!, "link", "set", inner, "up");
    ip("netns", "exec", name, IP!, "link", "set", "lo", "up");
  } catch (error) {
    remove();
    throw error;
  }
  const client = fileURLToPath(new URL("ns-client.mjs", import.meta.url));
  const send: Netns["send"] = (requests, options = {}) =>
    new Promise((resolve, reject) => {
      const child = spawn(IP!, ["netns", "exec", name, process.execPath, client], { stdio: ["pipe", "pipe", "pipe"] });
      let out = "";
      let errText = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (errText += c.toString()));
      child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out) as NsAnswer[]) : reject(new Error(`namespace client exited with ${code}: ${errText}`))));
      child.stdin.end(JSON.stringify({ requests, concurrent: options.concurrent === true }));
    });
  return { name, hostAddress, clientAddress, send, remove };
}
