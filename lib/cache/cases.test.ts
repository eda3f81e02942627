// Every recorded Pydantic AI v1.74.0 case (test/cases, docs/reference/pydantic-ai-caching.md §13) is
// a test: the system, tools and messages built must equal what Pydantic AI put on the wire, key order
// and null-valued keys aside, and error cases must fail with the recorded words.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { parseExperiment, stripCaseFields } from "./experiment-schema";

// The recorded cases live in the repo (test/cases), so a clone on its own runs them all. Optional: when
// a checkout of the project's shared folder sits beside the clone (`shared/cases` next to the repo
// root), any case it holds is run as well; without it nothing is skipped or lost.
const REPO_CASES = resolve(__dirname, "../../test/cases");
const SHARED_CASES = resolve(__dirname, "..", "..", "..", "shared", "cases");

/** Drops null-valued keys (the SDK writes Python None as null; absent and null mean the same here). */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== null && v !== undefined) out[k] = withoutNulls(v);
  return out;
}

const caseFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : []);
const casePaths = new Map<string, string>();
for (const dir of [REPO_CASES, SHARED_CASES]) for (const f of caseFiles(dir)) if (!casePaths.has(f)) casePaths.set(f, join(dir, f));
const files = [...casePaths.keys()].sort();

describe("recorded Pydantic AI cases", () => {
  it("finds the case files", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(file.replace(/\.json$/, ""), () => {
      const raw = JSON.parse(readFileSync(casePaths.get(file)!, "utf8")) as { expected: Record<string, unknown> };
      const parsed = parseExperiment(stripCaseFields(raw).value);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.error.message}`);
      const built = buildRequest(parsed.value);
      const expected = raw.expected;
      if ("error" in expected) {
        expect(built.ok).toBe(false);
        if (!built.ok) expect(built.error.message).toContain(expected.error as string);
        return;
      }
      if (!built.ok) throw new Error(`${file}: ${built.error.message}`);
      const body = built.value.body as unknown as Record<string, unknown>;
      for (const key of ["system", "tools", "messages"]) {
        expect(withoutNulls(body[key]), `${file}: ${key}`).toEqual(withoutNulls(expected[key]));
      }
    });
  }
});
