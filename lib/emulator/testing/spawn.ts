// Test helper: runs `node bin/cachelab.mjs emulate --port 0` as a child process and reads the one
// line it prints, exactly as a user (or a held-out scenario) would. Loopback only.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

export interface SpawnedEmulator {
  url: string;
  child: ChildProcess;
  stdout: () => string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function spawnEmulator(args: string[] = []): Promise<SpawnedEmulator> {
  const child = spawn(process.execPath, ["bin/cachelab.mjs", "emulate", "--port", "0", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator did not start: ${err}`)), 15_000);
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /^listening on (http:\/\/\S+)\n/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1]!,
          child,
          stdout: () => out,
          stop: (signal = "SIGTERM") => {
            if (child.exitCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
  });
}
