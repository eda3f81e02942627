// The usage decoder dialog (Export → Decode usage), by role and accessible name.
import type { Locator, Page } from "@playwright/test";

export class UsageDecoder {
  readonly dialog: Locator;
  readonly usage: Locator;
  readonly vendor: Locator;
  readonly priceAs: Locator;
  readonly hours: Locator;
  readonly decoded: Locator;
  readonly warnings: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole("dialog", { name: "Usage decoder" });
    this.usage = this.dialog.getByRole("textbox", { name: "Usage JSON" });
    this.vendor = this.dialog.getByRole("combobox", { name: "Vendor" });
    this.priceAs = this.dialog.getByRole("combobox", { name: "Price as" });
    this.hours = this.dialog.getByRole("spinbutton", { name: "Hours the cache is held (Gemini)" });
    this.decoded = this.dialog.getByRole("region", { name: "Decoded usage" });
    this.warnings = this.dialog.getByRole("note", { name: "Double-count warnings" });
    this.error = this.dialog.getByRole("alert");
  }

  async open() {
    await this.page.getByRole("button", { name: "Decode usage", exact: true }).click();
    await this.dialog.waitFor();
  }

  /** The token count the table shows for a row ("Uncached input", "Cache read", …). */
  count(row: string): Locator {
    return this.decoded.getByRole("row", { name: new RegExp(`^${row.replace(/[()]/g, "\\$&")}(\\s|$)`) }).getByRole("cell").first();
  }
}
