// call_every.mjs: call every operation of kaaj's OpenAPI document, in the
// document's order, and check each answer against the document: a 2xx
// status the operation lists, its media type, and the body against the
// answer's schema (types, required members, enums, patterns, $ref). The
// test (tests/integration/t_94_openapi.sh) prepares what the calls need.
//
// node call_every.mjs DOC.json BASE-URL KEY CAMPAIGN SUBMISSION WORKER RUN
//   ITEMS-CAMPAIGN (one with a CSV of items, for its results file)
// prints "ok ..." or "FAIL ..." lines; exits 1 when one failed.
import { readFileSync } from 'node:fs';

const [docFile, base, key, campaign, submission, worker, run, itemsCampaign] =
  process.argv.slice(2);
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
let failed = 0;

function ok(what) { console.log(`ok    ${what}`); }
function fail(what, why) { failed++; console.log(`FAIL  ${what}: ${why}`); }

// The schema at a $ref such as #/components/schemas/Campaign.
function deref(s) {
  while (s && s.$ref) {
    s = s.$ref.replace(/^#\//, '').split('/')
      .reduce((o, k) => o[k], doc);
  }
  return s;
}

// The problems of value v against schema s at path at ([] when none).
function check(v, s, at) {
  s = deref(s);
  if (!s) return [];
  const errs = [];
  if (s.allOf) for (const p of s.allOf) errs.push(...check(v, p, at));
  if (s.oneOf) {
    const n = s.oneOf.filter((p) => check(v, p, at).length === 0).length;
    if (n !== 1) errs.push(`${at}: matches ${n} of oneOf`);
  }
  if (s.const !== undefined && v !== s.const)
    errs.push(`${at}: not ${s.const}`);
  const types = s.type === undefined ? [] :
    Array.isArray(s.type) ? s.type : [s.type];
  const typeOf = (x) => x === null ? 'null' : Array.isArray(x) ? 'array' :
    Number.isInteger(x) ? 'integer' : typeof x;
  if (types.length > 0 && !types.some((t) => t === typeOf(v) ||
      (t === 'number' && typeof v === 'number')))
    return [...errs, `${at}: ${typeOf(v)}, not ${types.join('|')}`];
  if (s.enum && !s.enum.includes(v)) errs.push(`${at}: ${v} not in enum`);
  if (s.pattern && typeof v === 'string' && !new RegExp(s.pattern).test(v))
    errs.push(`${at}: "${v}" does not match ${s.pattern}`);
  if (typeOf(v) === 'object') {
    for (const r of s.required || [])
      if (!(r in v)) errs.push(`${at}: no ${r}`);
    for (const [k, p] of Object.entries(s.properties || {}))
      if (k in v) errs.push(...check(v[k], p, `${at}.${k}`));
    if (s.additionalProperties && typeof s.additionalProperties === 'object')
      for (const [k, x] of Object.entries(v))
        if (!(s.properties && k in s.properties))
          errs.push(...check(x, s.additionalProperties, `${at}.${k}`));
  }
  if (typeOf(v) === 'array' && s.items)
    v.forEach((x, i) => errs.push(...check(x, s.items, `${at}[${i}]`)));
  return errs;
}

// The bodies sent, by their schema's name.
const bodies = {
  CampaignNew: {
    type: 'signup', title: `T94 every operation ${run}`,
    instructions: 'Open the page and create an account with your e-mail.',
    proof_instructions: 'The username you chose.', slots: 2, pay: '0.25',
    countries_mode: 'all', minutes: 60, days: 7, min_success: 0,
    x_signup_url: 'https://example.com/join', x_action: 'register',
  },
  Empty: {},
  Slots: { slots: 1 },
  Rating: { rating: 'satisfied' },
  Ratings: { ids: [Number(submission)], rating: 'satisfied' },
  Bonus: { amount: '0.01' },
  TemplateName: { name: `t94 template ${run}` },
  CampaignChanges: { title: `T94 from a template ${run}`, slots: 1 },
};
// The id in a path, by the word before it: /campaigns/{id}, ...
// (templates: the one the saveTemplate call makes).
const ids = { campaigns: campaign, submissions: submission,
  workers: worker, templates: 0 };
const withId = (path) => /results\.csv$/.test(path) ?
  path.replace('{id}', itemsCampaign) :
  path.replace(/\/(\w+)\/\{id\}/, (_, word) => `/${word}/${ids[word]}`);

let calls = 0;
for (const [path, item] of Object.entries(doc.paths)) {
  for (const [method, op] of Object.entries(item)) {
    const what = `${method.toUpperCase()} ${path} (${op.operationId})`;
    const url = base + withId(path);
    const headers = {};
    if (!op.security || op.security.length > 0)
      headers.Authorization = `Bearer ${key}`;
    let body;
    if (op.requestBody) {
      const name = op.requestBody.content['application/json'].schema.$ref
        .split('/').pop();
      body = JSON.stringify(bodies[name]);
      headers['Content-Type'] = 'application/json';
      const errs = check(bodies[name], { $ref: `#/components/schemas/${name}` },
        'body');
      if (errs.length > 0)
        fail(`${what}: the body sent fits ${name}`, errs.join('; '));
    }
    if ((op.parameters || []).some((p) => p.name === 'Idempotency-Key'))
      headers['Idempotency-Key'] = `t94-${op.operationId}-${run}`;
    const res = await fetch(url, { method: method.toUpperCase(), headers,
      body });
    calls++;
    const status = String(res.status);
    const ctype = (res.headers.get('content-type') || '').split(';')[0];
    const answer = op.responses[status];
    if (!answer || !/^2/.test(status)) {
      fail(what, `answered ${status} ${await res.text()}`);
      continue;
    }
    const [media, content] = Object.entries(answer.content || {})[0] || [];
    if (media === 'image/*' || media === 'text/csv') {
      const want = media === 'text/csv' ? /^text\/csv$/ : /^image\//;
      if (!want.test(ctype)) fail(what, `${media}, not ${ctype}`);
      else ok(`${what}: ${status}, ${ctype}`);
      continue;
    }
    if (ctype !== media) {
      fail(what, `${media}, not ${ctype}`);
      continue;
    }
    const answered = await res.json();
    const errs = check(answered, content.schema, 'answer');
    if (content.schema.$ref === '#/components/schemas/Template')
      ids.templates = answered.id;
    if (errs.length > 0) fail(what, errs.join('; '));
    else ok(`${what}: ${status}, fits its schema`);
  }
}
console.log(`# ${calls} operations called`);
process.exit(failed > 0 ? 1 : 0);
