export * from "./types";
export { requestIdFor, runRequest, DEFAULT_ENGINE_OPTIONS } from "./engine";
export { CacheStore, DEFAULT_MAX_CACHE_ENTRIES, TTL_MS, type CacheCommit, type CacheStats, type CacheView } from "./store";
export { cacheTraceSchema, readCacheTrace } from "./trace";
export { DEFAULT_LATENCY } from "./latency";
