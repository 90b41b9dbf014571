// tests/browser/lib.mjs: what the browser tests share: Chromium's flags,
// the pass/fail tally and its lines, steps with a time limit, the language
// file, the screenshot folder, and the measures taken on every page (width,
// tap targets, hints, squeezed values, the header, axe-core).

import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
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

// saveShot(PAGE, FILE): a full-page screenshot into KAAJ_SHOTS, if set.
// The pictures are for people to look at, not a check: on a loaded
// machine a tall page can take Chromium longer than Playwright's 30 s,
// so it gets a minute, and a picture that still cannot be taken is noted
// on the output instead of failing the checks that already ran.
export async function saveShot(page, file) {
  const path = shotPath(file);
  if (!path)
    return;
  try {
    await page.screenshot({ path, fullPage: true, timeout: 60000 });
  } catch (e) {
    console.log(`  # screenshot ${file} not taken: ${String(e.message).split('\n')[0]}`);
  }
}

// The measures of a page (checkPage, below).
export const PHONE = 600;	// widths below this are a phone's
export const NARROWEST = 320;	// px, the narrowest phone pages must fit
export const MIN_TAP = 44;	// px, WCAG 2.5.5
let axeText = null;

// axeSource(): the text of axe-core's script, read once.
function axeSource() {
  if (axeText === null)
    axeText = readFileSync(
      createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeText;
}

// measure(ARG): runs in the page; what the checks need, as plain data.
export function measure({ minTap }) {
  const vw = document.documentElement.clientWidth;
  const name = (el) => {
    const t = (el.innerText || el.value || el.getAttribute('aria-label') ||
      el.name || '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
      `${el.type && el.tagName === 'INPUT' ? ' ' + el.type : ''}> "${t}"`;
  };
  const shown = (el) => {
    const r = el.getBoundingClientRect();
    const cs = getComputedStyle(el);
    return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden';
  };
  const blockOf = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const d = getComputedStyle(p).display;
      if (!d.startsWith('inline') && d !== 'contents')
        return p;
    }
    return document.body;
  };
  // Words of BLOCK outside its links and controls.
  const ownWords = (block) => {
    const copy = block.cloneNode(true);
    copy.querySelectorAll('a, button, input, select, textarea')
      .forEach((n) => n.remove());
    return (copy.textContent.match(/\p{L}{2,}/gu) || []).length;
  };
  const out = {
    vw, scrollWidth: document.documentElement.scrollWidth,
    wide: [], small: [], offscreen: [], exempt: [], overlaps: [],
    squeezed: [], headerHeight: 0,
  };
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > vw + 1 && r.width > 0 && out.wide.length < 5 &&
      getComputedStyle(el).position !== 'fixed')
      out.wide.push(`${name(el)} right edge at ${Math.round(r.right)}`);
  }
  const targets = document.querySelectorAll(
    'a[href], button, input:not([type=hidden]), select, textarea, summary');
  for (const el of targets) {
    if (!shown(el))
      continue;
    let box = el;
    if (el.type === 'checkbox' || el.type === 'radio')
      box = el.closest('label') ||
        (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    const r = box.getBoundingClientRect();
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
      const b = blockOf(el);
      if (b.closest('p, label, li') && ownWords(b) > 0) {
        out.exempt.push(`${name(el)} in <${b.tagName.toLowerCase()}>`);
        continue;
      }
    }
    if (r.width < minTap - 0.5 || r.height < minTap - 0.5)
      out.small.push(`${name(el)} is ${Math.round(r.width)} x ` +
        `${Math.round(r.height)} px`);
    // Reachable: within the screen, and not cut off by a scrolling box.
    let cut = r.left < -0.5 || r.right > vw + 0.5;
    for (let p = box.parentElement; p && !cut; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll' || ox === 'hidden') {
        const pr = p.getBoundingClientRect();
        cut = r.right > pr.right + 0.5 || r.left < pr.left - 0.5;
      }
    }
    if (cut)
      out.offscreen.push(`${name(el)} spans ${Math.round(r.left)} to ` +
        `${Math.round(r.right)} px`);
  }
  for (const hint of document.querySelectorAll('p.hint')) {
    if (!shown(hint))
      continue;
    const h = hint.getBoundingClientRect();
    for (const sib of [hint.previousElementSibling, hint.nextElementSibling]) {
      if (!sib || !shown(sib))
        continue;
      const s = sib.getBoundingClientRect();
      if (h.top < s.bottom - 0.5 && s.top < h.bottom - 0.5 &&
        h.left < s.right && s.left < h.right)
        out.overlaps.push(`hint "${hint.textContent.trim().slice(0, 30)}" ` +
          `overlaps ${name(sib)}`);
    }
  }
  for (const dd of document.querySelectorAll('dl.facts dd')) {
    const dl = dd.parentElement.getBoundingClientRect();
    const d = dd.getBoundingClientRect();
    if (shown(dd) && d.width < 0.6 * dl.width)
      out.squeezed.push(`"${dd.textContent.trim().slice(0, 30)}" gets ` +
        `${Math.round(d.width)} of ${Math.round(dl.width)} px`);
  }
  const header = document.querySelector('header.top');
  out.headerHeight = header ? header.getBoundingClientRect().height : 0;
  return out;
}

// axeCheck(PAGE): the serious and critical violations axe-core finds. The
// script is run through DevTools (page.evaluate), to which the page's CSP
// does not apply; it is loaded once per document, not once per width.
export async function axeCheck(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.evaluate(axeSource());
  const res = await page.evaluate(() => window.axe.run(document,
    { resultTypes: ['violations'] }));
  return res.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (` +
      v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ') + ')');
}

// checkPage(PAGE, NAME, OPTS): every check above on the page as it is, at
// each width of OPTS.widths (default 360 and 1280 px), resizing the
// viewport rather than loading the page again. OPTS.lang (default "en")
// starts the screenshot's name, LANG-NAME-WIDTH.png; OPTS.exempted (a Set)
// collects the inline links named so far.
export async function checkPage(page, name, opts = {}) {
  const widths = opts.widths || [360, 1280];
  const lang = opts.lang || 'en';
  const exempted = opts.exempted || new Set();
  // The narrowest phone the site promises to fit: at 320 px only the
  // width is checked (the 360 px pass checks the rest).
  if (widths.some((w) => w < PHONE)) {
    await page.setViewportSize({ width: NARROWEST, height: 800 });
    const n = await page.evaluate(measure, { minTap: MIN_TAP });
    expect(n.scrollWidth <= NARROWEST,
      `${lang} ${name} at ${NARROWEST} px: not wider than the screen`,
      `scrollWidth ${n.scrollWidth}`, ...n.wide);
  }
  for (const width of widths) {
    const at = `${lang} ${name} at ${width} px`;
    await page.setViewportSize({ width, height: 800 });
    const m = await page.evaluate(measure, { minTap: MIN_TAP });
    expect(m.scrollWidth <= width, `${at}: not wider than the screen`,
      `scrollWidth ${m.scrollWidth}`, ...m.wide);
    expect(m.small.length === 0, `${at}: every tap target is 44 x 44 px`,
      ...m.small.slice(0, 12));
    expect(m.offscreen.length === 0, `${at}: every tap target is on the screen`,
      ...m.offscreen.slice(0, 8));
    expect(m.overlaps.length === 0, `${at}: no hint overlaps a control`,
      ...m.overlaps);
    if (width < PHONE) {
      expect(m.squeezed.length === 0, `${at}: no value squeezed into a thin column`,
        ...m.squeezed.slice(0, 6));
      expect(m.headerHeight <= 56, `${at}: the header is one line`,
        `${Math.round(m.headerHeight)} px tall`);
    }
    for (const e of m.exempt) {
      if (!exempted.has(`${name}: ${e}`)) {
        exempted.add(`${name}: ${e}`);
        console.log(`  # inline link in running text (exempt): ${name}: ${e}`);
      }
    }
    const axe = await axeCheck(page);
    expect(axe.length === 0, `${at}: axe-core finds no serious or critical violation`,
      ...axe);
    await saveShot(page, `${lang}-${name}-${width}.png`);
  }
}

// summary(): print the closing line; the exit code (1 if a check failed
// or none ran).
export function summary() {
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  return tally.failed > 0 || tally.passed === 0 ? 1 : 0;
}
