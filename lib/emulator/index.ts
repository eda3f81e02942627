// The prompt-cache emulator's public surface. The HTTP server lives apart in ./server (Node only).
export { createEmulator, DEFAULT_MAX_BODY_BYTES, type Emulator, type EmulatorOptions } from "./transport";
export type { Fault, FaultKind } from "./faults";
export * from "./engine";
