"use client";
// The conversation: one DndContext for reordering messages, reordering blocks inside a message,
// and dropping new CachePoint markers from the palette onto a block or a gap between blocks.
import { useCallback, useMemo, useState } from "react";
import { DndContext, KeyboardSensor, PointerSensor, closestCenter, pointerWithin, useSensor, useSensors, type CollisionDetection, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { addBlock, addMessage, duplicateBlock, duplicateMessage, moveBlock, moveMessage, newBlock, removeBlock, removeMessage, setMessageRole } from "@/lib/editor/blocks";
import { insertCachePoint, newMarkerProblems } from "@/lib/editor/cache-points";
import type { Experiment } from "@/lib/editor/types";
import { selectActiveExperiment, useActiveExperimentSelector, useExperimentActions, useExperimentStoreApi } from "@/lib/store";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/section";
import { announcements } from "./drag-announcements";
import { CachePointPalette, PALETTE_ID } from "./cache-point-palette";
import type { MessageCallbacks } from "./message-callbacks";
import { MessageCard } from "./message-card";
import { createKeyboardDrag } from "./keyboard-drag";

/** What a refused edit did not do, as the refusal's first words. */
type RefusedEdit = "Not moved" | "Not deleted" | "Role not changed";

type DropData = { kind: "gap"; messageIndex: number; index: number } | { kind: "block"; messageIndex: number; blockIndex: number } | { kind: "message"; index: number };

/** Each kind of drag only sees its own kind of target: markers land on gaps or blocks, blocks stay in their message. */
const collision: CollisionDetection = (args) => {
  const active = args.active.data.current as DropData | { kind: "palette" } | undefined;
  const only = (keep: (d: DropData | undefined) => boolean) => ({ ...args, droppableContainers: args.droppableContainers.filter((c) => keep(c.data.current as DropData | undefined)) });
  if (active?.kind === "palette") {
    const scoped = only((d) => d?.kind === "gap" || d?.kind === "block");
    const hits = pointerWithin(scoped);
    return hits.length ? hits : closestCenter(only((d) => d?.kind === "gap"));
  }
  if (active?.kind === "block") return closestCenter(only((d) => d?.kind === "block" && d.messageIndex === active.messageIndex));
  return closestCenter(only((d) => d?.kind === "message"));
};

export function MessagesSection() {
  // Only the number of messages: an edit inside a message (or a setting) leaves the section alone.
  const count = useActiveExperimentSelector((e) => e.messages.length);
  const store = useExperimentStoreApi();
  const { updateActiveExperiment, notify } = useExperimentActions();
  // Arrow keys step a new marker through the allowed positions and a message through the list.
  const [keyboardDrag] = useState(createKeyboardDrag);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: keyboardDrag.coordinateGetter }));
  const collisionDetection = useMemo(() => keyboardDrag.collision(collision), [keyboardDrag]);
  const [paletteDrag, setPaletteDrag] = useState(false);

  const current = useCallback(() => selectActiveExperiment(store.getState()), [store]);
  const apply = useCallback((fn: (e: Experiment) => Experiment) => updateActiveExperiment(fn), [updateActiveExperiment]);
  // A refusal is said where the person is working (in the message they acted on) as well as in the
  // page's notice, which a screen reader announces.
  const [inlineNote, setInlineNote] = useState<{ messageIndex: number; text: string } | null>(null);
  const refuse = useCallback(
    (messageIndex: number, text: string) => {
      setInlineNote({ messageIndex, text });
      notify(text, "error");
    },
    [notify],
  );
  /**
   * Applies an edit unless it leaves a marker where Pydantic AI would refuse it; then says what was
   * not done ("Not deleted", "Not moved", "Role not changed") and why.
   */
  const applyChecked = useCallback(
    (messageIndex: number, refused: RefusedEdit, fn: (e: Experiment) => Experiment) => {
      const before = current();
      const next = fn(before);
      const broken = newMarkerProblems(before, next);
      if (broken.length) return refuse(messageIndex, `${refused}: a CachePoint would end up refused. ${broken[0]!.message}`);
      setInlineNote(null);
      apply(() => next);
    },
    [apply, current, refuse],
  );
  const insertMarker = useCallback(
    (messageIndex: number, index: number) => {
      const result = insertCachePoint(current(), messageIndex, index);
      if (!result.ok) return refuse(messageIndex, `CachePoint refused: ${result.error.message}`);
      setInlineNote(null);
      apply(() => result.value);
    },
    [apply, current, refuse],
  );

  const callbacks = useMemo<MessageCallbacks>(
    () => ({
      setRole: (i, role) => applyChecked(i, "Role not changed", (e) => setMessageRole(e, i, role)),
      duplicateMessage: (i) => apply((e) => duplicateMessage(e, i)),
      deleteMessage: (i) => apply((e) => removeMessage(e, i)),
      addBlock: (m, type) => apply((e) => addBlock(e, m, newBlock(type))),
      duplicateBlock: (m, b) => apply((e) => duplicateBlock(e, m, b)),
      deleteBlock: (m, b) => applyChecked(m, "Not deleted", (e) => removeBlock(e, m, b)),
      cachePointAfter: (m, b) => insertMarker(m, b + 1),
    }),
    [apply, applyChecked, insertMarker],
  );

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setPaletteDrag(false);
    keyboardDrag.end();
    if (!over) return;
    const target = over.data.current as DropData | undefined;
    const source = active.data.current as DropData | { kind: "palette" } | undefined;
    if (!target || !source) return;
    if (source.kind === "palette") {
      if (target.kind === "gap") insertMarker(target.messageIndex, target.index);
      else if (target.kind === "block") insertMarker(target.messageIndex, target.blockIndex + 1);
      return;
    }
    if (source.kind === "message" && target.kind === "message" && source.index !== target.index) apply((e) => moveMessage(e, source.index, target.index));
    if (source.kind === "block" && target.kind === "block" && source.blockIndex !== target.blockIndex) {
      applyChecked(source.messageIndex, "Not moved", (e) => moveBlock(e, { messageIndex: source.messageIndex, blockIndex: source.blockIndex }, { messageIndex: target.messageIndex, blockIndex: target.blockIndex }));
    }
  };

  // Stable arrays and objects: dnd-kit's contexts change identity with them, and every sortable
  // block would re-render on each keystroke elsewhere. Each card reads its own message from the store.
  const messageIds = useMemo(() => Array.from({ length: count }, (_, i) => `msg-${i}`), [count]);
  const accessibility = useMemo(() => ({ announcements: announcements(current) }), [current]);
  return (
    <Panel id="messages" title="Conversation">
      <DndContext
        id="dnd-messages"
        sensors={sensors}
        collisionDetection={collisionDetection}
        accessibility={accessibility}
        onDragStart={({ active, activatorEvent }) => {
          keyboardDrag.start(activatorEvent, active.data.current);
          setPaletteDrag(active.id === PALETTE_ID);
        }}
        onDragCancel={() => {
          keyboardDrag.end();
          setPaletteDrag(false);
        }}
        onDragEnd={onDragEnd}
      >
        <div className="group/messages flex flex-col gap-3" data-palette-drag={paletteDrag || undefined}>
          <CachePointPalette />
          <SortableContext items={messageIds} strategy={verticalListSortingStrategy}>
            <ol className="flex flex-col gap-3">
              {messageIds.map((id, i) => (
                <MessageCard key={id} index={i} callbacks={callbacks} note={inlineNote?.messageIndex === i ? inlineNote.text : undefined} />
              ))}
            </ol>
          </SortableContext>
          <div className="flex gap-2">
            <Button size="sm" onClick={() => apply((e) => addMessage(e, "user"))}>
              Add user message
            </Button>
            <Button size="sm" onClick={() => apply((e) => addMessage(e, "assistant"))}>
              Add assistant message
            </Button>
          </div>
        </div>
      </DndContext>
    </Panel>
  );
}
