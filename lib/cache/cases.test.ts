// Every recorded Pydantic AI case is a test: the v1.74.0 cases (test/cases,
// docs/reference/pydantic-ai-caching.md §13) and the v2.33.0 cases (test/cases-pydantic-ai-2.33,
// docs/reference/pydantic-ai-2.md; each names its `semantics`). The system, tools and messages built must
// equal what Pydantic AI put on the wire, key order and null-valued keys aside; so must the top-level
// cache_control, present exactly when the case records one; error cases must fail with the recorded words.
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { buildRequest } from "./build-request";
import { parseExperiment, stripCaseFields } from "./experiment-schema";
import { withoutNulls } from "./test-factories";

// The recorded cases live in the repo, so a clone on its own runs them all. Optional: when a checkout of
// the project's shared folder sits beside the clone (`shared/cases…` next to the repo root), any case it
// holds is run as well; without it nothing is skipped or lost.
const SUITES = [
  { name: "Pydantic AI v1.74.0", repo: resolve(__dirname, "../../test/cases"), shared: resolve(__dirname, "..", "..", "..", "shared", "cases"), topLevel: false },
  {
    name: "Pydantic AI v2.33.0",
    repo: resolve(__dirname, "../../test/cases-pydantic-ai-2.33"),
    shared: resolve(__dirname, "..", "..", "..", "shared", "cases-pydantic-ai-2.33"),
    topLevel: true,
  },
];

const caseFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")) : []);

for (const suite of SUITES) {
  const casePaths = new Map<string, string>();
  for (const dir of [suite.repo, suite.shared]) for (const f of caseFiles(dir)) if (!casePaths.has(f)) casePaths.set(f, join(dir, f));
  const files = [...casePaths.keys()].sort();

  describe(`recorded ${suite.name} cases`, () => {
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
        const keys = suite.topLevel ? ["system", "tools", "messages", "cache_control"] : ["system", "tools", "messages"];
        for (const key of keys) {
          expect(withoutNulls(body[key]), `${file}: ${key}`).toEqual(withoutNulls(expected[key]));
        }
      });
    }
  });
}
