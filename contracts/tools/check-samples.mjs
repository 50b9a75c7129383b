// Checks the samples and code lists of contracts/ with Ajv (draft-07, strict off, ajv-formats).
// Prints one line per check, "ok <name>" or "FAIL <name>: <reason>", and the counts as the last line
// "samples: N passed, N failed" (tools/check folds them into its own total). Exit code 1 on any failure.
//
// Besides JSON Schema, it re-checks the national code rules the hub applies after the schema (identity number
// check character, birth date and region prefix; credit code check character; GB/T 2260 region; real dates;
// phone; name), so that a valid sample really is valid data and each hub-rule case in an invalid sample really
// breaks the rule it claims to. GB/T 2260 codes come from the reference data directory (HUB_REFERENCE_DATA,
// default ../shared/data beside the repository); without it, region rules are skipped and said so.
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');             // contracts/
const repo = resolve(root, '..');
let passed = 0, failed = 0;
const ok = (name) => { passed++; console.log(`ok ${name}`); };
const fail = (name, reason) => { failed++; console.log(`FAIL ${name}: ${reason}`); };
const check = (name, fn) => {
  try { const r = fn(); if (r === true || r === undefined) ok(name); else fail(name, r); }
  catch (e) { fail(name, e.message); }
};
const readJson = (p) => JSON.parse(readFileSync(p, 'utf8'));
const walk = (dir) => readdirSync(dir).flatMap((f) => { const p = join(dir, f); return statSync(p).isDirectory() ? walk(p) : [p]; });
const rel = (p) => relative(root, p);

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const schemas = {};
for (const p of walk(join(root, 'feeds')).filter((p) => p.endsWith('.schema.json')).sort()) {
  const s = readJson(p);
  schemas[rel(p)] = { schema: s, validate: ajv.compile(s) };
}
const envelope = schemas['feeds/envelope.v1.schema.json'].validate;
const envelopeLine = schemas['feeds/envelope-ndjson.v1.schema.json'].validate;
const feedSchema = (dept, feed) => schemas[`feeds/${dept}/${feed}.v1.schema.json`];
const fmt = (errs) => (errs || []).map((e) => `${e.instancePath || '/'} ${e.keyword} ${e.message}`).join('; ');

// ---- reference data and hub rules -------------------------------------------------------------------
const refDir = process.env.HUB_REFERENCE_DATA || resolve(repo, '..', 'shared', 'data');
const areaFile = join(refDir, 'gbt2260-areacodes.csv');
let areas = null; // code -> { current: bool }
if (existsSync(areaFile)) {
  areas = new Map();
  for (const line of readFileSync(areaFile, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).slice(1)) {
    const [code, , , , , status] = line.split(',');
    if (!/^[0-9]{6}$/.test(code || '')) continue;
    const a = areas.get(code) || { current: false };
    if (status === '在用') a.current = true;
    areas.set(code, a);
  }
}
const today = new Date().toISOString().slice(0, 10);
const realDate = (s) => {
  const m = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(s); if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
const halfWidth = (s) => s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xFEE0)).replace(/\u3000/g, ' ');
const ID_W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheck = (s17) => '10X98765432'[[...s17].reduce((a, c, i) => a + Number(c) * ID_W[i], 0) % 11];
// Returns { birth, male, problems[] } for an identity number of the right shape.
function inspectId(raw) {
  const id = halfWidth(raw).toUpperCase();
  let birth, seqDigit, problems = [];
  if (id.length === 15) { birth = `19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`; seqDigit = id[14]; }
  else { birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`; seqDigit = id[16];
    if (idCheck(id.slice(0, 17)) !== id[17]) problems.push('check character'); }
  if (!realDate(birth)) problems.push(`embedded date ${birth} does not exist`);
  else if (birth > today) problems.push(`embedded date ${birth} is in the future`);
  if (areas && !areas.has(id.slice(0, 6))) problems.push(`region prefix ${id.slice(0, 6)} never used`);
  return { birth: realDate(birth) ? birth : null, male: Number(seqDigit) % 2 === 1, problems };
}
const CC_A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ccValid = (c) => CC_A[(31 - [...c.slice(0, 17)].reduce((a, ch, i) => a + CC_A.indexOf(ch) * CC_W[i], 0) % 31) % 31] === c[17];
const DATE_FIELDS = ['eventDate', 'issuedDate', 'birthDate', 'graduationDate', 'changeDate', 'effectiveDate', 'contactDate'];
const CREDIT_FIELDS = ['employerCreditCode', 'destinationEmployerCreditCode', 'enterpriseCreditCode'];

// The hub-rule findings for a record that passed its schema: [{ code, field, detail }].
function hubFindings(r, strictSample) {
  const out = [];
  const add = (code, field, detail) => out.push({ code, field, detail });
  let id = null;
  if (typeof r.idNumber === 'string') { id = inspectId(r.idNumber); if (id.problems.length) add('invalid-id', 'idNumber', id.problems.join(', ')); }
  if (typeof r.formerIdNumber === 'string') { const f = inspectId(r.formerIdNumber); if (f.problems.length) add('invalid-id', 'formerIdNumber', f.problems.join(', ')); }
  for (const f of DATE_FIELDS) if (typeof r[f] === 'string' && !realDate(r[f])) add('date-invalid', f, r[f]);
  if (typeof r.birthDate === 'string' && realDate(r.birthDate)) {
    if (r.birthDate > today) add('birth-date-future', 'birthDate', r.birthDate);
    if (id && id.birth && id.birth !== r.birthDate) add('birth-date-mismatch', 'birthDate', `${r.birthDate} vs ${id.birth}`);
  }
  for (const f of CREDIT_FIELDS) if (typeof r[f] === 'string' && !ccValid(r[f])) add('credit-code', f, r[f]);
  if (areas) for (const f of Object.keys(r).filter((k) => k.endsWith('Region'))) {
    const a = areas.get(r[f]);
    if (!a) add('region-unknown', f, r[f]); else if (!a.current) add('region-retired', f, r[f]);
  }
  const names = [['name', r.name], ...(Array.isArray(r.formerNames) ? r.formerNames.map((n, i) => [`formerNames/${i}`, n]) : [])];
  for (const [f, n] of names) if (typeof n === 'string') {
    const t = halfWidth(n).trim();
    if (t.length === 0) add('name-empty', f, JSON.stringify(n)); else if ([...t].length > 50) add('too-long', f, `${[...t].length} characters`);
  }
  if (typeof r.phone === 'string') {
    const d = r.phone.replace(/^(\+86|0086)/, '').replace(/[ -]/g, '');
    if (!/^1[3-9][0-9]{9}$/.test(d)) add('phone', 'phone', r.phone);
  }
  if (strictSample && id && r.gender && (r.gender === '1' || r.gender === '2') && (r.gender === '1') !== id.male)
    add('sample:gender-parity', 'gender', `gender ${r.gender} but the identity number says ${id.male ? 'male' : 'female'}`);
  return out;
}

// ---- code lists = schema enums -----------------------------------------------------------------------
const codes = (f) => readJson(join(root, 'codes', f)).codes.map((c) => c.code);
const enumChecks = [
  ['gender.json', 'gender', ['hr/employment-registration', 'edu/graduate-roster', 'ps/household-registration']],
  ['ethnicity.json', 'ethnicity', ['ps/household-registration']],
  ['education-level.json', 'educationLevel', ['edu/graduate-roster']],
];
for (const [file, field, feeds] of enumChecks) {
  check(`code list codes/${file}`, () => {
    const list = codes(file);
    if (new Set(list).size !== list.length) return 'duplicate codes';
    if (file === 'ethnicity.json' && list.length !== 58) return `expected 58 codes, found ${list.length}`;
    return true;
  });
  for (const f of feeds) check(`enum ${f}.${field} = codes/${file}`, () => {
    const e = feedSchema(...f.split('/')).schema.properties[field].enum;
    const list = codes(file);
    return JSON.stringify(e) === JSON.stringify(list) || `schema enum ${JSON.stringify(e)} differs from code list ${JSON.stringify(list)}`;
  });
}

// ---- samples -----------------------------------------------------------------------------------------
const KEYWORD = { required: 'required', additionalProperties: 'unknown-field', type: 'type', enum: 'enum', pattern: 'pattern',
  maxLength: 'too-long', minLength: 'too-short', minimum: 'range', maximum: 'range', exclusiveMinimum: 'range', exclusiveMaximum: 'range',
  maxItems: 'too-long', minItems: 'too-short' };
const SCHEMA_CODES = new Set(['required', 'unknown-field', 'type', 'enum', 'pattern', 'too-long', 'too-short', 'range']);
const errorCodes = (errs, base) => (errs || []).filter((e) => e.keyword !== 'if').map((e) => ({
  code: KEYWORD[e.keyword] || e.keyword,
  path: base + e.instancePath + (e.keyword === 'additionalProperties' ? `/${e.params.additionalProperty}` : ''),
}));
const sampleDir = join(root, 'samples');
const sampleFiles = walk(sampleDir).filter((p) => /\.(valid|invalid)\.json$/.test(p)).sort();
const batchIds = new Map();
const coverage = {}; // feed -> Set of codes, fields with region-unknown

for (const file of sampleFiles) {
  const name = rel(file);
  const [dept, base] = relative(sampleDir, file).split('/');
  const [feed, kind] = base.replace(/\.json$/, '').split('.');
  const fs = feedSchema(dept, feed);
  let doc;
  try { doc = readJson(file); } catch (e) { fail(name, `not JSON: ${e.message}`); continue; }
  if (!fs) { fail(name, `no schema feeds/${dept}/${feed}.v1.schema.json`); continue; }
  check(`${name} envelope`, () => {
    if (!envelope(doc)) return fmt(envelope.errors);
    const { records, ...line } = doc;
    if (!envelopeLine(line)) return `as NDJSON first line: ${fmt(envelopeLine.errors)}`;
    if (envelopeLine(doc)) return 'the NDJSON envelope schema accepts an envelope with records';
    if (batchIds.has(doc.batchId)) return `batchId ${doc.batchId} also used by ${batchIds.get(doc.batchId)}`;
    batchIds.set(doc.batchId, name);
    return true;
  });
  const records = Array.isArray(doc.records) ? doc.records : [];
  if (kind === 'valid') {
    check(`${name} records (${records.length})`, () => {
      if (records.length < 5) return `only ${records.length} records, want 5 or more`;
      const ids = new Set();
      const problems = [];
      records.forEach((r, i) => {
        if (ids.has(r.recordId)) problems.push(`/records/${i} duplicate recordId ${r.recordId}`);
        ids.add(r.recordId);
        if (!fs.validate(r)) problems.push(`/records/${i}: ${fmt(fs.validate.errors)}`);
        else for (const f of hubFindings(r, true)) problems.push(`/records/${i}/${f.field} ${f.code} (${f.detail})`);
      });
      return problems.length ? problems.join('; ') : true;
    });
    continue;
  }
  // invalid sample
  const expPath = file.replace(/\.json$/, '.expected.json');
  let expected;
  try { expected = readJson(expPath); } catch (e) { fail(name, `no readable ${rel(expPath)}: ${e.message}`); continue; }
  const cov = (coverage[`${dept}/${feed}`] ||= { codes: new Set(), regionUnknown: new Set() });
  check(`${name} expected file`, () => {
    const ids = records.map((r) => r.recordId);
    const missing = ids.filter((id) => !(id in expected)), extra = Object.keys(expected).filter((k) => !ids.includes(k));
    if (missing.length || extra.length) return `records without expectation: [${missing}], expectations without record: [${extra}]`;
    if (new Set(ids).size !== ids.length) return 'duplicate recordIds';
    return true;
  });
  records.forEach((r, i) => {
    const exp = expected[r.recordId];
    if (!exp) return;
    const label = `${name} ${r.recordId} ${exp.code}`;
    cov.codes.add(exp.code);
    if (exp.code === 'region-unknown') cov.regionUnknown.add(exp.path.split('/').pop());
    check(label, () => {
      const prefix = `/records/${i}`;
      if (exp.path !== prefix && !exp.path.startsWith(prefix + '/')) return `path ${exp.path} is not inside ${prefix}`;
      const valid = fs.validate(r);
      if (SCHEMA_CODES.has(exp.code)) {
        if (exp.outcome !== 'rejected') return `schema-level code ${exp.code} must be rejected, not ${exp.outcome}`;
        if (valid) return 'record passes its schema but is expected to fail it';
        const got = errorCodes(fs.validate.errors, prefix);
        if (!got.some((g) => g.code === exp.code && g.path === exp.path)) return `expected ${exp.code} at ${exp.path}, Ajv says ${fmt(fs.validate.errors)}`;
        const other = got.filter((g) => !(g.code === exp.code && g.path === exp.path));
        if (other.length) return `breaks more than one thing: ${other.map((o) => `${o.code} at ${o.path}`).join(', ')}`;
        return true;
      }
      if (!valid) return `hub-rule case fails its schema first: ${fmt(fs.validate.errors)}`;
      const wantOutcome = ['invalid-id', 'region-retired', 'birth-date-mismatch'].includes(exp.code) ? 'accepted-with-warning' : 'rejected';
      if (exp.outcome !== wantOutcome) return `${exp.code} is ${wantOutcome}, expectation says ${exp.outcome}`;
      const found = hubFindings(r, false).map((f) => ({ ...f, path: `${prefix}/${f.field}` }));
      if (!areas && exp.code.startsWith('region-')) return true;
      if (!found.some((f) => f.code === exp.code && f.path === exp.path)) return `the record does not break ${exp.code} at ${exp.path} (found: ${found.map((f) => f.code + ' ' + f.path).join(', ') || 'nothing'})`;
      // A future birth date in ps/household-registration cannot be sent without an identity number that carries the same
      // future date, so that one case also carries an invalid-id warning.
      const other = found.filter((f) => !(f.code === exp.code && f.path === exp.path)
        && !(exp.code === 'birth-date-future' && f.code === 'invalid-id' && f.field === 'idNumber'));
      if (other.length) return `breaks more than one thing: ${other.map((o) => `${o.code} at ${o.path}`).join(', ')}`;
      return true;
    });
  });
}

// ---- NDJSON samples: <feed>.valid.ndjson, the envelope line then a record a line, new records of the same feed --------
for (const file of walk(sampleDir).filter((p) => /\.valid\.ndjson$/.test(p)).sort()) {
  const name = rel(file);
  const [dept, base] = relative(sampleDir, file).split('/');
  const feed = base.split('.')[0];
  const fs = feedSchema(dept, feed);
  if (!fs) { fail(name, `no schema feeds/${dept}/${feed}.v1.schema.json`); continue; }
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  check(`${name} lines`, () => {
    if (!text.endsWith('\n')) return 'the last line has no newline';
    if (lines.slice(0, -1).some((l) => l.trim() === '')) return 'an empty line';
    return true;
  });
  let docs;
  try { docs = lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l)); } catch (e) { fail(name, `a line is not JSON: ${e.message}`); continue; }
  const [head, ...records] = docs;
  check(`${name} envelope line`, () => {
    if (!envelopeLine(head)) return fmt(envelopeLine.errors);
    if (batchIds.has(head.batchId)) return `batchId ${head.batchId} also used by ${batchIds.get(head.batchId)}`;
    batchIds.set(head.batchId, name);
    return true;
  });
  const jsonSample = join(dirname(file), `${feed}.valid.json`);
  const jsonIds = new Set(existsSync(jsonSample) ? (readJson(jsonSample).records || []).map((r) => r.recordId) : []);
  check(`${name} records (${records.length})`, () => {
    if (records.length < 5) return `only ${records.length} records, want 5 or more`;
    const ids = new Set();
    const problems = [];
    records.forEach((r, i) => {
      const line = i + 2;
      if (ids.has(r.recordId)) problems.push(`line ${line} duplicate recordId ${r.recordId}`);
      if (jsonIds.has(r.recordId)) problems.push(`line ${line} recordId ${r.recordId} is also in ${rel(jsonSample)}: the NDJSON sample's records are new`);
      ids.add(r.recordId);
      if (!fs.validate(r)) problems.push(`line ${line}: ${fmt(fs.validate.errors)}`);
      else for (const f of hubFindings(r, true)) problems.push(`line ${line}/${f.field} ${f.code} (${f.detail})`);
    });
    return problems.length ? problems.join('; ') : true;
  });
}
for (const valid of sampleFiles.filter((p) => p.endsWith('.valid.json'))) {
  check(`${rel(valid)} has an NDJSON sample beside it`, () => existsSync(valid.replace(/\.json$/, '.ndjson')) || 'no .valid.ndjson');
}

// ---- coverage of the invalid samples ------------------------------------------------------------------
for (const [key, { schema }] of Object.entries(schemas)) {
  const m = /^feeds\/([a-z]+)\/([a-z-]+)\.v1\.schema\.json$/.exec(key);
  if (!m) continue;
  const feed = `${m[1]}/${m[2]}`;
  check(`coverage ${feed}`, () => {
    const cov = coverage[feed];
    if (!cov) return 'no invalid sample';
    const props = Object.keys(schema.properties);
    const want = ['required', 'unknown-field', 'type', 'pattern'];
    if (props.some((p) => schema.properties[p].enum)) want.push('enum'); // skill-certificate has no enum field
    if (props.includes('idNumber')) want.push('invalid-id');
    if (props.some((p) => CREDIT_FIELDS.includes(p))) want.push('credit-code');
    if (feed === 'edu/graduate-roster' || feed === 'ps/household-registration') want.push('birth-date-future', 'birth-date-mismatch', 'date-invalid');
    const missing = want.filter((c) => !cov.codes.has(c));
    return missing.length ? `no case for ${missing.join(', ')}` : true;
  });
}
check('coverage region-unknown for every *Region field', () => {
  const missing = [];
  for (const [key, { schema }] of Object.entries(schemas)) {
    const m = /^feeds\/([a-z]+\/[a-z-]+)\.v1/.exec(key); if (!m) continue;
    for (const p of Object.keys(schema.properties).filter((p) => p.endsWith('Region')))
      if (!coverage[m[1]]?.regionUnknown.has(p)) missing.push(`${m[1]}.${p}`);
  }
  return missing.length ? `no region-unknown case for ${missing.join(', ')}` : true;
});
if (!areas) console.log(`note: ${areaFile} not found, GB/T 2260 region rules were not checked`);
console.log(`samples: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
