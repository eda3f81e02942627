import { describe, expect, it } from "vitest";
import { anchorIdFor, formatEditorPath, parseEditorPath } from "./paths";

describe("editor paths", () => {
  it("parses and formats the paths the analysis and the runs explainer use", () => {
    for (const path of ["messages[2].content[0]", "messages[3]", "tools[1]", "output_tools[0]", "system[0]", "instructions"]) {
      expect(formatEditorPath(parseEditorPath(path)!)).toBe(path);
    }
    expect(parseEditorPath("messages[1].content")).toEqual({ section: "messages", messageIndex: 1 });
    expect(parseEditorPath("system")).toEqual({ section: "system", index: 0 });
    expect(parseEditorPath("nonsense")).toBeUndefined();
  });
  it("makes DOM-safe anchor ids", () => {
    expect(anchorIdFor("messages[2].content[0]")).toBe("block-messages-2-content-0");
  });
});
