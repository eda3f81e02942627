"use client";
import { memo, useMemo, Fragment } from "react";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Block } from "@/lib/editor/types";
import { ADDABLE_BLOCK_TYPES, type Role } from "@/lib/editor/blocks";
import { cachePointTarget } from "@/lib/editor/cache-points";
import { documentPath } from "@/lib/cache/paths";
import { anchorIdFor } from "@/lib/editor/paths";
import { useActiveExperimentSelector } from "@/lib/store";
import { cn } from "@/components/ui/cn";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { BLOCK_LABELS, BlockCard } from "./block-card";
import { DragHandle } from "./drag-handle";
import { ItemActions } from "./item-actions";
import { MarkerGap } from "./marker-gap";
import { PALETTE_ID } from "./cache-point-palette";
import type { MessageCallbacks } from "./message-callbacks";

const SortableBlock = memo(function SortableBlock(props: { block: Block; messageIndex: number; blockIndex: number; role: Role; problem: string | undefined; callbacks: MessageCallbacks }) {
  const { block, messageIndex, blockIndex, role, problem, callbacks } = props;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging, isOver, active } = useSortable({
    id: `blk-${messageIndex}-${blockIndex}`,
    data: { kind: "block", messageIndex, blockIndex },
  });
  // A new CachePoint held over an assistant block is refused there: say so on the block itself.
  const refusedDrop = isOver && active?.id === PALETTE_ID && role === "assistant";
  const label = `${BLOCK_LABELS[block.type].toLowerCase()} block ${blockIndex + 1} of message ${messageIndex + 1}`;
  return (
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} data-drop-refused={refusedDrop || undefined} className={cn("relative rounded-md", isDragging && "z-10 opacity-80 shadow-lg", refusedDrop && "ring-2 ring-danger-text")}>
      {refusedDrop ? <p className="absolute -top-3 right-2 z-10 rounded border border-danger-line bg-danger-bg px-2 py-0.5 text-xs font-medium text-danger-text">Refused: a CachePoint goes in a user message, after the block it caches.</p> : null}
      <BlockCard
        block={block}
        messageIndex={messageIndex}
        blockIndex={blockIndex}
        role={role}
        problem={problem}
        handle={<DragHandle label={`Drag to reorder ${label}`} attributes={attributes} listeners={listeners} />}
        onDuplicate={callbacks.duplicateBlock}
        onDelete={callbacks.deleteBlock}
        onCachePointAfter={callbacks.cachePointAfter}
      />
    </li>
  );
});

/**
 * One message, read from the store by its index: transitions share unchanged messages, so an edit
 * elsewhere (another message, a setting) re-renders neither this card nor its blocks.
 */
export const MessageCard = memo(function MessageCard({ index, callbacks, note }: { index: number; callbacks: MessageCallbacks; note?: string }) {
  const message = useActiveExperimentSelector((e) => e.messages[index]);
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: `msg-${index}`, data: { kind: "message", index } });
  const count = message?.content.length ?? 0;
  const ids = useMemo(() => Array.from({ length: count }, (_, j) => `blk-${index}-${j}`), [index, count]);
  // The section drops this card in the same render that removes its message.
  if (!message) return null;
  const blocks = message.content as Block[];
  const user = message.role === "user";
  const refusalAt = (j: number) => {
    const r = cachePointTarget(message, j);
    return r.ok ? undefined : r.error.message;
  };
  return (
    // Off-screen messages skip layout and paint (content-visibility), which keeps a 200-block prompt fast.
    <li ref={setNodeRef} style={{ transform: CSS.Translate.toString(transform), transition }} className={cn("[contain-intrinsic-size:auto_320px] [content-visibility:auto]", isDragging && "relative z-20 opacity-80")}>
      <article
        id={anchorIdFor(documentPath.message(index))}
        tabIndex={-1}
        aria-label={`Message ${index + 1} (${message.role})`}
        data-role={message.role}
        className={cn("flex flex-col gap-1 rounded-lg border p-2.5 outline-none data-highlighted:ring-2 data-highlighted:ring-focus", user ? "border-user-line bg-user-bg" : "border-assistant-line bg-assistant-bg")}
      >
        <header className="flex flex-wrap items-center gap-2">
          <DragHandle label={`Drag to reorder message ${index + 1}`} attributes={attributes} listeners={listeners} />
          <span className="text-sm font-semibold text-fg">Message {index + 1}</span>
          <select aria-label={`Role of message ${index + 1}`} className={cn(controlClass, "h-7 text-xs")} value={message.role} onChange={(e) => callbacks.setRole(index, e.target.value as Role)}>
            <option value="user">user</option>
            <option value="assistant">assistant</option>
          </select>
          <div className="ml-auto">
            <ItemActions label={`message ${index + 1}`} onDuplicate={() => callbacks.duplicateMessage(index)} onDelete={() => callbacks.deleteMessage(index)} />
          </div>
        </header>
        {note ? (
          <p ref={(el) => el?.scrollIntoView({ block: "nearest" })} data-testid="message-note" className="rounded-md border border-danger-line bg-danger-bg px-2 py-1 text-xs text-danger-text">
            {note}
          </p>
        ) : null}
        <SortableContext items={ids} strategy={verticalListSortingStrategy}>
          <ol className="flex flex-col">
            {blocks.map((block, j) => (
              <Fragment key={ids[j]}>
                {user ? <MarkerGap messageIndex={index} index={j} refusal={refusalAt(j)} /> : <li aria-hidden className="h-1.5" />}
                <SortableBlock block={block} messageIndex={index} blockIndex={j} role={message.role} problem={block.type === "cache_point" ? refusalAt(j) : undefined} callbacks={callbacks} />
              </Fragment>
            ))}
            {user ? <MarkerGap messageIndex={index} index={blocks.length} refusal={refusalAt(blocks.length)} /> : null}
          </ol>
        </SortableContext>
        {blocks.length === 0 ? <p className="text-xs text-fg-subtle">Empty message: it is not sent. Add a block.</p> : null}
        <div className="flex flex-wrap items-center gap-1 pt-1">
          <span className="text-xs text-fg-subtle">Add:</span>
          {ADDABLE_BLOCK_TYPES[message.role].map((type) => (
            <Button key={type} variant="ghost" size="sm" aria-label={`Add ${BLOCK_LABELS[type].toLowerCase()} block to message ${index + 1}`} onClick={() => callbacks.addBlock(index, type)}>
              + {BLOCK_LABELS[type]}
            </Button>
          ))}
        </div>
      </article>
    </li>
  );
});
