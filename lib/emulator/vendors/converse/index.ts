// Bedrock Converse on the emulator (issue 13 item 2): `POST /model/{modelId}/converse` and `/converse-stream`.
// The request is read as Bedrock reads it (parse.ts), refused where Bedrock refuses a cachePoint, and
// otherwise handed to the one engine as the Anthropic request it stands for (lib/vendors/bedrock-converse-prefix.ts):
// Claude on Converse follows Anthropic's rules underneath, in the same Bedrock cache scope as InvokeModel
// (docs/reference/vendors.md §3). Amazon Nova runs on the same engine with Nova's rules: 1,000-token minimum,
// no cachePoint among tools, a 1h TTL cached for 5 minutes (undocumented), 32k cap not modelled
// (lib/vendors/catalog.ts BEDROCK_CONVERSE). Errors are Bedrock's (AWS shape, `x-amzn-errortype`).
import { holdUntilBegun, injectFault, openCall, readBody } from "@/lib/emulator/api";
import { runRequest } from "@/lib/emulator/engine";
import { authenticationError, invalidRequest, notFound, tooLarge } from "@/lib/emulator/engine/errors";
import type { EmulatedModel } from "@/lib/emulator/engine/models";
import type { Runtime } from "@/lib/emulator/runtime";
import { authenticate } from "@/lib/emulator/wire/auth";
import { findNovaModel } from "@/lib/vendors/bedrock-converse-models";
import { BEDROCK_CONVERSE } from "@/lib/vendors/catalog";
import { converseToAnthropic } from "@/lib/vendors/bedrock-converse-prefix";
import type { VendorSurface } from "../types";
import { parseConverseBody } from "./parse";
import { converseResponse, converseStreamResponse } from "./render";

const CONVERSE = /\/model\/([^/]+)\/(converse|converse-stream)$/;
/** Bedrock's payload limit (docs/reference/anthropic-caching.md §6.1), as for InvokeModel. */
const MAX_BODY_BYTES = 20 * 1024 * 1024;

/** Nova's messages must open with a user turn (Pydantic AI's `bedrock_supports_leading_assistant_message` note, verified by upstream on us-east-1). */
export const NOVA_LEADING_ASSISTANT = "A conversation must start with a user message. Try again with a conversation that starts with a user message.";

const decode = (segment: string) => {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
};

/** A Nova model as the engine needs it: its minimum, and the one estimator (Nova's tokenizer is not public). */
function novaModel(id: string): EmulatedModel | undefined {
  const nova = findNovaModel(id);
  if (!nova) return undefined;
  return { id: nova.bedrockId, minimum: BEDROCK_CONVERSE.novaMinCacheableTokens.value, tokenizer: "claude-4", toolUsePrompt: { auto: 0, any: 0 }, accepts2026OnBedrock: false };
}

async function handle(rt: Runtime, request: Request, url: URL, receivedAt: number): Promise<Response> {
  const match = CONVERSE.exec(url.pathname)!;
  const modelId = decode(match[1]!);
  const stream = match[2] === "converse-stream";
  const call = openCall(rt, "bedrock");

  if (request.method !== "POST") return call.fail(notFound(`${request.method} ${url.pathname}: method not allowed`));
  const text = await readBody(request, rt.opts.providerBodyLimits ? MAX_BODY_BYTES : rt.opts.maxBodyBytes);
  if (text === null) return call.fail(tooLarge());
  const auth = authenticate("bedrock", request.headers);
  if (!auth.ok) return call.fail(authenticationError(auth.message));
  const injected = await injectFault(rt, call, request, url);
  if (injected) return injected;

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = parseConverseBody(raw);
  if (!parsed.ok) return call.fail(invalidRequest(parsed.message));
  const nova = novaModel(modelId);
  if (nova && parsed.value.messages[0]?.role === "assistant") return call.fail(invalidRequest(NOVA_LEADING_ASSISTANT));
  const prompt = converseToAnthropic(parsed.value, nova ? "nova" : "claude");
  if (!prompt.ok) return call.fail(invalidRequest(prompt.error.message));

  const { parts, toolChoice, maxTokens } = prompt.value;
  const body = { anthropic_version: "bedrock-2023-05-31", max_tokens: maxTokens ?? 4096, ...parts, ...(toolChoice ? { tool_choice: toolChoice } : {}) };
  const started = Math.min(receivedAt, rt.now());
  const outcome = runRequest(
    rt.store,
    { provider: "bedrock", kind: "messages", body, modelFromPath: modelId, apiVersion: "2023-06-01", scope: auth.scope, requestId: call.requestId, stream, ...(nova ? { model: nova } : {}) },
    started,
    rt.engineOptions,
  );
  if (outcome.kind === "error") {
    // Bedrock names an unknown model itself; any other 400 is the model's, which Bedrock passes on with
    // "The model returned the following errors: …" (https://github.com/BerriAI/litellm/issues/16062).
    const fromModel = outcome.error.status === 400 && !/model identifier|on-demand throughput/.test(outcome.error.message);
    return call.fail(fromModel ? invalidRequest(`The model returned the following errors: ${outcome.error.message}`) : outcome.error);
  }
  if (outcome.kind !== "message") return call.fail(invalidRequest("count_tokens is not a Converse operation"));
  rt.store.apply(outcome.commit);
  rt.remember(outcome.trace);
  await holdUntilBegun(rt, outcome, request.signal, started);
  if (!stream) return converseResponse(outcome.message, outcome.trace);
  const cutFault = rt.faults.take("bedrock", url.pathname, true);
  const cut = cutFault ? { afterFrames: cutFault.afterFrames ?? 3, mode: cutFault.cut === "end" ? ("end" as const) : ("error" as const) } : undefined;
  return converseStreamResponse(outcome.message, outcome.trace, cut);
}

export const converseSurface: VendorSurface = {
  matches: (url) => CONVERSE.test(url.pathname),
  handle,
};
