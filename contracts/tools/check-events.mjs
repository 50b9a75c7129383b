// Validates the events the tests really produced (each test database's outbox, written by the tests to <dir>/*.ndjson)
// against the data schema of their type in contracts/events, and checks each subject's sequence runs 1, 2, 3... with
// no gap or repeat. Usage: node check-events.mjs <contracts dir> <dir> [--partial]
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [contracts, dir, mode] = process.argv.slice(2);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map();
for (const file of readdirSync(join(contracts, "events")).filter((f) => f.startsWith("cn.") && f.endsWith(".schema.json"))) {
  validators.set(file.slice(0, -".schema.json".length), ajv.compile(JSON.parse(readFileSync(join(contracts, "events", file), "utf8"))));
}

let passed = 0;
let failed = 0;
const fail = (why) => { failed++; console.log(`FAIL event ${why}`); };
const seenTypes = new Set();
const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".ndjson")).sort() : [];
for (const file of files) {
  const lastSequence = new Map();
  let n = 0;
  for (const line of readFileSync(join(dir, file), "utf8").split("\n").filter((l) => l.length > 0)) {
    n++;
    const event = JSON.parse(line);
    seenTypes.add(event.type);
    const expected = (lastSequence.get(event.subject) ?? 0) + 1;
    lastSequence.set(event.subject, event.sequence);
    const validate = validators.get(event.type);
    if (!validate) {
      fail(`${file}:${n}: type ${event.type} has no schema in contracts/events`);
    } else if (!validate(event.data)) {
      fail(`${file}:${n} (${event.type}): ${ajv.errorsText(validate.errors)}`);
    } else if (event.sequence !== expected) {
      fail(`${file}:${n}: subject ${event.subject} has sequence ${event.sequence} where ${expected} was next`);
    } else {
      passed++;
    }
  }
}
// A full run must have produced at least the person events (the identity tests cause them).
for (const required of mode === "--partial" ? [] : ["cn.gov.hrss.hub.person.created.v1", "cn.gov.hrss.hub.person.updated.v1"]) {
  if (!seenTypes.has(required)) {
    fail(`the tests produced no ${required} event to check`);
  }
}
console.log(`ok events: ${passed} events the tests produced match their schemas (${seenTypes.size} types)`);
console.log(`events: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
