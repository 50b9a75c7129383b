// Validates the CloudEvents that really left the hub during the tests: each delivery the tests' receivers got is kept
// byte for byte in <dir>/<kind>.<n>.json, where kind says how it came (from its content type):
//   cloudevent  application/cloudevents+json: one CloudEvent
//   batch       application/cloudevents-batch+json: a non-empty JSON array of CloudEvents
//   servicebus  application/vnd.microsoft.servicebus.json: Send Message Batch messages, each Body a CloudEvent's JSON
//   pull        a page of the pull feed: {"events": [CloudEvent...], ...}
// Each CloudEvent must match contracts/events/cloudevent.schema.json, name its type's schema as dataschema, and carry
// data matching that type's schema with `required` ignored (delivered data is only the subscription's allowed fields).
// Usage: node check-delivered.mjs <contracts dir> <dir> [--partial]
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";

const [contracts, dir, mode] = process.argv.slice(2);
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const envelope = ajv.compile(JSON.parse(readFileSync(join(contracts, "events", "cloudevent.schema.json"), "utf8")));

// The hub's field filter copies a value only where an allow-listed pointer reaches it, stepping through objects and
// copying arrays whole: so an object reached through properties may lose any member, an array's items stay complete.
function withoutRequired(schema) {
  if (schema === null || typeof schema !== "object") {
    return schema;
  }
  const { required, properties, ...rest } = schema;
  const copy = { ...rest };
  if (properties) {
    copy.properties = Object.fromEntries(Object.entries(properties).map(([name, s]) => [name, withoutRequired(s)]));
  }
  return copy;
}

const dataSchemas = new Map();
for (const file of readdirSync(join(contracts, "events")).filter((f) => f.startsWith("cn.") && f.endsWith(".schema.json"))) {
  const schema = JSON.parse(readFileSync(join(contracts, "events", file), "utf8"));
  const { $id, ...rest } = withoutRequired(schema);
  dataSchemas.set(file.slice(0, -".schema.json".length), { id: $id, validate: ajv.compile(rest) });
}

let passed = 0;
let failed = 0;
const fail = (why) => { failed++; console.log(`FAIL delivered ${why}`); };
const seenKinds = new Set();
const seenTypes = new Set();

function checkEvent(where, event) {
  if (!envelope(event)) {
    fail(`${where}: not a hub CloudEvent: ${ajv.errorsText(envelope.errors, { dataVar: "event" })}`);
    return;
  }
  seenTypes.add(event.type);
  const data = dataSchemas.get(event.type);
  if (!data) {
    fail(`${where}: type ${event.type} has no schema in contracts/events`);
  } else if (event.dataschema !== data.id) {
    fail(`${where}: dataschema ${event.dataschema} is not ${data.id}`);
  } else if (!data.validate(event.data)) {
    fail(`${where} (${event.type}): ${ajv.errorsText(data.validate.errors, { dataVar: "data" })}`);
  } else {
    passed++;
  }
}

// The CloudEvents in one delivery, or a reason it is not one the hub may send.
function cloudEvents(kind, body) {
  switch (kind) {
    case "cloudevent":
      return Array.isArray(body) ? "an array sent as a single CloudEvent" : [body];
    case "batch":
      return Array.isArray(body) && body.length > 0 ? body : "a batch that is not a non-empty array";
    case "pull":
      return Array.isArray(body?.events) ? body.events : "a pull page without an events array";
    case "servicebus": {
      if (!Array.isArray(body) || body.length === 0) {
        return "a Service Bus batch that is not a non-empty array of messages";
      }
      const events = [];
      for (const [i, message] of body.entries()) {
        if (typeof message?.Body !== "string") {
          return `message ${i} has no string Body`;
        }
        const event = JSON.parse(message.Body);
        const properties = message.BrokerProperties ?? {};
        if (properties.MessageId !== event.id || properties.SessionId !== event.subject
          || properties.ContentType !== "application/cloudevents+json") {
          return `message ${i}'s BrokerProperties ${JSON.stringify(properties)} do not match its CloudEvent`;
        }
        events.push(event);
      }
      return events;
    }
    default:
      return `a request whose content type is none of the hub's (${kind})`;
  }
}

const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".json")).sort() : [];
for (const file of files) {
  const kind = file.split(".")[0];
  seenKinds.add(kind);
  let events;
  try {
    events = cloudEvents(kind, JSON.parse(readFileSync(join(dir, file), "utf8")));
  } catch (e) {
    events = `not JSON: ${e.message}`;
  }
  if (typeof events === "string") {
    fail(`${file}: ${events}`);
    continue;
  }
  events.forEach((event, i) => checkEvent(`${file}[${i}]`, event));
}
// A full run must have delivered through every kind of destination the tests drive.
for (const required of mode === "--partial" ? [] : ["cloudevent", "batch", "servicebus", "pull"]) {
  if (!seenKinds.has(required)) {
    fail(`the tests delivered nothing as ${required} to check`);
  }
}
console.log(`ok delivered: ${passed} CloudEvents the hub delivered match the envelope and their data schemas (${files.length} deliveries, ${seenTypes.size} types)`);
console.log(`delivered: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
