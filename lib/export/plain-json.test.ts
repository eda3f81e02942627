import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readPlainJson } from "./plain-json";

describe("readPlainJson", () => {
  it("returns any JSON value as it is", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(readPlainJson(v)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(v)) });
    }), { numRuns: 500 });
  });

  it("reads any other value the way JSON.stringify does, or says why it cannot", () => {
    const anything = fc.anything({ withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, maxDepth: 4 });
    fc.assert(
      fc.property(anything, (v) => {
        const text = JSON.stringify(v);
        const read = readPlainJson(v);
        if (text === undefined) expect(read).toMatchObject({ ok: false, error: { path: "", reason: "is not a JSON value" } });
        else expect(read).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps a `__proto__` key as data, never as the copy's prototype", () => {
    const value = JSON.parse('{"__proto__": {"polluted": true}, "a": 1}') as unknown;
    const read = readPlainJson(value);
    expect(read.ok && Object.getPrototypeOf(read.value)).toBe(Object.prototype);
    expect(read.ok && (read.value as { polluted?: boolean }).polluted).toBeUndefined();
    expect(read.ok && Object.keys(read.value as object)).toEqual(["__proto__", "a"]);
  });

  it("reads each property once, in order", () => {
    const reads: string[] = [];
    const value = {};
    for (const key of ["a", "b", "c"]) Object.defineProperty(value, key, { enumerable: true, get: () => (reads.push(key), [key]) });
    expect(readPlainJson(value)).toEqual({ ok: true, value: { a: ["a"], b: ["b"], c: ["c"] } });
    expect(reads).toEqual(["a", "b", "c"]);
  });

  it("copies a value shared in two places, and refuses only a real cycle", () => {
    const shared = { x: 1 };
    expect(readPlainJson({ a: shared, b: [shared] })).toEqual({ ok: true, value: { a: { x: 1 }, b: [{ x: 1 }] } });
    const cycle: Record<string, unknown> = { a: {} };
    (cycle.a as Record<string, unknown>).back = cycle;
    expect(readPlainJson(cycle)).toEqual({ ok: false, error: { path: "a.back", reason: "refers to itself (a cycle)" } });
  });
});
