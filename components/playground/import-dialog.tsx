"use client";
import { useId, useRef, useState } from "react";
import { parseExperiment, parseExperimentJson, stripCaseFields, type Experiment } from "@/lib/cache/experiment-schema";
import { err, ok, type Result } from "@/lib/cache/result";
import { importAnthropicRequest, looksLikeMessagesRequest } from "@/lib/export/import-request";
import type { AppError } from "@/lib/cache/result";
import { useExperimentActions } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";

/** The file picker's button in the kit's secondary look (it was the browser's grey default beside the kit's buttons). */
const fileInputClass =
  "text-xs text-fg-muted file:mr-2 file:h-7 file:cursor-pointer file:rounded-md file:border file:border-line-strong/60 file:bg-surface file:px-2 file:text-xs file:font-medium file:text-fg file:shadow-xs hover:file:bg-surface-muted";

/**
 * Parses pasted text: an experiment document, a recorded test case (its `expected` and `source` are
 * not part of the document), or a raw Anthropic Messages request, whose breakpoints become markers
 * or settings and whatever cannot be expressed comes back as notes (docs/design.md §8).
 */
function parseImport(text: string): Result<{ experiment: Experiment; notes: string[] }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    const first = parseExperimentJson(text); // says where the JSON breaks
    return first.ok ? ok({ experiment: first.value, notes: [] }) : first;
  }
  if (looksLikeMessagesRequest(json)) {
    const imported = importAnthropicRequest(json);
    if (!imported.ok) return imported;
    const parsed = parseExperiment(imported.value.experiment);
    return parsed.ok ? ok({ experiment: parsed.value, notes: imported.value.notes }) : parsed;
  }
  const { value, stripped } = stripCaseFields(json);
  const parsed = parseExperiment(value);
  if (parsed.ok) return ok({ experiment: parsed.value, notes: stripped.map((k) => `\`${k}\` is not part of an experiment document and was left out.`) });
  return err(parsed.error);
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
    const { experiment, notes } = parsed.value;
    const name = experiment.name ?? "Imported experiment";
    createExperiment({ ...experiment, name }, { importNotes: notes });
    notify(`Imported “${name}” as a new experiment.${notes.length ? ` ${notes.length} note${notes.length === 1 ? "" : "s"} on what could not be kept stay above the editor until you dismiss them.` : ""}`);
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
        <p className="text-sm text-fg-muted">Paste a cachelab.experiment.v1 document (or a raw Anthropic Messages request) or choose a file. It is added as a new experiment; nothing else changes.</p>
        <label htmlFor={textId} className="text-xs font-medium text-fg-muted">
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
          <input ref={fileRef} type="file" accept="application/json,.json" aria-label="Experiment file" className={fileInputClass} onChange={(e) => onFile(e.target.files?.[0])} />
        </div>
        {error ? (
          <div role="alert" className="rounded-md border border-danger-line bg-danger-bg p-2.5 text-sm text-danger-text">
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
