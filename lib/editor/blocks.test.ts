import { describe, expect, it } from "vitest";
import { addBlock, addMessage, duplicateBlock, duplicateMessage, moveBlock, moveMessage, newBlock, removeBlock, removeMessage, setMessageRole, updateBlock } from "./blocks";
import { assistantText, experimentWith, userText } from "./test-factories";

describe("message transitions", () => {
  const e = experimentWith([userText("q1"), assistantText("a1"), userText("q2")]);
  it("adds a message with one empty text block, at the end or at an index", () => {
    expect(addMessage(e, "assistant").messages[3]).toEqual({ role: "assistant", content: [{ type: "text", text: "" }] });
    expect(addMessage(e, "user", 0, "first").messages[0]).toEqual(userText("first"));
  });
  it("removes, duplicates and moves messages", () => {
    expect(removeMessage(e, 1).messages).toEqual([userText("q1"), userText("q2")]);
    expect(duplicateMessage(e, 0).messages.map((m) => m.content[0])).toEqual([
      { type: "text", text: "q1" }, { type: "text", text: "q1" }, { type: "text", text: "a1" }, { type: "text", text: "q2" },
    ]);
    expect(moveMessage(e, 2, 0).messages[0]).toBe(e.messages[2]);
  });
  it("keeps untouched messages by identity", () => {
    const next = updateBlock(e, 2, 0, { text: "changed" });
    expect(next.messages[0]).toBe(e.messages[0]);
    expect(next.messages[2]).not.toBe(e.messages[2]);
    expect(e.messages[2]).toEqual(userText("q2"));
  });
  it("switching a role drops blocks the new role cannot hold", () => {
    const withImage = experimentWith([{ role: "user", content: [{ type: "image", url: "https://x/y.png" }, { type: "cache_point", ttl: "5m" }] }]);
    expect(setMessageRole(withImage, 0, "assistant").messages[0]).toEqual({ role: "assistant", content: [{ type: "text", text: "" }] });
    expect(setMessageRole(e, 1, "user").messages[1]).toEqual(userText("a1"));
    expect(setMessageRole(e, 1, "assistant")).toBe(e);
  });
});

describe("block transitions", () => {
  const e = experimentWith([userText("a", "b", "c"), assistantText("reply")]);
  it("adds a block of a type the role allows, and ignores one it does not", () => {
    expect(addBlock(e, 0, newBlock("image"), 1).messages[0]!.content[1]).toEqual({ type: "image", url: "https://example.com/image.png" });
    expect(addBlock(e, 1, newBlock("tool_use")).messages[1]!.content[1]).toMatchObject({ type: "tool_use", input: {} });
    expect(addBlock(e, 1, newBlock("image"))).toBe(e);
    expect(addBlock(e, 9, newBlock("text"))).toBe(e);
  });
  it("updates a block without changing its type", () => {
    const next = updateBlock(e, 0, 1, { text: "B", type: "image" } as never);
    expect(next.messages[0]!.content[1]).toEqual({ type: "text", text: "B" });
  });
  it("removes and duplicates blocks", () => {
    expect(removeBlock(e, 0, 0).messages[0]).toEqual(userText("b", "c"));
    expect(duplicateBlock(e, 0, 2).messages[0]).toEqual(userText("a", "b", "c", "c"));
  });
  it("moves a block within its message and across messages", () => {
    expect(moveBlock(e, { messageIndex: 0, blockIndex: 0 }, { messageIndex: 0, blockIndex: 2 }).messages[0]).toEqual(userText("b", "c", "a"));
    const across = moveBlock(e, { messageIndex: 0, blockIndex: 1 }, { messageIndex: 1, blockIndex: 0 });
    expect(across.messages[0]).toEqual(userText("a", "c"));
    expect(across.messages[1]!.content).toEqual([{ type: "text", text: "b" }, { type: "text", text: "reply" }]);
  });
  it("refuses to move a block into a role that cannot hold it", () => {
    const withImage = addBlock(e, 0, newBlock("image"));
    expect(moveBlock(withImage, { messageIndex: 0, blockIndex: 3 }, { messageIndex: 1, blockIndex: 0 })).toBe(withImage);
  });
});
