"use client";
import { useEffect, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { EXAMPLES } from "@/lib/cache/examples";
import { exampleExperiment } from "@/lib/store/seed";
import { useActiveExperimentSelector, useActiveExperimentId, useExperimentActions, useExperimentStore } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { ImportDialog } from "./import-dialog";

function ExperimentPicker() {
  const order = useExperimentStore((s) => s.order);
  // The names only (a shallow-compared list), so an edit inside the active experiment leaves the picker alone.
  const names = useExperimentStore(useShallow((s) => s.order.map((id) => s.experiments[id]?.experiment.name)));
  const activeId = useActiveExperimentId();
  const { selectExperiment } = useExperimentActions();
  return (
    <select aria-label="Experiment" className={cn(controlClass, "h-8 w-full max-w-56 sm:w-auto")} value={activeId} onChange={(e) => selectExperiment(e.target.value)}>
      {order.map((id, i) => (
        <option key={id} value={id}>
          {names[i] || "Untitled experiment"}
        </option>
      ))}
    </select>
  );
}

function NameInput() {
  const name = useActiveExperimentSelector((e) => e.name);
  const id = useActiveExperimentId();
  const { renameExperiment } = useExperimentActions();
  return (
    <input
      aria-label="Experiment name"
      className={cn(controlClass, "h-8 w-full min-w-0 sm:w-52")}
      value={name ?? ""}
      placeholder="Untitled experiment"
      onChange={(e) => renameExperiment(id, e.target.value)}
    />
  );
}

function ExamplePicker() {
  const [choice, setChoice] = useState(EXAMPLES[0]?.id ?? "");
  const { createExperiment, notify } = useExperimentActions();
  const open = () => {
    const experiment = exampleExperiment(choice);
    if (!experiment) return notify("That example could not be loaded.", "error");
    createExperiment(experiment);
    notify(`Opened the example “${experiment.name}” as a new experiment.`);
  };
  const description = EXAMPLES.find((e) => e.id === choice)?.description;
  return (
    <div className="flex items-center gap-1">
      <select aria-label="Example" title={description} className={cn(controlClass, "h-8 max-w-52")} value={choice} onChange={(e) => setChoice(e.target.value)}>
        {EXAMPLES.map((e) => (
          <option key={e.id} value={e.id}>
            {e.title}
          </option>
        ))}
      </select>
      <Button onClick={open} aria-label="Open example">
        Open
      </Button>
    </div>
  );
}

function DeleteButton() {
  const id = useActiveExperimentId();
  const { deleteExperiment } = useExperimentActions();
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(false), 4_000);
    return () => clearTimeout(timer);
  }, [armed]);
  return (
    <Button
      variant={armed ? "danger-solid" : "danger"}
      aria-label={armed ? "Confirm delete" : "Delete experiment"}
      onClick={() => {
        if (!armed) return setArmed(true);
        setArmed(false);
        deleteExperiment(id);
      }}
    >
      {armed ? "Confirm delete" : "Delete"}
    </Button>
  );
}

/** The experiments library: pick, rename, create, duplicate, delete, examples, undo/redo, import. */
export function LibraryBar() {
  const { createExperiment, duplicateExperiment, undo, redo } = useExperimentActions();
  const id = useActiveExperimentId();
  const canUndo = useExperimentStore((s) => s.history.past.length > 0);
  const canRedo = useExperimentStore((s) => s.history.future.length > 0);
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Experiments library">
      <ExperimentPicker />
      <NameInput />
      <Button onClick={() => createExperiment()} aria-label="New experiment">
        New
      </Button>
      <Button onClick={() => duplicateExperiment(id)} aria-label="Duplicate experiment">
        Duplicate
      </Button>
      <DeleteButton />
      <span className="mx-0.5 hidden h-6 w-px bg-line sm:block" aria-hidden />
      <Button onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z" title="Undo (Ctrl+Z)">
        Undo
      </Button>
      <Button onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z" title="Redo (Ctrl+Shift+Z)">
        Redo
      </Button>
      <span className="mx-0.5 hidden h-6 w-px bg-line sm:block" aria-hidden />
      <ExamplePicker />
      <ImportDialog />
    </div>
  );
}
