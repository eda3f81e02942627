// Request checks for /v1/responses, in OpenAI's error shape ({error: {message, type, param, code}}). The
// messages follow the API's own wording where it is known ("Unknown parameter", "Invalid value",
// "integer below minimum value"); each one names the JSON path it is about.
import { OPENAI, findOpenAIModel } from "@/lib/vendors/catalog";

export interface OpenAIError {
  status: 400 | 401 | 404 | 413;
  error: { message: string; type: "invalid_request_error"; param: string | null; code: string | null };
}

const invalid = (message: string, param: string | null, code: string | null = null): OpenAIError => ({
  status: 400,
  error: { message, type: "invalid_request_error", param, code },
});

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

/** The smallest max_output_tokens the Responses API takes. */
export const MIN_OUTPUT_TOKENS = 16;

function checkBreakpoint(block: Json, path: string): OpenAIError | null {
  if (block.prompt_cache_breakpoint === undefined) return null;
  const allowed = OPENAI.breakpointBlockTypes.value as readonly string[];
  if (!allowed.includes(String(block.type))) return invalid(`Unknown parameter: '${path}.prompt_cache_breakpoint'.`, `${path}.prompt_cache_breakpoint`, "unknown_parameter");
  const bp = block.prompt_cache_breakpoint;
  if (!isObject(bp) || bp.mode !== "explicit") {
    return invalid(`Invalid value: '${isObject(bp) ? String(bp.mode) : JSON.stringify(bp)}'. Supported values are: 'explicit'.`, `${path}.prompt_cache_breakpoint.mode`, "invalid_value");
  }
  return null;
}

function checkBlocks(value: unknown, path: string): OpenAIError | null {
  if (!Array.isArray(value)) return null;
  for (let j = 0; j < value.length; j++) {
    const block = value[j];
    if (!isObject(block)) return invalid(`Invalid type for '${path}[${j}]': expected an object.`, `${path}[${j}]`, "invalid_type");
    const bad = checkBreakpoint(block, `${path}[${j}]`);
    if (bad) return bad;
  }
  return null;
}

export function validateResponsesBody(body: unknown): OpenAIError | null {
  if (!isObject(body)) return invalid("The request body must be a JSON object.", null);
  if (typeof body.model !== "string" || body.model.length === 0) return invalid("Missing required parameter: 'model'.", "model", "missing_required_parameter");
  if (!findOpenAIModel(body.model)) {
    return { status: 404, error: { message: `The model \`${body.model}\` does not exist or you do not have access to it.`, type: "invalid_request_error", param: null, code: "model_not_found" } };
  }
  if (body.instructions !== undefined && body.instructions !== null && typeof body.instructions !== "string") {
    // Top-level instructions are a string: they cannot carry a breakpoint
    // (https://developers.openai.com/api/docs/guides/prompt-caching#how-caching-works).
    return invalid("Invalid type for 'instructions': expected a string.", "instructions", "invalid_type");
  }
  if (body.input === undefined) return invalid("Missing required parameter: 'input'.", "input", "missing_required_parameter");
  if (typeof body.input !== "string" && !Array.isArray(body.input)) return invalid("Invalid type for 'input': expected a string or an array of input items.", "input", "invalid_type");
  if (Array.isArray(body.input)) {
    for (let i = 0; i < body.input.length; i++) {
      const item = body.input[i];
      if (!isObject(item)) return invalid(`Invalid type for 'input[${i}]': expected an object.`, `input[${i}]`, "invalid_type");
      if (item.type === "additional_tools" && JSON.stringify(item).includes("prompt_cache_breakpoint")) {
        // "additional_tools input items do not currently accept prompt_cache_breakpoint" (the guide, explicit mode).
        return invalid(`Unknown parameter: 'input[${i}].prompt_cache_breakpoint'.`, `input[${i}]`, "unknown_parameter");
      }
      const bad = checkBlocks(item.content, `input[${i}].content`) ?? checkBlocks(item.output, `input[${i}].output`);
      if (bad) return bad;
    }
  }
  if (body.max_output_tokens !== undefined && body.max_output_tokens !== null) {
    const n = body.max_output_tokens;
    if (typeof n !== "number" || !Number.isInteger(n)) return invalid("Invalid type for 'max_output_tokens': expected an integer.", "max_output_tokens", "invalid_type");
    if (n < MIN_OUTPUT_TOKENS) {
      return invalid(`Invalid 'max_output_tokens': integer below minimum value. Expected a value >= ${MIN_OUTPUT_TOKENS}, but got ${n} instead.`, "max_output_tokens", "integer_below_min_value");
    }
  }
  const options = body.prompt_cache_options;
  if (options !== undefined && options !== null) {
    if (!isObject(options)) return invalid("Invalid type for 'prompt_cache_options': expected an object.", "prompt_cache_options", "invalid_type");
    for (const key of Object.keys(options)) {
      if (!["mode", "ttl", "comparison_response_id", "prewarm"].includes(key)) return invalid(`Unknown parameter: 'prompt_cache_options.${key}'.`, `prompt_cache_options.${key}`, "unknown_parameter");
    }
    if (options.mode !== undefined && options.mode !== "implicit" && options.mode !== "explicit") {
      return invalid(`Invalid value: '${String(options.mode)}'. Supported values are: 'implicit' and 'explicit'.`, "prompt_cache_options.mode", "invalid_value");
    }
    const ttls = OPENAI.ttlValues.value as readonly string[];
    if (options.ttl !== undefined && !ttls.includes(String(options.ttl))) {
      return invalid(`Invalid value: '${String(options.ttl)}'. Supported values are: ${ttls.map((t) => `'${t}'`).join(" and ")}.`, "prompt_cache_options.ttl", "invalid_value");
    }
  }
  return null;
}
