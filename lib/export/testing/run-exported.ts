// Test helper for the exported SDK code: a `cachelab emulate` to run it against and a scratch directory
// inside node_modules (so the exported imports resolve), both set up before and removed after the suite.
import { mkdtemp, rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { type SpawnedEmulator, spawnEmulator } from "@/lib/emulator/testing/spawn";

export function exportedCodeSandbox(): { emulatorUrl: () => string; dir: () => string } {
  let spawned: SpawnedEmulator | undefined;
  let dir = "";
  beforeAll(async () => {
    spawned = await spawnEmulator(["--latency-scale", "0"]);
    dir = await mkdtemp(join(process.cwd(), "node_modules", ".cachelab-export-"));
  }, 20_000);
  afterAll(async () => {
    await spawned?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  return { emulatorUrl: () => spawned!.url, dir: () => dir };
}
