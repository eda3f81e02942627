import type { CliIo } from "./main";

export async function runLint(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("cachelab lint: not built yet\n");
  return 2;
}
