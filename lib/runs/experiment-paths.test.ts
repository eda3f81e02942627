import { describe, expect, it } from "vitest";
import { experimentPathMapper } from "./experiment-paths";
import { experiment } from "./testing/factories";

describe("experimentPathMapper", () => {
  it("maps body paths to the editor's paths, skipping cache_points and empty text", () => {
    const toEditor = experimentPathMapper(
      experiment({
        tools: [{ name: "a", description: "A", input_schema: { type: "object" } }],
        output_tools: [{ name: "final", description: "F", input_schema: { type: "object" } }],
        messages: [
          { role: "user", content: [{ type: "text", text: "" }] },
          { role: "user", content: [{ type: "text", text: "one" }, { type: "cache_point" }, { type: "text", text: "two" }] },
        ],
      }),
    );
    expect(toEditor("tools[0]")).toBe("tools[0]");
    expect(toEditor("tools[1]")).toBe("output_tools[0]");
    expect(toEditor("system")).toBe("system[0]");
    expect(toEditor("system[0]")).toBe("system[0]");
    // Experiment message 0 makes no block, so body message 0 is experiment message 1.
    expect(toEditor("messages[0].content[0]")).toBe("messages[1].content[0]");
    expect(toEditor("messages[0].content[1]")).toBe("messages[1].content[2]");
    expect(toEditor("messages[5].content[0]")).toBeUndefined();
  });

  it("names the instructions when there is no system part", () => {
    expect(experimentPathMapper(experiment({ system: [], instructions: "Be brief." }))("system")).toBe("instructions");
  });

  it("names each instruction part's own block from Pydantic AI 1.77 on (docs/reference/pydantic-ai-2.md §2.5)", () => {
    const toEditor = experimentPathMapper(experiment({ semantics: "pydantic-ai@2.33", instructions: [{ text: "d", dynamic: true }, { text: "s" }] }));
    expect(toEditor("system[0]")).toBe("system[0]");
    expect(toEditor("system[1]")).toBe("instructions[1]");
    expect(toEditor("system[2]")).toBe("instructions[0]");
  });
});
