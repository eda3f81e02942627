"use client";
import { useEffect, useState } from "react";
import { useBuild } from "@/components/playground/build-context";
import { Button } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Panel } from "@/components/ui/section";
import { cn } from "@/components/ui/cn";
import type { BuildState } from "@/components/playground/build-context";
import { shareFragment } from "@/lib/export/share-link";
import { TargetFacts, TargetNotes } from "@/components/vendors/target-notes";
import type { ShownFact } from "@/lib/vendors/facts";
import type { TargetNote, VendorTargetId } from "@/lib/vendors/targets";
import { experimentDocument, fileNameFor } from "./experiment-document";
import { UsageDecoderDialog } from "./usage-decoder-dialog";

type TargetId = Extract<VendorTargetId, "openai" | "bedrock-converse" | "gemini">;
type CodeKind = "curl" | "typescript" | "python";
type Format = "curl" | "typescript" | "python" | "pydantic-ai" | `${TargetId}-${CodeKind}`;
const TARGET_FORMATS: { target: TargetId; label: string }[] = [
  { target: "openai", label: "OpenAI Responses" },
  { target: "bedrock-converse", label: "Bedrock Converse" },
  { target: "gemini", label: "Gemini explicit caching" },
];
const KIND_LABELS: Record<CodeKind, string> = { curl: "curl", typescript: "TypeScript", python: "Python" };
const FORMATS: { id: Format; label: string }[] = [
  { id: "curl", label: "curl" },
  { id: "typescript", label: "TypeScript SDK" },
  { id: "python", label: "Python SDK" },
  { id: "pydantic-ai", label: "Pydantic AI" },
  ...TARGET_FORMATS.flatMap(({ target, label }) => (["curl", "typescript", "python"] as const).map((kind) => ({ id: `${target}-${kind}` as Format, label: `${label}: ${KIND_LABELS[kind]}` }))),
];

/** Each other vendor's code generators (lib/export), loaded only when that format is asked for. */
const TARGET_CODE: Record<TargetId, () => Promise<Record<CodeKind, (body: unknown) => string>>> = {
  openai: () => import("@/lib/export/openai-code").then((c) => ({ curl: c.openaiCurlCommand, typescript: c.openaiTypescriptCode, python: c.openaiPythonCode })),
  "bedrock-converse": () => import("@/lib/export/converse-code").then((c) => ({ curl: c.converseCurlCommand, typescript: c.converseTypescriptCode, python: c.conversePythonCode })),
  gemini: () => import("@/lib/export/gemini-code").then((c) => ({ curl: c.geminiCurlCommand, typescript: c.geminiTypescriptCode, python: c.geminiPythonCode })),
};

interface Code {
  text: string | null;
  /** Another vendor's target: everything it cannot express as the experiment asks (lib/vendors TargetNote). */
  notes?: TargetNote[];
  /** The vendor numbers that request rests on, each with its source and date (lib/vendors/facts.ts). */
  facts?: ShownFact[];
}

/**
 * The code for one format. The generators are loaded when code is first asked for, so the page's
 * first load does not carry them.
 */
async function codeFor(format: Format, build: Pick<BuildState, "result" | "experiment">): Promise<Code> {
  const { result, experiment } = build;
  if (!result.ok) return { text: null };
  const target = { provider: result.value.provider, modelId: result.value.modelId, bedrockEndpoint: experiment.provider_options.bedrock_endpoint };
  const body = result.value.body;
  const other = TARGET_FORMATS.find((t) => format.startsWith(`${t.target}-`));
  if (other) {
    // The same experiment as another vendor's request (lib/vendors), with the notes `cachelab request --provider` prints.
    const [{ buildTargetRequest }, { targetFacts }, generators] = await Promise.all([import("@/lib/vendors/build-target"), import("@/lib/vendors/facts"), TARGET_CODE[other.target]()]);
    const built = buildTargetRequest(experiment, other.target);
    if (!built.ok) return { text: null };
    const kind = format.slice(other.target.length + 1) as CodeKind;
    return { text: generators[kind](built.value.body), notes: built.value.notes, facts: targetFacts(other.target, undefined, experiment.model) };
  }
  if (format === "pydantic-ai") {
    const { pydanticAiCode } = await import("@/lib/export/pydantic-ai-code");
    return { text: pydanticAiCode(experiment, result.value.modelId) };
  }
  const { curlCommand, pythonSdkCode, typescriptSdkCode } = await import("@/lib/export/request-code");
  return { text: format === "curl" ? curlCommand(body, target) : format === "typescript" ? typescriptSdkCode(body, target) : pythonSdkCode(body, target) };
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
  const [code, setCode] = useState<Code | null>(null);
  const { copied, copy } = useCopy();

  useEffect(() => {
    if (!showCode) return;
    let current = true;
    void codeFor(format, { result, experiment }).then((next) => {
      if (current) setCode(next);
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
          <Button aria-expanded={showCode} onClick={() => setShowCode((v) => !v)}>
            {showCode ? "Hide code" : "Show code"}
          </Button>
          <Button
            disabled={!result.ok}
            onClick={async () => {
              const { text } = await codeFor(format, { result, experiment });
              if (text) void copy(FORMATS.find((f) => f.id === format)!.label, text);
            }}
          >
            Copy code
          </Button>
        </div>
        {!showCode ? null : code === null ? (
          <p className="text-xs text-fg-muted">Loading the code…</p>
        ) : code.text ? (
          <>
            <pre tabIndex={0} role="region" aria-label={`${format} code`} className="max-h-80 overflow-auto rounded-md bg-code-bg p-3 font-mono text-xs leading-5 text-code-fg">
              {code.text}
            </pre>
            {code.notes ? <TargetNotes notes={code.notes} className="text-xs" /> : null}
            {code.facts && code.facts.length > 0 ? <TargetFacts facts={code.facts} className="text-xs text-fg-muted" /> : null}
          </>
        ) : (
          <p className="text-xs text-fg-muted">Fix the experiment to export its request.</p>
        )}
      </div>
    </Panel>
  );
}
