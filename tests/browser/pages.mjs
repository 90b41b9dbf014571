// tests/browser/pages.mjs: every page a person sees, at 360 and 1280 px
// wide, in Debian's Chromium driven by playwright-core.
//
// Visits the pages as a visitor, a worker, an employer and an admin (their
// sessions and the ids of their campaigns and tasks come from the file
// KAAJ_PAGES, which tests/integration/t_98_pages.sh writes), including the
// forms shown again with their errors, the new campaign's preview (with
// two countries ticked in the picker) and the error pages. On each page and
// width it checks:
//   - the page is not wider than the screen (document scrollWidth);
//   - every visible link, button, input, select, textarea and summary is
//     at least 44 x 44 px and lies within the screen's width (none hidden
//     off screen in a scrolling box). A tick box or radio button counts
//     with its label, which is what a finger taps. Exempt, and listed by
//     name: INLINE LINKS IN RUNNING TEXT, a link shown inline inside a
//     paragraph, label or list item that has words of its own besides
//     its links (WCAG 2.5.5's exception for targets in a sentence);
//   - no hint overlaps the control above or below it;
//   - on 360 px, no value of a label/value list is squeezed into
//     a thin column (each dd at least 60% of its list's width), and the
//     header is one line;
//   - axe-core finds no serious or critical violation.
// And once: the menu opens without JavaScript on a phone and shows every
// link; on the employer's campaign page "Block worker" stands well apart
// from "Rate the ticked tasks" and does not look like it.
//
// The measures are lib.mjs's (checkPage), shared with story.mjs.
//
// Environment: KAAJ_URL (the site), KAAJ_PAGES (the JSON file),
// KAAJ_SHOTS (folder for full-page screenshots, LANG-NAME-WIDTH.png),
// KAAJ_CHROMIUM (default /usr/bin/chromium), KAAJ_LANG (the language the
// pages are in, default en: a visitor gets the cookie kaaj_lang=LANG; the
// users' profiles must already say LANG), KAAJ_LANG_HDF (its file, default
// templates/lang/en.hdf), KAAJ_WIDTHS (default 360,1280). Prints one
// line a check and "N passed, N failed" last; exits 1 if a check failed.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import {
  FLAGS, MIN_TAP, STEP_MS, StepFailed, checkPage, expect, fail, langText,
  measure, norm, ok, readHdf, saveShot, step, summary, withTimeout,
} from './lib.mjs';

const WIDTHS = (process.env.KAAJ_WIDTHS || '360,1280').split(',')
  .map(Number);
const LANG = process.env.KAAJ_LANG || 'en';

// open(PAGE, BASE, PATH): GET PATH; the status.
async function open(page, base, path) {
  const resp = await page.goto(base + path, { waitUntil: 'load' });
  return resp ? resp.status() : 0;
}

// submit(PAGE, FORM): click FORM's submit button and wait for the answer.
async function submit(page, form) {
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click(`${form} button[type="submit"]`),
  ]);
}

// The pages of each role: [name, path, status] or [name, fn(page), what].
function pagesOf(cfg, lang) {
  const t = (k) => langText(lang, k);
  return {
    visitor: [
      ['board', '/', 200], ['jobtypes', '/jobtypes', 200],
      ['job', `/jobs/${cfg.openJob}`, 200], ['login', '/login', 200],
      ['register', '/register', 200], ['forgot', '/forgot', 200],
      ['register-invited', '/register?ref=admin', 200],
      ['resend', '/activate/resend', 200], ['terms', '/terms', 200],
      ['error-404', '/no/such/page', 404], ['error-405', '/logout', 405],
      ['help', '/help', 200], ['help-work', '/help/work', 200],
      ['help-post', '/help/post', 200], ['help-rules', '/help/rules', 200],
      ['help-fees', '/help/fees', 200], ['payouts', '/payouts', 200],
      ['login-errors', async (page, base) => {
        await open(page, base, '/login');
        await submit(page, 'main form');
      }, 'the login form sent empty'],
    ],
    worker: [
      ['worker-board', '/', 200],
      ['worker-job-claim', `/jobs/${cfg.openJob}`, 200],
      ['worker-task-proof', `/tasks/${cfg.workerTask}`, 200],
      ['worker-task-proof-errors', async (page, base) => {
        await open(page, base, `/tasks/${cfg.workerTask}`);
        await submit(page, '#proof form');
      }, 'the proof form sent empty'],
      ['worker-task-paid', `/tasks/${cfg.paidTask}`, 200],
      ['worker-task-item', `/tasks/${cfg.itemTask}`, 200],
      ['worker-review-errors', async (page, base) => {
        await open(page, base, `/tasks/${cfg.paidTask}`);
        await submit(page, '#review form');
      }, 'the employer review form sent empty'],
      ['worker-tasks', '/tasks', 200], ['worker-wallet', '/wallet', 200],
      ['worker-dashboard', '/dashboard', 200],
      ['worker-referrals', '/referrals', 200],
      ['worker-wallet-errors', async (page, base) => {
        await open(page, base, '/wallet');
        await submit(page, '#withdraw form');
      }, 'the withdrawal form sent empty'],
      ['worker-statement', '/wallet/statement', 200],
      ['worker-settings', '/settings', 200],
      ['worker-notifications', '/notifications', 200],
    ],
    disputer: [
      ['worker-task-disputed', `/tasks/${cfg.disputedTask}`, 200],
    ],
    employer: [
      ['employer-campaigns', '/campaigns', 200],
      ['employer-api-keys-errors', async (page, base) => {
        await open(page, base, '/settings/api');
        await page.uncheck('main form [name=scope_read]');
        await submit(page, 'main form');
      }, 'the API key form sent empty'],
      ['employer-api-key-made', async (page, base) => {
        await open(page, base, '/settings/api');
        await page.fill('main form [name=name]', 'survey script');
        await page.check('main form [name=scope_rate]');
        await submit(page, 'main form');
      }, 'an API key made, shown once, and the list of keys'],
      ['employer-webhook-errors', async (page, base) => {
        await open(page, base, '/settings/api');
        const f = 'form[action$="/settings/api/hooks/create"]';
        await page.fill(`${f} [name=hook_url]`, 'http://example.com/hook');
        await page.uncheck(`${f} [name=hook_dispute]`);
        await submit(page, f);
      }, 'the webhook form with an http:// address'],
      ['employer-webhook-made', async (page, base) => {
        await open(page, base, '/settings/api');
        const f = 'form[action$="/settings/api/hooks/create"]';
        await page.fill(`${f} [name=hook_url]`, 'https://example.com/kaaj-hook');
        await submit(page, f);
      }, 'a webhook added, its secret shown once, the hooks and deliveries'],
      ['employer-dashboard', '/dashboard', 200],
      ['employer-campaign', `/campaigns/${cfg.mainCampaign}`, 200],
      ['employer-campaign-items', `/campaigns/${cfg.itemsCampaign}`, 200],
      ['employer-new', '/campaigns/new', 200],
      ['employer-new-form', '/campaigns/new?type=signup', 200],
      ['employer-new-from-template',
        `/campaigns/new?template=${cfg.template}`, 200],
      ['employer-new-errors', async (page, base) => {
        await open(page, base, '/campaigns/new?type=signup');
        await submit(page, 'main form');
      }, 'the new campaign form sent empty'],
      ['employer-preview', async (page, base) => {
        await open(page, base, '/campaigns/new?type=signup');
        const f = 'main form';
        await page.fill(`${f} [name=title]`, 'Install our app and open it once');
        await page.fill(`${f} [name=instructions]`,
          'Install the app from the store, open it once and keep it for a day.');
        await page.fill(`${f} [name=proof_instructions]`, 'Your phone model.');
        await page.fill(`${f} [name=x_signup_url]`, 'https://example.com/app');
        await page.selectOption(`${f} [name=x_action]`, { index: 1 });
        await page.fill(`${f} [name=slots]`, '3');
        await page.fill(`${f} [name=pay]`, '0.50');
        await page.check(`${f} [name=countries_mode][value=include]`);
        await page.check(`${f} [name=countries][value=BD]`);
        await page.check(`${f} [name=countries][value=IN]`);
        await page.fill(`${f} [name=minutes]`, '60');
        await page.fill(`${f} [name=days]`, '7');
        await page.fill(`${f} [name=min_success]`, '0');
        await submit(page, f);
        const h1 = norm(await page.locator('h1').textContent());
        if (h1 !== norm(t('Lang.CampaignNew.PreviewTitle')))
          throw new Error(`no preview: h1 is "${h1}"; errors: ` +
            (await page.locator('.error').allTextContents()).join(' | '));
        const body = await page.locator('dl.preview').textContent();
        expect(/BD,\s*IN/.test(body),
          'the preview lists the two countries ticked in the picker (BD,IN)',
          norm(body).slice(0, 300));
      }, 'the preview of a new campaign'],
      ['employer-new-items-errors', async (page, base) => {
        await open(page, base, '/campaigns/new?type=signup');
        await page.fill('main form [name=instructions]', 'Open {{url}} now.');
        await page.setInputFiles('main form [name=items]', {
          name: 'items.csv', mimeType: 'text/csv',
          buffer: Buffer.from('url,note\nhttps://example.com/1\n'),
        });
        await submit(page, 'main form');
      }, 'the new campaign form with a ragged items file'],
      ['employer-preview-items', async (page, base) => {
        await open(page, base, '/campaigns/new?type=signup');
        const f = 'main form';
        await page.fill(`${f} [name=title]`, 'Check a shop page for each row');
        await page.fill(`${f} [name=instructions]`,
          'Open {{url}} and check that {{shop}} sells what it says.');
        await page.fill(`${f} [name=proof_instructions]`, 'The price you found.');
        await page.fill(`${f} [name=x_signup_url]`, 'https://example.com/app');
        await page.selectOption(`${f} [name=x_action]`, { index: 1 });
        await page.fill(`${f} [name=pay]`, '0.50');
        await page.setInputFiles(`${f} [name=items]`, {
          name: 'items.csv', mimeType: 'text/csv',
          buffer: Buffer.from('url,shop,note\n' +
            'https://example.com/shops/a-very-long-path/that-goes-on-and-on?item=1,' +
            'Rahim Traders,"A long note, with a comma, that goes on for a while"\n' +
            'https://example.com/2,Karim Store,short\n'),
        });
        await submit(page, f);
        const h1 = norm(await page.locator('h1').textContent());
        if (h1 !== norm(t('Lang.CampaignNew.PreviewTitle')))
          throw new Error(`no preview: h1 is "${h1}"; errors: ` +
            (await page.locator('.error').allTextContents()).join(' | '));
        expect(norm(await page.locator('#items-count').textContent()) === '2',
          'the preview counts the two items of the file');
      }, 'the preview of a new campaign with an items file'],
    ],
    admin: [
      ['admin', '/admin', 200], ['admin-deposits', '/admin/deposits', 200],
      ['admin-withdrawals', '/admin/withdrawals', 200],
      ['admin-disputes', '/admin/disputes', 200],
      ['admin-mail', '/admin/mail', 200],
      ['admin-campaigns', '/admin/campaigns', 200],
      ['admin-campaign-search', '/admin/campaigns?state=running', 200],
      ['admin-campaign-search-errors',
        '/admin/campaigns?id=12x&owner=nobody_at_all', 200],
      ['admin-campaign', `/admin/campaigns/${cfg.mainCampaign}`, 200],
      ['admin-campaign-stop-errors', async (page, base) => {
        await open(page, base, `/admin/campaigns/${cfg.mainCampaign}`);
        await submit(page, '#stop');
      }, 'the admin\'s stop form sent without a reason'],
      ['admin-flags', '/admin/flags', 200],
      ['admin-audit', '/admin/audit', 200],
      ['admin-jobtypes', '/admin/jobtypes', 200],
      ['admin-users', '/admin/users', 200],
      ['admin-user', `/admin/users/${cfg.workerId}`, 200],
      ['admin-fraud', '/admin/fraud', 200],
    ],
  };
}

// contextFor(BROWSER, BASE, TOKEN, JS): a browser context with the session
// cookie TOKEN (none for a visitor) and the language cookie of LANG.
async function contextFor(browser, base, token, javaScriptEnabled = true) {
  const context = await browser.newContext({ javaScriptEnabled });
  await context.addCookies([{ name: 'kaaj_lang', value: LANG, url: base }]);
  if (token)
    await context.addCookies([{ name: 'kaaj_session', value: token, url: base }]);
  return context;
}

// The menu on a phone, without JavaScript: one line closed; open, every
// link and button shows at 44 px. On a wide screen every link shows.
async function menuWorks(browser, base, cfg) {
  const context = await contextFor(browser, base, cfg.admin, false);
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 360, height: 800 });
    await step('GET / as the admin, JavaScript off', () => open(page, base, '/'));
    const nav = page.locator('header.top nav a');
    expect(!(await nav.first().isVisible()), 'phone: the menu starts closed');
    await step('open the menu', () => page.click('header.top summary'));
    const n = await nav.count();
    let shown = 0;
    for (let i = 0; i < n; i++)
      shown += (await nav.nth(i).isVisible()) ? 1 : 0;
    expect(n > 10 && shown === n,
      `phone, no JavaScript: the open menu shows all ${n} links`, `${shown} shown`);
    const m = await page.evaluate(measure, { minTap: MIN_TAP });
    expect(m.small.length === 0 && m.offscreen.length === 0,
      'phone: the open menu\'s links and button are 44 px and on the screen',
      ...m.small, ...m.offscreen);
    await saveShot(page, `${LANG}-menu-open-360.png`);
    await page.setViewportSize({ width: 1280, height: 800 });
    await open(page, base, '/');
    shown = 0;
    for (let i = 0; i < n; i++)
      shown += (await nav.nth(i).isVisible()) ? 1 : 0;
    expect(shown === n && !(await page.locator('header.top summary').isVisible()),
      'wide screen: every link is in the header, no menu button',
      `${shown} of ${n} shown`);
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('the menu', e.stack || e);
  } finally {
    await context.close();
  }
}

// "Block worker" is well below "Rate the ticked tasks" and not the same
// colour (it is a dangerous action).
async function blockApart(page) {
  const g = await page.evaluate(() => {
    const rate = document.querySelector('form#rate > button[type=submit]');
    const block = document.querySelector('div.blocks button');
    if (!rate || !block)
      return null;
    const r = rate.getBoundingClientRect();
    const b = block.getBoundingClientRect();
    return {
      gap: b.top - r.bottom,
      rateBg: getComputedStyle(rate).backgroundColor,
      blockBg: getComputedStyle(block).backgroundColor,
    };
  });
  if (!expect(g !== null, 'the campaign page has rating and blocking buttons'))
    return;
  expect(g.gap >= 32, `"Block worker" is ${Math.round(g.gap)} px below ` +
    '"Rate the ticked tasks" (at least 32)');
  expect(g.rateBg !== g.blockBg,
    '"Block worker" does not look like "Rate the ticked tasks"',
    `both ${g.rateBg}`);
}

async function main() {
  const base = (process.env.KAAJ_URL || '').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(base) || !process.env.KAAJ_PAGES) {
    console.error('pages.mjs: set KAAJ_URL and KAAJ_PAGES');
    return 2;
  }
  const cfg = JSON.parse(readFileSync(process.env.KAAJ_PAGES, 'utf8'));
  const lang = readHdf(process.env.KAAJ_LANG_HDF ||
    fileURLToPath(new URL('../../templates/lang/en.hdf', import.meta.url)));
  const executablePath = process.env.KAAJ_CHROMIUM || '/usr/bin/chromium';
  const roles = pagesOf(cfg, lang);
  const exempted = new Set();
  let browser = null;

  try {
    browser = await step('launch Chromium', () => chromium.launch({
      executablePath, headless: true, args: FLAGS, timeout: STEP_MS,
    }));
    console.log(`# Chromium ${browser.version()} against ${base}`);
    for (const [role, pages] of Object.entries(roles)) {
      console.log(`# as ${role}`);
      const context = await contextFor(browser, base, cfg[role] || null);
      const page = await context.newPage();
      for (const [name, how, want] of pages) {
        try {
          await page.setViewportSize({ width: WIDTHS[0], height: 800 });
          if (typeof how === 'string') {
            const status = await step(`GET ${how}`, () => open(page, base, how));
            expect(status === want, `GET ${how} -> ${want}`, `got ${status}`);
          } else {
            await step(want, () => how(page, base));
          }
          const htmlLang = await page.getAttribute('html', 'lang');
          const help = norm(langText(lang, 'Lang.Footer.Help'));
          const foot = norm(await page.locator('footer').textContent());
          expect(htmlLang === LANG && foot.includes(help),
            `${name}: the page is in ${LANG} (its footer says "${help}")`,
            `<html lang="${htmlLang}">, footer: ${foot}`);
          if (name === 'employer-campaign')
            await blockApart(page);
          await checkPage(page, name, { widths: WIDTHS, lang: LANG, exempted });
        } catch (e) {
          if (!(e instanceof StepFailed))
            fail(name, e.stack || e);
        }
      }
      await context.close();
    }
    console.log('# the menu');
    await menuWorks(browser, base, cfg);
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('browser test', e.stack || e);
  } finally {
    if (browser)
      await withTimeout(browser.close(), 'close Chromium').catch((e) =>
        fail('close Chromium', e.message));
  }
  ok(`${exempted.size} inline links in running text were exempt from the size check`);
  return summary();
}

process.exitCode = await main();
