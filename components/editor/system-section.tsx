"use client";
import { estimateTextTokens } from "@/lib/cache/tokens";
import { semanticsRules } from "@/lib/cache/semantics";
import {
  addInstructionPart,
  addSystemPart,
  duplicateSystemPart,
  moveSystemPart,
  removeInstructionPart,
  removeSystemPart,
  setInstructions,
  updateInstructionPart,
  updateSystemPart,
} from "@/lib/editor/prompt";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor } from "@/lib/editor/paths";
import { useActiveExperimentSelector } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { DeferredTextarea } from "@/components/ui/deferred-textarea";
import { Panel } from "@/components/ui/section";
import { formatTokens } from "@/lib/display/format";
import { LandingBadges } from "./landing-badges";
import { ItemActions } from "./item-actions";
import { SortableList } from "./sortable-list";
import { useEdit } from "./use-edit";
import { Checkbox } from "@/components/ui/checkbox";

/** System prompt parts (joined with a blank line into one system block) and the agent instructions. */
export function SystemSection() {
  const system = useActiveExperimentSelector((e) => e.system);
  const instructions = useActiveExperimentSelector((e) => e.instructions);
  const rules = semanticsRules(useActiveExperimentSelector((e) => e.semantics));
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
      <p className="mb-2 text-xs text-fg-muted">
        {rules.instructionBlocks
          ? "The parts are joined with a blank line into one system block; each instruction part follows as its own block, static before dynamic, and Cache instructions marks the last static one."
          : "All parts and the instructions are joined with a blank line and sent as one system block; Cache instructions puts cache_control on it."}
      </p>
      <SortableList
        id="system"
        items={system}
        onMove={(from, to) => edit((e) => moveSystemPart(e, from, to))}
        itemLabel={(_, i) => `system part ${i + 1}`}
        renderItem={(text, i, handle) => (
          <div id={anchorIdFor(documentPath.systemPart(i))} tabIndex={-1} className="flex gap-2 rounded-md border border-line p-2 data-highlighted:ring-2 data-highlighted:ring-focus">
            {handle}
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <div className="flex items-center justify-between gap-2">
                <span className="text-xs font-medium text-fg-muted">
                  System part {i + 1} <span className="font-normal">≈{formatTokens(estimateTextTokens(text))} tokens</span>
                </span>
                <LandingBadges path={documentPath.systemPart(i)} />
                <ItemActions label={`system part ${i + 1}`} onDuplicate={() => edit((e) => duplicateSystemPart(e, i))} onDelete={() => edit((e) => removeSystemPart(e, i))} />
              </div>
              <DeferredTextarea aria-label={`System part ${i + 1}`} rows={3} className="max-h-72" value={text} onCommit={(v) => edit((e) => updateSystemPart(e, i, v), `system[${i}]`)} />
            </div>
          </div>
        )}
      />
      <div id={anchorIdFor(documentPath.instructions())} tabIndex={-1} className="mt-3 flex flex-col gap-1 data-highlighted:ring-2 data-highlighted:ring-focus">
        <div className="flex items-center justify-between gap-2">
          <span className="text-xs font-medium text-fg-muted">Agent instructions{rules.instructionBlocks ? "" : " (appended after the system parts)"}</span>
          {rules.instructionBlocks ? (
            <Button size="sm" onClick={() => edit((e) => addInstructionPart(e))}>
              Add instruction part
            </Button>
          ) : null}
        </div>
        {Array.isArray(instructions) ? (
          instructions.map((part, i) => (
            <div key={i} id={anchorIdFor(documentPath.instructionPart(i))} tabIndex={-1} className="flex flex-col gap-1 rounded-md border border-line p-2 data-highlighted:ring-2 data-highlighted:ring-focus">
              <div className="flex items-center justify-between gap-2 text-xs text-fg-muted">
                <label className="flex items-center gap-1">
                  <Checkbox checked={part.dynamic} onChange={(e) => edit((x) => updateInstructionPart(x, i, { dynamic: e.target.checked }))} />
                  Instruction part {i + 1} is dynamic (changes per run)
                </label>
                <LandingBadges path={documentPath.instructionPart(i)} />
                <Button size="sm" onClick={() => edit((x) => removeInstructionPart(x, i))}>
                  Delete instruction part {i + 1}
                </Button>
              </div>
              <DeferredTextarea aria-label={`Instruction part ${i + 1}`} rows={2} value={part.text} onCommit={(v) => edit((x) => updateInstructionPart(x, i, { text: v }), `instructions[${i}]`)} />
            </div>
          ))
        ) : (
          <DeferredTextarea aria-label="Agent instructions" rows={2} value={instructions ?? ""} onCommit={(v) => edit((e) => setInstructions(e, v), "instructions")} />
        )}
      </div>
    </Panel>
  );
}
