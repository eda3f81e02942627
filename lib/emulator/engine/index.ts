export * from "./types";
export { createEngineState, issueRequestId, runRequest, markResponseBegun, liveEntries, MAX_BREAKPOINTS, DEFAULT_ENGINE_OPTIONS } from "./engine";
export { LOOKBACK_POSITIONS, TTL_MS } from "./lookup";
export { DEFAULT_LATENCY, modelLatency } from "./latency";
export * as engineErrors from "./errors";
