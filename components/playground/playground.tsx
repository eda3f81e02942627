"use client";
import { RunsPanel } from "@/components/runs/runs-panel";
import { SettingsPanel } from "@/components/editor/settings-panel";
import { SystemSection } from "@/components/editor/system-section";
import { ToolsSection } from "@/components/editor/tools-section";
import { MessagesSection } from "@/components/editor/messages-section";
import { ExportPanel } from "@/components/export/export-panel";
import { PreviewPanel } from "@/components/preview/preview-panel";
import { ExperimentStoreProvider } from "@/lib/store";
import { AppHeader } from "./app-header";
import { BuildProvider } from "./build-context";
import { FocusHandler } from "./focus-handler";
import { ImportNotes } from "./import-notes";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { ShareLinkLoader } from "./share-link-loader";
import { StatusBanners } from "./status-banners";

/**
 * The workbench: the editor (and the experiment's export) beside the live preview, which stays in
 * view while the editor scrolls; then the runs dashboard across the full width. On a phone the panes
 * stack, and a bar of section links stays at the top.
 */
export function Playground() {
  return (
    <ExperimentStoreProvider>
      <BuildProvider>
        <KeyboardShortcuts />
        <FocusHandler />
        <ShareLinkLoader />
        <AppHeader />
        <StatusBanners />
        <main className="mx-auto flex max-w-[1760px] flex-col gap-4 px-3 pb-8 sm:px-4">
          <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(400px,0.85fr)]">
            <section id="editor" aria-label="Editor" className="flex min-w-0 scroll-mt-14 flex-col gap-4 lg:scroll-mt-4">
              <ImportNotes />
              <SettingsPanel />
              <SystemSection />
              <ToolsSection />
              <MessagesSection />
              <ExportPanel />
              {/* Room below the last message, so the preview pane stays whole beside it while it is edited. */}
              <div aria-hidden className="hidden h-[22vh] lg:block" />
            </section>
            <PreviewPanel />
          </div>
          <RunsPanel />
        </main>
      </BuildProvider>
    </ExperimentStoreProvider>
  );
}
