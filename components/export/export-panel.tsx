"use client";
import { useMemo, useState } from "react";
import { pydanticAiCode } from "@/lib/export/pydantic-ai-code";
import { curlCommand, pythonSdkCode, typescriptSdkCode } from "@/lib/export/request-code";
import { shareFragment } from "@/lib/export/share-link";
import { useBuild } from "@/components/playground/build-context";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/section";
import { cn } from "@/components/ui/cn";
import { experimentDocument, fileNameFor } from "./experiment-document";

type Format = "curl" | "typescript" | "python" | "pydantic-ai";
const FORMATS: { id: Format; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "typescript", label: "TypeScript SDK" },
  { id: "python", label: "Python SDK" },
  { id: "pydantic-ai", label: "Pydantic AI" },
];

function useCopy() {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied(`${what}: copy failed, select the text instead`);
    }
    setTimeout(() => setCopied(null), 2_000);
  };
  return { copied, copy };
}

/** Export: the request as code (keys only as environment variables), the document, a share link. */
export function ExportPanel() {
  const { result, experiment } = useBuild();
  const [format, setFormat] = useState<Format>("curl");
  const [link, setLink] = useState<string | null>(null);
  // The code view repeats the whole body: it is built and laid out only while it is open.
  const [showCode, setShowCode] = useState(false);
  const { copied, copy } = useCopy();
  const codeFor = (f: Format) => {
    if (!result.ok) return null;
    const target = { provider: result.value.provider, modelId: result.value.modelId };
    const body = result.value.body;
    switch (f) {
      case "curl":
        return curlCommand(body, target);
      case "typescript":
        return typescriptSdkCode(body, target);
      case "python":
        return pythonSdkCode(body, target);
      case "pydantic-ai":
        return pydanticAiCode(experiment, result.value.modelId);
    }
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const code = useMemo(() => (showCode ? codeFor(format) : null), [result, experiment, format, showCode]);

  const download = () => {
    const blob = new Blob([experimentDocument(experiment)], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = document.createElement("a");
    a.href = url;
    a.download = fileNameFor(experiment);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const share = () => {
    const url = `${window.location.origin}${window.location.pathname}${shareFragment(experiment)}`;
    setLink(url);
    void copy("Share link", url);
  };

  return (
    <Panel id="export" title="Export">
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={download}>Download experiment</Button>
          <Button onClick={share}>Copy share link</Button>
          <span role="status" className="text-xs text-emerald-800">
            {copied ? `${copied.includes("failed") ? copied : `${copied} copied`}` : ""}
          </span>
        </div>
        {link ? <input aria-label="Share link" readOnly value={link} className={cn(controlClass, "h-8 font-mono text-xs")} onFocus={(e) => e.currentTarget.select()} /> : null}
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5 text-xs text-slate-600">
            Code
            <select aria-label="Code format" className={cn(controlClass, "h-8")} value={format} onChange={(e) => setFormat(e.target.value as Format)}>
              {FORMATS.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" aria-expanded={showCode} onClick={() => setShowCode((v) => !v)}>
            {showCode ? "Hide code" : "Show code"}
          </Button>
          <Button
            size="sm"
            disabled={!result.ok}
            onClick={() => {
              const text = codeFor(format);
              if (text) void copy(FORMATS.find((f) => f.id === format)!.label, text);
            }}
          >
            Copy code
          </Button>
        </div>
        {!showCode ? null : code ? (
          <pre tabIndex={0} aria-label={`${format} code`} className="max-h-64 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5 text-slate-100">
            {code}
          </pre>
        ) : (
          <p className="text-xs text-slate-600">Fix the experiment to export its request.</p>
        )}
      </div>
    </Panel>
  );
}
