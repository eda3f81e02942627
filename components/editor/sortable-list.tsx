"use client";
// A vertical list reordered by mouse drag or keyboard (Space, arrows, Space) through a <button>
// handle. Items are addressed by index; the list's own DndContext has a fixed id so dnd-kit's
// aria ids match between the server render and the client.
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { DragHandle } from "./drag-handle";

export function useListSensors() {
  return useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
}

/** "list-3" → 3 */
export const indexOfId = (id: string | number) => Number(String(id).slice(String(id).lastIndexOf("-") + 1));

export function SortableRow({ id, handleLabel, children, className }: { id: string; handleLabel: string; children: (handle: ReactNode) => ReactNode; className?: string }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-dragging={isDragging || undefined}
      className={cn("relative", isDragging && "z-10 opacity-80 shadow-lg", className)}
    >
      {children(<DragHandle label={handleLabel} attributes={attributes} listeners={listeners} />)}
    </li>
  );
}

export function SortableList<T>({
  id,
  items,
  onMove,
  itemLabel,
  renderItem,
  className,
}: {
  id: string;
  items: readonly T[];
  onMove: (from: number, to: number) => void;
  itemLabel: (item: T, index: number) => string;
  renderItem: (item: T, index: number, handle: ReactNode) => ReactNode;
  className?: string;
}) {
  const sensors = useListSensors();
  const ids = items.map((_, i) => `${id}-${i}`);
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over && active.id !== over.id) onMove(indexOfId(active.id), indexOfId(over.id));
  };
  return (
    <DndContext id={`dnd-${id}`} sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol className={cn("flex flex-col gap-2", className)}>
          {items.map((item, i) => (
            <SortableRow key={ids[i]} id={ids[i]!} handleLabel={`Drag to reorder ${itemLabel(item, i)}`}>
              {(handle) => renderItem(item, i, handle)}
            </SortableRow>
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
