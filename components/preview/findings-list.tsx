"use client";
import type { Finding } from "@/lib/cache/analysis";
import { Button } from "@/components/ui/button";
import { Callout, calloutTitleTone } from "@/components/ui/callout";
import { useExperimentActions } from "@/lib/store";
import { documentPathLabel } from "@/lib/cache/paths";
import { parseEditorPath } from "@/lib/editor/paths";

const TONE = { error: "danger", warning: "warn", info: "neutral" } as const;

/** Problems the API would reject or that silently break caching, most severe first. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const { focusBlock } = useExperimentActions();
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  if (sorted.length === 0) return <p className="text-sm text-ok-text">No problems found.</p>;
  return (
    <ul aria-label="Findings" className="flex flex-col gap-1.5">
      {sorted.map((f, i) => (
        <li key={`${f.code}-${i}`} data-severity={f.severity} data-code={f.code}>
          <Callout tone={TONE[f.severity]} size="sm">
            <span className={`mr-1.5 font-semibold uppercase ${calloutTitleTone[TONE[f.severity]]}`}>{f.severity}</span>
            {f.message}
            {f.path && parseEditorPath(f.path) && !f.path.startsWith("settings") ? (
              <Button variant="link" size="sm" className="ml-1.5 font-mono" onClick={() => focusBlock(f.path!)}>
                show {documentPathLabel(f.path)}
              </Button>
            ) : null}
          </Callout>
        </li>
      ))}
    </ul>
  );
}
