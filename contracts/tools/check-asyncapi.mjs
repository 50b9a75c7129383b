// Validates contracts/asyncapi.yaml with the AsyncAPI parser (the spec's own validator: structure, references,
// draft-07 payload schemas), and checks it names every event type that has a schema in contracts/events.
// Usage: node check-asyncapi.mjs <contracts dir>. Prints "ok ..." / "FAIL ..." lines and "asyncapi: N passed, N failed".
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { Parser, fromFile } from "@asyncapi/parser";

const contracts = resolve(process.argv[2]);
let passed = 0;
let failed = 0;
const ok = (name) => { passed++; console.log(`ok ${name}`); };
const fail = (name, why) => { failed++; console.log(`FAIL ${name}: ${why}`); };

const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, join(contracts, "asyncapi.yaml")).parse();
const errors = diagnostics.filter((d) => d.severity === 0);
if (document && errors.length === 0) {
  ok("asyncapi.yaml (AsyncAPI 3.0 parser, 0 errors)");
} else {
  fail("asyncapi.yaml", errors.map((e) => `${e.path.join("/")}: ${e.message}`).join("; ").slice(0, 600) || "did not parse");
}

const types = readdirSync(join(contracts, "events"))
  .filter((f) => f.startsWith("cn.") && f.endsWith(".schema.json"))
  .map((f) => f.slice(0, -".schema.json".length));
const named = new Set(document ? document.messages().all().map((m) => m.name()) : []);
for (const type of types) {
  if (named.has(type)) {
    ok(`asyncapi message ${type}`);
  } else {
    fail(`asyncapi message ${type}`, "the event type has a schema but no message in asyncapi.yaml");
  }
  const schema = JSON.parse(readFileSync(join(contracts, "events", `${type}.schema.json`), "utf8"));
  if (!schema.$id?.endsWith(`/${type}.schema.json`)) {
    fail(`schema id ${type}`, `$id ${schema.$id} does not end with /${type}.schema.json`);
  }
}
console.log(`asyncapi: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
