"use client";
// The emulator's cache from the page: reset it, see how many entries are live, and in test mode
// (CACHELAB_TEST_MODE=1 on the server) queue a fault for the browser tests.
import { useState } from "react";
import { injectEmulatorFaultAction, listEmulatorEntriesAction, resetEmulatorCacheAction } from "@/app/actions/runs";

const FAULTS = {
  rate_limit: { kind: "rate_limit", retryAfterSeconds: 7 },
  overloaded: { kind: "overloaded" },
  server_error: { kind: "server_error" },
  stream_cut: { kind: "stream_cut", afterFrames: 3, cut: "end" },
} as const;

export function EmulatorTools({ testMode, onMessage }: { testMode: boolean; onMessage: (message: string) => void }) {
  const [fault, setFault] = useState<keyof typeof FAULTS>("rate_limit");
  const [busy, setBusy] = useState(false);

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
          if (r.value.length === 0) return "The emulator's cache holds no live entries.";
          return `The emulator's cache holds ${r.value.length} live entr${r.value.length === 1 ? "y" : "ies"}: ${r.value
            .slice(0, 5)
            .map((e) => `${e.path} (${e.tokens} tokens, ${e.ttl}, expires in ${e.expires_in_seconds} s, ${e.hits} hits)`)
            .join("; ")}${r.value.length > 5 ? "; …" : ""}.`;
        })}
      >
        Show emulator cache
      </button>
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
