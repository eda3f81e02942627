// Reads any JavaScript value as the plain JSON data it would stand for, or says why it cannot, and
// never throws (issue 8 item 14). Imports take `unknown`: JSON text only ever produces plain data,
// but a caller in JavaScript can pass arrays with their own `constructor` (which break Array
// methods through Symbol.species), getters and proxies that throw, cycles, BigInts. One bounded,
// iterative walk reads each property exactly once, under the experiment's size caps
// (experiment-limits.ts), and builds a copy the rest of the import can trust.
import { MAX_EXPERIMENT_CHARS, MAX_JSON_DEPTH, MAX_JSON_NODES, pathOf } from "@/lib/cache/experiment-limits";
import { type Result, err, ok } from "@/lib/cache/result";

export interface PlainJsonProblem {
  /** Where in the value, as a JSON path ("" for the value itself). */
  path: string;
  /** What is wrong there, as the end of a sentence ("refers to itself"). */
  reason: string;
}

/** Read a value (lazily: only when its turn comes, so each property is read once), then store its copy. */
type Task = { read: () => unknown; path: (string | number)[]; store: (copy: unknown) => void; inArray: boolean } | { leave: object };

const NOTHING = Symbol("nothing");

/**
 * JSON's reading of a value (JSON.stringify's rules: `toJSON` applied, non-finite numbers become
 * null, functions, symbols and undefined are left out of objects and become null in arrays; only
 * own enumerable string keys count), with the caps of an experiment and a cycle check.
 */
export function readPlainJson(value: unknown): Result<unknown, PlainJsonProblem> {
  let root: unknown = NOTHING;
  const stack: Task[] = [{ read: () => value, path: [], store: (copy) => (root = copy), inArray: false }];
  const ancestors = new Set<object>();
  let nodes = 0;
  let chars = 0;
  let at: (string | number)[] = [];
  try {
    while (stack.length > 0) {
      const task = stack.pop()!;
      if ("leave" in task) {
        ancestors.delete(task.leave);
        continue;
      }
      at = task.path;
      if (++nodes > MAX_JSON_NODES) return problem(at, `holds more than ${MAX_JSON_NODES.toLocaleString("en-US")} JSON values`);
      let v = task.read();
      if (typeof v === "object" && v !== null && typeof (v as { toJSON?: unknown }).toJSON === "function") {
        v = (v as { toJSON: (key: string) => unknown }).toJSON(String(at.at(-1) ?? ""));
      }
      if (typeof v === "object" && v !== null) v = unbox(v);
      if (typeof v === "bigint") return problem(at, "holds a BigInt, which JSON cannot represent");
      if (v === undefined || typeof v === "function" || typeof v === "symbol") {
        if (task.inArray) task.store(null);
        else if (at.length === 0) return problem(at, "is not a JSON value");
        continue;
      }
      if (typeof v === "string") {
        chars += v.length;
        if (chars > MAX_EXPERIMENT_CHARS) return problem(at, `holds more than ${MAX_EXPERIMENT_CHARS.toLocaleString("en-US")} characters`);
        task.store(v);
        continue;
      }
      if (typeof v === "number") {
        task.store(Number.isFinite(v) ? v + 0 : null); // + 0 turns -0 into 0, as JSON text does
        continue;
      }
      if (v === null || typeof v === "boolean") {
        task.store(v);
        continue;
      }
      const object = v as object;
      if (ancestors.has(object)) return problem(at, "refers to itself (a cycle)");
      if (at.length >= MAX_JSON_DEPTH) return problem(at, `is nested more than ${MAX_JSON_DEPTH} levels deep`);
      ancestors.add(object);
      stack.push({ leave: object });
      if (Array.isArray(object)) {
        const length = object.length;
        if (!Number.isSafeInteger(length) || length < 0 || nodes + length > MAX_JSON_NODES) return problem(at, `holds more than ${MAX_JSON_NODES.toLocaleString("en-US")} JSON values`);
        const copy: unknown[] = new Array<unknown>(length).fill(null);
        task.store(copy);
        // Pushed last first, so items are read in order (a getter's side effects included).
        for (let i = length - 1; i >= 0; i--) stack.push({ read: () => (object as unknown[])[i], path: [...at, i], store: (x) => (copy[i] = x), inArray: true });
      } else {
        const copy: Record<string, unknown> = {};
        task.store(copy);
        const keys = Object.keys(object);
        if (nodes + keys.length > MAX_JSON_NODES) return problem(at, `holds more than ${MAX_JSON_NODES.toLocaleString("en-US")} JSON values`);
        for (let i = keys.length - 1; i >= 0; i--) {
          const key = keys[i]!;
          // defineProperty: a key such as "__proto__" stays data, never the copy's prototype.
          const store = (x: unknown) => Object.defineProperty(copy, key, { value: x, enumerable: true, writable: true, configurable: true });
          stack.push({ read: () => (object as Record<string, unknown>)[key], path: [...at, key], store, inArray: false });
        }
      }
    }
  } catch {
    return problem(at, "could not be read (a getter or proxy in it threw)");
  }
  return root === NOTHING ? problem([], "is not a JSON value") : ok(root);
}

/** `new Number(1)`, `new String("a")`, `new Boolean(false)`: JSON writes the value inside. */
function unbox(v: object): unknown {
  switch (Object.prototype.toString.call(v)) {
    case "[object Number]":
      return Number(v);
    case "[object String]":
      return String(v);
    case "[object Boolean]":
    case "[object BigInt]":
      return (v as { valueOf: () => unknown }).valueOf();
    default:
      return v;
  }
}

function problem(path: (string | number)[], reason: string): Result<never, PlainJsonProblem> {
  return err({ path: pathOf(path), reason });
}
