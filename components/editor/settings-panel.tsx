"use client";
import { memo } from "react";
import { BEDROCK_GEOS, type BedrockEndpoint, type BedrockGeo, CATALOG, CATALOG_DATE, findModel, minCacheableTokens, providerModelId, servedOnMantle } from "@/lib/cache/catalog";
import { MAX_BREAKPOINTS } from "@/lib/cache/rules";
import { SEMANTICS, type Semantics, semanticsRules } from "@/lib/cache/semantics";
import { PROVIDERS, type ProviderId } from "@/lib/cache/wire-types";
import { setBedrockEndpoint, setBedrockProfile, setBedrockTtl, setCacheSetting, setModel, setProvider, setSemantics, settingChoice, type CacheSettingKey } from "@/lib/editor/prompt";
import { useActiveExperimentSelector } from "@/lib/store";
import { SelectField } from "@/components/ui/field";
import { Panel } from "@/components/ui/section";
import { PROVIDER_LABELS, formatTokens } from "@/lib/display/format";
import { MaxTokensField } from "./max-tokens-field";
import { useEdit } from "./use-edit";
import { Checkbox } from "@/components/ui/checkbox";

const SETTINGS: { key: CacheSettingKey; label: string; hint: string }[] = [
  { key: "cache_instructions", label: "Cache instructions", hint: "cache_control on the system prompt" },
  { key: "cache_tool_definitions", label: "Cache tool definitions", hint: "on the last function or output tool" },
  { key: "cache_messages", label: "Cache messages", hint: "on the last block of the last message" },
];

const ModelFacts = memo(function ModelFacts({
  modelId,
  provider,
  bedrockGeo,
  bedrockEndpoint,
}: {
  modelId: string;
  provider: ProviderId;
  bedrockGeo: BedrockGeo;
  bedrockEndpoint: BedrockEndpoint;
}) {
  const model = findModel(modelId);
  if (!model) return <p className="text-xs text-warn-text">This model is not in the catalog: the minimum and prices are guesses.</p>;
  const min = minCacheableTokens(model, provider);
  const p = model.prices;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs text-fg" aria-label="Model facts">
      <dt className="text-fg-subtle">Minimum cacheable</dt>
      <dd>
        {formatTokens(min)} tokens on {PROVIDER_LABELS[provider]}
      </dd>
      <dt className="text-fg-subtle">Price / MTok</dt>
      <dd className="tabular-nums">
        input ${p.input} · 5m write ${p.write5m} · 1h write ${p.write1h} · read ${p.read} · output ${p.output}
      </dd>
      <dt className="text-fg-subtle">Model id</dt>
      <dd className="font-mono">{providerModelId(model, provider, { bedrockGeo, bedrockEndpoint }) ?? `${model.id} (not offered here)`}</dd>
      <dt className="text-fg-subtle">Catalog</dt>
      <dd>checked {CATALOG_DATE}</dd>
    </dl>
  );
});

/** The catalog as options, built once: a setting change re-renders the panel, not these. */
const MODEL_OPTIONS = CATALOG.map((m) => (
  <option key={m.id} value={m.id}>
    {m.displayName}
    {m.status === "retired" ? " (retired)" : ""}
  </option>
));
const SEMANTICS_OPTIONS = SEMANTICS.map((v) => (
  <option key={v} value={v}>
    {semanticsRules(v).label}
  </option>
));
const PROVIDER_OPTIONS = PROVIDERS.map((p) => (
  <option key={p} value={p}>
    {PROVIDER_LABELS[p]}
  </option>
));

export function SettingsPanel() {
  const provider = useActiveExperimentSelector((e) => e.provider);
  const model = useActiveExperimentSelector((e) => e.model);
  const maxTokens = useActiveExperimentSelector((e) => e.max_tokens);
  const settings = useActiveExperimentSelector((e) => e.settings);
  const bedrockTtl = useActiveExperimentSelector((e) => e.provider_options.bedrock_ttl);
  const bedrockGeo = useActiveExperimentSelector((e) => e.provider_options.bedrock_profile);
  const bedrockEndpoint = useActiveExperimentSelector((e) => e.provider_options.bedrock_endpoint);
  const mantle = provider === "bedrock" && bedrockEndpoint === "mantle";
  const catalogModel = findModel(model);
  const rules = semanticsRules(useActiveExperimentSelector((e) => e.semantics));
  const edit = useEdit();
  const known = CATALOG.some((m) => m.id === model);
  return (
    <Panel id="settings" title="Cache settings and model">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-3">
        <SelectField
          label="Pydantic AI semantics"
          hint={`builds the body as pydantic-ai ${rules.release} does`}
          value={rules.semantics}
          onChange={(e) => edit((x) => setSemantics(x, e.target.value as Semantics))}
        >
          {SEMANTICS_OPTIONS}
        </SelectField>
        <SelectField label="Provider" value={provider} onChange={(e) => edit((x) => setProvider(x, e.target.value as ProviderId))}>
          {PROVIDER_OPTIONS}
        </SelectField>
        <SelectField label="Model" value={model} onChange={(e) => edit((x) => setModel(x, e.target.value))}>
          {!known ? <option value={model}>{model} (not in catalog)</option> : null}
          {MODEL_OPTIONS}
        </SelectField>
        <MaxTokensField value={maxTokens} model={model} />
        {SETTINGS.map((s) => (
          <SelectField
            key={s.key}
            label={s.label}
            hint={s.hint}
            value={settingChoice(settings[s.key])}
            onChange={(e) => edit((x) => setCacheSetting(x, s.key, e.target.value as "off" | "5m" | "1h"))}
          >
            <option value="off">Off</option>
            <option value="5m">5m</option>
            <option value="1h">1h</option>
          </SelectField>
        ))}
        {rules.automaticCache ? (
          <SelectField
            label="Automatic caching"
            hint={(provider === "bedrock" && !mantle) || provider === "vertex" ? "no top-level field here: on the last block instead" : `top-level cache_control, 1 of ${MAX_BREAKPOINTS} slots`}
            value={settingChoice(settings.cache)}
            onChange={(e) => edit((x) => setCacheSetting(x, "cache", e.target.value as "off" | "5m" | "1h"))}
          >
            <option value="off">Off</option>
            <option value="5m">5m</option>
            <option value="1h">1h</option>
          </SelectField>
        ) : null}
      </div>
      {/* Claude in Amazon Bedrock serves its own list of models (§6.2): the endpoint is offered only for them, and kept visible to switch back. */}
      {provider === "bedrock" && (servedOnMantle(catalogModel) || mantle) ? (
        <div className="mt-3 max-w-md">
          <SelectField
            label="Bedrock endpoint"
            hint={mantle ? "the first-party Messages API at /anthropic/v1/messages, through AnthropicBedrockMantle" : "InvokeModel on bedrock-runtime, through AnthropicBedrock"}
            value={bedrockEndpoint}
            onChange={(e) => edit((x) => setBedrockEndpoint(x, e.target.value as BedrockEndpoint))}
          >
            <option value="invoke">InvokeModel (bedrock-runtime)</option>
            <option value="mantle" disabled={!servedOnMantle(catalogModel)}>
              Claude in Amazon Bedrock (Mantle){servedOnMantle(catalogModel) ? "" : " — not for this model"}
            </option>
          </SelectField>
        </div>
      ) : null}
      {provider === "bedrock" && !mantle && catalogModel?.bedrock?.profileRequired ? (
        <div className="mt-3 max-w-xs">
          <SelectField
            label="Bedrock inference profile"
            hint={`${catalogModel.displayName} is served on Bedrock only through a cross-region inference profile`}
            value={bedrockGeo}
            onChange={(e) => edit((x) => setBedrockProfile(x, e.target.value as BedrockGeo))}
          >
            {BEDROCK_GEOS.map((geo) => (
              <option key={geo} value={geo} disabled={!catalogModel.bedrock?.profiles.includes(geo)}>
                {geo}.{catalogModel.bedrock?.profiles.includes(geo) ? "" : " (not offered)"}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {provider === "bedrock" && !mantle ? (
        <div className="mt-3 flex items-start gap-2 text-sm text-fg">
          <Checkbox
            id="bedrock-omit-ttl"
            className="mt-0.5"
            aria-describedby="bedrock-omit-ttl-hint"
            checked={bedrockTtl === "omit"}
            onChange={(e) => edit((x) => setBedrockTtl(x, e.target.checked ? "omit" : "send"))}
          />
          <div>
            <label htmlFor="bedrock-omit-ttl">Omit ttl for Bedrock</label>
            <p id="bedrock-omit-ttl-hint" className="text-xs text-fg-muted">
              {rules.bedrockTtlDefault === "omit" ? (
                <>
                  Pydantic AI {rules.release} strips <code className="font-mono">ttl</code> (older Bedrock models reject it); the entry then lives 5 minutes. Untick to send it.
                </>
              ) : (
                <>
                  Pydantic AI {rules.release} sends <code className="font-mono">ttl</code>; tick for a gateway that rejects it (the entry then lives 5 minutes).
                </>
              )}
            </p>
          </div>
        </div>
      ) : null}
      <div className="mt-3 border-t border-line pt-2">
        <ModelFacts modelId={model} provider={provider} bedrockGeo={bedrockGeo} bedrockEndpoint={bedrockEndpoint} />
      </div>
    </Panel>
  );
}
