export * from "./types";
export { requestIdFor, runRequest, DEFAULT_ENGINE_OPTIONS } from "./engine";
export { CacheStore, DEFAULT_MAX_CACHE_ENTRIES, type CacheStats } from "./store";
export { DEFAULT_LATENCY } from "./latency";
