// The last comparison of each experiment survives a reload, and a stored value that cannot be read is kept
// aside with a sentence that says where, never dropped (docs/style.md habit 7).
import { describe, expect, it } from "vitest";
import { tokens, usd } from "@/lib/cache/units";
import { memoryBackend } from "@/lib/runs/history-store";
import type { CompareRun } from "./compare";
import { COMPARE_STORE_VERSION, ComparisonStore, type SavedComparison } from "./compare-store";
import { compareRun } from "./testing/factories";

const run = (index: number, n: number) => compareRun(index, n, { traffic: { atMs: 60_000 * (n - 1), session: n, turn: 1, windowMs: 3_600_000 } });
const SAVED: SavedComparison = { targets: [{ target: "anthropic" }, { target: "openai", model: "gpt-5.6-luna" }], runs: [run(0, 1), run(1, 1), run(0, 2), run(1, 2)], status: "Comparison done: 4 runs." };
const NOW = Date.UTC(2026, 10, 30, 18, 0, 0);

describe("ComparisonStore", () => {
  it("gives back what it kept, per experiment, and nothing for an experiment with no comparison", async () => {
    const backend = memoryBackend();
    await new ComparisonStore(backend, "exp-1", () => NOW).save(SAVED);
    expect(await new ComparisonStore(backend, "exp-1").load()).toEqual({ saved: SAVED, problem: null });
    expect(await new ComparisonStore(backend, "exp-2").load()).toEqual({ saved: null, problem: null });
    expect(backend.data.get("compare:exp-1")).toMatchObject({ version: COMPARE_STORE_VERSION, savedAt: "2026-11-30T18:00:00.000Z" });
  });

  it("sets a value it cannot read aside, exactly as stored, says where, and then keeps new comparisons", async () => {
    const backend = memoryBackend();
    const bad = { version: COMPARE_STORE_VERSION, savedAt: "x", targets: [{ target: "anthropic" }], runs: [{ ...run(0, 1), usage: { uncached: "ten" } }], status: null };
    backend.data.set("compare:exp-1", bad);
    const store = new ComparisonStore(backend, "exp-1", () => NOW);
    const load = await store.load();
    const key = "compare:exp-1:set-aside:2026-11-30T18:00:00.000Z";
    expect(load.saved).toBeNull();
    expect(load.problem).toBe(`The saved comparison could not be read (runs.0.usage.uncached: Invalid input: expected number, received string). It is kept in memory (this visit only: this browser offers no IndexedDB) under the key “${key}”.`);
    expect(backend.data.get(key)).toEqual({ format: "cachelab.compare.set-aside.v1", experimentId: "exp-1", setAsideAt: "2026-11-30T18:00:00.000Z", value: bad });
    expect(backend.data.has("compare:exp-1")).toBe(false);
    await store.save(SAVED);
    expect((await new ComparisonStore(backend, "exp-1").load()).saved).toEqual(SAVED);
  });

  it("sets aside a comparison whose runs name other targets than its own", async () => {
    const backend = memoryBackend();
    backend.data.set("compare:e", { version: 1, savedAt: "x", targets: [{ target: "anthropic" }], runs: [run(1, 1)], status: null });
    const load = await new ComparisonStore(backend, "e", () => NOW).load();
    expect(load.problem).toContain("(its runs do not match its targets)");
    expect((backend.data.get("compare:e:set-aside:2026-11-30T18:00:00.000Z") as { value: unknown }).value).toMatchObject({ runs: [run(1, 1)] });
  });

  it("leaves a newer version's comparison untouched and writes nothing over it", async () => {
    const backend = memoryBackend();
    const newer = { version: COMPARE_STORE_VERSION + 1, whatever: [1, 2, 3] };
    backend.data.set("compare:exp-1", newer);
    const store = new ComparisonStore(backend, "exp-1", () => NOW);
    expect(await store.load()).toEqual({
      saved: null,
      problem: `The saved comparison of this experiment was written by a newer version of CacheLab (comparison version ${COMPARE_STORE_VERSION + 1}), so it is not shown and is left untouched; a new comparison is kept for this visit only.`,
    });
    await store.save(SAVED);
    expect(backend.data.get("compare:exp-1")).toEqual(newer);
    expect(backend.data.size).toBe(1);
  });

  it("touches nothing when storage cannot be read, or the bad value cannot be set aside", async () => {
    const failing = { ...memoryBackend(), get: async () => Promise.reject(new Error("blocked")) };
    const blocked = new ComparisonStore(failing, "e");
    expect((await blocked.load()).problem).toBe("The saved comparison could not be read (the browser's storage is blocked or failing), so it is left untouched; a new comparison is kept for this visit only.");
    const backend = memoryBackend();
    backend.data.set("compare:e", "garbage");
    const full = { ...backend, get: backend.get, set: async () => Promise.reject(new Error("quota")), del: backend.del };
    const load = await new ComparisonStore(full, "e").load();
    expect(load.problem).toMatch(/^The saved comparison could not be read \(.+\) nor set aside \(storage full or blocked\), so it is left untouched/);
    expect(backend.data.get("compare:e")).toBe("garbage");
  });
});
