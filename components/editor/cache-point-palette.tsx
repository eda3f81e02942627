"use client";
import { useDraggable } from "@dnd-kit/core";
import { cn } from "@/components/ui/cn";

export const PALETTE_ID = "palette-cache-point";

/** The source of new markers: drag it onto a block (the marker goes after it) or a gap between blocks. */
export function CachePointPalette() {
  const { attributes, listeners, setNodeRef, transform, isDragging } = useDraggable({ id: PALETTE_ID, data: { kind: "palette" } });
  return (
    <div className="flex flex-wrap items-center gap-2 rounded-md border border-line bg-surface-muted px-2 py-1.5 text-xs text-fg-muted">
      <button
        ref={setNodeRef}
        type="button"
        aria-label="Drag a new CachePoint into a user message"
        style={transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined}
        className={cn(
          "relative z-30 cursor-grab touch-none rounded border border-dashed border-accent-line bg-surface px-2 py-1 font-mono text-xs font-semibold text-accent-text shadow-xs active:cursor-grabbing",
          isDragging && "shadow-lg",
        )}
        {...attributes}
        {...listeners}
      >
        ⊕ CachePoint
      </button>
      <span>Drag onto a user block to cache everything up to it, or use “+ CachePoint” on a block. Markers go after content, never first in a message.</span>
    </div>
  );
}
