// The estimate the history learns from its rows (issue 12 item 3): the size most rows measured so far
// have, and it stays put on a tie, so a history of mixed rows does not make the table lay every row out
// again at each new row.
import { describe, expect, it } from "vitest";
import { mostCommonSize } from "./use-typical-row-size";

describe("mostCommonSize", () => {
  it("is the size counted most often", () => {
    expect(mostCommonSize(new Map([[113, 1], [93, 4], [73, 2]]), null)).toBe(93);
    expect(mostCommonSize(new Map([[113, 1], [93, 4], [73, 2]]), 113)).toBe(93);
  });

  it("keeps the current size on a tie, and has none until a row is measured", () => {
    expect(mostCommonSize(new Map([[113, 2], [93, 2]]), 113)).toBe(113);
    expect(mostCommonSize(new Map([[113, 2], [93, 2]]), 93)).toBe(93);
    expect(mostCommonSize(new Map(), null)).toBeNull();
  });
});
