// What `cachelab request` and `cachelab lint` share: arguments, reading FILE or stdin, and turning an
// experiment file into a validated experiment with errors printed as "path: sentence" lines.
import { readFile } from "node:fs/promises";
import { parseExperiment, parseJsonText, stripCaseFields, type Experiment } from "@/lib/cache/experiment-schema";
import type { AppError, Result } from "@/lib/cache/result";
import { type Semantics, semanticsRules } from "@/lib/cache/semantics";
import { TARGET_IDS, type TargetId, isTargetId } from "@/lib/vendors/targets";
import type { CliIo } from "./main";

export interface InputArgs {
  file: string;
  /** A Claude surface (the wire dialect) or another vendor's target (lib/vendors). */
  provider?: TargetId;
  json: boolean;
}

/** Parses `FILE|- [--provider P] [--json]`; returns a usage message on a mistake. */
export function parseInputArgs(argv: string[], allowJson: boolean): InputArgs | string {
  let file: string | undefined;
  let provider: TargetId | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [name, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    if (name === "--provider") {
      const value = inline ?? argv[++i];
      if (!value || !isTargetId(value)) return `--provider: expected one of ${TARGET_IDS.join(", ")}, got "${value ?? ""}"`;
      provider = value;
    } else if (name === "--json" && allowJson) {
      json = true;
    } else if (name.startsWith("--")) {
      return `unknown option ${name}`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return `expected one FILE (or - for stdin), got "${file}" and "${arg}"`;
    }
  }
  if (file === undefined) return "missing FILE (use - to read the experiment from stdin)";
  return { file, json, ...(provider ? { provider } : {}) };
}

async function readText(file: string, io: CliIo): Promise<Result<string>> {
  try {
    return { ok: true, value: file === "-" ? await io.readStdin() : await readFile(file, "utf8") };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : code === "EACCES" ? "permission denied" : String((e as Error).message);
    return { ok: false, error: { code: "read_failed", message: `cannot read ${file}: ${why}.` } };
  }
}

/**
 * Reads and validates an experiment. A recorded test case (an experiment plus `expected` and
 * `source`, docs/reference/pydantic-ai-caching.md §13) is accepted: those two keys are dropped with a note.
 */
export async function loadExperiment(file: string, io: CliIo, command: string): Promise<Result<Experiment>> {
  const text = await readText(file, io);
  if (!text.ok) return text;
  const json = parseJsonText(text.value);
  if (!json.ok) return json;
  const { value, stripped } = stripCaseFields(json.value);
  if (stripped.length > 0) io.stderr(`cachelab ${command}: note: ignoring the test-case field${stripped.length > 1 ? "s" : ""} ${stripped.join(" and ")}\n`);
  return parseExperiment(value);
}

/** Build errors that are Pydantic AI's own: UserError, or (message_cache_error) an IndexError. */
const PYDANTIC_AI_ERRORS = new Set(["cache_point_error", "builtin_tool_error", "deferred_tools_error", "cache_setting_error", "message_cache_error"]);

/**
 * "cachelab request: <sentence>" then one "  path: sentence" line per issue. `semantics` names the
 * release whose error it is (the experiment's; absent: v1.74.0).
 */
export function formatError(command: string, error: AppError, semantics?: Semantics): string {
  const issues = error.issues ?? [];
  const raises = error.code === "message_cache_error" ? "IndexError" : "UserError";
  const head =
    error.code === "invalid_experiment" && issues.length > 0
      ? `the experiment is not valid (${issues.length} problem${issues.length === 1 ? "" : "s"}):`
      : PYDANTIC_AI_ERRORS.has(error.code)
        ? `cannot build the request (Pydantic AI v${semanticsRules(semantics).release} raises ${raises}):`
        : error.message;
  const lines = [`cachelab ${command}: ${head}`];
  // Pydantic AI's own words always appear, whether or not an issue repeats them.
  if (PYDANTIC_AI_ERRORS.has(error.code) && !issues.some((issue) => issue.message.includes(error.message))) lines.push(`  ${error.message}`);
  if (head !== error.message || issues.length > 1) for (const issue of issues) lines.push(`  ${issue.path || "(document)"}: ${issue.message}`);
  return `${lines.join("\n")}\n`;
}
