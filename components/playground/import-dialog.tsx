"use client";
import { useId, useRef, useState } from "react";
import { parseExperimentJson, stripCaseFields } from "@/lib/cache/experiment-schema";
import type { AppError } from "@/lib/cache/result";
import { useExperimentActions } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/** Parses pasted text; a recorded test case's `expected` and `source` are not part of the document. */
function parseImport(text: string) {
  const first = parseExperimentJson(text);
  if (first.ok) return first;
  try {
    const { value, stripped } = stripCaseFields(JSON.parse(text));
    if (stripped.length) return parseExperimentJson(JSON.stringify(value));
  } catch {
    // Not JSON: the first error already says where.
  }
  return first;
}

/**
 * Import an experiment document by paste or file. A valid one becomes a new experiment; an invalid
 * one shows every problem with its path, and nothing in the library changes.
 */
export function ImportDialog() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const { createExperiment, notify } = useExperimentActions();
  const textId = useId();

  const close = () => {
    setOpen(false);
    setError(null);
  };
  const submit = () => {
    const parsed = parseImport(text);
    if (!parsed.ok) return setError(parsed.error);
    createExperiment({ ...parsed.value, name: parsed.value.name ?? "Imported experiment" });
    notify(`Imported “${parsed.value.name ?? "Imported experiment"}” as a new experiment.`);
    setText("");
    close();
  };
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setText(await file.text());
    setError(null);
  };

  return (
    <>
      <Button onClick={() => setOpen(true)}>Import</Button>
      <Dialog open={open} onClose={close} title="Import an experiment">
        <p className="text-sm text-slate-600">Paste a cachelab.experiment.v1 document or choose a file. It is added as a new experiment; nothing else changes.</p>
        <label htmlFor={textId} className="text-xs font-medium text-slate-600">
          Experiment JSON
        </label>
        <textarea
          id={textId}
          aria-invalid={error ? true : undefined}
          className={cn(controlClass, "h-64 p-2 font-mono text-xs")}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="flex items-center gap-2 text-sm">
          <input ref={fileRef} type="file" accept="application/json,.json" aria-label="Experiment file" className="text-xs" onChange={(e) => onFile(e.target.files?.[0])} />
        </div>
        {error ? (
          <div role="alert" className="rounded-md border border-red-300 bg-red-50 p-2.5 text-sm text-red-900">
            <p className="font-medium">Not imported: {error.message}</p>
            {error.issues?.length ? (
              <ul className="mt-1 list-disc pl-5 text-xs">
                {error.issues.map((issue, i) => (
                  <li key={`${issue.path}-${i}`}>
                    <code className="font-mono">{issue.path || "(document)"}</code>: {issue.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <div className="flex justify-end gap-2">
          <Button variant="ghost" onClick={close}>
            Cancel
          </Button>
          <Button variant="primary" onClick={submit}>
            Import experiment
          </Button>
        </div>
      </Dialog>
    </>
  );
}
