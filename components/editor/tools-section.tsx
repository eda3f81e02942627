"use client";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor } from "@/lib/editor/paths";
import { addTool, duplicateTool, moveTool, removeTool, setBuiltinTool, BUILTIN_TOOLS, type ToolList } from "@/lib/editor/tools";
import { useActiveExperimentSelector } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/section";
import { ItemActions } from "./item-actions";
import { SortableList } from "./sortable-list";
import { ToolCard } from "./tool-card";
import { useEdit } from "./use-edit";
import { Checkbox } from "@/components/ui/checkbox";

function ToolListEditor({ list, title }: { list: ToolList; title: string }) {
  const functionTools = useActiveExperimentSelector((e) => e.tools);
  const outputTools = useActiveExperimentSelector((e) => e.output_tools);
  const edit = useEdit();
  const tools = list === "tools" ? functionTools : outputTools;
  const all = [...functionTools, ...outputTools].map((t) => t.name);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h3 className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">{title}</h3>
        <Button size="sm" onClick={() => edit((e) => addTool(e, list))}>
          {list === "tools" ? "Add tool" : "Add output tool"}
        </Button>
      </div>
      {tools.length === 0 ? <p className="text-xs text-fg-subtle">None.</p> : null}
      <SortableList
        id={list}
        items={tools}
        onMove={(from, to) => edit((e) => moveTool(e, list, from, to))}
        itemLabel={(t) => `tool ${t.name}`}
        renderItem={(tool, i, handle) => {
          const own = list === "tools" ? i : functionTools.length + i;
          const others = all.filter((_, j) => j !== own).join("\n");
          return (
            <ToolCard
              list={list}
              index={i}
              tool={tool}
              otherNames={others}
              handle={handle}
              actions={<ItemActions label={`tool ${tool.name}`} onDuplicate={() => edit((e) => duplicateTool(e, list, i))} onDelete={() => edit((e) => removeTool(e, list, i))} />}
            />
          );
        }}
      />
    </div>
  );
}

export function ToolsSection() {
  const builtinTools = useActiveExperimentSelector((e) => e.builtin_tools);
  const edit = useEdit();
  return (
    <Panel id="tools" title="Tools">
      <div className="flex flex-col gap-4">
        <ToolListEditor list="tools" title="Function tools" />
        <ToolListEditor list="output_tools" title="Output tools (placed after function tools)" />
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs font-semibold tracking-wide text-fg-subtle uppercase">Builtin tools (appended after caching, never cached)</legend>
          <div className="flex flex-wrap gap-3">
            {BUILTIN_TOOLS.map((name) => (
              <label
                key={name}
                // The memory builtin takes the place of the function tool it replaces, so "Select block" may land here.
                id={builtinTools.includes(name) ? anchorIdFor(documentPath.builtinTool(builtinTools.indexOf(name))) : undefined}
                tabIndex={-1}
                className="flex items-center gap-1.5 rounded font-mono text-sm data-highlighted:ring-2 data-highlighted:ring-focus"
              >
                <Checkbox checked={builtinTools.includes(name)} onChange={(e) => edit((x) => setBuiltinTool(x, name, e.target.checked))} />
                {name}
              </label>
            ))}
          </div>
        </fieldset>
      </div>
    </Panel>
  );
}
