// Looks for identity numbers in what the hub wrote: logs, reports, audit entries, captured responses and deliveries.
// Every file under the given folders (or the given files) is read line by line; a hit is printed as
//   FAIL <file>:<line>: <number masked, first 6 and last 2 shown> (<form>) in "...context, masked too..."
// and the last line is "scan: N passed, N failed" (passed: files without a hit; failed: hits), as ./hub test tallies.
//
// What looks like an identity number (GB 11643), after full-width digits and X are read as ASCII:
//   - 18 characters [0-9]{17}[0-9Xx], no digit on either side, positions 7-14 a real date from 1900 to 2099, and the
//     check character right;
//   - 15 digits (the old form), no digit on either side, positions 7-12 a real date yymmdd (19yy).
// A run inside a longer hexadecimal run of 32 characters or more (a hash, a key, bytea as \x…) is not a number.
//
// Three things the hub hands out by design are left out (BY_DESIGN below), and only those fields: the records of
// GET /api/batches/{id}/rejected as their department sent them (records[].raw, fetched by that department alone),
// data.identityNumber of a delivered CloudEvent (sent only to subscriptions granted identity numbers), and a person's
// idNumber read by an entitled reader (POST /api/persons/search, GET /api/persons/{id} with idNumberMasked false).
//
// Usage: node scan-identity-numbers.mjs [--base DIR] PATH...   (a path that does not exist is skipped, and said so)
//        node scan-identity-numbers.mjs --self-test            (scans scan-fixtures/; ends "scan-self-test: N passed, N failed")
import { createReadStream, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const HEX_RUN = 32;

/** The 18-character number's check character, from its first 17 digits. */
export const checkCharacter = (first17) => CHECK[[...first17].reduce((sum, c, i) => sum + Number(c) * WEIGHTS[i], 0) % 11];

const realDate = (year, month, day) => {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [31, (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
};

/** Full-width digits and X read as ASCII, one character for one, so offsets stay those of the line. */
const halfWidth = (line) => line.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) =>
  c === '\uFF38' ? 'X' : c === '\uFF58' ? 'x' : String.fromCharCode(c.charCodeAt(0) - 0xFF10 + 48));

const isHex = (c) => c !== undefined && /[0-9a-fA-F]/.test(c);

/** Whether line[start, end) lies inside a hexadecimal run of HEX_RUN characters or more. */
const insideHex = (line, start, end) => {
  let from = start, to = end;
  while (isHex(line[from - 1])) from--;
  while (isHex(line[to])) to++;
  return to - from >= HEX_RUN && [...line.slice(start, end)].every(isHex) && (from < start || to > end);
};

const plausible18 = (s) => {
  const year = Number(s.slice(6, 10)), month = Number(s.slice(10, 12)), day = Number(s.slice(12, 14));
  return year >= 1900 && year <= 2099 && realDate(year, month, day) && checkCharacter(s.slice(0, 17)) === s[17].toUpperCase();
};

const plausible15 = (s) => realDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));

export const mask = (number) => number.slice(0, 6) + '*'.repeat(number.length - 8) + number.slice(-2);

/** Every identity-number-like run in one line: [{ start, end, number, form }]. */
export function findNumbers(rawLine) {
  const line = halfWidth(rawLine);
  const hits = [];
  for (const [pattern, form, plausible] of [
    [/(?<![0-9])[0-9]{17}[0-9Xx](?![0-9])/g, '18-digit', plausible18],
    [/(?<![0-9])[0-9]{15}(?![0-9])/g, '15-digit', plausible15],
  ]) {
    for (const m of line.matchAll(pattern)) {
      const start = m.index, end = m.index + m[0].length;
      if (plausible(m[0]) && !insideHex(line, start, end)) hits.push({ start, end, number: m[0], form });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** A short stretch of the line around a hit, with every hit in it masked. */
function context(rawLine, hits, hit) {
  const line = halfWidth(rawLine);
  let masked = '', at = 0;
  for (const h of hits) { masked += line.slice(at, h.start) + mask(h.number); at = h.end; }
  masked += line.slice(at);
  // A masked number is as long as the number, so the hit's offsets hold in the masked line.
  const from = Math.max(0, hit.start - 40), to = Math.min(masked.length, hit.end + 40);
  return (from > 0 ? '…' : '') + masked.slice(from, to).replace(/\s+/g, ' ') + (to < masked.length ? '…' : '');
}

// A captured delivery holds CloudEvents in one of four shapes (see check-delivered.mjs); each loses data.identityNumber.
const withoutDeliveredNumbers = (doc) => {
  const strip = (event) => { if (event?.data && typeof event.data === 'object') delete event.data.identityNumber; return event; };
  if (Array.isArray(doc)) {
    return doc.map((item) => (typeof item?.Body === 'string' ? { ...item, Body: JSON.stringify(strip(JSON.parse(item.Body))) } : strip(item)));
  }
  if (Array.isArray(doc?.events)) return { ...doc, events: doc.events.map(strip) };
  return strip(doc);
};

/** A person read without the numbers shown whole to an entitled reader (idNumberMasked false); masked ones are kept. */
const withoutEntitled = (person) => person && person.idNumberMasked === false ? { ...person, idNumber: null } : person;
const withoutEntitledNumbers = (doc) => ({
  ...doc,
  ...(doc.persons ? { persons: doc.persons.map(withoutEntitled) } : {}),
  ...(doc.person ? { person: withoutEntitled(doc.person) } : {}),
});

const BY_DESIGN = [
  { file: /(^|\/)responses\/RejectedRecords\.[0-9]+\.json$/,
    keep: (doc) => ({ ...doc, records: (doc.records ?? []).map(({ raw, ...rest }) => rest) }) },
  { file: /(^|\/)delivered\/[a-z]+\.[0-9]+\.json$/, keep: withoutDeliveredNumbers },
  // A person's number as an entitled reader (the administrator) gets it: idNumber where idNumberMasked is false.
  { file: /(^|\/)responses\/(PersonSearchResult|PersonDossier)\.[0-9]+\.json$/, keep: withoutEntitledNumbers },
];

/** The lines of a file to scan: a by-design file as one line without its by-design fields (as is, if it is not JSON). */
async function* linesOf(file) {
  const rule = BY_DESIGN.find((r) => r.file.test(file.replaceAll('\\', '/')));
  if (rule) {
    const text = readFileSync(file, 'utf8');
    let kept = null;
    try { kept = JSON.stringify(rule.keep(JSON.parse(text))); } catch { kept = null; }
    if (kept !== null) { yield kept; return; }
  }
  yield* createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
}

const walk = (path) => statSync(path).isDirectory()
  ? readdirSync(path).sort().flatMap((name) => walk(join(path, name)))
  : [path];

/** Scans files; calls report(file, lineNumber, hit, context) per hit; returns { files, clean, hits }. */
export async function scan(paths, report) {
  let files = 0, clean = 0, hits = 0;
  for (const file of paths.flatMap(walk)) {
    files++;
    let lineNumber = 0, found = 0;
    for await (const line of linesOf(file)) {
      lineNumber++;
      const inLine = findNumbers(line);
      for (const hit of inLine) { found++; report(file, lineNumber, hit, context(line, inLine, hit)); }
    }
    hits += found;
    if (found === 0) clean++;
  }
  return { files, clean, hits };
}

async function main(args) {
  let base = process.cwd();
  const paths = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--base') base = args[++i];
    else paths.push(args[i]);
  }
  const present = paths.filter((p) => existsSync(p));
  for (const p of paths.filter((p) => !existsSync(p))) console.log(`note: ${relative(base, p)} does not exist; nothing scanned there`);
  const { files, clean, hits } = await scan(present, (file, line, hit, around) =>
    console.log(`FAIL ${relative(base, file)}:${line}: ${mask(hit.number)} (${hit.form}) in "${around}"`));
  console.log(`scanned ${files} files`);
  console.log(`scan: ${clean} passed, ${hits} failed`);
  return hits === 0 ? 0 : 1;
}

// The fixtures: leaks.txt plants numbers that must each be found, on the lines listed here; clean.txt holds look-alikes
// (hashes, wrong check characters, impossible dates, longer digit runs, masked numbers) that must not be. In
// responses/ and delivered/ each file has a number where the hub puts one by design (not found) and one elsewhere (found).
const PLANTED = [
  [3, '18-digit'], [4, '18-digit'], [5, '18-digit'], [6, '18-digit'], [7, '15-digit'], [8, '18-digit'], [8, '18-digit'],
  [9, '18-digit'],
];

async function selfTest() {
  const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'scan-fixtures');
  let passed = 0, failed = 0;
  const check = (name, ok, why) => {
    if (ok) { passed++; console.log(`ok ${name}`); } else { failed++; console.log(`FAIL ${name}: ${why}`); }
  };
  const found = [];
  const printed = [];
  await scan([join(fixtures, 'leaks.txt')], (file, line, hit, around) => {
    found.push([line, hit.form]);
    printed.push(`${mask(hit.number)} ${around}`);
  });
  check('every planted number is found, on its line', JSON.stringify(found) === JSON.stringify(PLANTED),
    `found ${JSON.stringify(found)}, planted ${JSON.stringify(PLANTED)}`);
  const unmasked = printed.filter((p) => findNumbers(p).length > 0);
  check('what a hit prints shows no number whole', unmasked.length === 0, unmasked.join(' | '));
  check('a number is masked to its first 6 and last 2 characters', mask('11010519491231002X') === '110105**********2X',
    mask('11010519491231002X'));
  const falseHits = [];
  await scan([join(fixtures, 'clean.txt')], (file, line, hit) => falseHits.push(`line ${line}: ${mask(hit.number)} (${hit.form})`));
  check('no look-alike is taken for a number (hex hashes, wrong check characters, impossible dates, long runs)',
    falseHits.length === 0, falseHits.join('; '));
  for (const [file, expected] of [['responses/RejectedRecords.1.json', '440304**********79'], ['delivered/servicebus.1.json', '510107**********19']]) {
    const hits = [];
    await scan([join(fixtures, file)], (f, line, hit) => hits.push(mask(hit.number)));
    check(`${file}: only the number outside what the hub hands out by design is found`,
      JSON.stringify(hits) === JSON.stringify([expected]), `found ${JSON.stringify(hits)}, want ["${expected}"]`);
  }
  console.log(`scan-self-test: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  process.exitCode = await (args[0] === '--self-test' ? selfTest() : main(args));
}
