// Every "why" in the code can be followed from a clone (issue 9 item 11): a comment that justifies a rule
// cites a public URL or a document inside this repository, by its path from the repository root and, for
// a numbered document, a section that exists (`docs/reference/anthropic-caching.md §1.4`,
// `docs/design.md §4`, `docs/style.md habit 3`). Never a path outside the repository, never a section
// number after the bare word "reference" that leaves the reader to guess the file.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "..");

/** The folders whose files may justify a rule in a comment, a test name or a README. */
const SCANNED = ["lib", "app", "components", "cli", "bin", "scripts", "e2e", "bench", "test"];
const ROOT_FILES = /^[^/]+\.(md|ts|mjs|js|cjs)$/;
const TEXT = /\.(ts|tsx|js|mjs|cjs|sh|md|css|ya?ml)$/;
// Recorded cases are data copied from Pydantic AI's runs, not prose; node_modules and build output
// are not ours.
const SKIPPED = /(^|\/)(node_modules|\.next[^/]*|test\/cases[^/]*)(\/|$)/;

// Built from parts so that this file, which is scanned too, does not cite them itself.
const UP = "..";
const WORK = ["", "work", ""].join("/");
const OUTSIDE = [`${UP}/shared`, WORK];

export interface CitationProblem {
  file: string;
  line: number;
  problem: string;
  text: string;
}

/** Section numbers ("1.4", "12") a document's headings define: `### 1.4 Title`, `## 4. Title`. */
function sectionsOf(text: string): Set<string> {
  const sections = new Set<string>();
  for (const line of text.split("\n")) {
    const m = /^#{1,6}\s+(\d+(?:\.\d+)*)\.?\s/.exec(line);
    if (m?.[1]) sections.add(m[1]);
  }
  return sections;
}

/**
 * The citation problems in one file's text. `readDoc` returns a repository document's text, or
 * undefined when no such file exists.
 */
export function citationProblems(
  file: string,
  text: string,
  readDoc: (path: string) => string | undefined,
): CitationProblem[] {
  const problems: CitationProblem[] = [];
  const lines = text.split("\n");
  const report = (index: number, problem: string) =>
    problems.push({ file, line: index + 1, problem, text: (lines[index] ?? "").trim() });
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length - 1;

  lines.forEach((line, i) => {
    for (const outside of OUTSIDE) {
      if (line.includes(outside)) report(i, `cites a path outside the repository (${outside})`);
    }
    if (/(?<![\w/.-])reference\/[\w-]+\.md/.test(line)) {
      report(i, "names a reference file without its folder: write docs/reference/<file>.md");
    }
    if (/\b(DESIGN|STYLE)(\.md|\s+§)/.test(line)) {
      report(i, "cites DESIGN or STYLE: write docs/design.md §N or docs/style.md habit N");
    }
    for (const m of line.matchAll(/\bdocs\/[\w./-]*[\w-]\.md\b/g)) {
      const path = m[0];
      const doc = readDoc(path);
      if (doc === undefined) {
        report(i, `cites ${path}, which does not exist`);
        continue;
      }
      // The sections cited right after the path, on the same line: "§1.2, §1.4 and §12", "§3–§6".
      const after = line.slice((m.index ?? 0) + path.length);
      const run = /^(?:(?:\s*,\s*|\s+and\s+|\s*[–-]\s*|\s+)§\d+(?:\.\d+)*)+/.exec(after);
      if (!run) continue;
      const defined = sectionsOf(doc);
      for (const [, section = ""] of run[0].matchAll(/§(\d+(?:\.\d+)*)/g)) {
        if (!defined.has(section)) report(i, `cites ${path} §${section}, which has no such section`);
      }
    }
  });
  // A section number after the bare word, also when a line break or comment marker sits in between.
  for (const m of text.matchAll(/\breference(?:\s|\/\/|\*)+§/g)) {
    report(lineOf(m.index ?? 0), "cites a section of \"reference\" without naming the file: write docs/reference/<file>.md \u00a7N");
  }
  return problems;
}

function trackedFiles(): string[] {
  try {
    const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    return listed.split("\0").filter((f) => f && existsSync(join(ROOT, f)));
  } catch {
    // Not a git checkout (an unpacked archive): walk the folders instead.
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = join(dir, name);
        const rel = relative(ROOT, full);
        if (SKIPPED.test(rel)) continue;
        if (statSync(full).isDirectory()) walk(full);
        else out.push(rel);
      }
    };
    for (const dir of SCANNED) if (existsSync(join(ROOT, dir))) walk(join(ROOT, dir));
    for (const name of readdirSync(ROOT)) if (ROOT_FILES.test(name)) out.push(name);
    return out;
  }
}

function scannedFiles(): string[] {
  return trackedFiles().filter(
    (f) =>
      !SKIPPED.test(f) &&
      ((SCANNED.some((dir) => f.startsWith(`${dir}/`)) && TEXT.test(f)) || ROOT_FILES.test(f)),
  );
}

function readRepoDoc(path: string): string | undefined {
  const full = join(ROOT, path);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full, "utf8") : undefined;
}

describe("citationProblems", () => {
  const docs: Record<string, string> = {
    "docs/reference/anthropic-caching.md": "## 1. Rules\n### 1.4 Lookback\n### 1.10 Content\n",
    "docs/design.md": "## 4. Building the request\n## 5. The emulator\n",
  };
  const read = (path: string) => docs[path];
  const problemsIn = (text: string) => citationProblems("x.ts", text, read).map((p) => p.problem);

  it("accepts a repository path with sections that exist, and a public URL", () => {
    expect(problemsIn("// 20 blocks back (docs/reference/anthropic-caching.md §1.4, §1.10).")).toEqual([]);
    expect(problemsIn("// docs/design.md §4 and §5; https://platform.claude.com/docs/en/x")).toEqual([]);
  });

  it("rejects a path outside the repository", () => {
    expect(problemsIn(`// the cases in ${UP}/shared/cases`)).toHaveLength(1);
    expect(problemsIn(`// see ${WORK}notes.md`)[0]).toMatch(/outside the repository/);
  });

  it("rejects a section of the bare word reference, also across a line break", () => {
    expect(problemsIn(["// the lookback (reference", "§1.4)."].join(" "))).toHaveLength(1);
    expect(problemsIn(["// as the reference", "// §1.4 says"].join("\n"))).toHaveLength(1);
  });

  it("rejects a reference file without its folder, and DESIGN or STYLE", () => {
    expect(problemsIn(["// (reference", "anthropic-caching.md §1.4)"].join("/"))).toHaveLength(1);
    expect(problemsIn(["// (DESIGN", "§4)"].join(" "))).toHaveLength(1);
    expect(problemsIn(["// (STYLE", "§3)"].join(" "))).toHaveLength(1);
  });

  it("rejects a repository document that does not exist, or a section it lacks", () => {
    // Built from parts, so that the scan of this file does not report them.
    const docsDir = "docs";
    expect(problemsIn(`// ${docsDir}/reference/anthropic-cache.md §1.4`)[0]).toMatch(/does not exist/);
    expect(problemsIn(`// ${docsDir}/reference/anthropic-caching.md §1.4, §1.44`)[0]).toMatch(/§1\.44, which has no/);
    expect(problemsIn("// docs/design.md §3–§5")[0]).toMatch(/§3, which has no/);
  });
});

describe("citations in the repository", () => {
  it("scans the source folders", () => {
    const files = scannedFiles();
    expect(files).toContain("lib/cache/build-request.ts");
    expect(files).toContain("test/citations.test.ts");
    expect(files.some((f) => f.startsWith("test/cases/"))).toBe(false);
  });

  it("cites only documents inside the repository, by path, with sections that exist", () => {
    const problems = scannedFiles().flatMap((f) =>
      citationProblems(f, readFileSync(join(ROOT, f), "utf8"), readRepoDoc),
    );
    expect(problems).toEqual([]);
  });
});
