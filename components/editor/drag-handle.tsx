"use client";
import type { DraggableAttributes, DraggableSyntheticListeners } from "@dnd-kit/core";
import { cn } from "@/components/ui/cn";

/**
 * The only element that carries dnd-kit's attributes: a real <button>, so axe finds no
 * role="button" on list items (docs/reference/toolchain.md §5). Space picks up, arrows move, Space drops.
 */
export function DragHandle({ label, attributes, listeners, className }: { label: string; attributes: DraggableAttributes; listeners: DraggableSyntheticListeners; className?: string }) {
  return (
    <button
      type="button"
      aria-label={label}
      className={cn(
        "flex h-7 w-5 shrink-0 cursor-grab touch-none items-center justify-center rounded text-fg-subtle hover:bg-surface-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-focus active:cursor-grabbing",
        className,
      )}
      {...attributes}
      {...listeners}
    >
      <svg aria-hidden width="10" height="16" viewBox="0 0 10 16" fill="currentColor">
        <circle cx="2" cy="3" r="1.4" />
        <circle cx="8" cy="3" r="1.4" />
        <circle cx="2" cy="8" r="1.4" />
        <circle cx="8" cy="8" r="1.4" />
        <circle cx="2" cy="13" r="1.4" />
        <circle cx="8" cy="13" r="1.4" />
      </svg>
    </button>
  );
}
