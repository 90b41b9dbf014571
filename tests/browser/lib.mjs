// tests/browser/lib.mjs: what the browser tests share: Chromium's flags,
// the pass/fail tally and its lines, steps with a time limit, the language
// file and the screenshot folder.

import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const STEP_MS = 20000;	// the most any one step may take

export const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

// The checks passed and failed so far.
export const tally = { passed: 0, failed: 0 };

export function ok(what) {
  tally.passed++;
  console.log(`  ok    ${what}`);
}

export function fail(what, ...detail) {
  tally.failed++;
  console.log(`  FAIL  ${what}`);
  for (const d of detail)
    for (const line of String(d).split('\n'))
      console.log(`        ${line}`);
}

export function expect(cond, what, ...detail) {
  if (cond)
    ok(what);
  else
    fail(what, ...detail);
  return cond;
}

// withTimeout(PROMISE, WHAT): PROMISE, or a rejection after STEP_MS.
export function withTimeout(promise, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(
      `${what}: no result within ${STEP_MS / 1000} s`)), STEP_MS);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

// step(WHAT, FN): run FN (async) within STEP_MS; a throw fails WHAT and is
// passed on, so that a scenario stops at its first broken step.
export async function step(what, fn) {
  try {
    return await withTimeout(Promise.resolve().then(fn), what);
  } catch (e) {
    fail(what, e && e.message ? e.message.split('\n').slice(0, 6).join('\n') : e);
    throw new StepFailed();
  }
}

export class StepFailed extends Error {}

export const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();

// readHdf(FILE): the flat NAME -> VALUE map of a ClearSilver HDF file
// (nested "Name {" blocks, "a.b = value", "name << EOM" texts, # comments).
export function readHdf(file) {
  const out = new Map();
  const stack = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    let m;
    if (line === '' || line.startsWith('#'))
      continue;
    if (line === '}') {
      stack.pop();
    } else if ((m = /^([\w.]+)\s*\{$/.exec(line))) {
      stack.push(m[1]);
    } else if ((m = /^([\w.]+)\s*<<\s*(\w+)$/.exec(line))) {
      const text = [];
      for (i++; i < lines.length && lines[i].trim() !== m[2]; i++)
        text.push(lines[i]);
      out.set([...stack, m[1]].join('.'), text.join('\n'));
    } else if ((m = /^([\w.]+)\s*=\s?(.*)$/.exec(line))) {
      out.set([...stack, m[1]].join('.'), m[2]);
    }
  }
  return out;
}

export function langText(lang, name) {
  const v = lang.get(name);
  if (v === undefined)
    throw new Error(`${name} is missing from the language file`);
  return v;
}

export function shotPath(file) {
  if (!process.env.KAAJ_SHOTS)
    return null;
  mkdirSync(process.env.KAAJ_SHOTS, { recursive: true });
  return join(process.env.KAAJ_SHOTS, file);
}

// summary(): print the closing line; the exit code (1 if a check failed
// or none ran).
export function summary() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}
