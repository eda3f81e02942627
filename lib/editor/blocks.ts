// Pure transitions over the conversation: messages and their content blocks (docs/style.md habit 2).
// Each takes an experiment and returns the next one; unchanged parts keep their identity.
import { duplicateAt, insertAt, moveItem, removeAt, replaceAt } from "./list";
import type { AssistantBlock, Block, BlockType, Experiment, Message, UserBlock } from "./types";

export type Role = Message["role"];

/**
 * The block types each role may hold (docs/design.md §3): markers and inputs in user turns, tool calls in
 * assistant turns.
 */
export const BLOCK_TYPES_BY_ROLE: Record<Role, readonly BlockType[]> = {
  user: ["text", "image", "document", "tool_result", "tool_retry", "cache_point"],
  assistant: ["text", "tool_use", "thinking"],
};

/** The types the editor offers to add; signed thinking blocks only come in by import. */
export const ADDABLE_BLOCK_TYPES: Record<Role, readonly BlockType[]> = {
  user: ["text", "image", "document", "tool_result", "tool_retry"],
  assistant: ["text", "tool_use"],
};

/** A fresh, valid block of a type, with placeholder values a user then edits. */
export function newBlock(type: BlockType): Block {
  switch (type) {
    case "text":
      return { type: "text", text: "" };
    case "cache_point":
      return { type: "cache_point", ttl: "5m" };
    case "image":
      return { type: "image", url: "https://example.com/image.png" };
    case "document":
      return { type: "document", url: "https://example.com/document.pdf" };
    case "tool_result":
      return { type: "tool_result", tool_use_id: "toolu_1", tool_name: "tool", content: "" };
    case "tool_retry":
      return { type: "tool_retry", tool_use_id: "toolu_1", tool_name: "tool", content: "" };
    case "tool_use":
      return { type: "tool_use", id: "toolu_1", name: "tool", input: {} };
    case "thinking":
      return { type: "thinking", thinking: "", signature: "" };
  }
}

function withMessages(experiment: Experiment, messages: Message[]): Experiment {
  return { ...experiment, messages };
}

function withContent(message: Message, content: Block[]): Message {
  return { ...message, content } as Message;
}

export function addMessage(experiment: Experiment, role: Role, index = experiment.messages.length, text = ""): Experiment {
  const message: Message = role === "user" ? { role, content: [{ type: "text", text }] } : { role, content: [{ type: "text", text }] };
  return withMessages(experiment, insertAt(experiment.messages, index, message));
}

export function removeMessage(experiment: Experiment, index: number): Experiment {
  return withMessages(experiment, removeAt(experiment.messages, index));
}

export function duplicateMessage(experiment: Experiment, index: number): Experiment {
  return withMessages(experiment, duplicateAt(experiment.messages, index));
}

export function moveMessage(experiment: Experiment, from: number, to: number): Experiment {
  return withMessages(experiment, moveItem(experiment.messages, from, to));
}

/**
 * Switches a message's role. Blocks the new role cannot hold are dropped (user → assistant drops
 * images, documents, tool results and markers; assistant → user drops tool calls), and an emptied
 * message gets one empty text block so it stays editable.
 */
export function setMessageRole(experiment: Experiment, index: number, role: Role): Experiment {
  const message = experiment.messages[index];
  if (!message || message.role === role) return experiment;
  const allowed = BLOCK_TYPES_BY_ROLE[role];
  const kept = (message.content as Block[]).filter((b) => allowed.includes(b.type));
  const content = kept.length ? kept : [{ type: "text", text: "" } as const];
  return withMessages(experiment, replaceAt(experiment.messages, index, { role, content } as Message));
}

/** Inserts a block into a message (at the end by default). Types the role cannot hold are ignored. */
export function addBlock(experiment: Experiment, messageIndex: number, block: Block, index?: number): Experiment {
  const message = experiment.messages[messageIndex];
  if (!message || !BLOCK_TYPES_BY_ROLE[message.role].includes(block.type)) return experiment;
  const content = insertAt(message.content as Block[], index ?? message.content.length, block);
  return withMessages(experiment, replaceAt(experiment.messages, messageIndex, withContent(message, content)));
}

/** Merges `patch` into one block. The block's type never changes through an update. */
export function updateBlock(experiment: Experiment, messageIndex: number, blockIndex: number, patch: Partial<UserBlock> | Partial<AssistantBlock>): Experiment {
  const message = experiment.messages[messageIndex];
  const block = message?.content[blockIndex];
  if (!message || !block) return experiment;
  const next = { ...block, ...patch, type: block.type } as Block;
  return withMessages(experiment, replaceAt(experiment.messages, messageIndex, withContent(message, replaceAt(message.content as Block[], blockIndex, next))));
}

export function removeBlock(experiment: Experiment, messageIndex: number, blockIndex: number): Experiment {
  const message = experiment.messages[messageIndex];
  if (!message) return experiment;
  return withMessages(experiment, replaceAt(experiment.messages, messageIndex, withContent(message, removeAt(message.content as Block[], blockIndex))));
}

export function duplicateBlock(experiment: Experiment, messageIndex: number, blockIndex: number): Experiment {
  const message = experiment.messages[messageIndex];
  if (!message) return experiment;
  return withMessages(experiment, replaceAt(experiment.messages, messageIndex, withContent(message, duplicateAt(message.content as Block[], blockIndex))));
}

export interface BlockAddress {
  messageIndex: number;
  blockIndex: number;
}

/**
 * Moves a block within its message or into another message. `to.blockIndex` is the index the block
 * has afterwards. A move into a message whose role cannot hold the block is ignored.
 */
export function moveBlock(experiment: Experiment, from: BlockAddress, to: BlockAddress): Experiment {
  const source = experiment.messages[from.messageIndex];
  const block = source?.content[from.blockIndex];
  if (!source || !block) return experiment;
  if (from.messageIndex === to.messageIndex) {
    const content = moveItem(source.content as Block[], from.blockIndex, to.blockIndex);
    return withMessages(experiment, replaceAt(experiment.messages, from.messageIndex, withContent(source, content)));
  }
  const target = experiment.messages[to.messageIndex];
  if (!target || !BLOCK_TYPES_BY_ROLE[target.role].includes(block.type)) return experiment;
  let messages = replaceAt(experiment.messages, from.messageIndex, withContent(source, removeAt(source.content as Block[], from.blockIndex)));
  messages = replaceAt(messages, to.messageIndex, withContent(target, insertAt(target.content as Block[], to.blockIndex, block)));
  return withMessages(experiment, messages);
}
