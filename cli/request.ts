// `cachelab request FILE|- [--provider P]` (docs/design.md §9): the exact request body for the experiment's
// provider (or P) as JSON on stdout. An invalid experiment: its errors with paths on stderr, exit 1.
import { buildRequest } from "@/lib/cache/build-request";
import { buildTargetRequest } from "@/lib/vendors/build-target";
import { TARGET_IDS, isClaudeSurface } from "@/lib/vendors/targets";
import { formatError, loadExperiment, parseInputArgs } from "./experiment-input";
import type { CliIo } from "./main";

const USAGE = `usage: cachelab request FILE|- [--provider ${TARGET_IDS.join("|")}]\n`;

export async function runRequest(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    io.stdout(USAGE);
    return 0;
  }
  const args = parseInputArgs(argv, false);
  if (typeof args === "string") {
    io.stderr(`cachelab request: ${args}\n${USAGE}`);
    return 2;
  }
  const experiment = await loadExperiment(args.file, io, "request");
  if (!experiment.ok) {
    io.stderr(formatError("request", experiment.error));
    return 1;
  }
  if (args.provider && !isClaudeSurface(args.provider)) {
    // Another vendor's target: its body on stdout, and what it cannot express on stderr (never dropped silently).
    const target = buildTargetRequest(experiment.value, args.provider);
    if (!target.ok) {
      io.stderr(formatError("request", target.error, experiment.value.semantics));
      return 1;
    }
    for (const note of target.value.notes) io.stderr(`cachelab request: ${note.severity === "info" ? "note" : note.severity}: ${note.message}${note.path ? ` (${note.path})` : ""}\n`);
    io.stdout(`${JSON.stringify(target.value.body, null, 2)}\n`);
    return 0;
  }
  const built = buildRequest(experiment.value, args.provider ? { provider: args.provider } : {});
  if (!built.ok) {
    io.stderr(formatError("request", built.error, experiment.value.semantics));
    return 1;
  }
  io.stdout(`${JSON.stringify(built.value.body, null, 2)}\n`);
  return 0;
}
