// Issue 13 item 4: paste any vendor's usage and read it as disjoint counts, with the formula, the price
// (and its source and date) and the warning where a common mistake would count a token twice.
import { expect, test } from "./fixtures";
import { PlaygroundPage } from "./pages/playground-page";
import { UsageDecoder } from "./pages/usage-decoder";

test("OpenAI Responses usage: cached and written tokens come out of input_tokens, billed at their own rates", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  const decoder = new UsageDecoder(page);
  await decoder.open();
  await decoder.usage.fill(JSON.stringify({ usage: { input_tokens: 10000, input_tokens_details: { cached_tokens: 6000, cache_write_tokens: 3000 }, output_tokens: 105 } }));
  await expect(decoder.decoded).toContainText("Read as OpenAI Responses (usage)");
  await expect(decoder.count("Uncached input")).toHaveText("1,000");
  await expect(decoder.count("Cache read")).toHaveText("6,000");
  await expect(decoder.count("Cache write (30m)")).toHaveText("3,000");
  await expect(decoder.decoded).toContainText("uncached = input_tokens − cached_tokens − cache_write_tokens = 10000 − 6000 − 3000 = 1000");
  await expect(decoder.warnings).toContainText("counts them twice");
  await decoder.priceAs.selectOption({ label: "OpenAI: GPT-5.6 Sol" });
  // (1,000 × $5 + 6,000 × $0.50 + 3,000 × $6.25 + 105 × $30) / 1M = $0.0299
  await expect(decoder.decoded.getByRole("row", { name: /^Total/ })).toContainText("$0.0299");
  await expect(decoder.decoded).toContainText("https://developers.openai.com/api/docs/pricing, read 2026-11-30 (unverified");
});

test("Anthropic usage: input_tokens is already the uncached part; a bad paste says why and keeps the text", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  const decoder = new UsageDecoder(page);
  await decoder.open();
  await decoder.usage.fill('{"input_tokens": 50, "cache_read_input_tokens": 1000, "cache_creation": {"ephemeral_5m_input_tokens": 100, "ephemeral_1h_input_tokens": 200}, "cache_creation_input_tokens": 300, "output_tokens": 20}');
  await expect(decoder.count("Uncached input")).toHaveText("50");
  await expect(decoder.count("Cache write (1h)")).toHaveText("200");
  await expect(decoder.warnings).toContainText("uncached part only");
  await decoder.priceAs.selectOption({ label: "Anthropic: Claude Sonnet 4.6" });
  await expect(decoder.decoded).toContainText("https://platform.claude.com/docs/en/about-claude/pricing");

  const broken = '{"input_tokens": 50, "output_tokens": ';
  await decoder.usage.fill(broken);
  await expect(decoder.error).toContainText("not valid JSON");
  await expect(decoder.usage).toHaveValue(broken);
  await decoder.vendor.selectOption({ label: "Gemini (usageMetadata)" });
  await decoder.usage.fill('{"promptTokenCount": 5000, "cachedContentTokenCount": 4096, "candidatesTokenCount": 30}');
  await decoder.hours.fill("2");
  await expect(decoder.count("Uncached input")).toHaveText("904");
  await expect(decoder.count("Storage (token-hours)")).toHaveText("8,192");
  // Priced as Gemini 2.5 Pro: storage per token-hour, with the catalog's source, date and "unverified".
  await decoder.priceAs.selectOption({ label: "Google: Gemini 2.5 Pro" });
  await expect(decoder.decoded).toContainText("https://ai.google.dev/gemini-api/docs/pricing, read 2026-11-30 (unverified");
});

test("the OpenAI Responses export is the target's request, with prompt_cache_breakpoint where the experiment caches", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  await page.getByRole("combobox", { name: "Code format" }).selectOption({ label: "OpenAI Responses: curl" });
  await page.getByRole("button", { name: "Show code" }).click();
  const code = page.getByRole("region", { name: "openai-curl code" });
  await expect(code).toContainText("https://api.openai.com/v1/responses");
  await expect(code).toContainText('"prompt_cache_options"');
  await expect(code).toContainText("$OPENAI_API_KEY");
});

test("the Gemini and Converse exports carry the target's calls, and list what the target cannot express beside the code", async ({ page }) => {
  const app = new PlaygroundPage(page);
  await app.goto();
  const format = page.getByRole("combobox", { name: "Code format" });
  await format.selectOption({ label: "Gemini explicit caching: TypeScript" });
  await page.getByRole("button", { name: "Show code" }).click();
  const gemini = page.getByRole("region", { name: "gemini-typescript code" });
  // The example caches its instructions: one cache object, then generateContent naming it (lib/vendors/gemini.ts).
  await expect(gemini).toContainText("await ai.caches.create(");
  await expect(gemini).toContainText('"cachedContent": cache.name');
  const notes = page.getByRole("list", { name: "What this target cannot express" });
  await expect(notes).toContainText("is not a Gemini model; the Gemini target uses gemini-2.5-pro");
  await expect(notes).toContainText("possible, not promised");
  // Every Gemini number beside the code carries its source and date, and "unverified" where the catalog says so.
  const facts = page.getByRole("list", { name: "Vendor numbers used, with their sources" });
  await expect(facts.getByRole("listitem").filter({ hasText: "Prices per million tokens (Gemini 2.5 Pro)" })).toContainText(
    "storage $4.5 per hour, output $10. Source: https://ai.google.dev/gemini-api/docs/pricing, read 2026-11-30 unverified",
  );
  await expect(facts.getByRole("listitem").filter({ hasText: "Default ttl" })).toContainText("1 hour. Source: https://ai.google.dev/gemini-api/docs/caching, read 2026-11-30");
  await format.selectOption({ label: "Bedrock Converse: curl" });
  await expect(page.getByRole("region", { name: "bedrock-converse-curl code" })).toContainText('"cachePoint"');
  await expect(page.getByText("This target expresses everything the experiment asks.")).toBeVisible();
});
