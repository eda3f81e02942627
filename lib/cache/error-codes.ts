// Every code an AppError (lib/cache/result.ts) can carry: what a run, an action, the CLI or an editor step fails with, each with the one sentence a person reads for it (the
// provider's own detail follows in the error's message). One list, so a misspelt code does not compile and
// the run history, its CSV export and the UI all name a failure the same way (docs/style.md habit 6).
export const ERROR_SENTENCES = {
  "provider:timeout": "The provider did not answer in time.",
  "provider:cancelled": "The run was cancelled.",
  "provider:stream_cut": "The response stream was cut before it finished.",
  "provider:stream_error": "The provider ended the response stream with an error.",
  "provider:network": "The provider could not be reached.",
  "provider:invalid_response": "The provider's response could not be read.",
  "provider:bad_response": "The provider's usage could not be read.",
  "provider:invalid_request": "The provider rejected the request.",
  "provider:unauthorized": "The provider did not accept the credentials.",
  "provider:forbidden": "The provider refused access to this model.",
  "provider:not_found": "The provider does not know this model.",
  "provider:too_large": "The request is too large for the provider.",
  "provider:rate_limited": "The provider rate-limited the request.",
  "provider:overloaded": "The provider is overloaded.",
  "provider:server_error": "The provider had an internal error.",
  "provider:error": "The provider answered with an error.",
  "provider:unexpected": "The run failed unexpectedly.",
  "provider:not_configured": "This provider is not configured on the server.",
  "access:denied": "This server asks for an access code.",
  "rate_limit:access": "Too many access attempts.",
  "rate_limit:actions": "Too many requests to this server.",
  "invalid_input": "The request was not valid.",
  "invalid_experiment": "The experiment is not valid.",
  "not_available": "This is not available on this server.",
  "target_unavailable": "This target cannot be run yet.",
  "action:failed": "The server did not answer.",
  // What CacheLab itself refuses to read: a file, pasted JSON, a share link, a tool's input schema.
  "read_failed": "The file could not be read.",
  "invalid_json": "The text is not valid JSON.",
  "invalid_share_link": "This share link cannot be opened.",
  "invalid_request_import": "The pasted request could not be imported.",
  "invalid_usage": "The pasted usage could not be read.",
  "invalid_schema:json": "The tool's input schema is not valid JSON.",
  "invalid_schema:shape": "The tool's input schema is not a JSON object.",
  "invalid_schema:content": "The tool's input schema is not an object schema.",
  // Where the editor will not put a CachePoint, in Pydantic AI's terms (lib/editor/cache-points.ts).
  "marker_refused:role": "Pydantic AI accepts a CachePoint only in a user message.",
  "marker_refused:type": "Pydantic AI cannot cache the block this CachePoint follows.",
  "marker_refused:first": "Pydantic AI refuses a CachePoint with nothing before it to attach to.",
  "marker_refused:missing": "There is no such message.",
  // What the request builder refuses before anything is sent (lib/cache/build-*.ts).
  "cache_setting_error": "Pydantic AI refuses these cache settings together.",
  "cache_point_error": "Pydantic AI refuses this CachePoint.",
  "message_cache_error": "Pydantic AI refuses this message cache setting.",
  "builtin_tool_error": "Pydantic AI refuses these builtin tools on this provider.",
  "deferred_tools_error": "Pydantic AI refuses a request whose tools are all deferred.",
  "media_error": "This image or document cannot be sent to this target.",
  "converse_model": "Bedrock Converse in CacheLab does not cover this model.",
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_SENTENCES;

export const ERROR_CODES = Object.keys(ERROR_SENTENCES) as ErrorCode[];

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_SENTENCES, code);

/** A code from across the server boundary or an old record as one this version knows; an unknown one reads as an unexpected failure. */
export const knownCode = (code: string): ErrorCode => (isErrorCode(code) ? code : "provider:unexpected");

/** The sentence for a code; a code this version does not know (an old record) reads as an unexpected failure. */
export const errorSentence = (code: string): string => (isErrorCode(code) ? ERROR_SENTENCES[code] : ERROR_SENTENCES["provider:unexpected"]);
