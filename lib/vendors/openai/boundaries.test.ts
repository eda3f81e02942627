// Where a Responses request writes and looks, rule by rule (https://developers.openai.com/api/docs/guides/prompt-caching
// "How caching works" and "How prefix matching works"; the API reference's prompt_cache_options.mode).
import { describe, expect, it } from "vitest";
import { boundaries, eligibleEndings } from "./boundaries";
import { flattenResponses } from "./prefix";

const bp = { prompt_cache_breakpoint: { mode: "explicit" } };
const msg = (role: string, text: string, marked = false) => ({ role, content: [{ type: "input_text", text, ...(marked ? bp : {}) }] });
const positionsOf = (input: unknown[]) => flattenResponses({ model: "gpt-5.6-sol", input }).positions;
const paths = (ps: { path: string }[]) => ps.map((p) => p.path);

describe("eligible message endings", () => {
  it("are user messages, the last tool output of a run, and the last developer message of the initial run", () => {
    const positions = positionsOf([
      msg("developer", "d1"),
      msg("developer", "d2"),
      msg("user", "u1"),
      { type: "function_call", call_id: "c1", name: "f", arguments: "{}" },
      { type: "function_call_output", call_id: "c1", output: "o1" },
      { type: "function_call_output", call_id: "c2", output: "o2" },
      msg("assistant", "a"),
      msg("developer", "later developer"),
      msg("user", "u2"),
    ]);
    const { endings, initialDeveloperEnd } = eligibleEndings(positions);
    expect(paths(endings)).toEqual(["input[1].content[0]", "input[2].content[0]", "input[5].output", "input[8].content[0]"]);
    expect(initialDeveloperEnd?.path).toBe("input[1].content[0]");
  });
});

describe("boundaries", () => {
  it("implicit mode: the implicit breakpoint ends the latest eligible message and writes with the latest 3 explicit ones", () => {
    const positions = positionsOf([msg("user", "1", true), msg("user", "2", true), msg("user", "3", true), msg("user", "4", true), msg("user", "5"), msg("assistant", "a")]);
    const b = boundaries(positions, "implicit");
    expect(b.implicit?.path).toBe("input[4].content[0]");
    expect(paths(b.written)).toEqual(["input[1].content[0]", "input[2].content[0]", "input[3].content[0]", "input[4].content[0]"]);
  });

  it("explicit mode: no implicit breakpoint, the latest 4 explicit ones written, and none without a marker", () => {
    const positions = positionsOf([1, 2, 3, 4, 5].map((n) => msg("user", String(n), true)));
    const b = boundaries(positions, "explicit");
    expect(b.implicit).toBeNull();
    expect(paths(b.written)).toEqual(["input[1].content[0]", "input[2].content[0]", "input[3].content[0]", "input[4].content[0]"]);
    expect(boundaries(positionsOf([msg("user", "x")]), "explicit").written).toEqual([]);
  });

  it("looks at the first 2 and the latest 50 explicit breakpoints only", () => {
    const positions = positionsOf([msg("developer", "0"), ...Array.from({ length: 59 }, (_, i) => msg("developer", String(i + 1), true))]);
    const explicit = positions.filter((p) => p.explicit);
    expect(explicit).toHaveLength(59);
    const looked = new Set(paths(boundaries(positions, "explicit").lookup));
    expect(looked.has(explicit[0]!.path) && looked.has(explicit[1]!.path)).toBe(true);
    expect(looked.has(explicit[2]!.path)).toBe(false); // third from the start, not among the latest 50
    expect(looked.has(explicit[8]!.path)).toBe(false); // the 51st from the end
    expect(looked.has(explicit[9]!.path)).toBe(true); // the 50th from the end
    expect(looked.size).toBe(52);
  });

  it("implicit mode looks back over at most 20 earlier eligible message endings, plus the initial developer block", () => {
    const input = [msg("developer", "rules"), ...Array.from({ length: 30 }, (_, i) => [msg("user", `q${i}`), msg("assistant", `a${i}`)]).flat(), msg("user", "last")];
    const b = boundaries(positionsOf(input), "implicit");
    const looked = paths(b.lookup);
    expect(looked[0]).toBe(b.implicit!.path);
    // the implicit one, 20 earlier user endings, and the developer block's end
    expect(looked).toHaveLength(22);
    expect(looked).toContain("input[0].content[0]");
    expect(looked).not.toContain("input[1].content[0]"); // q0: more than 20 endings back
  });
});
