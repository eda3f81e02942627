// Other vendors' caching APIs the emulator speaks besides Anthropic's (issue 13). Each is its own module;
// the transport asks them first, by path, and resets them with the rest.
import { OpenAIResponsesEmulator, type VendorContext } from "./openai/handler";

export interface VendorEmulators {
  openai: OpenAIResponsesEmulator;
  /** The answer of the vendor whose path this is, or null. */
  handle(request: Request, url: URL): Promise<Response> | null;
  reset(): void;
}

export function createVendorEmulators(ctx: VendorContext): VendorEmulators {
  const openai = new OpenAIResponsesEmulator(ctx);
  return {
    openai,
    handle: (request, url) => (openai.matches(url) ? openai.handle(request) : null),
    reset: () => openai.reset(),
  };
}
