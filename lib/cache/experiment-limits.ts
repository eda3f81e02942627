// Size caps for an experiment, checked before schema validation so that a 10 MB paste or a
// pathologically nested tool schema gives one clear sentence instead of a slow parse, a stack
// overflow in a recursive walk, or a frozen preview (docs/style.md habit 5: parse with size caps).
import { type Result, err, ok } from "./result";

/**
 * 5 million characters of text is ≈1.2M tokens, beyond any Claude context window, so no real
 * prompt is refused while a runaway paste is.
 */
export const MAX_EXPERIMENT_CHARS = 5_000_000;
/** JSON Schemas and tool inputs nest a few levels; 64 is far past any real one. */
export const MAX_JSON_DEPTH = 64;
/** Values (strings, numbers, objects…) in the whole document. */
export const MAX_JSON_NODES = 1_000_000;
/**
 * Lists are refused by their length before their items are validated one by one (the schema's `.max()`,
 * which zod checks first): 800,000 invalid tools cost seconds of CPU item by item (issue 8). The caps are
 * CacheLab's own, far past real requests: tool search serves catalogs of thousands of tools
 * (https://platform.claude.com/docs/en/agents-and-tools/tool-use/tool-search-tool).
 */
export const MAX_TOOLS = 10_000;
/** Messages in one experiment. */
export const MAX_MESSAGES = 100_000;
/** Blocks in one message, system parts, instruction parts. */
export const MAX_BLOCKS = 100_000;

const megabytes = (chars: number) => (chars / 1_000_000).toFixed(1);

function tooLarge(chars: number) {
  return err({
    code: "invalid_experiment",
    message: `The experiment holds ${megabytes(chars)} MB of text; the limit is ${megabytes(MAX_EXPERIMENT_CHARS)} MB (≈1.2M tokens, more than any Claude model accepts). Shorten or split the text.`,
    issues: [{ path: "", message: `too large: ${megabytes(chars)} MB of text, the limit is ${megabytes(MAX_EXPERIMENT_CHARS)} MB` }],
  });
}

/** `messages[2].content[0]` from its keys. */
export function pathOf(parts: (string | number)[]): string {
  let out = "";
  for (const p of parts) out += typeof p === "number" ? `[${p}]` : out === "" ? p : `.${p}`;
  return out;
}

/** A value met by the walk; its path is built from the parents only when it is reported. */
interface Visit {
  value: unknown;
  depth: number;
  parent: Visit | null;
  key: string | number;
}

function pathTo(visit: Visit): (string | number)[] {
  const parts: (string | number)[] = [];
  for (let v: Visit | null = visit; v?.parent; v = v.parent) parts.push(v.key);
  return parts.reverse();
}

/**
 * Checks the total text, nesting depth and value count of a JSON value (or of raw JSON text)
 * without recursion, stopping at the first limit crossed. Cost is linear in the input.
 */
export function measureJson(value: unknown): Result<null> {
  if (typeof value === "string") return value.length > MAX_EXPERIMENT_CHARS ? tooLarge(value.length) : ok(null);
  let chars = 0;
  let nodes = 0;
  const stack: Visit[] = [{ value, depth: 0, parent: null, key: "" }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    nodes++;
    if (nodes > MAX_JSON_NODES) {
      return err({
        code: "invalid_experiment",
        message: `The experiment has more than ${MAX_JSON_NODES.toLocaleString("en-US")} JSON values; split it into smaller experiments.`,
        issues: [{ path: pathOf(pathTo(item)), message: "too many JSON values" }],
      });
    }
    const v = item.value;
    if (typeof v === "string") {
      chars += v.length;
      if (chars > MAX_EXPERIMENT_CHARS) return tooLarge(chars);
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (item.depth >= MAX_JSON_DEPTH) {
      const path = pathOf(pathTo(item));
      return err({
        code: "invalid_experiment",
        message: `${path}: nested more than ${MAX_JSON_DEPTH} levels deep; flatten this value.`,
        issues: [{ path, message: `nested more than ${MAX_JSON_DEPTH} levels deep; flatten this value` }],
      });
    }
    const depth = item.depth + 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, parent: item, key: i });
    } else {
      for (const key of Object.keys(v)) {
        chars += key.length;
        stack.push({ value: (v as Record<string, unknown>)[key], depth, parent: item, key });
      }
      if (chars > MAX_EXPERIMENT_CHARS) return tooLarge(chars);
    }
  }
  return ok(null);
}
