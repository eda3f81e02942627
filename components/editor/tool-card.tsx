"use client";
import { memo, useState, type ReactNode } from "react";
import type { ExperimentTool } from "@/lib/cache/experiment-schema";
import { documentPath } from "@/lib/cache/paths";
import { rulesOf } from "@/lib/cache/semantics";
import { anchorIdFor } from "@/lib/editor/paths";
import { setToolDeferred } from "@/lib/editor/prompt";
import { parseInputSchema, toolNameProblem, updateTool, type ToolList } from "@/lib/editor/tools";
import { useActiveExperimentSelector } from "@/lib/store";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { DeferredTextarea } from "@/components/ui/deferred-textarea";
import { LandingBadges } from "./landing-badges";
import { useEdit } from "./use-edit";
import { Checkbox } from "@/components/ui/checkbox";

/**
 * One tool definition: name, description, its input JSON Schema with validation as it is typed, and for a
 * function tool under a release that has deferred tools, whether it is deferred (`defer_loading`).
 */
export const ToolCard = memo(function ToolCard({
  list,
  index,
  tool,
  otherNames,
  handle,
  actions,
}: {
  list: ToolList;
  index: number;
  tool: ExperimentTool;
  otherNames: string;
  handle: ReactNode;
  actions: ReactNode;
}) {
  const edit = useEdit();
  const path = list === "tools" ? documentPath.tool(index) : documentPath.outputTool(index);
  const label = `${list === "tools" ? "Tool" : "Output tool"} ${index + 1}`;
  const release = useActiveExperimentSelector((e) => (rulesOf(e).deferredTools ? rulesOf(e).release : null));
  const [schemaError, setSchemaError] = useState<string | null>(null);
  const [name, setName] = useState(tool.name);
  const [lastName, setLastName] = useState(tool.name);
  if (tool.name !== lastName) {
    setLastName(tool.name);
    setName(tool.name);
  }
  const nameProblem = toolNameProblem(name, otherNames ? otherNames.split("\n") : []);
  const schemaText = JSON.stringify(tool.input_schema, null, 2);
  const onSchema = (text: string) => {
    const parsed = parseInputSchema(text);
    setSchemaError(parsed.ok ? null : parsed.error.message);
    return parsed;
  };
  return (
    <div id={anchorIdFor(path)} tabIndex={-1} data-highlighted-target className="flex gap-2 rounded-md border border-line p-2 data-highlighted:ring-2 data-highlighted:ring-focus">
      {handle}
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <span className="text-xs font-medium text-fg-muted">{label}</span>
          <LandingBadges path={path} />
          {actions}
        </div>
        <label className="flex flex-col gap-0.5 text-xs text-fg-muted">
          Name
          <input
            aria-label={`${label} name`}
            aria-invalid={nameProblem ? true : undefined}
            className={cn(controlClass, "h-8 font-mono")}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (!toolNameProblem(e.target.value, otherNames ? otherNames.split("\n") : [])) {
                const next = e.target.value;
                edit((x) => updateTool(x, list, index, { name: next }), `${path}.name`);
              }
            }}
          />
          {nameProblem ? <span role="alert" className="text-danger-text">{nameProblem}</span> : null}
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-fg-muted">
          Description
          <DeferredTextarea aria-label={`${label} description`} rows={2} className="font-sans" value={tool.description ?? ""} onCommit={(v) => edit((x) => updateTool(x, list, index, { description: v }), `${path}.description`)} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs text-fg-muted">
          Input schema (JSON Schema)
          <DeferredTextarea
            aria-label={`${label} input schema`}
            aria-invalid={schemaError ? true : undefined}
            rows={4}
            value={schemaText}
            onDraft={onSchema}
            onCommit={(text) => {
              const parsed = onSchema(text);
              if (parsed.ok) edit((x) => updateTool(x, list, index, { input_schema: parsed.value }), `${path}.input_schema`);
            }}
          />
          {schemaError ? (
            <span role="alert" className="text-danger-text">
              {schemaError} The last valid schema is still used.
            </span>
          ) : null}
        </label>
        {list === "tools" && release ? (
          <label className="flex items-center gap-2 text-xs text-fg">
            <Checkbox
              aria-label={`${label} deferred`}
              checked={tool.defer_loading === true}
              onChange={(e) => {
                const deferred = e.target.checked;
                edit((x) => setToolDeferred(x, index, deferred));
              }}
            />
            <span>
              Deferred (<code className="font-mono">defer_loading</code>): found through tool search; Pydantic AI {release} puts the tool cache on the last tool that is not deferred
            </span>
          </label>
        ) : null}
      </div>
    </div>
  );
});
