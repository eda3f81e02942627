import { describe, expect, it } from "vitest";
import { addTool, duplicateTool, moveTool, newTool, parseInputSchema, removeTool, setBuiltinTool, toolNameProblem, updateTool } from "./tools";
import { experimentWith } from "./test-factories";

const tool = (name: string) => ({ name, description: "", input_schema: { type: "object", properties: {} } });

describe("tool transitions", () => {
  const e = experimentWith([], { tools: [tool("a"), tool("b")] });
  it("adds a tool with a unique name to either list", () => {
    expect(addTool(e, "tools").tools[2]!.name).toBe("new_tool");
    expect(addTool(e, "output_tools").output_tools[0]!.name).toBe("final_result");
    expect(newTool([tool("new_tool")]).name).toBe("new_tool_2");
  });
  it("updates, removes, moves and duplicates tools", () => {
    expect(updateTool(e, "tools", 0, { description: "d" }).tools[0]!.description).toBe("d");
    expect(removeTool(e, "tools", 0).tools.map((t) => t.name)).toEqual(["b"]);
    expect(moveTool(e, "tools", 0, 1).tools.map((t) => t.name)).toEqual(["b", "a"]);
    expect(duplicateTool(e, "tools", 0).tools.map((t) => t.name)).toEqual(["a", "a_copy", "b"]);
  });
  it("turns builtin tools on and off once", () => {
    const on = setBuiltinTool(e, "web_search", true);
    expect(on.builtin_tools).toEqual(["web_search"]);
    expect(setBuiltinTool(on, "web_search", true)).toBe(on);
    expect(setBuiltinTool(on, "web_search", false).builtin_tools).toEqual([]);
  });
  it("checks tool names", () => {
    expect(toolNameProblem("get weather", [])).toMatch(/letters, digits/);
    expect(toolNameProblem("a", ["a"])).toMatch(/unique/);
    expect(toolNameProblem("get_weather", ["a"])).toBeUndefined();
  });
});

describe("parseInputSchema", () => {
  it("accepts an object schema", () => {
    expect(parseInputSchema('{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}').ok).toBe(true);
  });
  it("reports invalid JSON", () => {
    const r = parseInputSchema("{type: object}");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/not valid JSON/);
  });
  it("reports a schema that is not an object schema, with paths", () => {
    const r = parseInputSchema('{"type":"string","required":["x"]}');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.issues?.map((i) => i.path)).toEqual(["type", "required"]);
    expect(parseInputSchema("[]").ok).toBe(false);
  });
});
