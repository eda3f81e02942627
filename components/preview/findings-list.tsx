"use client";
import type { Finding } from "@/lib/cache/analysis";
import { cn } from "@/components/ui/cn";
import { useExperimentActions } from "@/lib/store";
import { parseEditorPath } from "@/lib/editor/paths";

const TONE = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-slate-200 bg-slate-50 text-slate-700",
} as const;

/** Problems the API would reject or that silently break caching, most severe first. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const { focusBlock } = useExperimentActions();
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length === 0) return <p className="text-sm text-emerald-800">No problems found.</p>;
  return (
    <ul aria-label="Findings" className="flex flex-col gap-1.5">
      {sorted.map((f, i) => (
        <li key={`${f.code}-${i}`} data-severity={f.severity} data-code={f.code} className={cn("rounded-md border px-2.5 py-1.5 text-xs", TONE[f.severity])}>
          <span className="mr-1.5 font-semibold uppercase">{f.severity}</span>
          {f.message}
          {f.path && parseEditorPath(f.path) && !f.path.startsWith("settings") ? (
            <button type="button" className="ml-1.5 font-mono text-indigo-700 underline-offset-2 hover:underline" onClick={() => focusBlock(f.path!)}>
              show {f.path}
            </button>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
