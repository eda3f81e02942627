import type { Role } from "@/lib/editor/blocks";
import type { BlockType } from "@/lib/editor/types";

/** Stable callbacks the messages section hands down, so memoised cards skip re-rendering. */
export interface MessageCallbacks {
  setRole(index: number, role: Role): void;
  duplicateMessage(index: number): void;
  deleteMessage(index: number): void;
  addBlock(messageIndex: number, type: BlockType): void;
  duplicateBlock(messageIndex: number, blockIndex: number): void;
  deleteBlock(messageIndex: number, blockIndex: number): void;
  cachePointAfter(messageIndex: number, blockIndex: number): void;
}
