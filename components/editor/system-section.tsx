"use client";
import { estimateTextTokens } from "@/lib/cache/tokens";
import { addSystemPart, duplicateSystemPart, moveSystemPart, removeSystemPart, setInstructions, updateSystemPart } from "@/lib/editor/prompt";
import { anchorIdFor } from "@/lib/editor/paths";
import { useActiveExperimentSelector } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { DeferredTextarea } from "@/components/ui/deferred-textarea";
import { Panel } from "@/components/ui/section";
import { formatTokens } from "@/components/preview/format";
import { LandingBadges } from "./landing-badges";
import { ItemActions } from "./item-actions";
import { SortableList } from "./sortable-list";
import { useEdit } from "./use-edit";

/** System prompt parts (joined with a blank line into one system block) and the agent instructions. */
export function SystemSection() {
  const system = useActiveExperimentSelector((e) => e.system);
  const instructions = useActiveExperimentSelector((e) => e.instructions);
  const edit = useEdit();
  return (
    <Panel
      id="system"
      title="System prompt"
      actions={
        <Button size="sm" onClick={() => edit((e) => addSystemPart(e))}>
          Add system part
        </Button>
      }
    >
      <p className="mb-2 text-xs text-slate-600">All parts and the instructions are joined with a blank line and sent as one system block; Cache instructions puts cache_control on it.</p>
      <SortableList
        id="system"
        items={system}
        onMove={(from, to) => edit((e) => moveSystemPart(e, from, to))}
        itemLabel={(_, i) => `system part ${i + 1}`}
        renderItem={(text, i, handle) => (
          <div id={anchorIdFor(`system[${i}]`)} tabIndex={-1} className="flex gap-2 rounded-md border border-slate-200 p-2 data-highlighted:ring-2 data-highlighted:ring-indigo-400">
            {handle}
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs font-medium text-slate-600">
                  System part {i + 1} <span className="font-normal">≈{formatTokens(estimateTextTokens(text))} tokens</span>
                </span>
                <LandingBadges path={`system[${i}]`} />
                <ItemActions label={`system part ${i + 1}`} onDuplicate={() => edit((e) => duplicateSystemPart(e, i))} onDelete={() => edit((e) => removeSystemPart(e, i))} />
              </div>
              <DeferredTextarea aria-label={`System part ${i + 1}`} rows={3} className="max-h-72" value={text} onCommit={(v) => edit((e) => updateSystemPart(e, i, v), `system[${i}]`)} />
            </div>
          </div>
        )}
      />
      <div id={anchorIdFor("instructions")} tabIndex={-1} className="mt-3 flex flex-col gap-1 data-highlighted:ring-2 data-highlighted:ring-indigo-400">
        <span className="text-xs font-medium text-slate-600">Agent instructions (appended after the system parts)</span>
        <DeferredTextarea aria-label="Agent instructions" rows={2} value={instructions ?? ""} onCommit={(v) => edit((e) => setInstructions(e, v), "instructions")} />
      </div>
    </Panel>
  );
}
