// Opening a history reads it once (issue 12 item 3: a 100,000-run history took 3.5–4.7 s to open, its
// records read and checked twice), and no run numbered while a read is in flight is lost or shown twice.
import { describe, expect, it } from "vitest";
import { CHUNK_SIZE, type KeyValueBackend, RunHistoryStore, memoryBackend } from "@/lib/runs/history-store";
import { run } from "@/lib/runs/testing/factories";
import type { RunRecord } from "@/lib/runs/types";
import { type HistoryView, RunHistoryShelves, SAVE_FAILED } from "./run-history-shelves";

const NOW = Date.parse("2026-11-30T10:00:00.000Z");
const numbers = (list: readonly RunRecord[]) => list.map((r) => r.number);
const unnumbered = (experimentId: string, n: number) => Array.from({ length: n }, (_, i) => { const { number: _n, ...rest } = run({ experimentId, id: `${experimentId}-new-${i}` }); return rest; });

/** A memory backend that counts how often each history's index and chunks are read. */
function counting() {
  const backend = memoryBackend();
  const reads = new Map<string, number>();
  const counted: KeyValueBackend & { data: Map<string, unknown> } = {
    ...backend,
    where: backend.where,
    get: (key) => {
      reads.set(key, (reads.get(key) ?? 0) + 1);
      return backend.get(key);
    },
  };
  return { backend: counted, loads: (id: string) => reads.get(`runs:${id}:meta`) ?? 0, reads };
}

async function seed(backend: KeyValueBackend, id: string, n: number) {
  await new RunHistoryStore(backend, id).append(Array.from({ length: n }, (_, i) => run({ experimentId: id, id: `${id}-${i}`, number: i + 1 })));
}

function shelves(backend: KeyValueBackend) {
  const views: HistoryView[] = [];
  const errors: string[] = [];
  const shelf = new RunHistoryShelves({ openBackend: async () => backend, now: () => NOW, onView: (v) => views.push(v), onStorageError: (m) => errors.push(m) });
  return { shelf, views, errors, last: () => views.at(-1)! };
}

describe("RunHistoryShelves", () => {
  it("reads a history once when it is first shown, every chunk once", async () => {
    const { backend, loads, reads } = counting();
    await seed(backend, "a", 2 * CHUNK_SIZE + 7);
    const { shelf, views, last } = shelves(backend);
    await shelf.show("a");
    expect(loads("a")).toBe(1);
    expect(reads.get("runs:a:chunk:0")).toBe(1);
    expect(views).toHaveLength(1);
    expect(last().runs).toHaveLength(2 * CHUNK_SIZE + 7);
    expect(last().problem).toBeNull();
  });

  it("shares the first read between the page and an append racing it: numbers continue, nothing lost or doubled", async () => {
    const { backend, loads } = counting();
    await seed(backend, "a", 3);
    const { shelf, last } = shelves(backend);
    const [, appended] = await Promise.all([shelf.show("a"), shelf.append(unnumbered("a", 2)), shelf.show("a")]);
    expect(loads("a")).toBe(1);
    expect(numbers(appended)).toEqual([4, 5]);
    expect(numbers(last().runs)).toEqual([1, 2, 3, 4, 5]);
    const more = await shelf.append(unnumbered("a", 1));
    expect(numbers(more)).toEqual([6]);
    expect(numbers(last().runs)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(loads("a")).toBe(1);
    expect(numbers((await new RunHistoryStore(backend, "a").load()).runs)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("shows the runs an append numbered while a read of the history was in flight", async () => {
    const { backend } = counting();
    await seed(backend, "a", 2);
    const { shelf, last } = shelves(backend);
    await shelf.show("a");
    await shelf.show("b");
    // While b is shown, a's series goes on; switching back reads a again, and an append lands mid-read.
    await shelf.append(unnumbered("a", 1));
    const back = shelf.show("a");
    const during = shelf.append(unnumbered("a", 1));
    await Promise.all([back, during]);
    expect(last().id).toBe("a");
    expect(numbers(last().runs)).toEqual([1, 2, 3, 4]);
  });

  it("files runs under their own experiment and shows only the asked-for one", async () => {
    const { backend } = counting();
    const { shelf, last } = shelves(backend);
    await shelf.show("a");
    await shelf.append([...unnumbered("a", 1), ...unnumbered("b", 2)]);
    expect(last()).toMatchObject({ id: "a" });
    expect(numbers(last().runs)).toEqual([1]);
    const toB = shelf.show("b");
    const backToA = shelf.show("a");
    await Promise.all([toB, backToA]);
    expect(last().id).toBe("a");
    await shelf.show("b");
    expect(numbers(last().runs)).toEqual([1, 2]);
  });

  it("keeps the notice of a repaired history for the visit, and repairs it once", async () => {
    const { backend } = counting();
    await seed(backend, "a", 4);
    const chunk = backend.data.get("runs:a:chunk:0") as unknown[];
    chunk[1] = "not a run";
    backend.data.set("runs:a:chunk:0", chunk);
    const { shelf, last } = shelves(backend);
    await Promise.all([shelf.show("a"), shelf.append(unnumbered("a", 1))]);
    expect(numbers(last().runs)).toEqual([1, 3, 4, 5]);
    expect(last().problem?.message).toMatch(/^1 saved run of this experiment could not be read and was set aside; 3 runs are shown/);
    expect([...backend.data.keys()].filter((k) => k.includes(":set-aside:"))).toHaveLength(1);
    await shelf.show("b");
    await shelf.show("a");
    expect(numbers(last().runs)).toEqual([1, 3, 4, 5]);
    expect(last().problem?.unreadable).toBe(1);
  });

  it("clears the shown history and numbers again from 1", async () => {
    const { backend } = counting();
    await seed(backend, "a", CHUNK_SIZE + 1);
    const { shelf, last } = shelves(backend);
    await shelf.show("a");
    await shelf.clear();
    expect(last().runs).toEqual([]);
    expect(numbers(await shelf.append(unnumbered("a", 1)))).toEqual([1]);
    expect(numbers(last().runs)).toEqual([1]);
  });

  it("says so when runs cannot be saved, and keeps them on the page", async () => {
    const { backend } = counting();
    const { shelf, last, errors } = shelves({ ...backend, where: backend.where, set: async () => { throw new Error("full"); } });
    await shelf.show("a");
    await shelf.append(unnumbered("a", 2));
    expect(errors).toEqual([SAVE_FAILED]);
    expect(numbers(last().runs)).toEqual([1, 2]);
  });
});
