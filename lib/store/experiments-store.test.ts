import { documentPath } from "@/lib/cache/paths";
import { describe, expect, it, vi } from "vitest";
import { addMessage } from "@/lib/editor/blocks";
import { blankExperiment } from "@/lib/editor/blank";
import { setCacheSetting } from "@/lib/editor/prompt";
import { createExperimentsStore } from "./experiments-store";
import { SET_ASIDE_KEY, STORAGE_KEY } from "./persistence";
import { selectActiveExperiment } from "./provider";
import { memoryStorage } from "./test-storage";

function setup(initial: Record<string, string> = {}) {
  const storage = memoryStorage(initial);
  let n = 0;
  let t = 1_000;
  const clock = { advance: (ms: number) => (t += ms) };
  const store = createExperimentsStore({ storage: () => storage, newId: () => `id-${++n}`, now: () => t });
  return { store, storage, clock, active: () => selectActiveExperiment(store.getState()) };
}

describe("experiments store", () => {
  it("starts with the long-document example when nothing is stored", () => {
    const { store, active } = setup();
    expect(store.getState().order).toEqual(["example-docs-qa"]);
    expect(active().settings.cache_instructions).toBe(true);
    expect(store.getState().recovery).toBeNull();
  });

  it("applies a transition to the active experiment and persists only the library", () => {
    const { store, storage, active } = setup();
    store.getState().actions.updateActiveExperiment((e) => setCacheSetting(e, "cache_messages", "1h"));
    expect(active().settings.cache_messages).toBe("1h");
    const saved = JSON.parse(storage.getItem(STORAGE_KEY)!);
    expect(Object.keys(saved.state).sort()).toEqual(["activeId", "experiments", "order"]);
    expect(saved.version).toBe(1);
    expect(saved.state.experiments["example-docs-qa"].experiment.settings.cache_messages).toBe("1h");
  });

  it("undoes and redoes edits, and a new edit clears the redo stack", () => {
    const { store, active } = setup();
    const { actions } = store.getState();
    actions.createExperiment();
    actions.updateActiveExperiment((e) => addMessage(e, "assistant"));
    actions.updateActiveExperiment((e) => addMessage(e, "user"));
    expect(active().messages).toHaveLength(3);
    actions.undo();
    expect(active().messages).toHaveLength(2);
    actions.undo();
    expect(active().messages).toHaveLength(1);
    actions.undo();
    expect(active().messages).toHaveLength(1);
    actions.redo();
    expect(active().messages).toHaveLength(2);
    actions.updateActiveExperiment((e) => setCacheSetting(e, "cache_instructions", "5m"));
    actions.redo();
    expect(active().messages).toHaveLength(2);
  });

  it("merges quick edits with the same coalesce key into one undo step", () => {
    const { store, clock, active } = setup();
    const { actions } = store.getState();
    actions.createExperiment();
    actions.updateActiveExperiment((e) => ({ ...e, system: ["a"] }), { coalesceKey: "system[0]" });
    clock.advance(200);
    actions.updateActiveExperiment((e) => ({ ...e, system: ["ab"] }), { coalesceKey: "system[0]" });
    clock.advance(2_000);
    actions.updateActiveExperiment((e) => ({ ...e, system: ["abc"] }), { coalesceKey: "system[0]" });
    actions.undo();
    expect(active().system).toEqual(["ab"]);
    actions.undo();
    expect(active().system).toEqual([""]);
  });

  it("ignores a transition that returns the same experiment", () => {
    const { store } = setup();
    store.getState().actions.updateActiveExperiment((e) => e);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it("creates, renames, duplicates, selects and deletes experiments", () => {
    const { store, active } = setup();
    const { actions } = store.getState();
    const id = actions.createExperiment({ ...blankExperiment("Chat"), system: ["x"] });
    expect(store.getState().activeId).toBe(id);
    actions.renameExperiment(id, "Chat v2");
    expect(active().name).toBe("Chat v2");
    const copy = actions.duplicateExperiment(id)!;
    expect(store.getState().order).toEqual(["example-docs-qa", id, copy]);
    expect(active().name).toBe("Chat v2 (copy)");
    expect(active().system).toEqual(["x"]);
    actions.selectExperiment("example-docs-qa");
    expect(active().name).toBe("Handbook Q&A");
    actions.deleteExperiment("example-docs-qa");
    expect(store.getState().order).toEqual([id, copy]);
    expect(store.getState().activeId).toBe(id);
    actions.deleteExperiment(id);
    actions.deleteExperiment(copy);
    expect(store.getState().order).toHaveLength(1);
    expect(active().name).toBe("Untitled experiment");
  });

  it("reloads the saved library as it was", () => {
    const { store, storage } = setup();
    const id = store.getState().actions.createExperiment(blankExperiment("Kept"));
    const reloaded = createExperimentsStore({ storage: () => storage });
    expect(reloaded.getState().activeId).toBe(id);
    expect(selectActiveExperiment(reloaded.getState()).name).toBe("Kept");
    expect(reloaded.getState().order).toEqual(["example-docs-qa", id]);
  });

  // Issue 11 item 8 (audit M8): what an import could not keep stays until the person dismisses it.
  it("keeps an import's notes with the experiment across reloads until they are dismissed", () => {
    const { store, storage } = setup();
    const notes = ["`temperature` is not part of an experiment and was left out.", "The original had 4 breakpoint(s); the imported experiment sends 3."];
    const id = store.getState().actions.createExperiment(blankExperiment("Imported request"), { importNotes: notes });
    expect(store.getState().experiments[id]!.importNotes).toEqual(notes);
    const reloaded = createExperimentsStore({ storage: () => storage });
    expect(reloaded.getState().experiments[id]!.importNotes).toEqual(notes);
    reloaded.getState().actions.updateActiveExperiment((e) => setCacheSetting(e, "cache_messages", "1h"));
    expect(reloaded.getState().experiments[id]!.importNotes).toEqual(notes);
    reloaded.getState().actions.dismissImportNotes(id);
    expect(reloaded.getState().experiments[id]!.importNotes).toBeUndefined();
    const again = createExperimentsStore({ storage: () => storage });
    expect(again.getState().experiments[id]!.importNotes).toBeUndefined();
    expect(again.getState().experiments["example-docs-qa"]!.importNotes).toBeUndefined();
  });

  it("focusBlock records a new request each time, even for the same path", () => {
    const { store } = setup();
    store.getState().actions.focusBlock(documentPath.item(0, 0));
    const first = store.getState().focus!;
    store.getState().actions.focusBlock(documentPath.item(0, 0));
    expect(store.getState().focus!.path).toBe("messages[0].content[0]");
    expect(store.getState().focus!.nonce).toBeGreaterThan(first.nonce);
  });
});

describe("experiments store with bad stored data", () => {
  it("sets aside data that is not JSON under a key with its time, shows a recovery message and starts fresh", () => {
    const { store, storage, active } = setup({ [STORAGE_KEY]: "{not json" });
    expect(store.getState().recovery?.message).toMatch(/could not be read/);
    const key = `${SET_ASIDE_KEY}:1970-01-01T00:00:01.000Z`;
    expect(store.getState().recovery?.setAsideKey).toBe(key);
    expect(storage.getItem(key)).toBe("{not json");
    expect(active().messages).toHaveLength(1);
  });

  // Issue 8 item 12 / audit m8: a second corrupt library used to overwrite the first set-aside copy.
  it("keeps every set-aside copy: a second corruption never overwrites the first", () => {
    const storage = memoryStorage({ [STORAGE_KEY]: "FIRST-CORRUPT-COPY" });
    let t = Date.parse("2026-11-30T10:00:00.000Z");
    const open = () => createExperimentsStore({ storage: () => storage, now: () => t });
    const first = open().getState().recovery!;
    expect(first.setAsideKey).toBe(`${SET_ASIDE_KEY}:2026-11-30T10:00:00.000Z`);
    expect(first.earlierKeys).toEqual([]);
    storage.setItem(STORAGE_KEY, "SECOND-CORRUPT-COPY");
    const second = open().getState().recovery!;
    // The same millisecond: the copy gets a key of its own all the same.
    expect(second.setAsideKey).toBe(`${SET_ASIDE_KEY}:2026-11-30T10:00:00.000Z-2`);
    expect(second.earlierKeys).toEqual([first.setAsideKey]);
    t += 60_000;
    storage.setItem(STORAGE_KEY, "THIRD-CORRUPT-COPY");
    const third = open().getState().recovery!;
    expect(third.setAsideKey).toBe(`${SET_ASIDE_KEY}:2026-11-30T10:01:00.000Z`);
    expect(third.earlierKeys).toEqual([first.setAsideKey, second.setAsideKey]);
    expect(storage.getItem(first.setAsideKey!)).toBe("FIRST-CORRUPT-COPY");
    expect(storage.getItem(second.setAsideKey!)).toBe("SECOND-CORRUPT-COPY");
    expect(storage.getItem(third.setAsideKey!)).toBe("THIRD-CORRUPT-COPY");
  });

  it("replaces the unreadable library once it is set aside, so a reload finds nothing more to set aside", () => {
    const { storage } = setup({ [STORAGE_KEY]: "{not json" });
    const copies = () => [...storage.data.keys()].filter((k) => k.startsWith(SET_ASIDE_KEY));
    expect(copies()).toHaveLength(1);
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!).state.order).toEqual(["example-docs-qa"]);
    const reloaded = createExperimentsStore({ storage: () => storage });
    expect(reloaded.getState().recovery).toBeNull();
    expect(copies()).toHaveLength(1);
  });

  it("counts a copy left under the old single key as an earlier copy, and leaves it alone", () => {
    const storage = memoryStorage({ [SET_ASIDE_KEY]: "OLD-COPY", [STORAGE_KEY]: "NEW-CORRUPTION" });
    const store = createExperimentsStore({ storage: () => storage, now: () => 0 });
    expect(store.getState().recovery!.earlierKeys).toEqual([SET_ASIDE_KEY]);
    expect(storage.getItem(SET_ASIDE_KEY)).toBe("OLD-COPY");
  });

  it("says so, and keeps the data to download, when the copy cannot be set aside", () => {
    const storage = memoryStorage({ [STORAGE_KEY]: "{corrupt" });
    const full: Storage = { ...storage, getItem: storage.getItem, key: storage.key, get length() { return storage.length; }, setItem: () => { throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); } };
    const recovery = createExperimentsStore({ storage: () => full, now: () => 0 }).getState().recovery!;
    expect(recovery.setAsideKey).toBeNull();
    expect(recovery.unsaved).toBe("{corrupt");
    expect(storage.getItem(STORAGE_KEY)).toBe("{corrupt");
  });

  it("sets aside a library saved by a newer version before anything is written over it", () => {
    const good = { id: "good", experiment: blankExperiment("Good"), createdAt: 1, updatedAt: 1 };
    const value = JSON.stringify({ state: { experiments: { good }, order: ["good"], activeId: "good", futureField: [1] }, version: 2 });
    const { store, storage, active } = setup({ [STORAGE_KEY]: value });
    const recovery = store.getState().recovery!;
    expect(recovery.message).toMatch(/saved by a newer version of CacheLab \(library version 2\)/);
    expect(JSON.parse(storage.getItem(recovery.setAsideKey!)!)).toEqual(JSON.parse(value).state);
    expect(active().name).toBe("Good");
  });

  it("keeps the valid experiments and sets aside only the invalid ones", () => {
    const good = { id: "good", experiment: blankExperiment("Good"), createdAt: 1, updatedAt: 1 };
    const bad = { id: "bad", experiment: { name: "Bad", messages: "nope" }, createdAt: 1, updatedAt: 1 };
    const value = JSON.stringify({ state: { experiments: { good, bad }, order: ["bad", "good"], activeId: "bad" }, version: 1 });
    const { store, storage, active } = setup({ [STORAGE_KEY]: value });
    expect(store.getState().order).toEqual(["good"]);
    expect(active().name).toBe("Good");
    expect(store.getState().recovery?.details[0]).toMatch(/^Bad: messages/);
    expect(JSON.parse(storage.getItem(store.getState().recovery!.setAsideKey!)!)).toHaveProperty("bad");
  });

  it("sets aside a value of an unknown shape", () => {
    const { store } = setup({ [STORAGE_KEY]: JSON.stringify({ state: [1, 2], version: 1 }) });
    expect(store.getState().recovery?.message).toMatch(/shape/);
    expect(store.getState().order).toHaveLength(1);
  });

  it("migrates a version-0 single experiment into the library", () => {
    const value = JSON.stringify({ state: { experiment: blankExperiment("Old") }, version: 0 });
    const { store, active } = setup({ [STORAGE_KEY]: value });
    expect(store.getState().recovery).toBeNull();
    expect(active().name).toBe("Old");
  });

  it("reports a failed write instead of throwing", async () => {
    const storage = memoryStorage();
    const full: Storage = { ...storage, getItem: storage.getItem, setItem: () => { throw Object.assign(new Error("full"), { name: "QuotaExceededError" }); } };
    const store = createExperimentsStore({ storage: () => full });
    store.getState().actions.updateActiveExperiment((e) => addMessage(e, "user"));
    await Promise.resolve();
    expect(store.getState().notice?.message).toMatch(/storage for this site is full/);
    expect(selectActiveExperiment(store.getState()).messages).toHaveLength(2);
  });
});

describe("batched writes", () => {
  it("writes the last state once after the pause", () => {
    vi.useFakeTimers();
    try {
      const storage = memoryStorage();
      const writes: string[] = [];
      const spy: Storage = { ...storage, getItem: storage.getItem, setItem: (k, v) => (writes.push(k), storage.setItem(k, v)) };
      const store = createExperimentsStore({ storage: () => spy, writeDelayMs: 200 });
      store.getState().actions.updateActiveExperiment((e) => addMessage(e, "user"));
      store.getState().actions.updateActiveExperiment((e) => addMessage(e, "assistant"));
      expect(writes).toHaveLength(0);
      vi.advanceTimersByTime(250);
      expect(writes).toHaveLength(1);
      expect(JSON.parse(storage.getItem(STORAGE_KEY)!).state.experiments["example-docs-qa"].experiment.messages).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });
});
