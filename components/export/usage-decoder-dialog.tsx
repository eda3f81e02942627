"use client";
// The usage decoder (issue 13 item 4): paste a response's usage from any vendor and read it as disjoint
// counts, the formula behind each, the double-count warning, and the bill at a chosen model's prices,
// each price with its source and date. Local to this dialog: nothing is stored.
import { useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { Callout, calloutTitleTone } from "@/components/ui/callout";
import { Dialog } from "@/components/ui/dialog";
import { controlClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { formatTokens as fmt, formatUsd as dollars } from "@/lib/display/format";
import { PRICE_OPTIONS, findPriceOption } from "@/lib/vendors/prices";
import { USAGE_VENDORS, type UsageVendor, decodeUsage } from "@/lib/vendors/usage-decoder";
import { CACHE_LIFETIMES } from "@/lib/vendors/usage";


const EXAMPLE = JSON.stringify({ input_tokens: 10_000, input_tokens_details: { cached_tokens: 6_000, cache_write_tokens: 3_000 }, output_tokens: 120, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 10_120 }, null, 2);

export function UsageDecoderDialog() {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [vendor, setVendor] = useState<UsageVendor | "detect">("detect");
  const [priceId, setPriceId] = useState<string>("none");
  const [hours, setHours] = useState("");
  const ids = { text: useId(), vendor: useId(), price: useId(), hours: useId() };

  const price = priceId === "none" ? undefined : findPriceOption(priceId);
  const decoded = useMemo(() => {
    if (text.trim() === "") return null;
    const storageHours = Number(hours);
    return decodeUsage(text, {
      ...(vendor === "detect" ? {} : { vendor }),
      ...(price ? { prices: price.prices } : {}),
      ...(hours.trim() !== "" && Number.isFinite(storageHours) && storageHours > 0 ? { storageHours } : {}),
    });
  }, [text, vendor, price, hours]);

  // [row label, count, the cost line it is billed on (lib/vendors/usage.ts normalizedCost)]
  const rows: (readonly [string, number, string])[] = decoded?.ok
    ? [
        ["Uncached input", decoded.value.usage.uncached, "uncached input"],
        ["Cache read", decoded.value.usage.cacheRead, "cache read"],
        ...CACHE_LIFETIMES.filter((l) => decoded.value.usage.cacheWrite[l] !== undefined).map((l) => [`Cache write (${l})`, decoded.value.usage.cacheWrite[l]!, `cache write (${l})`] as const),
        ...(decoded.value.usage.storageTokenHours !== undefined ? [["Storage (token-hours)", decoded.value.usage.storageTokenHours, "storage"] as const] : []),
        ["Output", decoded.value.usage.output, "output"],
      ]
    : [];

  return (
    <>
      <Button onClick={() => setOpen(true)}>
        Decode usage
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title="Usage decoder">
        <p className="text-sm text-fg-muted">
          Paste a response&apos;s usage (or the whole response) from Anthropic, Bedrock, Vertex, OpenAI or Gemini. It is read into counts that never overlap: uncached input, cache
          reads, cache writes by lifetime, storage and output.
        </p>
        <label htmlFor={ids.text} className="text-xs font-medium text-fg-muted">
          Usage JSON
        </label>
        <textarea
          id={ids.text}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={EXAMPLE}
          aria-invalid={decoded && !decoded.ok ? true : undefined}
          rows={8}
          spellCheck={false}
          className={cn(controlClass, "font-mono text-xs")}
        />
        <div className="flex flex-wrap items-end gap-3 text-xs">
          <label htmlFor={ids.vendor} className="flex flex-col gap-1 text-fg-muted">
            Vendor
            <select id={ids.vendor} className={cn(controlClass, "h-8")} value={vendor} onChange={(e) => setVendor(e.target.value as UsageVendor | "detect")}>
              <option value="detect">Detect from the fields</option>
              {USAGE_VENDORS.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.label}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.price} className="flex flex-col gap-1 text-fg-muted">
            Price as
            <select id={ids.price} className={cn(controlClass, "h-8")} value={priceId} onChange={(e) => setPriceId(e.target.value)}>
              <option value="none">No prices (counts only)</option>
              {PRICE_OPTIONS.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.vendor}: {o.label}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.hours} className="flex flex-col gap-1 text-fg-muted">
            Hours the cache is held (Gemini)
            <input id={ids.hours} type="number" min={0} step="any" className={cn(controlClass, "h-8 w-28")} value={hours} onChange={(e) => setHours(e.target.value)} />
          </label>
        </div>
        {decoded === null ? null : !decoded.ok ? (
          <p role="alert" className="text-sm text-danger-text">
            {decoded.error.message}
          </p>
        ) : (
          <section aria-label="Decoded usage" className="flex flex-col gap-2 text-sm">
            <p className="text-xs text-fg-muted">Read as {USAGE_VENDORS.find((v) => v.id === decoded.value.vendor)!.label}.</p>
            <Table size="sm" flush>
              <TableHead>
                <TableRow>
                  <TableHeaderCell scope="col">Count</TableHeaderCell>
                  <TableHeaderCell scope="col" align="right">Tokens</TableHeaderCell>
                  {decoded.value.cost ? (
                    <>
                      <TableHeaderCell scope="col" align="right">Price / MTok</TableHeaderCell>
                      <TableHeaderCell scope="col" align="right">Cost</TableHeaderCell>
                    </>
                  ) : null}
                </TableRow>
              </TableHead>
              <tbody>
                {rows.map(([label, n, costLabel]) => {
                  const line = decoded.value.cost?.lines.find((l) => l.label === costLabel);
                  return (
                    <TableRow key={label}>
                      <TableHeaderCell scope="row">{label}</TableHeaderCell>
                      <TableCell align="right" mono>{fmt(n)}</TableCell>
                      {decoded.value.cost ? (
                        <>
                          <TableCell align="right" mono>{line ? `$${line.price}` : "–"}</TableCell>
                          <TableCell align="right" mono>{line ? dollars(line.cost) : "–"}</TableCell>
                        </>
                      ) : null}
                    </TableRow>
                  );
                })}
                {decoded.value.cost ? (
                  <TableRow tone="total" className="border-b-0">
                    <TableHeaderCell scope="row" className="font-medium">Total</TableHeaderCell>
                    <TableCell align="right" mono>{fmt(decoded.value.cost.totalInput + decoded.value.usage.output)}</TableCell>
                    <TableCell />
                    <TableCell align="right" mono>{dollars(decoded.value.cost.total)}</TableCell>
                  </TableRow>
                ) : null}
              </tbody>
            </Table>
            {price ? (
              <p className="text-xs break-words text-fg-muted">
                Prices: {price.vendor} {price.label}, from {price.source}, read {price.date}
                {price.unverified ? ` (unverified: ${price.unverified})` : ""}.
              </p>
            ) : null}
            <div>
              <h3 className="text-xs font-medium text-fg-muted">Formula</h3>
              <ul className="list-disc pl-5 font-mono text-xs [overflow-wrap:anywhere]">
                {decoded.value.formula.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </div>
            {decoded.value.warnings.length ? (
              <Callout role="note" aria-label="Double-count warnings" tone="warn" size="sm" className={calloutTitleTone.warn}>
                {decoded.value.warnings.map((w) => (
                  <p key={w}>{w}</p>
                ))}
              </Callout>
            ) : null}
          </section>
        )}
        <div className="flex justify-end">
          <Button onClick={() => setOpen(false)}>Close</Button>
        </div>
      </Dialog>
    </>
  );
}
