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
  if (kind === "gap") return `the position before item ${Number(b) + 1} of message ${Number(a) + 1}`;
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
  return {
    onDragStart: ({ active }) => `Picked up ${describe(active.id)}.`,
    onDragOver: ({ active, over }) => (over ? `${describe(active.id)} is over ${describe(over.id)}.${refusal(over.id)}` : `${describe(active.id)} is no longer over a drop target.`),
    onDragEnd: ({ active, over }) => (over ? `${describe(active.id)} was dropped on ${describe(over.id)}.` : `${describe(active.id)} was dropped.`),
    onDragCancel: ({ active }) => `Dragging was cancelled. ${describe(active.id)} was put back.`,
  };
}
