import "server-only";
// One in-process emulator per server process (docs/design.md §5), shared by every emulated run, every
// provider profile and the clock/reset/entries actions. Kept on globalThis so a dev-server reload
// of this module does not silently start a second, empty cache.
import { type Emulator, createEmulator } from "@/lib/emulator/transport";

const KEY = Symbol.for("cachelab.emulator");
type Holder = { [KEY]?: Emulator };

export function sharedEmulator(): Emulator {
  const holder = globalThis as Holder;
  holder[KEY] ??= createEmulator();
  return holder[KEY];
}
