import type { Announcements } from "@dnd-kit/core";
import { cachePointTarget } from "@/lib/editor/cache-points";
import type { Experiment } from "@/lib/editor/types";

/** Names a drag id for screen readers: "message 2", "block 3 of message 1", "a new CachePoint". */
function describe(id: string | number): string {
  const s = String(id);
  if (s === "palette-cache-point") return "a new CachePoint";
  const [kind, a, b] = s.split("-");
  if (kind === "msg") return `message ${Number(a) + 1}`;
  if (kind === "blk") return `block ${Number(b) + 1} of message ${Number(a) + 1}`;
  if (kind === "gap") return Number(b) === 0 ? `the start of message ${Number(a) + 1}` : `the position after item ${Number(b)} of message ${Number(a) + 1}`;
  return s;
}

/** dnd-kit's live-region messages in the editor's words, including why a marker position is refused. */
export function announcements(current: () => Experiment): Announcements {
  const refusal = (overId: string | number) => {
    const [kind, a, b] = String(overId).split("-");
    if (kind !== "gap") return "";
    const message = current().messages[Number(a)];
    const r = message ? cachePointTarget(message, Number(b)) : null;
    return r && !r.ok ? ` Refused here: ${r.error.message}` : "";
  };
  // A message is moved by position: "Message 1 would move to position 3 of 5."
  const messageMove = (activeId: string | number, overId: string | number, verb: string) => {
    const from = Number(String(activeId).split("-")[1]);
    const to = Number(String(overId).split("-")[1]);
    const count = current().messages.length;
    return from === to ? `Message ${from + 1} is at position ${to + 1} of ${count}.` : `Message ${from + 1} ${verb} position ${to + 1} of ${count}.`;
  };
  const isMessage = (id: string | number) => String(id).startsWith("msg-");
  const isPalette = (id: string | number) => String(id) === "palette-cache-point";
  return {
    onDragStart: ({ active }) =>
      isPalette(active.id)
        ? "Picked up a new CachePoint. Use the up and down arrow keys to move it through the allowed positions, Space to drop it, Escape to cancel."
        : `Picked up ${describe(active.id)}.${isMessage(active.id) ? " Use the up and down arrow keys to move it, Space to drop it, Escape to cancel." : ""}`,
    onDragOver: ({ active, over }) => {
      if (!over) return `${describe(active.id)} is no longer over a drop target.`;
      if (isMessage(active.id) && isMessage(over.id)) return messageMove(active.id, over.id, "would move to");
      if (isPalette(active.id) && !refusal(over.id)) return `A new CachePoint would go at ${describe(over.id)}.`;
      return `${describe(active.id)} is over ${describe(over.id)}.${refusal(over.id)}`;
    },
    onDragEnd: ({ active, over }) => {
      if (!over) return `${describe(active.id)} was dropped.`;
      if (isMessage(active.id) && isMessage(over.id)) return messageMove(active.id, over.id, "moved to");
      return `${describe(active.id)} was dropped on ${describe(over.id)}.`;
    },
    onDragCancel: ({ active }) => `Dragging was cancelled. ${describe(active.id)} was put back.`,
  };
}
