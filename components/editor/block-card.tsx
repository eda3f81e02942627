"use client";
import type { ReactNode } from "react";
import type { Block } from "@/lib/editor/types";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor } from "@/lib/editor/paths";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";
import { BlockFields } from "./block-fields";
import { CachePointCard } from "./cache-point-card";
import { ItemActions } from "./item-actions";
import { LandingBadges } from "./landing-badges";

export const BLOCK_LABELS: Record<Block["type"], string> = {
  text: "Text",
  image: "Image",
  document: "Document",
  tool_result: "Tool result",
  tool_retry: "Tool retry",
  tool_use: "Tool use",
  thinking: "Thinking",
  cache_point: "CachePoint",
};

export interface BlockCardProps {
  block: Block;
  messageIndex: number;
  blockIndex: number;
  role: "user" | "assistant";
  handle: ReactNode;
  /** Why Pydantic AI refuses this marker here, if it is a refused marker. */
  problem: string | undefined;
  onDuplicate: (messageIndex: number, blockIndex: number) => void;
  onDelete: (messageIndex: number, blockIndex: number) => void;
  onCachePointAfter: (messageIndex: number, blockIndex: number) => void;
}

export function BlockCard({ block, messageIndex, blockIndex, role, handle, problem, onDuplicate, onDelete, onCachePointAfter }: BlockCardProps) {
  const path = documentPath.item(messageIndex, blockIndex);
  const label = `${BLOCK_LABELS[block.type].toLowerCase()} block ${blockIndex + 1} of message ${messageIndex + 1}`;
  const marker = block.type === "cache_point";
  return (
    <div
      id={anchorIdFor(path)}
      tabIndex={-1}
      data-block-type={block.type}
      data-invalid={problem ? true : undefined}
      className={cn(
        "flex gap-2 rounded-md border p-2 outline-none data-highlighted:ring-2 data-highlighted:ring-focus",
        marker ? "border-dashed border-accent-line bg-accent-subtle" : "border-line bg-surface",
        problem && "border-danger-line bg-danger-bg",
      )}
    >
      {handle}
      <div className="flex min-w-0 flex-1 flex-col gap-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <span className={cn("text-xs font-semibold", marker ? "text-accent-text" : "text-fg")}>{BLOCK_LABELS[block.type]}</span>
          <LandingBadges path={path} />
          <div className="ml-auto flex items-center gap-0.5">
            {role === "user" && !marker ? (
              <Button variant="ghost" size="sm" aria-label={`Insert cache point after ${label}`} onClick={() => onCachePointAfter(messageIndex, blockIndex)}>
                + CachePoint
              </Button>
            ) : null}
            <ItemActions label={label} onDuplicate={marker ? undefined : () => onDuplicate(messageIndex, blockIndex)} onDelete={() => onDelete(messageIndex, blockIndex)} />
          </div>
        </div>
        {marker ? (
          <CachePointCard ttl={block.ttl} messageIndex={messageIndex} blockIndex={blockIndex} problem={problem} />
        ) : (
          <BlockFields block={block} messageIndex={messageIndex} blockIndex={blockIndex} />
        )}
      </div>
    </div>
  );
}
