// Turns zod issues into `{path, message}` pairs a person can act on: the JSON path as a reader writes
// it ("messages[2].content[0]") and a sentence that says what to change (docs/style.md habit 6).
import type { z } from "zod";

export interface ExperimentIssue {
  path: string;
  message: string;
}

type Key = PropertyKey;

function formatPath(path: readonly Key[]): string {
  let out = "";
  for (const p of path) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out === "" ? String(p) : `.${String(p)}`;
  }
  return out;
}

function valueAt(root: unknown, path: readonly Key[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<Key, unknown>)[p];
  }
  return v;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  switch (typeof value) {
    case "string":
      return value.length > 40 ? "a string" : `the string ${JSON.stringify(value)}`;
    case "number":
      return `the number ${value}`;
    case "boolean":
      return `${value}`;
    case "object":
      return "an object";
    default:
      return typeof value;
  }
}

const article = (expected: string) =>
  ({ string: "a string", number: "a number", boolean: "true or false", object: "an object", array: "an array", record: "a JSON object" })[
    expected
  ] ?? expected;

/** The `type` values allowed where a discriminated union failed, for the hint. */
function allowedTypes(path: readonly Key[], root: unknown): string | null {
  const parent = path.length >= 3 ? valueAt(root, path.slice(0, -2)) : undefined;
  const role = parent && typeof parent === "object" ? (parent as { role?: unknown }).role : undefined;
  if (path.at(-2) === "content" && role === "user") return "text, cache_point, image, document, tool_result, tool_retry";
  if (path.at(-2) === "content" && role === "assistant") return "text, tool_use, thinking";
  return null;
}

function unionMessage(issue: z.core.$ZodIssue & { code: "invalid_union" }, root: unknown): string {
  const discriminator = (issue as { discriminator?: string }).discriminator;
  // zod reports a failed discriminator at the discriminator key; the hint needs the whole block.
  const blockPath = discriminator !== undefined && issue.path.at(-1) === discriminator ? issue.path.slice(0, -1) : issue.path;
  const value = valueAt(root, blockPath);
  if (discriminator === "role") {
    return `role must be "user" or "assistant"${value && typeof value === "object" ? ` (got ${describe((value as { role?: unknown }).role)})` : ""}`;
  }
  if (discriminator === "type") {
    const type = value && typeof value === "object" ? (value as { type?: unknown }).type : undefined;
    const allowed = allowedTypes(blockPath, root);
    if (type === "cache_point") {
      return "a cache_point can only be placed in a user message (Pydantic AI's CachePoint is user content); use settings.cache_messages to cache up to the last assistant block";
    }
    if (type === undefined) return `a content block needs a "type"${allowed ? ` (one of ${allowed})` : ""}`;
    return `unknown block type ${typeof type === "string" ? JSON.stringify(type) : describe(type)}${allowed ? `; this message accepts ${allowed}` : ""}`;
  }
  if (issue.path[0] === "settings") return `must be true, false, "5m" or "1h", not ${describe(value)}`;
  return "does not match any allowed form";
}

function oneIssue(issue: z.core.$ZodIssue, root: unknown): ExperimentIssue[] {
  const path = formatPath(issue.path);
  const at = (message: string): ExperimentIssue[] => [{ path, message }];
  switch (issue.code) {
    case "unrecognized_keys":
      return issue.keys.map((key) => ({
        path: path === "" ? key : `${path}.${key}`,
        message: `unknown field "${key}": remove it or check its spelling`,
      }));
    case "invalid_type": {
      const value = valueAt(root, issue.path);
      if (value === undefined) return at(`is required (${article(issue.expected)})`);
      if (issue.message && !issue.message.startsWith("Invalid input")) return at(issue.message);
      return at(`must be ${article(issue.expected)}, not ${describe(value)}`);
    }
    case "invalid_value":
      return at(
        `must be ${issue.values.map((v) => JSON.stringify(v)).join(" or ")}, not ${describe(valueAt(root, issue.path))}`,
      );
    case "invalid_union": {
      // A list in a union (instructions: text or parts) refused for its length says so.
      const tooLong = issue.errors.flat().find((i) => i.code === "too_big" && i.origin === "array" && i.path.length === 0);
      if (tooLong) return oneIssue({ ...tooLong, path: issue.path }, root);
      return at(unionMessage(issue, root));
    }
    case "too_small":
      if (issue.origin === "string") return at(Number(issue.minimum) <= 1 ? "must not be empty" : `must be at least ${issue.minimum} characters`);
      return at(`must be at least ${issue.minimum}`);
    case "too_big":
      if (issue.origin === "string") return at(`is too long: at most ${issue.maximum} characters`);
      if (issue.origin === "array") {
        const items = valueAt(root, issue.path);
        const held = Array.isArray(items) ? `holds ${items.length.toLocaleString("en-US")} items; ` : "";
        return at(`${held}at most ${Number(issue.maximum).toLocaleString("en-US")} are accepted`);
      }
      return at(`must be at most ${issue.maximum}`);
    case "invalid_format":
      return at(issue.message.startsWith("Invalid") ? `has an invalid format` : issue.message);
    default:
      return at(issue.message);
  }
}

/** Readable issues, in document order as zod reports them. */
export function formatIssues(issues: readonly z.core.$ZodIssue[], root: unknown): ExperimentIssue[] {
  return issues.flatMap((issue) => oneIssue(issue, root));
}
