// Validates HTTP responses the hub really gave during `./hub test` against the OpenAPI document's schemas.
// The tests write each response body to <dir>/<SchemaName>.<n>.json; usage: node check-responses.mjs <openapi.yaml> <dir>
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import YAML from "yaml";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// --partial (a filtered test run) skips the check that every kind of response was produced.
const [openapiPath, dir, mode] = process.argv.slice(2);
const document = YAML.parse(readFileSync(openapiPath, "utf8"));
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAPI 3.1 schemas are JSON Schema 2020-12; refs point into the document's components.
ajv.addSchema({ $id: "openapi", components: document.components });

let passed = 0;
let failed = 0;
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
const seen = new Set();
for (const file of files) {
  const schemaName = file.split(".")[0];
  seen.add(schemaName);
  const validate = ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
  if (!validate) {
    failed++;
    console.log(`FAIL response ${file}: no schema components.schemas.${schemaName}`);
    continue;
  }
  const body = JSON.parse(readFileSync(join(dir, file), "utf8"));
  if (validate(body)) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL response ${file}: ${ajv.errorsText(validate.errors)}`);
  }
}
for (const required of mode === "--partial" ? [] : ["BatchReport", "Error", "RejectedRecords", "Health"]) {
  if (!seen.has(required)) {
    failed++;
    console.log(`FAIL responses: the tests produced no ${required} response to check`);
  }
}
console.log(`ok responses: ${passed} real responses match the OpenAPI schemas`);
console.log(`responses: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
