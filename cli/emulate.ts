import type { CliIo } from "./main";

export async function runEmulate(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("cachelab emulate: not built yet\n");
  return 2;
}
