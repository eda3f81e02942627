"use client";
// The fields of each content block type. Long text goes through DeferredTextarea (no re-render per
// keystroke); short fields are plain inputs whose edits coalesce into one undo step.
import { useMemo, useState } from "react";
import type { Block } from "@/lib/editor/types";
import { updateBlock } from "@/lib/editor/blocks";
import { estimateTextTokens } from "@/lib/cache/tokens";
import { cn } from "@/components/ui/cn";
import { controlClass } from "@/components/ui/field";
import { DeferredTextarea } from "@/components/ui/deferred-textarea";
import { formatTokens } from "@/lib/display/format";
import { useEdit } from "./use-edit";

type Patch = Parameters<typeof updateBlock>[3];

function TextInput({ label, value, onChange, mono = true }: { label: string; value: string; onChange: (v: string) => void; mono?: boolean }) {
  return (
    <label className="flex min-w-0 flex-1 flex-col gap-0.5 text-xs text-fg-muted">
      {label.split(", ")[0]}
      <input aria-label={label} className={cn(controlClass, "h-8", mono && "font-mono")} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}

function JsonObjectField({ label, value, onCommit }: { label: string; value: unknown; onCommit: (v: Record<string, unknown>) => void }) {
  const [error, setError] = useState<string | null>(null);
  const check = (text: string): Record<string, unknown> | null => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new Error("The input must be a JSON object.");
      setError(null);
      return parsed as Record<string, unknown>;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  return (
    <label className="flex flex-col gap-0.5 text-xs text-fg-muted">
      {label.split(", ")[0]}
      <DeferredTextarea aria-label={label} aria-invalid={error ? true : undefined} rows={3} value={JSON.stringify(value ?? {}, null, 2)} onDraft={check} onCommit={(t) => { const v = check(t); if (v) onCommit(v); }} />
      {error ? <span role="alert" className="text-danger-text">{error} The last valid input is still used.</span> : null}
    </label>
  );
}

/** A tool result that is not a string: edited as JSON, committed only when it parses. */
function JsonValueField({ label, value, onCommit }: { label: string; value: unknown; onCommit: (v: unknown) => void }) {
  const [error, setError] = useState<string | null>(null);
  const parse = (text: string): { ok: boolean; value?: unknown } => {
    try {
      const v: unknown = JSON.parse(text);
      setError(null);
      return { ok: true, value: v };
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return { ok: false };
    }
  };
  return (
    <>
      <DeferredTextarea aria-label={label} rows={3} value={JSON.stringify(value, null, 2)} onDraft={parse} onCommit={(t) => { const r = parse(t); if (r.ok) onCommit(r.value); }} />
      {error ? <span role="alert" className="text-danger-text">{error} (JSON value; the last valid one is still used)</span> : null}
    </>
  );
}

function TextBlockField({ text, label, onCommit }: { text: string; label: string; onCommit: (v: string) => void }) {
  const count = useMemo(() => estimateTextTokens(text), [text]);
  return (
    <div className="flex flex-col gap-0.5">
      <DeferredTextarea aria-label={label} rows={text.length > 400 ? 8 : 3} className="max-h-96 font-sans" value={text} onCommit={onCommit} />
      <span className="text-[11px] text-fg-subtle">≈{formatTokens(count)} tokens{text === "" ? " · empty text makes no block" : ""}</span>
    </div>
  );
}

export function BlockFields({ block, messageIndex, blockIndex }: { block: Block; messageIndex: number; blockIndex: number }) {
  const edit = useEdit();
  const where = `message ${messageIndex + 1} block ${blockIndex + 1}`;
  const key = `messages[${messageIndex}].content[${blockIndex}]`;
  const patch = (p: Patch, field: string) => edit((e) => updateBlock(e, messageIndex, blockIndex, p), `${key}.${field}`);
  switch (block.type) {
    case "text":
      return <TextBlockField text={block.text} label={`Text, ${where}`} onCommit={(v) => patch({ text: v }, "text")} />;
    case "image":
    case "document":
      return <TextInput label={`${block.type === "image" ? "Image URL" : "Document URL"}, ${where}`} value={block.url} onChange={(v) => patch({ url: v }, "url")} />;
    case "tool_result":
    case "tool_retry":
      return (
        <div className="flex flex-col gap-1.5">
          <div className="flex gap-2">
            <TextInput label={`Tool use id, ${where}`} value={block.tool_use_id ?? ""} onChange={(v) => patch({ tool_use_id: v }, "tool_use_id")} />
            <TextInput label={`Tool name, ${where}`} value={block.tool_name ?? ""} onChange={(v) => patch({ tool_name: v === "" ? undefined : v }, "tool_name")} />
          </div>
          <label className="flex flex-col gap-0.5 text-xs text-fg-muted">
            {block.type === "tool_retry" ? "Retry feedback (sent with “Fix the errors and try again.”)" : "Result content"}
            {typeof block.content === "string" ? (
              <DeferredTextarea aria-label={`Content, ${where}`} rows={3} value={block.content} onCommit={(v) => patch({ content: v }, "content")} />
            ) : (
              <JsonValueField label={`Content, ${where}`} value={block.content} onCommit={(v) => patch({ content: v } as Patch, "content")} />
            )}
          </label>
        </div>
      );
    case "tool_use":
      return (
        <div className="flex flex-col gap-1.5">
          <div className="flex gap-2">
            <TextInput label={`Tool use id, ${where}`} value={block.id} onChange={(v) => patch({ id: v }, "id")} />
            <TextInput label={`Tool name, ${where}`} value={block.name} onChange={(v) => patch({ name: v }, "name")} />
          </div>
          <JsonObjectField label={`Tool input, ${where}`} value={block.input} onCommit={(v) => patch({ input: v }, "input")} />
        </div>
      );
    case "thinking":
      return (
        <div className="flex flex-col gap-1.5">
          <DeferredTextarea aria-label={`Thinking, ${where}`} rows={3} value={block.thinking} onCommit={(v) => patch({ thinking: v }, "thinking")} />
          <TextInput label={`Signature, ${where}`} value={block.signature ?? ""} onChange={(v) => patch({ signature: v === "" ? undefined : v }, "signature")} />
        </div>
      );
    case "cache_point":
      return null;
  }
}
