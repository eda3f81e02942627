"use client";
import { useEffect, useState } from "react";
import { useBuild } from "@/components/playground/build-context";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/section";
import { cn } from "@/components/ui/cn";
import type { BuildState } from "@/components/playground/build-context";
import { shareFragment } from "@/lib/export/share-link";
import { experimentDocument, fileNameFor } from "./experiment-document";
import { UsageDecoderDialog } from "./usage-decoder-dialog";

type Format = "curl" | "typescript" | "python" | "pydantic-ai" | "openai-curl" | "openai-typescript" | "openai-python";
const FORMATS: { id: Format; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "typescript", label: "TypeScript SDK" },
  { id: "python", label: "Python SDK" },
  { id: "pydantic-ai", label: "Pydantic AI" },
  { id: "openai-curl", label: "OpenAI Responses: curl" },
  { id: "openai-typescript", label: "OpenAI Responses: TypeScript" },
  { id: "openai-python", label: "OpenAI Responses: Python" },
];

/**
 * The code for one format. The generators are loaded when code is first asked for, so the page's
 * first load does not carry them.
 */
async function codeFor(format: Format, build: Pick<BuildState, "result" | "experiment">): Promise<string | null> {
  const { result, experiment } = build;
  if (!result.ok) return null;
  const target = { provider: result.value.provider, modelId: result.value.modelId, bedrockEndpoint: experiment.provider_options.bedrock_endpoint };
  const body = result.value.body;
  if (format.startsWith("openai-")) {
    // The same experiment as an OpenAI Responses request (lib/vendors); its notes are in `cachelab request --provider openai`.
    const [{ buildTargetRequest }, code] = await Promise.all([import("@/lib/vendors/build-target"), import("@/lib/export/openai-code")]);
    const target = buildTargetRequest(experiment, "openai");
    if (!target.ok) return null;
    const body = target.value.body;
    return format === "openai-curl" ? code.openaiCurlCommand(body) : format === "openai-typescript" ? code.openaiTypescriptCode(body) : code.openaiPythonCode(body);
  }
  if (format === "pydantic-ai") {
    const { pydanticAiCode } = await import("@/lib/export/pydantic-ai-code");
    return pydanticAiCode(experiment, result.value.modelId);
  }
  const { curlCommand, pythonSdkCode, typescriptSdkCode } = await import("@/lib/export/request-code");
  return format === "curl" ? curlCommand(body, target) : format === "typescript" ? typescriptSdkCode(body, target) : pythonSdkCode(body, target);
}

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
  const [code, setCode] = useState<{ text: string | null } | null>(null);
  const { copied, copy } = useCopy();

  useEffect(() => {
    if (!showCode) return;
    let current = true;
    void codeFor(format, { result, experiment }).then((text) => {
      if (current) setCode({ text });
    });
    return () => {
      current = false;
    };
  }, [showCode, format, result, experiment]);

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
    <Panel id="export" title="Export" className="scroll-mt-14 lg:scroll-mt-4">
      <div className="flex flex-col gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={download}>Download experiment</Button>
          <Button onClick={share}>Copy share link</Button>
          <UsageDecoderDialog />
          <span role="status" className="text-xs text-ok-text">
            {copied ? `${copied.includes("failed") ? copied : `${copied} copied`}` : ""}
          </span>
        </div>
        {link ? <input aria-label="Share link" readOnly value={link} className={cn(controlClass, "h-8 font-mono text-xs")} onFocus={(e) => e.currentTarget.select()} /> : null}
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1.5 text-xs text-fg-muted">
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
            onClick={async () => {
              const text = await codeFor(format, { result, experiment });
              if (text) void copy(FORMATS.find((f) => f.id === format)!.label, text);
            }}
          >
            Copy code
          </Button>
        </div>
        {!showCode ? null : code === null ? (
          <p className="text-xs text-fg-muted">Loading the code…</p>
        ) : code.text ? (
          <pre tabIndex={0} role="region" aria-label={`${format} code`} className="max-h-80 overflow-auto rounded-md bg-code-bg p-3 font-mono text-xs leading-5 text-code-fg">
            {code.text}
          </pre>
        ) : (
          <p className="text-xs text-fg-muted">Fix the experiment to export its request.</p>
        )}
      </div>
    </Panel>
  );
}
