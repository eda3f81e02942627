"use client";
import { Button } from "@/components/ui/button";

/** Duplicate and delete for one item; the labels name the item so screen readers can tell them apart. */
export function ItemActions({ label, onDuplicate, onDelete }: { label: string; onDuplicate?: () => void; onDelete: () => void }) {
  return (
    <div className="flex items-center gap-0.5">
      {onDuplicate ? (
        <Button variant="ghost" size="sm" aria-label={`Duplicate ${label}`} onClick={onDuplicate}>
          Duplicate
        </Button>
      ) : null}
      <Button variant="danger" size="sm" aria-label={`Delete ${label}`} onClick={onDelete}>
        Delete
      </Button>
    </div>
  );
}
