import { describe, expect, it } from "vitest";
import { duplicateAt, insertAt, moveItem, removeAt, replaceAt } from "./list";

describe("list helpers", () => {
  const list = ["a", "b", "c"];
  it("insert, remove and replace without mutating", () => {
    expect(insertAt(list, 1, "x")).toEqual(["a", "x", "b", "c"]);
    expect(insertAt(list, 99, "x")).toEqual(["a", "b", "c", "x"]);
    expect(removeAt(list, 0)).toEqual(["b", "c"]);
    expect(removeAt(list, 5)).toEqual(list);
    expect(replaceAt(list, 2, "z")).toEqual(["a", "b", "z"]);
    expect(list).toEqual(["a", "b", "c"]);
  });
  it("moves an item to its new index like dnd-kit's arrayMove", () => {
    expect(moveItem(list, 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(list, 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(list, 0, 3)).toEqual(list);
  });
  it("duplicates a deep copy right after the item", () => {
    const objects = [{ v: [1] }];
    const next = duplicateAt(objects, 0);
    expect(next).toEqual([{ v: [1] }, { v: [1] }]);
    expect(next[1]).not.toBe(objects[0]);
  });
});
