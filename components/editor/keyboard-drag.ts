// Keyboard moves for the conversation's drags that dnd-kit's sortable coordinates cannot serve: a
// new CachePoint from the palette (not a sortable item, and most positions near it are refused) and
// a whole message (a tall card full of nested droppables, so "the closest one below" is always inside
// itself). With the keyboard, each arrow press steps to the next allowed target in reading order, and
// collision detection reports that target, whatever the card's size. Blocks keep dnd-kit's own.
import { type CollisionDetection, type KeyboardCoordinateGetter, type UniqueIdentifier } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

type Kind = "palette" | "message" | "block" | "gap" | undefined;

const kindOf = (data: unknown): Kind => (data as { kind?: Kind } | undefined)?.kind;

/** Which drop targets a keyboard drag of this kind may land on. */
function accepts(active: Kind, target: unknown): boolean {
  const t = target as { kind?: Kind; valid?: boolean } | undefined;
  if (active === "palette") return t?.kind === "gap" && t.valid === true;
  if (active === "message") return t?.kind === "message";
  return false;
}

export interface KeyboardDrag {
  coordinateGetter: KeyboardCoordinateGetter;
  /** Wraps a pointer collision detection: during a keyboard drag the stepped-to target is the one. */
  collision(base: CollisionDetection): CollisionDetection;
  start(activator: Event, activeData: unknown): void;
  end(): void;
}

export function createKeyboardDrag(): KeyboardDrag {
  let keyboard = false;
  let kind: Kind;
  let target: UniqueIdentifier | null = null;
  return {
    start(activator, activeData) {
      keyboard = typeof KeyboardEvent !== "undefined" && activator instanceof KeyboardEvent;
      kind = kindOf(activeData);
      target = null;
    },
    end() {
      keyboard = false;
      kind = undefined;
      target = null;
    },
    coordinateGetter(event, args) {
      const { active, droppableRects, droppableContainers } = args.context;
      const activeKind = kindOf(active?.data.current);
      if (activeKind !== "palette" && activeKind !== "message") return sortableKeyboardCoordinates(event, args);
      if (event.code !== "ArrowDown" && event.code !== "ArrowUp") return undefined;
      event.preventDefault();
      const list = droppableContainers
        .getEnabled()
        .filter((c) => accepts(activeKind, c.data.current))
        .map((c) => ({ id: c.id, rect: droppableRects.get(c.id) }))
        .filter((c): c is { id: UniqueIdentifier; rect: NonNullable<typeof c.rect> } => Boolean(c.rect))
        .sort((a, b) => a.rect.top - b.rect.top);
      if (list.length === 0) return undefined;
      const from = target ?? (activeKind === "message" ? (active?.id ?? null) : null);
      const at = list.findIndex((c) => c.id === from);
      const next = at < 0 ? 0 : event.code === "ArrowDown" ? Math.min(list.length - 1, at + 1) : Math.max(0, at - 1);
      target = list[next]!.id;
      return { x: list[next]!.rect.left, y: list[next]!.rect.top };
    },
    collision(base) {
      return (args) => {
        if (!keyboard || (kind !== "palette" && kind !== "message")) return base(args);
        // Picked up but not moved yet: a message is over itself, a new marker over nothing.
        const id = target ?? (kind === "message" ? args.active.id : null);
        if (id === null) return [];
        const container = args.droppableContainers.find((c) => c.id === id);
        return container ? [{ id, data: { droppableContainer: container, value: 0 } }] : [];
      };
    },
  };
}
