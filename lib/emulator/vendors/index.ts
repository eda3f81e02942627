// Other vendors' caching APIs the emulator speaks besides Anthropic's (issue 13). Each is its own module;
// the transport asks them first, by path, and resets them with the rest.
import { converseSurface } from "./converse";
import { GeminiEmulator } from "./gemini/handler";
import { OpenAIResponsesEmulator, type VendorContext } from "./openai/handler";
import type { VendorSurface } from "./types";

export interface VendorEmulators {
  openai: OpenAIResponsesEmulator;
  gemini: GeminiEmulator;
  /** The answer of the vendor whose path this is, or null. */
  handle(request: Request, url: URL): Promise<Response> | null;
  reset(): void;
}

export function createVendorEmulators(ctx: VendorContext): VendorEmulators {
  const openai = new OpenAIResponsesEmulator(ctx);
  const gemini = new GeminiEmulator(ctx);
  return {
    openai,
    gemini,
    handle: (request, url) => (openai.matches(url) ? openai.handle(request) : gemini.matches(url) ? gemini.handle(request) : null),
    reset: () => {
      openai.reset();
      gemini.reset();
    },
  };
}

// Bedrock Converse runs on the Claude emulator's own runtime and engine (Claude on Converse is Claude
// underneath, in Bedrock's cache scope): a surface the transport hands the runtime (vendors/types.ts).
const RUNTIME_SURFACES: readonly VendorSurface[] = [converseSurface];

export function matchVendorSurface(url: URL): VendorSurface | undefined {
  return RUNTIME_SURFACES.find((surface) => surface.matches(url));
}

export type { VendorSurface } from "./types";
