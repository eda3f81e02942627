import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { formatUsd } from "@/lib/display/format";
import { CostTotal, RunCount, WastedWritesCount, wastedWritesTitle } from "./run-totals";

const text = (html: string) => html.replace(/<[^>]+>/g, "");

describe("totals cells", () => {
  it("count runs with their failures", () => {
    expect(text(renderToStaticMarkup(<RunCount runs={1200} failed={0} />))).toBe("1,200");
    expect(text(renderToStaticMarkup(<RunCount runs={1200} failed={3} />))).toBe("1,200 (3 failed)");
  });

  it("say how many runs a cost leaves out for want of a price, and never show an unknown cost as $0", () => {
    expect(text(renderToStaticMarkup(<CostTotal cost={0.42} unknown={0} />))).toBe(formatUsd(0.42));
    expect(text(renderToStaticMarkup(<CostTotal cost={0.42} unknown={2} />))).toBe(`${formatUsd(0.42)} (+ 2 without a price)`);
    expect(text(renderToStaticMarkup(<CostTotal cost={null} unknown={5} />))).toBe("— (+ 5 without a price)");
  });

  it("give a simulation's wasted writes as a share of its writes, with the tokens and the late writes in the title", () => {
    const wasted = { writes: 1200, wasted: 3, wastedTokens: 12_500, unreadAtEnd: 2, untraced: 0 };
    expect(text(renderToStaticMarkup(<WastedWritesCount wasted={wasted} />))).toBe("3 of 1,200");
    expect(wastedWritesTitle(wasted)).toBe("12,500 tokens written and never read before they expired; 2 more written late and still unread when the window closed");
  });
});
