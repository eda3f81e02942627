"use client";
import { useDroppable } from "@dnd-kit/core";
import { cn } from "@/components/ui/cn";

/**
 * A drop target for a new CachePoint before `content[index]`. While a marker is dragged, valid
 * gaps light up and refused ones say why (Pydantic AI's reason) when the marker is over them.
 */
export function MarkerGap({ messageIndex, index, refusal }: { messageIndex: number; index: number; refusal: string | undefined }) {
  const { setNodeRef, isOver } = useDroppable({ id: `gap-${messageIndex}-${index}`, data: { kind: "gap", messageIndex, index } });
  return (
    <li
      ref={setNodeRef}
      aria-hidden
      data-gap={`${messageIndex}-${index}`}
      data-valid={!refusal}
      data-over={isOver || undefined}
      className={cn(
        "flex min-h-2.5 items-center justify-center rounded text-[11px] transition-colors",
        "group-data-[palette-drag]/messages:min-h-6 group-data-[palette-drag]/messages:border group-data-[palette-drag]/messages:border-dashed",
        refusal ? "group-data-[palette-drag]/messages:border-red-300" : "group-data-[palette-drag]/messages:border-indigo-400",
        isOver && (refusal ? "bg-red-50 text-red-800" : "bg-indigo-100 text-indigo-900"),
      )}
    >
      {isOver ? (refusal ? `Refused: ${refusal}` : "Drop to insert a CachePoint here") : null}
    </li>
  );
}
