import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Table, TableCell, TableHead, TableHeaderCell, TableRow } from "./table";

// The kit's table parts: semantics stay the caller's, looks come from one place.
describe("kit table parts", () => {
  const html = renderToStaticMarkup(
    <Table size="sm" fixed>
      <caption>Runs</caption>
      <TableHead sticky>
        <TableRow>
          <TableHeaderCell scope="col">Run</TableHeaderCell>
          <TableHeaderCell scope="col" align="right">
            Cost
          </TableHeaderCell>
        </TableRow>
      </TableHead>
      <tbody>
        <TableRow tone="danger" data-run="1">
          <TableHeaderCell scope="row">1</TableHeaderCell>
          <TableCell align="right">$0.01</TableCell>
        </TableRow>
      </tbody>
    </Table>,
  );

  it("keeps the HTML a screen reader reads a table by: caption, scoped headers, data attributes", () => {
    expect(html).toContain("<caption>Runs</caption>");
    expect(html).toMatch(/<th scope="col" class="[^"]*">Run<\/th>/);
    expect(html).toMatch(/<th scope="row" class="[^"]*">1<\/th>/);
    expect(html).toContain('data-run="1"');
  });

  it("sets a column header apart from a row header, and numbers to the right", () => {
    expect(html).toMatch(/<th scope="col" class="[^"]*font-medium[^"]*">Run/);
    expect(html).toMatch(/<th scope="row" class="[^"]*font-normal[^"]*">1/);
    expect(html).toMatch(/<td class="[^"]*text-right[^"]*">\$0\.01/);
  });

  it("turns variants into the theme's classes (colours only as CSS-variable utilities)", () => {
    expect(html).toMatch(/<table class="[^"]*table-fixed[^"]*text-xs|<table class="[^"]*text-xs[^"]*table-fixed/);
    expect(html).toMatch(/<thead class="[^"]*sticky[^"]*bg-surface/);
    expect(html).toMatch(/<tr class="[^"]*bg-danger-bg[^"]*" data-run="1"/);
  });

  it("lines a table in the flow of text up with the text: no outer padding on its first and last columns", () => {
    const flush = renderToStaticMarkup(<Table flush />);
    expect(flush).toContain("[&amp;_tr&gt;:first-child]:pl-0");
    expect(flush).toContain("[&amp;_tr&gt;:last-child]:pr-0");
    expect(renderToStaticMarkup(<Table />)).not.toContain("pl-0");
  });
});
