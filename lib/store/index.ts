export {
  ExperimentStoreProvider,
  selectActiveExperiment,
  useActiveExperiment,
  useActiveExperimentId,
  useActiveExperimentSelector,
  useExperimentActions,
  useExperimentStore,
  useExperimentStoreApi,
} from "./provider";
export { createExperimentsStore } from "./experiments-store";
export type { CreateStoreOptions, ExperimentsActions, ExperimentsState, ExperimentsStore, FocusRequest, Notice } from "./experiments-store";
export type { PersistedLibrary, Recovery, StoredExperiment } from "./persistence";
