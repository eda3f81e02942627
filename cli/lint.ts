// `cachelab lint FILE|- [--provider P] [--json]` (docs/design.md §9): the breakpoint analysis as a CI gate.
// Exit 1 when a problem would make caching fail or the API reject the request: an error finding
// (TTL order, 1h unsupported…), a kept breakpoint below the model's minimum, or a breakpoint dropped
// by the 4-breakpoint limit (`isBlockingFinding`); also for an experiment that is invalid or that
// Pydantic AI refuses. Warnings and notes alone exit 0.
import type { Analysis, BreakpointAnalysis, Finding } from "@/lib/cache/analysis";
import { type BuildOutput, buildRequest } from "@/lib/cache/build-request";
import { describeOrigin } from "@/lib/cache/breakpoint-trace";
import { isBlockingFinding } from "@/lib/cache/lint-rules";
import { documentPathLabel, requestPathLabel } from "@/lib/cache/paths";
import { MAX_BREAKPOINTS } from "@/lib/cache/rules";
import { rulesOf } from "@/lib/cache/semantics";
import { ESTIMATE_BAND_SENTENCE } from "@/lib/cache/tokens";
import { formatTokens as fmt, formatUsd as dollars } from "@/lib/display/format";
import { TARGET_IDS, isClaudeSurface } from "@/lib/vendors/targets";
import { formatError, loadExperiment, parseInputArgs } from "./experiment-input";
import { lintTarget } from "./lint-target";
import type { CliIo } from "./main";

const USAGE = `usage: cachelab lint FILE|- [--provider ${TARGET_IDS.join("|")}] [--json]\n`;

const STATUS_MARK: Record<BreakpointAnalysis["status"], string> = { kept: "✓", dropped: "✗", overwritten: "↷", no_effect: "·" };
const MINIMUM_WORDS: Record<BreakpointAnalysis["minimum"], string> = {
  reaches: "caches",
  near: "may not cache (within the estimate's band of the minimum)",
  below: "below the minimum: cannot cache",
};

function breakpointLine(b: BreakpointAnalysis): string {
  const where = b.landedAt ? ` → ${requestPathLabel(b.landedAt.path)}` : "";
  const ttl = b.ttl === b.requestedTtl ? b.ttl : `${b.ttl} (asked ${b.requestedTtl})`;
  const caching = b.status !== "kept" ? b.reason : `≈${fmt(b.prefixTokens)} tokens, ${MINIMUM_WORDS[b.minimum]}`;
  const who = b.automatic && b.status === "kept" ? `${describeOrigin(b.origin)} (${b.reason})` : describeOrigin(b.origin);
  return `  ${STATUS_MARK[b.status]} ${b.status.padEnd(11)} ${who}${where}  ttl ${ttl}  ${caching}`;
}

function findingLine(f: Finding): string {
  return `  ${f.severity.padEnd(7)} ${f.code}${f.path ? ` (${documentPathLabel(f.path)})` : ""}: ${f.message}`;
}

export function formatReport(file: string, built: BuildOutput, rules = rulesOf({})): string {
  const a: Analysis = built.analysis;
  const model = built.model ? `${built.model.displayName} (${built.modelId})` : `${built.modelId} (not in the catalog)`;
  const min = a.breakpoints[0]?.minTokens;
  const problems = a.findings.filter(isBlockingFinding);
  const lines = [
    `${file === "-" ? "stdin" : file}: provider ${built.provider}, model ${model}${min !== undefined ? `, minimum ${fmt(min)} tokens` : ""}, semantics ${rules.semantics} (v${rules.release})`,
    `prompt ≈${fmt(a.totalTokens)} tokens in ${a.positions.length} blocks; ${a.keptCount} of ${MAX_BREAKPOINTS} breakpoints used`,
    `${ESTIMATE_BAND_SENTENCE}.`,
    "",
    "breakpoints:",
    ...(a.breakpoints.length ? a.breakpoints.map(breakpointLine) : ["  (none requested)"]),
    "",
    "findings:",
    ...(a.findings.length ? a.findings.map(findingLine) : ["  (none)"]),
    "",
    a.costNotApplicable
      ? `input cost (estimate): ${a.costNotApplicable}`
      : `input cost (estimate): first call ${dollars(a.cost.firstCall)}, cached repeat ${dollars(a.cost.cachedRepeat)}, without caching ${dollars(a.cost.uncached)}`,
    "",
    problems.length === 0
      ? "ok: nothing here makes caching fail or the API reject the request"
      : `FAIL: ${problems.length} problem${problems.length === 1 ? "" : "s"} would make caching fail or the API reject the request (errors, breakpoints below the minimum, breakpoints dropped by the limit)`,
  ];
  return `${lines.join("\n")}\n`;
}

function jsonReport(built: BuildOutput, rules = rulesOf({})): object {
  const problems = built.analysis.findings.filter(isBlockingFinding);
  return {
    ok: problems.length === 0,
    problems: problems.length,
    semantics: rules.semantics,
    provider: built.provider,
    model: built.model?.id ?? null,
    modelId: built.modelId,
    analysis: built.analysis,
  };
}

export async function runLint(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  const args = parseInputArgs(argv, true);
  if (typeof args === "string") {
    io.stderr(`cachelab lint: ${args}\n${USAGE}`);
    return 2;
  }
  const experiment = await loadExperiment(args.file, io, "lint");
  if (experiment.ok && args.provider && !isClaudeSurface(args.provider)) return lintTarget(args.file, experiment.value, args.provider, args.json, io);
  const claude = args.provider && isClaudeSurface(args.provider) ? { provider: args.provider } : {};
  const built = experiment.ok ? buildRequest(experiment.value, claude) : experiment;
  if (!built.ok) {
    if (args.json) io.stdout(`${JSON.stringify({ ok: false, error: built.error }, null, 2)}\n`);
    io.stderr(formatError("lint", built.error, experiment.ok ? experiment.value.semantics : undefined));
    return 1;
  }
  const rules = rulesOf(experiment.ok ? experiment.value : {});
  io.stdout(args.json ? `${JSON.stringify(jsonReport(built.value, rules), null, 2)}\n` : formatReport(args.file, built.value, rules));
  return built.value.analysis.findings.some(isBlockingFinding) ? 1 : 0;
}
