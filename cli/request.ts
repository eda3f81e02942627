import type { CliIo } from "./main";

export async function runRequest(_argv: string[], io: CliIo): Promise<number> {
  io.stderr("cachelab request: not built yet\n");
  return 2;
}
