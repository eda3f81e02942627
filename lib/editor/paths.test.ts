import { describe, expect, it } from "vitest";
import { dp } from "@/lib/cache/test-factories";
import { anchorIdFor, formatEditorPath, parseEditorPath } from "./paths";

describe("editor paths", () => {
  it("parses and formats the document paths the analysis and the runs explainer use", () => {
    for (const path of ["messages[2].content[0]", "messages[3]", "tools[1]", "output_tools[0]", "builtin_tools[0]", "system[0]", "instructions"]) {
      expect(formatEditorPath(parseEditorPath(dp(path))!)).toBe(path);
    }
    expect(parseEditorPath(dp("tools[1].description"))).toEqual({ section: "tools", index: 1 });
    expect(parseEditorPath(dp("model"))).toBeUndefined();
  });
  it("makes DOM-safe anchor ids", () => {
    expect(anchorIdFor(dp("messages[2].content[0]"))).toBe("block-messages-2-content-0");
  });
});
