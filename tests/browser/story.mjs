// tests/browser/story.mjs: the whole story of the site, as people live it,
// in Debian's Chromium driven by playwright-core, in one language.
//
// Three people, each a browser context of their own: an employer and a
// worker register through the form (with the proof-of-work captcha),
// follow the activation link of their mail and log in; the admin logs in.
// The employer deposits (with a receipt), the admin confirms it; the
// employer posts two jobs (form, preview, create), the admin approves them;
// the worker claims both from the board and sends proof with a screenshot;
// the employer approves one and rejects the other with a reason; the worker
// rates the employer, disputes the rejection, the admin overturns it; the
// worker withdraws twice, the admin pays one and rejects the other.
//
// In Bengali (KAAJ_LANG=bn) the employer and the worker pick the language
// with the footer's switch before they register, the admin with the
// select of the settings page, and amounts are typed in Bengali digits.
// Every notice and title asserted comes from the language file, so the run
// proves that the pages speak that language. Every page reached is checked
// at 360 and 1280 px with lib.mjs's measures (checkPage: width, 44 px
// targets, hints, squeezed values, the header, axe-core), once per page
// name; full-page screenshots LANG-story-NAME-WIDTH.png go to KAAJ_SHOTS.
//
// Environment: KAAJ_URL (the site), KAAJ_LANG (en or bn), KAAJ_LANG_HDF
// (its file), KAAJ_RUN (a word that makes the usernames unique),
// KAAJ_MAIL_LINK (a program that prints the /activate link of the newest
// mail to the address given as its argument), KAAJ_ADMIN and
// KAAJ_ADMIN_PASSWORD (an admin's username, default admin, and password),
// KAAJ_SHOTS, KAAJ_CHROMIUM. Prints one line
// a check and "N passed, N failed" last; exits 1 if a check failed.

import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import {
  FLAGS, STEP_MS, StepFailed, checkPage, expect, fail, langText, norm, ok,
  readHdf, step, summary, withTimeout,
} from './lib.mjs';

const LANG = process.env.KAAJ_LANG || 'en';
const RUN = process.env.KAAJ_RUN || 'x';
const BASE = (process.env.KAAJ_URL || '').replace(/\/+$/, '');
const lang = readHdf(process.env.KAAJ_LANG_HDF ||
  new URL(`../../templates/lang/${LANG}.hdf`, import.meta.url).pathname);
const t = (key) => langText(lang, `Lang.${key}`);
const exempted = new Set();
const checked = new Set();

// A 1 x 1 PNG: the worker's screenshot and the employer's receipt.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAA' +
  'DUlEQVR4nGP4DwAAAQEABRjYTgAAAABJRU5ErkJggg==', 'base64');

// num(TEXT): TEXT with its digits in the run's language (০-৯ in Bengali),
// as a person there types an amount.
function num(text) {
  if (LANG !== 'bn')
    return text;
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(0x09e6 + Number(d)));
}

// check(PAGE, NAME): the measures of lib.mjs on the page as it is, at 360
// and 1280 px, the first time a page of that NAME is reached.
async function check(page, name) {
  if (checked.has(name))
    return;
  checked.add(name);
  await checkPage(page, `story-${name}`, { lang: LANG, exempted });
  await page.setViewportSize({ width: 360, height: 800 });
}

// go(PAGE, PATH, NAME): open PATH and check it as NAME (unless NAME is
// null); it must be in the run's language unless ANYLANG.
async function go(page, path, name, anyLang = false) {
  const resp = await step(`GET ${path}`, () =>
    page.goto(BASE + path, { waitUntil: 'load' }));
  if (resp.status() !== 200)
    fail(`GET ${path} -> 200`, `got ${resp.status()}`);
  const htmlLang = await page.getAttribute('html', 'lang');
  if (htmlLang !== LANG && !anyLang)
    fail(`${path} is in ${LANG}`, `<html lang="${htmlLang}">`);
  if (name)
    await check(page, name);
}

// press(PAGE, SELECTOR, WHAT): click the button SELECTOR and wait for the
// page it leads to.
async function press(page, selector, what) {
  await step(what, () => Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(selector).first().click(),
  ]));
}

// notice(PAGE, KEY, NAME): the page came back with Lang.Notice.KEY (in the
// address and shown on the page, in the run's language); check it as NAME.
async function notice(page, key, name) {
  const got = new URL(page.url()).searchParams.get('notice');
  const want = norm(t(`Notice.${key}`));
  const shown = norm(await page.locator('p.notice').first().textContent()
    .catch(() => ''));
  if (!expect(got === key && shown === want,
    `${name}: the page says "${want}"`,
    `address ${page.url()}`, `notice shown: ${shown}`)) {
    const errs = await page.locator('.error, .error-summary').allTextContents();
    throw new Error(`no notice ${key}; errors: ${errs.map(norm).join(' | ')}`);
  }
  await check(page, name);
}

// h1Is(PAGE, KEY, NAME): the page's title is Lang.KEY; check it as NAME.
async function h1Is(page, key, name) {
  const h1 = norm(await page.locator('h1').first().textContent());
  if (!expect(h1 === norm(t(key)), `${name}: the title is "${t(key)}"`,
    `got "${h1}"`)) {
    const errs = await page.locator('.error, .error-summary').allTextContents();
    throw new Error(`errors on the page: ${errs.map(norm).join(' | ')}`);
  }
  await check(page, name);
}

// switchLanguage(PAGE): press the footer's button of the run's language.
async function switchLanguage(page) {
  await press(page, `footer form.langs button[value="${LANG}"]`,
    `the footer's switch to ${LANG}`);
  const htmlLang = await page.getAttribute('html', 'lang');
  expect(htmlLang === LANG, `the footer's switch shows the page in ${LANG}`,
    `<html lang="${htmlLang}">`);
}

// register(PAGE, USER): create USER's account through the form, captcha
// included, then follow the mail's activation link and log in.
async function register(page, user) {
  const form = 'form[data-captcha]';
  const email = `${user}@example.org`;
  await step('GET /register', () => page.goto(`${BASE}/register`));
  if (LANG !== 'en')
    await switchLanguage(page);
  await check(page, 'register');
  await step(`fill the form for ${user}`, async () => {
    await page.fill(`${form} [name=username]`, user);
    await page.fill(`${form} [name=email]`, email);
    await page.fill(`${form} [name=password]`, PASSWORD);
    await page.fill(`${form} [name=password2]`, PASSWORD);
    await page.selectOption(`${form} [name=country]`, 'BD');
    await page.check(`${form} [name=terms]`);
    await page.check(`${form} [name=captcha_check]`);
    await page.locator(`${form} button[type=submit]:enabled`).waitFor();
  });
  await press(page, `${form} button[type=submit]`, `register ${user}`);
  await h1Is(page, 'Register.DoneTitle', 'register-done');
  const link = await step(`the activation mail to ${email}`, () =>
    execFileSync(process.env.KAAJ_MAIL_LINK, [email], { encoding: 'utf8' })
      .trim());
  await step('follow the activation link', () =>
    page.goto(link, { waitUntil: 'load' }));
  await notice(page, 'activated', 'login-activated');
  await login(page, user, PASSWORD);
  await loggedIn(page, user);
}

// login(PAGE, USER, PASS): log in through the form on the page.
async function login(page, user, pass) {
  await page.fill('main form [name=login]', user);
  await page.fill('main form [name=password]', pass);
  await press(page, 'main form button[type=submit]', `log in as ${user}`);
  expect(await page.locator('header form[action$="/logout"]').count() === 1,
    `${user} is logged in (the header offers to log out)`);
}

// loggedIn(PAGE, USER): the header's "Log out" is in the run's language.
async function loggedIn(page, user) {
  const out = norm(await page.locator('header').textContent());
  expect(out.includes(norm(t('Nav.Logout'))),
    `${user}'s header offers "${t('Nav.Logout')}"`, out);
}

// postJob(PAGE, TITLE): the employer's new sign-up job of one slot; its id.
async function postJob(page, title) {
  await go(page, '/campaigns/new', 'campaign-types');
  await press(page, 'a[href$="/campaigns/new?type=signup"]', 'choose sign-up');
  await check(page, 'campaign-form');
  const f = 'main form';
  await step(`fill the job "${title}"`, async () => {
    await page.fill(`${f} [name=title]`, title);
    await page.fill(`${f} [name=instructions]`,
      'Open the page, sign up with your own e-mail address and confirm it.');
    await page.fill(`${f} [name=proof_instructions]`, 'The username you chose.');
    await page.fill(`${f} [name=x_signup_url]`, `https://example.com/join?r=${RUN}`);
    await page.selectOption(`${f} [name=x_action]`, { index: 1 });
    await page.fill(`${f} [name=slots]`, num('1'));
    await page.fill(`${f} [name=pay]`, num('3.00'));
    await page.check(`${f} [name=countries_mode][value=all]`);
    await page.fill(`${f} [name=minutes]`, num('60'));
    await page.fill(`${f} [name=days]`, num('7'));
    await page.fill(`${f} [name=min_success]`, num('0'));
    await page.check(`${f} [name=screenshot_required]`);
  });
  await press(page, `${f} button[type=submit]`, 'preview the job');
  await h1Is(page, 'CampaignNew.PreviewTitle', 'campaign-preview');
  await press(page, 'form[action$="/campaigns/create"] button[type=submit]',
    'create the job');
  await notice(page, 'campaign_pending', 'campaign-pending');
  return Number(/\/campaigns\/(\d+)/.exec(page.url())[1]);
}

// claimAndSend(PAGE, JOB): the worker takes JOB from the board and sends
// proof with a screenshot; the task's id.
async function claimAndSend(page, job) {
  await go(page, '/', 'board');
  await press(page, `main a[href$="/jobs/${job}"]`, `open job ${job} from the board`);
  await check(page, 'job');
  await press(page, '#claim button[type=submit]', `claim job ${job}`);
  await notice(page, 'claimed', 'task-claimed');
  const task = Number(/\/tasks\/(\d+)/.exec(page.url())[1]);
  await step(`fill the proof of task ${task}`, async () => {
    await page.fill('#proof [name=username]', `worker_${RUN}`);
    await page.setInputFiles('#proof input[type=file]',
      { name: 'proof.png', mimeType: 'image/png', buffer: PNG });
  });
  await press(page, '#proof button[type=submit]', `send proof of task ${task}`);
  await notice(page, 'proof_sent', 'task-proof-sent');
  return task;
}

// rate(PAGE, JOB, TASK, RATING, REASON, WORKER): the employer rates TASK
// on JOB's page, whose block button names WORKER in the language's order.
async function rate(page, job, task, rating, reason, worker) {
  await go(page, `/campaigns/${job}`, 'campaign-submissions');
  const before = t('Manage.BlockBefore');
  const want = norm(`${before ? before + ' ' : ''}${worker}` +
    t('Manage.BlockAfter'));
  const block = norm(await page.locator('div.blocks button').first()
    .textContent());
  expect(block === want, `the block button says "${want}"`, `got "${block}"`);
  await step(`rate task ${task} ${rating}`, async () => {
    await page.check(`#rate input[name=task][value="${task}"]`);
    await page.selectOption('#r-rating', rating);
    await page.fill('#r-reason', reason);
  });
  await press(page, 'form#rate > button[type=submit]', `rate task ${task}`);
  await notice(page, 'tasks_rated', 'campaign-rated');
}

// withdraw(PAGE, AMOUNT, ACCOUNT): the worker asks for AMOUNT to ACCOUNT.
async function withdraw(page, amount, account) {
  await go(page, '/wallet', 'wallet');
  await step(`fill a withdrawal of ${amount}`, async () => {
    await page.selectOption('#withdraw select[name=method]', 'bkash');
    await page.fill('#withdraw [name=account]', account);
    await page.fill('#withdraw [name=amount]', num(amount));
  });
  await press(page, '#withdraw button[type=submit]', `withdraw ${amount}`);
  await notice(page, 'withdrawal_sent', 'wallet-withdrawn');
}

// decide(PAGE, QUEUE, TEXT, ACTION, FIELDS, DONE): on the admin's QUEUE
// page, find TEXT with the search box (the queue shows only the oldest 100
// and other tests leave requests waiting), fill FIELDS ({name: value}) of
// the form ACTION in the request that shows TEXT and press its button;
// expect Lang.Notice.DONE.
async function decide(page, queue, text, action, fields, done) {
  await go(page, `/admin/${queue}`, `admin-${queue}`);
  await step(`fill ${text} into the ${queue} queue's search box`, () =>
    page.fill('#queue-search [name=q]', text));
  await press(page, '#queue-search button[type=submit]',
    `find ${text} in the ${queue} queue`);
  await check(page, `admin-${queue}-found`);
  const form = page.locator('li.request', { hasText: text })
    .locator(`form[action$="/${action}"]`);
  await step(`${action} the request with ${text}`, async () => {
    for (const [name, value] of Object.entries(fields))
      await form.locator(`[name=${name}]`).fill(value);
    await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      form.locator('button[type=submit]').click(),
    ]);
  });
  await notice(page, done, `admin-${queue}-${action}`);
}

const PASSWORD = 'a long test passphrase';

// story(BROWSER): the whole story; throws StepFailed at a broken step.
async function story(browser) {
  const ctx = async () => {
    const c = await browser.newContext({ viewport: { width: 360, height: 800 } });
    return c.newPage();
  };
  const emp = await ctx();
  const wrk = await ctx();
  const adm = await ctx();
  const empName = `e${LANG}_${RUN}`;
  const wrkName = `w${LANG}_${RUN}`;
  const ref = `TRX${LANG.toUpperCase()}${RUN}`;

  console.log('# the employer and the worker register, the admin logs in');
  await register(emp, empName);
  await register(wrk, wrkName);
  await step('GET /login', () => adm.goto(`${BASE}/login`));
  const admName = process.env.KAAJ_ADMIN || 'admin';
  await login(adm, admName, process.env.KAAJ_ADMIN_PASSWORD);
  if (await adm.getAttribute('html', 'lang') !== LANG) {
    await go(adm, '/settings', null, true);
    await adm.selectOption('#f-language', LANG);
    await press(adm, 'form[action$="/settings/profile"] button[type=submit]',
      `the admin chooses ${LANG} in the settings`);
    await notice(adm, 'saved', 'settings-saved');
  }
  await loggedIn(adm, admName);

  console.log('# money in');
  await go(emp, '/wallet', 'wallet');
  await step('fill the deposit', async () => {
    await emp.selectOption('#deposit select[name=method]', 'bkash');
    await emp.fill('#deposit [name=amount]', num('20.00'));
    await emp.fill('#deposit [name=txn_ref]', ref);
    await emp.setInputFiles('#deposit input[type=file]',
      { name: 'receipt.png', mimeType: 'image/png', buffer: PNG });
  });
  await press(emp, '#deposit button[type=submit]', 'send the deposit');
  await notice(emp, 'deposit_sent', 'wallet-deposited');
  await decide(adm, 'deposits', ref, 'confirm', {}, 'deposit_confirmed');

  console.log('# two jobs, approved by the admin');
  const jobs = [];
  for (const title of [`Sign up on our shop ${RUN}`, `Join our forum ${RUN}`]) {
    const id = await postJob(emp, title);
    await go(adm, '/admin/campaigns', 'admin-campaigns');
    await press(adm, `#campaign-${id} form[action$="/approve"] button`,
      `approve job ${id}`);
    await notice(adm, 'campaign_approved', 'admin-campaigns-approved');
    jobs.push(id);
  }

  console.log('# the worker does both; one is approved, one rejected');
  const tasks = [];
  for (const job of jobs)
    tasks.push(await claimAndSend(wrk, job));
  await rate(emp, jobs[0], tasks[0], 'satisfied', '', wrkName);
  await rate(emp, jobs[1], tasks[1], 'not_satisfied',
    'The account was never confirmed.', wrkName);

  console.log('# the worker rates the employer and disputes the rejection');
  await go(wrk, `/tasks/${tasks[0]}`, 'task-paid');
  await step('mark the employer', async () => {
    for (const sel of await wrk.locator('#review select').all())
      await sel.selectOption('4');
  });
  await press(wrk, '#review button[type=submit]', 'rate the employer');
  await notice(wrk, 'review_sent', 'task-reviewed');
  await go(wrk, `/tasks/${tasks[1]}`, 'task-rejected');
  await wrk.fill('#dispute textarea', 'I confirmed it; please look at the screenshot.');
  await press(wrk, '#dispute button[type=submit]', 'dispute the rejection');
  await notice(wrk, 'dispute_sent', 'task-disputed');
  await go(adm, '/admin/disputes', 'admin-disputes');
  const row = adm.locator('tr', { hasText: wrkName });
  await row.locator('[name=note]').fill('The screenshot shows the account.');
  await press(adm, `tr:has-text("${wrkName}") button[value=overturn]`,
    'overturn the dispute');
  await notice(adm, 'dispute_overturned', 'admin-disputes-decided');

  console.log('# money out: one withdrawal paid, one rejected');
  // Bangladeshi mobile numbers of this run and language, one a request.
  const phone = (n) => `01${n}${LANG === 'bn' ? 1 : 0}` +
    `${parseInt(RUN, 16) % 1e7}`.padStart(7, '0');
  await withdraw(wrk, '2.00', phone(7));
  await withdraw(wrk, '2.50', phone(8));
  await decide(adm, 'withdrawals', phone(7), 'pay',
    { payout_ref: `PAY${RUN}` }, 'withdrawal_paid');
  await decide(adm, 'withdrawals', phone(8), 'reject',
    { reason: 'The number does not take bKash.' }, 'withdrawal_rejected');
  await go(wrk, '/wallet/statement', 'statement');
  await go(wrk, '/notifications', 'notifications');
  await go(emp, `/campaigns/${jobs[1]}`, 'campaign-done');
}

async function main() {
  if (!/^https?:\/\/[^/]+/.test(BASE) || !process.env.KAAJ_MAIL_LINK) {
    console.error('story.mjs: set KAAJ_URL and KAAJ_MAIL_LINK');
    return 2;
  }
  let browser = null;
  try {
    browser = await step('launch Chromium', () => chromium.launch({
      executablePath: process.env.KAAJ_CHROMIUM || '/usr/bin/chromium',
      headless: true, args: FLAGS, timeout: STEP_MS,
    }));
    console.log(`# Chromium ${browser.version()} against ${BASE}, in ${LANG}`);
    await story(browser);
    ok(`the whole story in ${LANG}: ${checked.size} pages checked`);
  } catch (e) {
    if (!(e instanceof StepFailed))
      fail('the story', e.stack || e);
  } finally {
    if (browser)
      await withTimeout(browser.close(), 'close Chromium').catch((e) =>
        fail('close Chromium', e.message));
  }
  return summary();
}

process.exitCode = await main();
