// Issue 8 item 14 / audit m13: importAnthropicRequest takes `unknown` and returns a Result, so it
// must never throw, whatever a caller hands it. JSON text can only produce plain data, but a caller
// in JavaScript can pass arrays with their own `constructor`, Symbol.species tricks, getters that
// throw, cycles and proxies; the audit found 73 throws in 2,500 such inputs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { importAnthropicRequest, looksLikeMessagesRequest } from "./import-request";

/** Calls both entry points and fails the test on a throw; returns the import's Result. */
function neverThrows(value: unknown) {
  let looks: unknown;
  let result: ReturnType<typeof importAnthropicRequest> | undefined;
  expect(() => {
    looks = looksLikeMessagesRequest(value);
    result = importAnthropicRequest(value);
  }).not.toThrow();
  expect(typeof looks).toBe("boolean");
  expect(typeof result!.ok).toBe("boolean");
  if (!result!.ok) {
    expect(result!.error.code).toBe("invalid_request_import");
    expect(result!.error.message.length).toBeGreaterThan(10);
  }
  return result!;
}

const request = (messages: unknown, extra: Record<string, unknown> = {}) => ({ model: "claude-sonnet-4-6", max_tokens: 64, messages, ...extra });
const hello = () => [{ role: "user", content: [{ type: "text", text: "hello" }] }];

describe("importAnthropicRequest never throws", () => {
  it("on arrays with their own `constructor` property (the audit's 73 throws)", () => {
    const messages = Object.assign(hello(), { constructor: 1 });
    const result = neverThrows(request(messages));
    // JSON has no such property: the array is read as the plain list it holds.
    expect(result).toMatchObject({ ok: true, value: { experiment: { messages: [{ role: "user", content: [{ type: "text", text: "hello" }] }] } } });
    const content = Object.assign([{ type: "text", text: "hi" }], { constructor: { [Symbol.species]: 5 } });
    neverThrows(request([{ role: "user", content }]));
    neverThrows(request(hello(), { tools: Object.assign([{ name: "t", input_schema: { type: "object" } }], { constructor: null }) }));
  });

  it("on a Symbol.species that is not a constructor, or one that throws", () => {
    class Weird extends Array {
      static get [Symbol.species](): never {
        throw new Error("species");
      }
    }
    const messages = Weird.from(hello());
    neverThrows(request(messages));
    const system = Object.assign([{ type: "text", text: "s" }], { constructor: { [Symbol.species]: () => 1 } });
    neverThrows(request(hello(), { system }));
  });

  it("on getters that throw, anywhere", () => {
    const bomb = () => { throw new Error("boom"); };
    neverThrows(Object.defineProperty({}, "messages", { get: bomb, enumerable: true }));
    neverThrows(request([Object.defineProperty({ role: "user" }, "content", { get: bomb, enumerable: true })]));
    neverThrows(Object.defineProperty(request(hello()), "tools", { get: bomb, enumerable: true }));
    const result = neverThrows(Object.defineProperty(request(hello()), "system", { get: bomb, enumerable: true }));
    expect(result).toMatchObject({ ok: false, error: { message: "This request cannot be imported: `system` could not be read (a getter or proxy in it threw)." } });
    // A getter that is not enumerable is not part of the JSON, so it is never called.
    expect(neverThrows(Object.defineProperty(request(hello()), "secret", { get: bomb, enumerable: false })).ok).toBe(true);
  });

  it("on cycles", () => {
    const messages: unknown[] = hello();
    messages.push(messages);
    const result = neverThrows(request(messages));
    expect(result).toMatchObject({ ok: false, error: { message: "This request cannot be imported: `messages[1]` refers to itself (a cycle)." } });
    const self: Record<string, unknown> = request(hello());
    self.metadata = self;
    neverThrows(self);
  });

  it("on proxies, revoked or with traps that throw or lie", () => {
    const throwing = new Proxy({}, { get: () => { throw new Error("trap"); }, has: () => { throw new Error("trap"); }, ownKeys: () => { throw new Error("trap"); } });
    neverThrows(throwing);
    neverThrows(request(hello(), { system: throwing }));
    const { proxy, revoke } = Proxy.revocable(request(hello()), {});
    revoke();
    neverThrows(proxy);
    const lying = new Proxy(hello(), { get: (target, key) => (key === "length" ? 1e9 : Reflect.get(target, key)) });
    neverThrows(request(lying));
    const arrayLike = new Proxy([] as unknown[], { getPrototypeOf: () => { throw new Error("proto"); } });
    neverThrows(request(arrayLike));
  });

  it("on values JSON cannot hold: BigInt, symbols, functions, undefined", () => {
    expect(neverThrows(request(hello(), { max_tokens: 10n }))).toMatchObject({ ok: false, error: { message: "This request cannot be imported: `max_tokens` holds a BigInt, which JSON cannot represent." } });
    neverThrows(request([{ role: "user", content: [{ type: "text", text: Symbol("x") }] }]));
    neverThrows(request(hello(), { model: () => "m" }));
    for (const v of [undefined, null, 0, "", Symbol("s"), () => 1, 1n, NaN, new Date(0), new Map(), /x/]) neverThrows(v);
  });

  it("on nesting too deep for a recursive walk", () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const result = neverThrows(request(hello(), { tools: [{ name: "t", input_schema: { type: "object", properties: { x: deep } } }] }));
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^This request cannot be imported: `tools\[0\]\.input_schema\.properties\.x(\[0\])+` is nested more than 64 levels deep\.$/) } });
    neverThrows(request(deep));
    // A sparse array of a billion slots is refused by its length, before any slot is read.
    const huge: unknown[] = [];
    huge.length = 1e9;
    expect(neverThrows(request(huge))).toMatchObject({ ok: false, error: { message: "This request cannot be imported: `messages` holds more than 1,000,000 JSON values." } });
  });

  it("on anything fast-check can make, alone or in a request's fields", () => {
    const anything = fc.anything({ withBigInt: true, withBoxedValues: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true, withNullPrototype: true, withObjectString: true, maxDepth: 4 });
    fc.assert(fc.property(anything, (v) => void neverThrows(v)), { numRuns: 1000 });
    const field = fc.record({ messages: anything, system: anything, tools: anything, model: anything, max_tokens: anything }, { requiredKeys: ["messages"] });
    fc.assert(fc.property(field, (v) => void neverThrows(v)), { numRuns: 1000 });
    const block = fc.record({ type: fc.constantFrom("text", "image", "document", "tool_use", "tool_result", "thinking", "server_tool_use"), text: anything, source: anything, cache_control: anything, content: anything, input: anything, id: anything, name: anything, is_error: anything });
    const message = fc.record({ role: fc.oneof(fc.constantFrom("user", "assistant"), anything), content: fc.oneof(fc.array(fc.oneof(block, anything), { maxLength: 4 }), anything) });
    fc.assert(fc.property(fc.array(message, { maxLength: 4 }), anything, (messages, tools) => void neverThrows(request(messages, { tools }))), { numRuns: 1000 });
  });

  it("on JSON whose own keys shadow Object.prototype's (String() throws on {\"toString\": null})", () => {
    // Found by the property below: JSON text reaches this, so it would break the import dialog.
    const request = JSON.parse('{"max_tokens":64,"system":[{"type":"text","text":{"toString":null}}],"tools":[{"name":{"valueOf":null,"toString":null}}],"messages":[{"role":"user","content":[{"type":"text","text":{"toString":null}},{"type":"tool_result","tool_use_id":{"toString":1}}]},{"role":"assistant","content":[{"type":{"toString":null}}]}]}') as unknown;
    neverThrows(request);
    const simple = JSON.parse('{"max_tokens":64,"messages":[{"role":"user","content":[{"type":"text","text":{"toString":null}}]}]}') as unknown;
    expect(neverThrows(simple)).toMatchObject({ ok: true, value: { experiment: { messages: [{ content: [{ type: "text", text: '{"toString":null}' }] }] } } });
  });

  it("on any JSON value, and on requests built from JSON parts", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => void neverThrows(v)), { numRuns: 1000 });
    const json = fc.jsonValue({ maxDepth: 3 });
    const block = fc.record({ type: fc.constantFrom("text", "image", "document", "tool_use", "tool_result", "thinking"), text: json, source: json, cache_control: fc.oneof(json, fc.constant({ type: "ephemeral", ttl: "1h" })), content: json });
    const message = fc.record({ role: fc.constantFrom("user", "assistant", "system"), content: fc.oneof(fc.string(), fc.array(block, { maxLength: 4 })) });
    fc.assert(fc.property(fc.array(message, { maxLength: 5 }), json, json, (messages, system, tools) => void neverThrows(request(messages, { system, tools }))), { numRuns: 1000 });
  });
});
