// Test data factories (docs/style.md habit 11): short ways to write experiments in tests. Test-only; not
// imported by the app.
import type { ExperimentInput, Experiment } from "./experiment-schema";
import { parseExperiment } from "./experiment-schema";
import { type DocumentPath, type RequestPath, parseDocumentPath, parseRequestPath } from "./paths";

/** A request path written out in a test, checked. */
export function rp(path: string): RequestPath {
  const parsed = parseRequestPath(path);
  if (!parsed) throw new Error(`not a request path: ${path}`);
  return parsed;
}

/** A document path written out in a test, checked. */
export function dp(path: string): DocumentPath {
  const parsed = parseDocumentPath(path);
  if (!parsed) throw new Error(`not a document path: ${path}`);
  return parsed;
}

export const text = (t: string) => ({ type: "text" as const, text: t });
export const cachePoint = (ttl?: "5m" | "1h") => (ttl ? { type: "cache_point" as const, ttl } : { type: "cache_point" as const });
export const user = (...content: NonNullable<ExperimentInput["messages"][number]["content"]>) => ({ role: "user" as const, content }) as ExperimentInput["messages"][number];
export const assistant = (...content: NonNullable<ExperimentInput["messages"][number]["content"]>) =>
  ({ role: "assistant" as const, content }) as ExperimentInput["messages"][number];
export const tool = (name: string, schema: Record<string, unknown> = { type: "object", properties: {} }) => ({
  name,
  description: `The ${name} tool.`,
  input_schema: schema,
});

/** Parses an experiment that a test knows is valid, and fails loudly if it is not. */
export function experiment(input: ExperimentInput): Experiment {
  const parsed = parseExperiment(input);
  if (!parsed.ok) throw new Error(`test experiment is invalid: ${parsed.error.message}`);
  return parsed.value;
}

/** Drops null-valued keys (the SDK writes Python None as null; absent and null mean the same here). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}
