"use client";
// The emulator's cache from the page: reset it, see how many entries are live, and in test mode
// (CACHELAB_TEST_MODE=1 on the server) queue a fault for the browser tests.
import { useState } from "react";
import { type EmulatorEntry, injectEmulatorFaultAction, listEmulatorEntriesAction, resetEmulatorCacheAction } from "@/app/actions/runs";
import { formatTokens } from "./run-labels";

const FAULTS = {
  rate_limit: { kind: "rate_limit", retryAfterSeconds: 7 },
  overloaded: { kind: "overloaded" },
  server_error: { kind: "server_error" },
  stream_cut: { kind: "stream_cut", afterFrames: 3, cut: "end" },
} as const;

export function EmulatorTools({ testMode, onMessage }: { testMode: boolean; onMessage: (message: string) => void }) {
  const [fault, setFault] = useState<keyof typeof FAULTS>("rate_limit");
  const [busy, setBusy] = useState(false);
  const [entries, setEntries] = useState<EmulatorEntry[] | null>(null);

  const act = async (task: () => Promise<string>) => {
    setBusy(true);
    try {
      onMessage(await task());
    } catch {
      onMessage("The server did not answer; try again.");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <button
        type="button"
        disabled={busy}
        className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
        onClick={() => act(async () => {
          const r = await resetEmulatorCacheAction();
          if (r.ok) setEntries(null);
          return r.ok ? "The emulator's cache is empty." : r.error.message;
        })}
      >
        Reset emulator cache
      </button>
      <button
        type="button"
        disabled={busy}
        className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
        onClick={() => act(async () => {
          const r = await listEmulatorEntriesAction();
          if (!r.ok) return r.error.message;
          setEntries(r.value);
          return `The emulator's cache holds ${r.value.length} live entr${r.value.length === 1 ? "y" : "ies"}.`;
        })}
      >
        Show emulator cache
      </button>
      {entries && entries.length > 0 && (
        <div className="w-full overflow-x-auto">
          <table className="w-full border-collapse text-left text-xs">
            <caption className="mb-1 text-left font-medium text-slate-600">Emulator cache entries (every scope; newest first)</caption>
            <thead>
              <tr className="border-b border-slate-200 text-slate-500">
                <th scope="col" className="px-1">Provider</th>
                <th scope="col" className="px-1">Model</th>
                <th scope="col" className="px-1">Block</th>
                <th scope="col" className="px-1 text-right">Tokens</th>
                <th scope="col" className="px-1">TTL</th>
                <th scope="col" className="px-1 text-right">Expires in</th>
                <th scope="col" className="px-1 text-right">Hits</th>
              </tr>
            </thead>
            <tbody>
              {entries.slice(0, 50).map((e) => (
                <tr key={`${e.scope}:${e.prefix_hash}:${e.position}`} className="border-b border-slate-100">
                  <td className="px-1">{e.provider}</td>
                  <td className="px-1">{e.model}</td>
                  <td className="px-1 font-mono">{e.path}</td>
                  <td className="px-1 text-right tabular-nums">{formatTokens(e.tokens)}</td>
                  <td className="px-1">{e.ttl}</td>
                  <td className="px-1 text-right tabular-nums">{e.visible ? `${formatTokens(e.expires_in_seconds)} s` : "being written"}</td>
                  <td className="px-1 text-right tabular-nums">{e.hits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {testMode && (
        <span className="flex items-center gap-1 rounded bg-amber-50 px-2 py-0.5">
          <label className="flex items-center gap-1">
            <span>Test fault</span>
            <select value={fault} onChange={(e) => setFault(e.target.value as keyof typeof FAULTS)} className="rounded border border-slate-300 px-1">
              <option value="rate_limit">429 rate limit</option>
              <option value="overloaded">529 overloaded</option>
              <option value="server_error">500 server error</option>
              <option value="stream_cut">Cut stream</option>
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            className="rounded border border-amber-400 px-2"
            onClick={() => act(async () => {
              const r = await injectEmulatorFaultAction(FAULTS[fault]);
              return r.ok ? "Fault queued for the next emulated request." : r.error.message;
            })}
          >
            Inject fault
          </button>
        </span>
      )}
    </div>
  );
}
