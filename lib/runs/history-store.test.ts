import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, RunHistoryStore, memoryBackend } from "./history-store";
import { run } from "./testing/factories";

const runs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => run({ number: from + i }));

describe("RunHistoryStore", () => {
  it("keeps runs across loads, per experiment", async () => {
    const backend = memoryBackend();
    await new RunHistoryStore(backend, "a").append(runs(3));
    expect((await new RunHistoryStore(backend, "a").load()).map((r) => r.number)).toEqual([1, 2, 3]);
    expect(await new RunHistoryStore(backend, "b").load()).toEqual([]);
  });

  it("holds 10,000 runs in chunks and rewrites only the last chunk on append", async () => {
    const backend = memoryBackend();
    const store = new RunHistoryStore(backend, "big");
    await store.load();
    await store.append(runs(10_000));
    expect(backend.data.size).toBe(10_000 / CHUNK_SIZE + 1);
    const reloaded = new RunHistoryStore(backend, "big");
    const all = await reloaded.load();
    expect(all).toHaveLength(10_000);
    expect(all[9_999]!.number).toBe(10_000);
    const writes: string[] = [];
    const spy = { ...backend, set: async (k: string, v: unknown) => { writes.push(k); await backend.set(k, v); } };
    const appender = new RunHistoryStore(spy, "big");
    await appender.load();
    await appender.append(runs(1, 10_001));
    expect(writes).toEqual(["runs:big:chunk:20", "runs:big:meta"]);
  });

  it("keeps what it can read when a chunk is corrupt", async () => {
    const backend = memoryBackend();
    await new RunHistoryStore(backend, "x").append(runs(CHUNK_SIZE + 10));
    backend.data.set("runs:x:chunk:1", "garbage");
    const store = new RunHistoryStore(backend, "x");
    expect(await store.load()).toHaveLength(CHUNK_SIZE);
    await store.append(runs(1, 999));
    expect(await new RunHistoryStore(backend, "x").load()).toHaveLength(CHUNK_SIZE + 1);
  });

  it("starts empty from unreadable metadata and clears completely", async () => {
    const backend = memoryBackend();
    backend.data.set("runs:y:meta", { version: 99 });
    const store = new RunHistoryStore(backend, "y");
    expect(await store.load()).toEqual([]);
    await store.append(runs(2));
    await store.clear();
    expect(await new RunHistoryStore(backend, "y").load()).toEqual([]);
    expect(backend.data.size).toBe(0);
  });
});
