"use client";
import { RunsPanel } from "@/components/runs/runs-panel";
import { SettingsPanel } from "@/components/editor/settings-panel";
import { SystemSection } from "@/components/editor/system-section";
import { ToolsSection } from "@/components/editor/tools-section";
import { MessagesSection } from "@/components/editor/messages-section";
import { ExportPanel } from "@/components/export/export-panel";
import { PreviewPanel } from "@/components/preview/preview-panel";
import { ExperimentStoreProvider } from "@/lib/store";
import { BuildProvider } from "./build-context";
import { FocusHandler } from "./focus-handler";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { LibraryBar } from "./library-bar";
import { ShareLinkLoader } from "./share-link-loader";
import { StatusBanners } from "./status-banners";

/** The playground: library on top, the editor on the left, the live preview and runs on the right. */
export function Playground() {
  return (
    <ExperimentStoreProvider>
      <BuildProvider>
        <KeyboardShortcuts />
        <FocusHandler />
        <ShareLinkLoader />
        <div className="mx-auto flex max-w-[1600px] flex-col gap-3 p-4">
          <header className="flex flex-col gap-3">
            <div className="flex items-baseline gap-3">
              <h1 className="text-xl font-semibold tracking-tight">CacheLab</h1>
              <p className="text-sm text-slate-600">Lay out a prompt, place cache breakpoints, and see what Anthropic&rsquo;s prompt cache will do before you send it.</p>
            </div>
            <LibraryBar />
            <StatusBanners />
          </header>
          <main className="grid grid-cols-1 items-start gap-4 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)]">
            <div className="flex min-w-0 flex-col gap-4" aria-label="Editor">
              <SettingsPanel />
              <SystemSection />
              <ToolsSection />
              <MessagesSection />
            </div>
            <div className="flex min-w-0 flex-col gap-4">
              <PreviewPanel />
              <RunsPanel />
              <ExportPanel />
            </div>
          </main>
        </div>
      </BuildProvider>
    </ExperimentStoreProvider>
  );
}
