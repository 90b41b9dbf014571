// tests/browser/register.mjs: registration in a real browser, end to end.
//
// Drives Debian's Chromium (/usr/bin/chromium) with playwright-core against
// a running kaaj stack and checks that the self-hosted proof-of-work
// captcha (templates/static/captcha.js) works under kaaj's strict
// Content-Security-Policy (script-src 'self'):
//
//   1. JavaScript on: the "I am not a robot" box shows, the submit button
//      is disabled until the box is ticked and the work is done; the filled
//      form is sent and the "Check your e-mail" page comes back; no CSP
//      violation and no script error on the way.
//   2. JavaScript off: the <noscript> message shows and the submit button
//      stays disabled.
//   3. The CSP is enforced (an inline script is refused) and such a refusal
//      is seen by this test, so that "no violation" in 1 means something.
//
// Environment:
//   KAAJ_URL       the site, e.g. http://127.0.0.1:8080 (required)
//   KAAJ_USER      username to register (default: brw_ and random hex)
//   KAAJ_EMAIL     its e-mail address (default: USER@example.org)
//   KAAJ_SHOTS     if set, a folder for screenshots (register.png, ...)
//   KAAJ_CHROMIUM  the browser (default /usr/bin/chromium)
//   KAAJ_LANG_HDF  the language file (default templates/lang/en.hdf)
//
// Prints one line a check and "N passed, N failed" last; exits 1 if a
// check failed. Needs `npm ci` in this folder (./bootstrap check does it).

import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  FLAGS, STEP_MS, StepFailed, expect, fail, langText, norm, ok, readHdf,
  saveShot, step, summary, tally, withTimeout,
} from './lib.mjs';

// How Chromium's console reports a CSP violation: "Refused to load ..."
// in older versions; "Executing inline script violates the following
// Content Security Policy directive ... The action has been blocked." in
// Chromium 156 for inline scripts.
const CSP_CONSOLE = /Refused to|Content Security Policy/i;

// watch(PAGE): record the page's console messages, script errors and CSP
// violations (both the console's lines about them and the
// securitypolicyviolation events, reported through a binding, which no
// CSP blocks).
async function watch(page, name) {
  const log = { console: [], errors: [], violations: [] };
  await page.exposeBinding('__kaajCspViolation', (_src, v) => {
    log.violations.push(`securitypolicyviolation: ${v}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__kaajCspViolation(`${e.violatedDirective} blocked ` +
        `${e.blockedURI || '(inline)'} in ${e.sourceFile || e.documentURI}` +
        `:${e.lineNumber}`);
    });
  });
  page.on('console', (msg) => {
    const text = `[${msg.type()}] ${msg.text()}`;
    log.console.push(text);
    if (CSP_CONSOLE.test(msg.text()))
      log.violations.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => log.errors.push(String(err)));
  page.on('requestfailed', (req) => log.console.push(
    `[requestfailed] ${req.url()}: ${req.failure()?.errorText}`));
  log.dump = () => log.console.length ?
    `${name} console:\n` + log.console.map((l) => `  ${l}`).join('\n') :
    `${name} console: (empty)`;
  return log;
}

// waitFor(PAGE, FN, ARG, WHAT): poll FN(ARG) in the page every 50 ms until
// it returns a true value, for at most STEP_MS (page.evaluate goes through
// the DevTools protocol, so the page's CSP does not apply to it).
async function waitFor(page, fn, arg, what) {
  const end = Date.now() + STEP_MS - 500;
  let last;
  for (;;) {
    last = await page.evaluate(fn, arg);
    if (last && last.ok)
      return last;
    if (Date.now() > end)
      throw new Error(`${what}: not within ${STEP_MS / 1000} s; last: ` +
        JSON.stringify(last));
    await new Promise((r) => setTimeout(r, 50));
  }
}

const FORM = 'form[data-captcha]';
const SUBMIT = `${FORM} button[type="submit"]`;

// With JavaScript: fill the form, pass the captcha, create the account.
async function registerWithScript(browser, base, lang, user, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = await watch(page, 'register (JavaScript on)');
  const doneTitle = langText(lang, 'Lang.Register.DoneTitle');
  const password = 'a long test passphrase';
  let captchaJs = null;

  page.on('response', (r) => {
    if (new URL(r.url()).pathname.endsWith('/static/captcha.js'))
      captchaJs = r.status();
  });
  try {
    const resp = await step('GET /register (JavaScript on)', () =>
      page.goto(`${base}/register`, { waitUntil: 'load' }));
    expect(resp && resp.status() === 200, 'GET /register -> 200',
      `got status ${resp && resp.status()}`);
    const csp = (resp && resp.headers()['content-security-policy']) || '';
    expect(/(^|;)\s*script-src 'self'\s*(;|$)/.test(csp),
      "the page is sent with CSP script-src 'self'", `got: ${csp}`);
    expect(captchaJs === 200, 'captcha.js loaded -> 200',
      `got status ${captchaJs}`);

    const box = page.locator(`${FORM} [data-captcha-box]`);
    await step('the "I am not a robot" box is visible', () =>
      box.waitFor({ state: 'visible' }));
    ok('the "I am not a robot" box is visible');
    const label = norm(await box.textContent());
    expect(label.includes(norm(langText(lang, 'Lang.Captcha.NotRobot'))),
      `the box says "${langText(lang, 'Lang.Captcha.NotRobot')}"`,
      `got: ${label}`);
    expect(await page.locator(SUBMIT).isDisabled(),
      'the submit button is disabled before the check');

    await step('fill username, e-mail, passwords, country, terms', async () => {
      await page.fill(`${FORM} input[name="username"]`, user);
      await page.fill(`${FORM} input[name="email"]`, email);
      await page.fill(`${FORM} input[name="password"]`, password);
      await page.fill(`${FORM} input[name="password2"]`, password);
      const picked = await page.selectOption(`${FORM} select[name="country"]`, 'BD');
      if (picked.join() !== 'BD')
        throw new Error(`country select picked ${picked.join()}`);
      await page.check(`${FORM} input[name="terms"]`);
    });
    ok('filled username, e-mail, passwords, country BD, terms');
    expect(await page.locator(SUBMIT).isDisabled(),
      'the submit button is still disabled with the box unticked');

    await step('tick "I am not a robot"', () =>
      page.check(`${FORM} input[name="captcha_check"]`));
    const state = await step('the check finishes and enables the button', () =>
      waitFor(page, (sel) => {
        const form = document.querySelector(sel.form);
        const status = form.querySelector('[data-captcha-status]');
        const button = form.querySelector('button[type="submit"]');
        const done = status.getAttribute('data-done') || '';
        const nonce = form.querySelector('input[name="captcha_nonce"]').value;
        return {
          ok: done !== '' && status.textContent === done &&
            !button.disabled && nonce !== '',
          status: status.textContent, done, nonce,
          disabled: button.disabled,
        };
      }, { form: FORM }, 'captcha'));
    ok(`the status shows "${state.done}" and the button is enabled ` +
      `(nonce ${state.nonce})`);

    await saveShot(page, 'register.png');

    const answer = await step('submit the form', async () => {
      const [r] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' &&
          new URL(r.url()).pathname.endsWith('/register')),
        page.click(SUBMIT),
      ]);
      await page.waitForLoadState('load');
      return r;
    });
    expect(answer.status() === 200, 'POST /register -> 200',
      `got status ${answer.status()}`);
    const h1 = norm(await page.locator('h1').first().textContent()
      .catch(() => ''));
    if (!expect(h1 === norm(doneTitle), `the page says "${doneTitle}"`,
      `got h1: ${h1}`)) {
      const errs = await page.locator('.error, .error-summary, .field-error')
        .allTextContents().catch(() => []);
      if (errs.length)
        fail('form errors shown', ...errs.map(norm));
    }
    const body = norm(await page.locator('body').textContent());
    expect(body.includes(email), `the page names ${email}`);
    await saveShot(page, 'register-done.png');
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('register (JavaScript on)', e.stack || e);
  } finally {
    expect(log.violations.length === 0,
      'no CSP violation (JavaScript on)', ...log.violations);
    expect(log.errors.length === 0, 'no script error (JavaScript on)',
      ...log.errors);
    if (tally.failed > 0)
      console.log(log.dump());
    await context.close();
  }
}

// Without JavaScript: the <noscript> text, and no way to submit.
async function registerWithoutScript(browser, base, lang) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const noScript = langText(lang, 'Lang.Captcha.NoScript');

  try {
    const resp = await step('GET /register (JavaScript off)', () =>
      page.goto(`${base}/register`, { waitUntil: 'load' }));
    expect(resp && resp.status() === 200, 'GET /register (no JS) -> 200',
      `got status ${resp && resp.status()}`);
    const shown = await page.locator(`${FORM} noscript p`)
      .isVisible().catch(() => false);
    const text = norm(await page.locator(`${FORM} noscript`).textContent()
      .catch(() => ''));
    expect(shown && text === norm(noScript),
      'the <noscript> message is shown (JavaScript off)',
      `visible: ${shown}; text: ${text}`);
    expect(await page.locator(SUBMIT).isDisabled(),
      'the submit button is disabled (JavaScript off)');
    expect(await page.locator(`${FORM} [data-captcha-box]`).isHidden(),
      'the captcha box stays hidden (JavaScript off)');
    await step('fill the form and tick terms (JavaScript off)', async () => {
      await page.fill(`${FORM} input[name="username"]`, 'noscript_user');
      await page.check(`${FORM} input[name="terms"]`);
    });
    expect(await page.locator(SUBMIT).isDisabled(),
      'the submit button stays disabled after filling (JavaScript off)');
    await saveShot(page, 'register-noscript.png');
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('register (JavaScript off)', e.stack || e);
  } finally {
    await context.close();
  }
}

// The CSP blocks an inline script, and this test notices it.
async function cspIsEnforced(browser, base) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const log = await watch(page, 'CSP control');

  try {
    await step('GET /register (CSP control)', () =>
      page.goto(`${base}/register`, { waitUntil: 'load' }));
    const ran = await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__kaajInlineRan = true;';
      document.body.appendChild(s);
      return window.__kaajInlineRan === true;
    });
    expect(!ran, 'the CSP refuses an inline script');
    // The console line and the event come a little later.
    for (let i = 0; i < 100 && log.violations.length < 2; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(log.violations.some((v) => v.startsWith('console: ')),
      'the refusal shows in the console', log.dump());
    expect(log.violations.some((v) => v.startsWith('securitypolicyviolation')),
      'the refusal fires a securitypolicyviolation event', ...log.violations);
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('CSP control', e.stack || e);
  } finally {
    await context.close();
  }
}

async function main() {
  const base = (process.env.KAAJ_URL || '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(base)) {
    console.error('register.mjs: set KAAJ_URL, e.g. http://127.0.0.1:8080');
    return 2;
  }
  const user = process.env.KAAJ_USER || `brw_${randomBytes(4).toString('hex')}`;
  const email = process.env.KAAJ_EMAIL || `${user}@example.org`;
  const hdf = process.env.KAAJ_LANG_HDF ||
    fileURLToPath(new URL('../../templates/lang/en.hdf', import.meta.url));
  const lang = readHdf(hdf);
  const executablePath = process.env.KAAJ_CHROMIUM || '/usr/bin/chromium';
  let browser = null;

  console.log(`# ${executablePath} against ${base}, user ${user} <${email}>`);
  try {
    // launch() gives Chromium a new empty --user-data-dir of its own and
    // removes it on close.
    browser = await step('launch Chromium', () => chromium.launch({
      executablePath, headless: true, args: FLAGS, timeout: STEP_MS,
    }));
    console.log(`# Chromium ${browser.version()}`);
    console.log('# JavaScript on: register');
    await registerWithScript(browser, base, lang, user, email);
    console.log('# JavaScript off');
    await registerWithoutScript(browser, base, lang);
    console.log('# CSP control');
    await cspIsEnforced(browser, base);
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('browser test', e.stack || e);
  } finally {
    if (browser)
      await withTimeout(browser.close(), 'close Chromium').catch((e) =>
        fail('close Chromium', e.message));
  }
  return summary();
}

process.exitCode = await main();
