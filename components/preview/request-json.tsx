"use client";
import { memo, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { SubHeading } from "@/components/ui/section";
import { PROVIDER_LABELS } from "@/lib/display/format";
import type { ProviderId } from "@/lib/cache/wire-types";
import { chunkLines } from "./json-chunks";

/**
 * One run of lines (json-chunks.ts), memoised on its text, so an edit re-renders only the chunks it changed. Each
 * chunk is its own block, so the browser lays out again only the chunks whose text changed; the
 * newline that ends a chunk sits in a display:none span, so textContent is the JSON byte for byte
 * and innerText is too (the block boundary supplies that line break).
 */
const Chunk = memo(function Chunk({ text }: { text: string }) {
  const open = text.endsWith("\n") ? text.slice(0, -1) : text;
  return (
    <>
      <span className="block">{open}</span>
      {open !== text ? <span className="hidden">{"\n"}</span> : null}
    </>
  );
});

/** The body exactly as buildRequest returns it; the region holds nothing but that text. */
export function RequestJson({ json, provider }: { json: string; provider: ProviderId }) {
  const chunks = useMemo(() => chunkLines(json), [json]);
  // Keyed by content, so a chunk whose text is unchanged keeps its DOM node even when chunks before
  // it were added or removed; a repeated text gets its occurrence number to keep keys unique.
  const keys = useMemo(() => {
    const seen = new Map<string, number>();
    return chunks.map((c) => {
      const n = seen.get(c.text) ?? 0;
      seen.set(c.text, n + 1);
      return n === 0 ? c.text : `${n}\u0000${c.text}`;
    });
  }, [chunks]);
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(json);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
    setTimeout(() => setCopied("idle"), 1500);
  };
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-1.5">
      <div className="flex items-center justify-between">
        <SubHeading>
          Request body <span className="font-normal normal-case">({PROVIDER_LABELS[provider]} dialect)</span>
        </SubHeading>
        <Button size="sm" onClick={copy} aria-label="Copy request JSON">
          {copied === "done" ? "Copied" : copied === "failed" ? "Copy failed" : "Copy JSON"}
        </Button>
      </div>
      <pre
        role="region"
        aria-label="Request JSON"
        tabIndex={0}
        data-provider={provider}
        className="max-h-[28rem] min-h-0 flex-1 lg:max-h-none overflow-auto rounded-md border border-line bg-code-bg p-3 font-mono text-xs leading-5 whitespace-pre text-code-fg [contain:content]"
      >
        {chunks.map((c, i) => (
          <Chunk key={keys[i]} text={c.text} />
        ))}
      </pre>
    </div>
  );
}
