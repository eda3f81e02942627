import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, HISTORY_VERSION, type KeyValueBackend, RunHistoryStore, memoryBackend } from "./history-store";
import { run } from "./testing/factories";
import type { RunRecord } from "./types";

const runs = (n: number, from = 1) => Array.from({ length: n }, (_, i) => run({ number: from + i }));
const NOW = Date.parse("2026-11-30T10:00:00.000Z");
const open = (backend: KeyValueBackend, id: string, now = () => NOW) => new RunHistoryStore(backend, id, { now });
const numbers = (list: readonly RunRecord[]) => list.map((r) => r.number);

/** A stored history of `n` runs, then `damage` applied to the backend's raw values. */
async function stored(n: number, damage: (data: Map<string, unknown>) => void = () => {}) {
  const backend = memoryBackend();
  await open(backend, "x").append(runs(n));
  damage(backend.data);
  return backend;
}

function replaceRecord(data: Map<string, unknown>, chunk: number, index: number, value: unknown) {
  const raw = data.get(`runs:x:chunk:${chunk}`) as unknown[];
  raw[index] = value;
  data.set(`runs:x:chunk:${chunk}`, raw);
}

const setAsideKeys = (backend: { data: Map<string, unknown> }) => [...backend.data.keys()].filter((k) => k.includes(":set-aside:"));

describe("RunHistoryStore", () => {
  it("keeps runs across loads, per experiment", async () => {
    const backend = memoryBackend();
    await open(backend, "a").append(runs(3));
    const a = await open(backend, "a").load();
    expect(numbers(a.runs)).toEqual([1, 2, 3]);
    expect(a.problem).toBeNull();
    expect(a.nextNumber).toBe(4);
    expect((await open(backend, "b").load()).runs).toEqual([]);
  });

  it("holds 10,000 runs in chunks and rewrites only the last chunk on append", async () => {
    const backend = memoryBackend();
    const store = open(backend, "big");
    await store.load();
    await store.append(runs(10_000));
    expect(backend.data.size).toBe(10_000 / CHUNK_SIZE + 1);
    const all = (await open(backend, "big").load()).runs;
    expect(all).toHaveLength(10_000);
    expect(all[9_999]!.number).toBe(10_000);
    const writes: string[] = [];
    const spy = { ...backend, set: async (k: string, v: unknown) => { writes.push(k); await backend.set(k, v); } };
    const appender = new RunHistoryStore(spy, "big");
    await appender.load();
    expect(writes).toEqual([]);
    await appender.append(runs(1, 10_001));
    expect(writes).toEqual(["runs:big:chunk:20", "runs:big:meta"]);
  });
});

// Issue 8 item 11 / audit M6: one bad record used to cut a 1,000-run history to 499 in silence,
// rewrite the stored count, orphan the rest and let later runs reuse run numbers.
describe("RunHistoryStore with bad stored data", () => {
  it("skips and counts one bad record in a 1,000-run history, sets it aside and keeps the other 999", async () => {
    const backend = await stored(1000, (data) => replaceRecord(data, 0, 10, "not a run"));
    const loaded = await open(backend, "x").load();
    expect(loaded.runs).toHaveLength(999);
    expect(numbers(loaded.runs)).not.toContain(11);
    expect(loaded.runs.at(-1)!.number).toBe(1000);
    expect(loaded.problem).toMatchObject({ kind: "set-aside", unreadable: 1, missing: 0, shown: 999 });
    expect(loaded.problem!.message).toMatch(/^1 saved run of this experiment could not be read/);
    // Where the record went is named on the page, and it is really there.
    const [key] = setAsideKeys(backend);
    expect(key).toBe("runs:x:set-aside:2026-11-30T10:00:00.000Z");
    expect(loaded.problem!.message).toContain(`“${key}”`);
    expect(loaded.problem!.message).toContain("memory");
    expect(backend.data.get(key!)).toMatchObject({ experimentId: "x", setAsideAt: "2026-11-30T10:00:00.000Z", records: [{ chunk: 0, index: 10, value: "not a run" }] });
    // The live history is consistent again: a reload shows the same 999 runs and says nothing more.
    const again = await open(backend, "x").load();
    expect(numbers(again.runs)).toEqual(numbers(loaded.runs));
    expect(again.problem).toBeNull();
    expect(again.nextNumber).toBe(1001);
    expect(backend.data.get("runs:x:meta")).toEqual({ version: HISTORY_VERSION, count: 999, next: 1001 });
  });

  it("numbers the next run after the highest stored number, so numbers stay unique", async () => {
    // A 4-run history with record 2 replaced by a string: the next run used to be #4 again ([1,3,4,4]).
    const backend = await stored(4, (data) => replaceRecord(data, 0, 1, "garbage"));
    const store = open(backend, "x");
    const loaded = await store.load();
    expect(numbers(loaded.runs)).toEqual([1, 3, 4]);
    expect(loaded.nextNumber).toBe(5);
    expect(loaded.problem?.unreadable).toBe(1);
    await store.append([run({ number: loaded.nextNumber })]);
    const after = await open(backend, "x").load();
    expect(numbers(after.runs)).toEqual([1, 3, 4, 5]);
    expect(new Set(numbers(after.runs)).size).toBe(after.runs.length);
  });

  it("counts the number a set-aside record had, so a restored record would not collide", async () => {
    const backend = await stored(4, (data) => replaceRecord(data, 0, 3, { number: 4, status: "half-written" }));
    const loaded = await open(backend, "x").load();
    expect(numbers(loaded.runs)).toEqual([1, 2, 3]);
    expect(loaded.nextNumber).toBe(5);
  });

  it("sets aside records whose fields the page would trip over, not only non-objects", async () => {
    const backend = await stored(5, (data) => {
      replaceRecord(data, 0, 0, { ...run({ number: 1 }), blocks: "nope" });
      replaceRecord(data, 0, 2, { ...run({ number: 3 }), usage: { cacheRead: "12" } });
      replaceRecord(data, 0, 4, { ...run({ number: 5 }), status: "pending" });
    });
    const loaded = await open(backend, "x").load();
    expect(numbers(loaded.runs)).toEqual([2, 4]);
    expect(loaded.problem).toMatchObject({ unreadable: 3, shown: 2 });
    expect(loaded.problem!.message).toMatch(/^3 saved runs of this experiment could not be read/);
  });

  it("keeps a record's extra fields and a failed run's error as stored", async () => {
    const failed = run({ number: 1, status: "failed", usage: null, cost: null, costWithoutCache: null, latency: null, error: { code: "provider:rate_limited", message: "429", status: 429, retryAfterSeconds: 3 } });
    const backend = memoryBackend();
    const extra = { ...failed, trace: { read: null, writes: [], engine: { any: ["json"] } } };
    await open(backend, "x").append([extra]);
    const loaded = await open(backend, "x").load();
    expect(loaded.runs).toEqual([extra]);
    expect(loaded.problem).toBeNull();
  });

  it("sets aside a whole unreadable chunk and counts the runs the history said it held", async () => {
    const backend = await stored(CHUNK_SIZE + 10, (data) => data.set("runs:x:chunk:1", "garbage"));
    const store = open(backend, "x");
    const loaded = await store.load();
    expect(loaded.runs).toHaveLength(CHUNK_SIZE);
    expect(loaded.problem).toMatchObject({ unreadable: 10, missing: 0 });
    expect(backend.data.get(setAsideKeys(backend)[0]!)).toMatchObject({ chunks: [{ chunk: 1, value: "garbage" }] });
    // The numbers of the runs in that chunk cannot be read, but they stay taken after a reload.
    expect(loaded.nextNumber).toBe(CHUNK_SIZE + 11);
    expect((await open(backend, "x").load()).nextNumber).toBe(CHUNK_SIZE + 11);
    await store.append(runs(1, loaded.nextNumber));
    const after = await open(backend, "x").load();
    expect(after.runs).toHaveLength(CHUNK_SIZE + 1);
    expect(after.runs.at(-1)!.number).toBe(CHUNK_SIZE + 11);
  });

  it("reports runs that are missing from storage instead of dropping them in silence", async () => {
    const backend = await stored(2 * CHUNK_SIZE + 5, (data) => data.delete("runs:x:chunk:1"));
    const loaded = await open(backend, "x").load();
    expect(loaded.runs).toHaveLength(CHUNK_SIZE + 5);
    expect(loaded.problem).toMatchObject({ unreadable: 0, missing: CHUNK_SIZE });
    expect(loaded.problem!.message).toMatch(/500 saved runs of this experiment are missing from storage/);
    expect(loaded.nextNumber).toBe(2 * CHUNK_SIZE + 6);
  });

  it("recovers runs past the stored count (left behind by the old truncation)", async () => {
    // What the old code left: meta rewritten to 499, chunk 0 still holding the bad record, chunk 1 orphaned.
    const backend = await stored(1000, (data) => {
      replaceRecord(data, 0, 10, "not a run");
      data.set("runs:x:meta", { version: HISTORY_VERSION, count: 499 });
    });
    const loaded = await open(backend, "x").load();
    expect(loaded.runs).toHaveLength(999);
    expect(loaded.problem?.unreadable).toBe(1);
    expect(loaded.nextNumber).toBe(1001);
  });

  it("sets aside unreadable metadata and recovers the runs from their chunks", async () => {
    const backend = await stored(CHUNK_SIZE + 3, (data) => data.set("runs:x:meta", "{broken"));
    const loaded = await open(backend, "x").load();
    expect(loaded.runs).toHaveLength(CHUNK_SIZE + 3);
    expect(loaded.problem?.message).toMatch(/index of the run history could not be read/);
    expect(backend.data.get(setAsideKeys(backend)[0]!)).toMatchObject({ meta: "{broken" });
    expect(backend.data.get("runs:x:meta")).toEqual({ version: HISTORY_VERSION, count: CHUNK_SIZE + 3 });
  });

  it("never overwrites a history of a newer version: read-only, with a message, runs kept for the visit", async () => {
    const backend = await stored(3, (data) => data.set("runs:x:meta", { version: HISTORY_VERSION + 1, count: 3 }));
    const before = structuredClone([...backend.data]);
    const store = open(backend, "x");
    const loaded = await store.load();
    expect(loaded.runs).toEqual([]);
    expect(loaded.problem).toMatchObject({ kind: "read-only", reason: "newer-version" });
    expect(loaded.problem!.message).toMatch(/saved by a newer version of CacheLab \(history version 2\)/);
    expect(loaded.problem!.message).toMatch(/left untouched/);
    await store.append(runs(2, loaded.nextNumber));
    expect((await store.load()).runs).toHaveLength(2);
    await store.clear();
    expect([...backend.data]).toEqual(before);
  });

  it("treats a history it cannot read at all as read-only, so nothing is overwritten", async () => {
    const backend = await stored(3);
    const before = structuredClone([...backend.data]);
    const failing: KeyValueBackend = { ...backend, where: backend.where, get: async () => { throw new Error("blocked"); } };
    const store = new RunHistoryStore(failing, "x", { now: () => NOW });
    const loaded = await store.load();
    expect(loaded.problem).toMatchObject({ kind: "read-only", reason: "unavailable" });
    await store.append(runs(1, loaded.nextNumber));
    expect([...backend.data]).toEqual(before);
  });

  it("rewrites nothing when the bad data cannot be set aside first", async () => {
    const backend = await stored(4, (data) => replaceRecord(data, 0, 1, "garbage"));
    const before = structuredClone([...backend.data]);
    const full: KeyValueBackend = { ...backend, where: backend.where, set: async () => { throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); } };
    const store = new RunHistoryStore(full, "x", { now: () => NOW });
    const loaded = await store.load();
    expect(numbers(loaded.runs)).toEqual([1, 3, 4]);
    expect(loaded.problem).toMatchObject({ kind: "read-only", reason: "repair-failed", unreadable: 1 });
    await store.append(runs(1, loaded.nextNumber));
    expect([...backend.data]).toEqual(before);
  });

  it("keeps each set-aside copy: a second corruption at the same moment gets its own key", async () => {
    const backend = await stored(4, (data) => replaceRecord(data, 0, 1, "first"));
    await open(backend, "x").load();
    replaceRecord(backend.data, 0, 0, "second");
    await open(backend, "x").load();
    const keys = setAsideKeys(backend);
    expect(keys).toEqual(["runs:x:set-aside:2026-11-30T10:00:00.000Z", "runs:x:set-aside:2026-11-30T10:00:00.000Z-2"]);
    expect(keys.map((k) => (backend.data.get(k) as { records: { value: unknown }[] }).records[0]!.value)).toEqual(["first", "second"]);
  });

  it("clears completely, and keeps what was set aside", async () => {
    const backend = await stored(CHUNK_SIZE + 2, (data) => replaceRecord(data, 0, 0, "bad"));
    const store = open(backend, "x");
    await store.load();
    await store.clear();
    expect((await open(backend, "x").load()).runs).toEqual([]);
    expect([...backend.data.keys()]).toEqual(setAsideKeys(backend));
  });
});
