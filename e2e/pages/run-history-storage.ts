// The run history's IndexedDB store as a test sees it: seed a history in its chunked format (with
// damage, to play a crash or a bug), and read every stored key back to check that nothing was lost.
import type { Page } from "@playwright/test";

/** Where the history lives (lib/runs/history-store.ts). */
const DATABASE = "cachelab-runs";
const STORE = "runs";

export interface HistoryDamage {
  /** Replaces stored run number `run` (1-based) with this value. */
  replaceRun?: { run: number; value: unknown };
  /** Writes this index instead of the right one. */
  meta?: unknown;
}

/** Writes `count` runs for an experiment straight into the history's IndexedDB store, in its chunked format. */
export async function seedHistory(page: Page, experimentId: string, count: number, damage: HistoryDamage = {}) {
  await page.evaluate(
    async ({ experimentId, count, damage, DATABASE, STORE }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(DATABASE);
        open.onupgradeneeded = () => open.result.createObjectStore(STORE);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const tx = db.transaction(STORE, "readwrite");
      const store = tx.objectStore(STORE);
      const chunk: unknown[] = [];
      let n = 0;
      for (let i = 1; i <= count; i++) {
        const first = i % 100 === 1;
        const record = {
          id: `seed-${i}`, experimentId, seriesId: "seed", number: i, variant: "A", label: "Anthropic · Claude Sonnet 4.6", parallel: false,
          provider: "anthropic", transport: "emulated", model: "claude-sonnet-4-6", modelId: "claude-sonnet-4-6",
          startedAt: 1_800_000_000_000 + i * 1000, status: "ok",
          usage: { uncachedInput: 12, cacheWrite5m: first ? 3000 : 0, cacheWrite1h: 0, cacheRead: first ? 0 : 3000, output: 20 },
          cost: first ? 0.0116 : 0.0012, costWithoutCache: 0.0094, latency: { totalMs: 700, ttftMs: 300, modelled: true },
          responseText: "ok", requestId: `req_${i}`,
          blocks: [{ path: "system[0]", hash: "h0", cumulativeTokens: 3000, focusPath: "system[0]" }, { path: "messages[0].content[0]", hash: "h1", cumulativeTokens: 3012, focusPath: "messages[0].content[0]" }],
          breakpoints: [{ path: "system[0]", status: "kept", ttl: "5m", prefixTokens: 3000, minTokens: 1024, canCache: true, position: 0, focusPath: "system[0]" }],
        };
        chunk.push(damage.replaceRun?.run === i ? damage.replaceRun.value : record);
        if (chunk.length === 500 || i === count) {
          store.put(chunk.splice(0), `runs:${experimentId}:chunk:${n++}`);
        }
      }
      store.put("meta" in damage ? damage.meta : { version: 1, count }, `runs:${experimentId}:meta`);
      await new Promise((resolve, reject) => {
        tx.oncomplete = resolve;
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { experimentId, count, damage, DATABASE, STORE },
  );
}

/** Every key and value in the history's store. */
export async function readHistoryStorage(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(
    async ({ DATABASE, STORE }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(DATABASE);
        open.onupgradeneeded = () => open.result.createObjectStore(STORE);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction(STORE, "readonly").objectStore(STORE);
      const [keys, values] = await Promise.all(
        [store.getAllKeys(), store.getAll()].map((request) => new Promise<unknown[]>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result as unknown[]);
          request.onerror = () => reject(request.error);
        })),
      );
      db.close();
      return Object.fromEntries(keys!.map((key, i) => [String(key), values![i]]));
    },
    { DATABASE, STORE },
  );
}
