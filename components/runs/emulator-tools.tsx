"use client";
// The emulator's cache from the page: reset it, see how many entries are live, and in test mode
// (CACHELAB_TEST_MODE=1 on the server) queue a fault for the browser tests.
import { useId, useState } from "react";
import { type EmulatorEntry, injectEmulatorFaultAction, listEmulatorEntriesAction, resetEmulatorCacheAction } from "@/app/actions/runs";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatTokens } from "@/lib/display/format";

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
  const tableId = useId();

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
      <Button
        size="sm"
        disabled={busy}
        onClick={() => act(async () => {
          const r = await resetEmulatorCacheAction();
          if (r.ok) setEntries(null);
          return r.ok ? "The emulator's cache is empty." : r.error.message;
        })}
      >
        Reset emulator cache
      </Button>
      <Button
        size="sm"
        disabled={busy}
        aria-expanded={entries !== null}
        onClick={() => {
          if (entries !== null) return setEntries(null);
          void act(async () => {
            const r = await listEmulatorEntriesAction();
            if (!r.ok) return r.error.message;
            setEntries(r.value);
            return `The emulator's cache holds ${r.value.length} live entr${r.value.length === 1 ? "y" : "ies"}.`;
          });
        }}
      >
        {entries !== null ? "Hide emulator cache" : "Show emulator cache"}
      </Button>
      {entries && entries.length > 0 && (
        <div id={tableId} role="region" aria-label="Emulator cache" tabIndex={0} className="max-h-72 w-full overflow-auto rounded-md border border-line">
          <Table size="sm">
            <caption className="px-2 pt-1.5 text-left font-medium text-fg-muted">Emulator cache entries (every scope; newest first)</caption>
            <TableHead sticky>
              <TableRow>
                <TableHeaderCell scope="col">Provider</TableHeaderCell>
                <TableHeaderCell scope="col">Model</TableHeaderCell>
                <TableHeaderCell scope="col">Block</TableHeaderCell>
                <TableHeaderCell scope="col" align="right">Tokens</TableHeaderCell>
                <TableHeaderCell scope="col">TTL</TableHeaderCell>
                <TableHeaderCell scope="col" align="right">Expires in</TableHeaderCell>
                <TableHeaderCell scope="col" align="right">Hits</TableHeaderCell>
              </TableRow>
            </TableHead>
            <tbody>
              {entries.slice(0, 50).map((e) => (
                <TableRow key={`${e.scope}:${e.prefix_hash}:${e.position}`} className="last:border-b-0">
                  <TableCell>{e.provider}</TableCell>
                  <TableCell>{e.model}</TableCell>
                  <TableCell mono>{e.path}</TableCell>
                  <TableCell align="right">{formatTokens(e.tokens)}</TableCell>
                  <TableCell>{e.ttl}</TableCell>
                  <TableCell align="right" className="whitespace-nowrap">{e.visible ? `${formatTokens(e.expires_in_seconds)} s` : "being written"}</TableCell>
                  <TableCell align="right">{e.hits}</TableCell>
                </TableRow>
              ))}
            </tbody>
          </Table>
        </div>
      )}
      {testMode && (
        <span className="flex items-center gap-1 rounded-md bg-warn-bg px-2 py-0.5">
          <label className="flex items-center gap-1">
            <span>Test fault</span>
            <select value={fault} onChange={(e) => setFault(e.target.value as keyof typeof FAULTS)} className={cn(controlClass, "h-7 text-xs")}>
              <option value="rate_limit">429 rate limit</option>
              <option value="overloaded">529 overloaded</option>
              <option value="server_error">500 server error</option>
              <option value="stream_cut">Cut stream</option>
            </select>
          </label>
          <Button
            size="sm"
            disabled={busy}
            onClick={() => act(async () => {
              const r = await injectEmulatorFaultAction(FAULTS[fault]);
              return r.ok ? "Fault queued for the next emulated request." : r.error.message;
            })}
          >
            Inject fault
          </Button>
        </span>
      )}
    </div>
  );
}
