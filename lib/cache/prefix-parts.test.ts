import { describe, expect, it } from "vitest";
import { promptUpTo } from "./prefix-parts";
import type { PromptParts } from "./wire-types";

const parts: PromptParts = {
  tools: [{ name: "a", input_schema: {} }, { name: "b", input_schema: {} }],
  system: [{ type: "text", text: "s0" }, { type: "text", text: "s1" }],
  messages: [
    { role: "user", content: [{ type: "text", text: "u0" }, { type: "text", text: "u1" }] },
    { role: "assistant", content: "a" },
    { role: "user", content: [{ type: "text", text: "u2" }, { type: "text", text: "u3" }] },
  ],
};

// The cached prefix runs tools → system → messages up to and including the marked block
// (docs/reference/anthropic-caching.md §1.2).
describe("promptUpTo", () => {
  it("a tools breakpoint keeps the tools up to it and nothing else", () => {
    expect(promptUpTo(parts, { section: "tools", messageIndex: -1, blockIndex: 0 })).toEqual({ tools: [parts.tools![0]], messages: [] });
  });
  it("a system breakpoint keeps every tool and the system blocks up to it", () => {
    expect(promptUpTo(parts, { section: "system", messageIndex: -1, blockIndex: 0 })).toEqual({ tools: parts.tools, system: [{ type: "text", text: "s0" }], messages: [] });
  });
  it("a message breakpoint keeps the earlier messages and its message's blocks up to it", () => {
    expect(promptUpTo(parts, { section: "messages", messageIndex: 2, blockIndex: 0 })).toEqual({
      tools: parts.tools,
      system: parts.system,
      messages: [parts.messages[0], parts.messages[1], { role: "user", content: [{ type: "text", text: "u2" }] }],
    });
    expect(promptUpTo(parts, { section: "messages", messageIndex: 1, blockIndex: 0 }).messages).toEqual([parts.messages[0], parts.messages[1]]);
  });
});
