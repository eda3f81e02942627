"use client";
import { useDroppable } from "@dnd-kit/core";
import { cn } from "@/components/ui/cn";

/**
 * A drop target for a new CachePoint before `content[index]`. While a marker is dragged, valid
 * gaps light up and refused ones say why (Pydantic AI's reason) when the marker is over them.
 */
export function MarkerGap({ messageIndex, index, refusal }: { messageIndex: number; index: number; refusal: string | undefined }) {
  const { setNodeRef, isOver } = useDroppable({ id: `gap-${messageIndex}-${index}`, data: { kind: "gap", messageIndex, index, valid: !refusal } });
  return (
    <li
      ref={setNodeRef}
      aria-hidden
      data-gap={`${messageIndex}-${index}`}
      data-valid={!refusal}
      data-over={isOver || undefined}
      className={cn(
        // A constant height: dnd-kit measures drop targets when a drag starts, so they must not grow then.
        "flex h-4 min-w-0 items-center justify-center rounded border border-transparent text-[10px] leading-none",
        "group-data-[palette-drag]/messages:border-dashed",
        refusal ? "group-data-[palette-drag]/messages:border-danger-line" : "group-data-[palette-drag]/messages:border-accent-line",
        isOver && (refusal ? "bg-danger-bg text-danger-text" : "bg-accent-subtle text-accent-text"),
      )}
    >
      {isOver ? <span className="truncate px-2">{refusal ? `Refused: ${refusal}` : "Drop to insert a CachePoint here"}</span> : null}
    </li>
  );
}
