#!/usr/bin/env node
// Real-browser test of the page that `searcher serve` serves: Playwright (playwright-core, from
// npm) drives Debian's /usr/bin/chromium, headless. No browser is ever downloaded.
//
//   node tests/browser/browser_test.mjs --searcher PATH --indexer PATH --corpus DIR --out DIR
//
// Scenarios: search, facets, chips, filter box, pagination, article view, back/forward and shared
// links against the corpus (every number compared with `searcher --json` on the same index);
// an article whose title, body and company name are XSS payloads; a server run with --token;
// saved searches: saved in the page, their count of new matches after an incremental run, Mark as read.
// Prints one line per check and exits 1 if any failed. Screenshots: OUT/web-results.png (1280x800)
// and OUT/web-narrow.png (400 px wide).

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const QUERY = 'revenue sharing Llama';
const TOKEN = 's3cret';

// ---- arguments and prerequisites

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(searcher|indexer|corpus|out)$/.exec(argv[i]);
    if (!m || i + 1 >= argv.length) usage(`unexpected argument: ${argv[i]}`);
    opts[m[1]] = path.resolve(argv[++i]);
  }
  for (const k of ['searcher', 'indexer', 'corpus', 'out']) if (!opts[k]) usage(`missing --${k}`);
  return opts;
}

function usage(message) {
  console.error(`browser_test: ${message}`);
  console.error('usage: node browser_test.mjs --searcher PATH --indexer PATH --corpus DIR --out DIR');
  process.exit(2);
}

const opts = parseArgs(process.argv.slice(2));

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('FAIL browser_test: playwright-core is not installed; run `npm ci` in tests/browser');
  process.exit(1);
}
if (!fs.existsSync(CHROMIUM)) {
  console.error(`FAIL browser_test: ${CHROMIUM} is missing; install Debian's chromium package (apt-get install chromium)`);
  process.exit(1);
}

// ---- reporting

let passed = 0;
let failed = 0;

function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`ok   ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail === undefined ? '' : `: ${detail}`}`);
  }
  return ok;
}

function checkEqual(name, actual, expected) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return check(name, a === e, `got ${a}, expected ${e}`);
}

// ---- the programs under test

// Real path: the index stores resolved paths, and the test opens articles by them.
const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'docket-browser-')));
const servers = new Set();

function run(program, args) {
  const r = spawnSync(program, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return r;
}

function index(db, inputs, extra = []) {
  const r = run(opts.indexer, ['-q', '--db', db, ...extra, ...inputs]);
  if (r.status !== 0) throw new Error(`indexer exited ${r.status}: ${r.stderr.trim()}`);
}

// `searcher --json` on the same index: the reference every number on the page is compared with.
function searchJson(db, args) {
  const r = run(opts.searcher, ['--db', db, '--json', ...args]);
  if (r.status !== 0 && r.status !== 1) throw new Error(`searcher ${args.join(' ')} exited ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

// Starts `searcher serve` on a free port; resolves with its base URL once it says it is listening.
function startServer(db, extra = []) {
  return new Promise((resolve, reject) => {
    const proc = spawn(opts.searcher, ['serve', '--db', db, '--port', '0', ...extra],
                       { stdio: ['ignore', 'pipe', 'pipe'] });
    servers.add(proc);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`searcher serve did not say "listening on" in 20 s:\n${output}`)), 20000);
    const onData = (chunk) => {
      output += chunk;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], proc });
      }
    };
    proc.stdout.setEncoding('utf8').on('data', onData);
    proc.stderr.setEncoding('utf8').on('data', onData);
    proc.on('error', (err) => { clearTimeout(timer); reject(err); });
    proc.on('exit', (code, signal) => {
      servers.delete(proc);
      clearTimeout(timer);
      reject(new Error(`searcher serve exited (${code ?? signal}) before listening:\n${output}`));
    });
  });
}

async function stopServers() {
  await Promise.all([...servers].map((proc) => new Promise((resolve) => {
    const kill = setTimeout(() => proc.kill('SIGKILL'), 5000);
    proc.once('exit', () => { clearTimeout(kill); resolve(); });
    proc.kill('SIGTERM');
  })));
}

// Servers must not outlive the test, whichever way it ends.
process.on('exit', () => { for (const proc of servers) proc.kill('SIGKILL'); });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---- page helpers

// The page sets body[data-state] to "loading" synchronously when it starts a render, and to
// ready / error / auth when the render is done.
async function settled(page) {
  await page.waitForFunction(() => document.body.dataset.state && document.body.dataset.state !== 'loading'
                             && document.body.dataset.state !== 'starting', null, { timeout: 15000 });
  return page.evaluate(() => document.body.dataset.state);
}

function watchPage(page, problems) {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // CSP violations and script errors show as console errors.
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  // The page's own files (/, app.js, style.css, favicon.svg) must all load.
  page.on('response', (r) => {
    if (r.status() >= 400 && !new URL(r.url()).pathname.startsWith('/api/')) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  page.on('requestfailed', (r) => {
    // ERR_ABORTED: cut short by the test's own next navigation (the favicon, typically).
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
}

async function facetValues(page, kind) {
  return page.$$eval(`.facet-${kind} .facet-value`, (els) => els.map((el) => ({
    value: el.dataset.value,
    count: Number(el.querySelector('.facet-count').textContent.replace(/,/g, '')),
  })));
}

const pairs = (values) => (values || []).map((v) => ({ value: v.value, count: v.count }));
const pageTotal = (page) => page.$eval('#total', (el) => Number(el.dataset.total)).catch(() => null);
// The text of the first element matching, or null at once when there is none (no waiting).
const textOf = (page, selector) => page.$eval(selector, (el) => el.textContent).catch(() => null);
const firstTitle = (page) => textOf(page, '.hit .hit-title');
const chipTexts = (page) => page.$$eval('.chip', (els) => els.map((el) => el.querySelector('.chip-value').textContent));

async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(10000);   // a missing element fails its check in 10 s, not 30
  return context;
}

// ---- scenario 1: the corpus

async function corpusScenario(browser, db) {
  const { url } = await startServer(db);
  const expected = searchJson(db, [QUERY]);
  const expectedMeta = searchJson(db, ['--company', 'Meta', QUERY]);
  const context = await newContext(browser);
  const page = await context.newPage();
  const problems = [];
  watchPage(page, problems);

  await page.goto(url);
  await settled(page);
  await page.keyboard.press('/');
  check('"/" focuses the search box', await page.evaluate(() => document.activeElement?.id === 'q'));
  await page.keyboard.type(QUERY);
  await page.keyboard.press('Enter');
  check('search renders', await settled(page) === 'ready');
  check('URL holds the query', new URL(page.url()).searchParams.get('q') === QUERY, page.url());
  checkEqual('first result is the expected article', await firstTitle(page), expected.hits[0].title);
  checkEqual('total equals searcher --json', await pageTotal(page), expected.total);
  checkEqual('hits on the page', await page.locator('.hit').count(), expected.hits.length);
  check('snippet has a highlighted word', await page.locator('.hit-snippet mark').count() > 0);
  check('result shows date and path', (await page.textContent('.hit .hit-date')) === (expected.hits[0].date || 'undated')
        && (await page.textContent('.hit .hit-path')) === expected.hits[0].path);
  const companies = await facetValues(page, 'company');
  const meta = companies.find((v) => v.value === 'Meta');
  check('company facet shows Meta with its count', meta && meta.count === expected.facets.company.find((v) => v.value === 'Meta').count,
        JSON.stringify(meta));
  checkEqual('company facet equals searcher --json', companies, pairs(expected.facets.company));
  const cases = await facetValues(page, 'case');
  const kadrey = cases.find((v) => v.value === 'Kadrey v. Meta');
  check('case facet shows Kadrey v. Meta with its count',
        kadrey && kadrey.count === expected.facets.case.find((v) => v.value === 'Kadrey v. Meta').count, JSON.stringify(kadrey));
  checkEqual('case facet equals searcher --json', cases, pairs(expected.facets.case));
  checkEqual('amount facet equals searcher --json', await facetValues(page, 'amount'),
             expected.facets.amount.map((b) => ({ value: b.label, count: b.count })));
  checkEqual('amount histogram has a bar per bucket', await page.locator('[data-testid=amount-histogram] rect.bar').count(),
             expected.facets.amount.length);
  // Years and months: the matches dated in each, counted from every hit of searcher --json.
  const all = searchJson(db, ['--limit', '10000', '--no-snippets', '--no-facets', QUERY]);
  const tally = (length) => {
    const counts = new Map();
    for (const h of all.hits) if (h.date) counts.set(h.date.slice(0, length), (counts.get(h.date.slice(0, length)) || 0) + 1);
    return counts;
  };
  checkEqual('year facet equals the dates of the matches', await facetValues(page, 'year'),
             [...tally(4)].sort((a, b) => b[0].localeCompare(a[0])).map(([value, count]) => ({ value, count })));
  // Each timeline bar has an SVG <title> "YYYY-MM: count"; months without matches are drawn empty.
  const timeline = await page.$$eval('[data-testid=timeline] title', (els) => els.map((el) => el.textContent));
  checkEqual('timeline bars equal the months of the matches',
             timeline.map((t) => /^(\d{4}-\d{2}): ([\d,]+)$/.exec(t)).filter((m) => m && m[2] !== '0').map((m) => [m[1], Number(m[2])]),
             [...tally(7)].sort((a, b) => a[0].localeCompare(b[0])));
  const layout = await page.evaluate(() => {
    const f = document.getElementById('facets').getBoundingClientRect();
    const r = document.getElementById('results').getBoundingClientRect();
    return { beside: f.right <= r.left && f.top < r.bottom, scroll: document.documentElement.scrollWidth };
  });
  check('at 1280 px the facets are beside the results, nothing overflows', layout.beside && layout.scroll <= 1280, JSON.stringify(layout));
  await page.screenshot({ path: path.join(opts.out, 'web-results.png') });
  check('screenshot web-results.png', fs.existsSync(path.join(opts.out, 'web-results.png')));

  // The download button: the CSV of every match, byte for byte searcher --format csv --limit 0.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-csv')]);
  const saved = path.join(opts.out, 'web-export.csv');
  await download.saveAs(saved);
  const csv = run(opts.searcher, ['--db', db, '--format', 'csv', '--limit', '0', QUERY]).stdout;
  check('"Download CSV" saves every match as searcher --format csv does', fs.readFileSync(saved, 'utf8') === csv);
  checkEqual('its file name', download.suggestedFilename(), 'docket-export.csv');

  // Pagination: page 2 is searcher --json --offset 10.
  if (expected.total > expected.hits.length) {
    await page.click('#pager .page-next');
    await settled(page);
    const page2 = searchJson(db, ['--offset', String(expected.hits.length), QUERY]);
    checkEqual('next page starts where searcher --offset does', await firstTitle(page), page2.hits[0].title);
    check('URL holds the offset', new URL(page.url()).searchParams.get('offset') === String(expected.hits.length), page.url());
    await page.click('#pager a.page-number[data-page="1"]');
    await settled(page);
    checkEqual('page number 1 goes back to the first page', await firstTitle(page), expected.hits[0].title);
  }

  // Facet click: a chip, and counts from searcher --json --company Meta.
  await page.click('.facet-company .facet-value[data-value="Meta"]');
  await settled(page);
  checkEqual('clicking Meta adds a chip', await chipTexts(page), ['Meta']);
  checkEqual('URL holds the company filter', new URL(page.url()).searchParams.getAll('company'), ['Meta']);
  checkEqual('filtered total equals searcher --json --company Meta', await pageTotal(page), expectedMeta.total);
  checkEqual('filtered company facet equals searcher --json --company Meta', await facetValues(page, 'company'),
             pairs(expectedMeta.facets.company));
  checkEqual('filtered case facet equals searcher --json --company Meta', await facetValues(page, 'case'),
             pairs(expectedMeta.facets.case));
  checkEqual('filtered first result', await firstTitle(page), expectedMeta.hits[0].title);

  // The "filter companies" box asks /api/facets/company?prefix=.
  const listed = searchJson(db, ['--list', 'company', '--company', 'Meta', QUERY]);
  const micro = listed.values.find((v) => v.value === 'Microsoft');
  await page.fill('#company-filter', 'micro');
  const filtered = await page.waitForFunction(() => {
    const vals = [...document.querySelectorAll('.facet-company .facet-value')].map((el) => el.dataset.value);
    return vals.length && vals.every((v) => /(^|\s)micro/i.test(v)) ? vals : null;
  }, null, { timeout: 10000 }).then((h) => h.jsonValue()).catch(() => null);
  check('company filter box lists only matching names', Array.isArray(filtered) && filtered.includes('Microsoft'), JSON.stringify(filtered));
  const microShown = (await facetValues(page, 'company')).find((v) => v.value === 'Microsoft');
  check('filter box count equals searcher --list company', micro && microShown && microShown.count === micro.count,
        `${JSON.stringify(microShown)} vs ${JSON.stringify(micro)}`);
  await page.press('#company-filter', '/');
  check('"/" typed in the filter box stays there', await page.evaluate(() => document.activeElement?.id === 'company-filter'
        && document.activeElement.value === 'micro/'));
  await page.fill('#company-filter', '');
  await page.waitForFunction((n) => document.querySelectorAll('.facet-company .facet-value').length === n,
                             expectedMeta.facets.company.length, { timeout: 10000 }).catch(() => {});
  checkEqual('clearing the filter box restores the facet', await facetValues(page, 'company'), pairs(expectedMeta.facets.company));

  // The article view.
  const resultsUrl = page.url();
  await page.click('.hit .hit-title');
  check('article renders', await settled(page) === 'ready');
  check('article view shown, results hidden', await page.isVisible('#article') && !(await page.isVisible('#hits')));
  check('URL holds doc=ID', new URL(page.url()).searchParams.get('doc') === expectedMeta.hits[0].id, page.url());
  checkEqual('article title', await page.textContent('#article-title'), expectedMeta.hits[0].title);
  const marks = await page.$$eval('#article-text mark.ent', (els) => els.map((el) => ({ kind: el.dataset.kind, text: el.textContent })));
  check('article has highlighted entities', marks.length > 0, 'no mark.ent');
  check('a company is highlighted', marks.some((m) => m.kind === 'company'), JSON.stringify(marks.slice(0, 5)));
  const kinds = await page.$$eval('#article-text mark.ent', (els) => [...new Set(els.map((el) => getComputedStyle(el).backgroundColor))]);
  const kindCount = new Set(marks.map((m) => m.kind)).size;
  check('entity kinds have distinct colours', kinds.length === kindCount, `${kinds.length} colours for ${kindCount} kinds`);
  check('entities are listed', await page.locator('#article-entities .entity-company li').count() > 0);

  // Back, forward, and the same URL opened afresh.
  await page.goBack();
  await page.waitForSelector('#hits .hit', { state: 'visible', timeout: 10000 }).catch(() => {});
  await settled(page);
  check('back returns to the results URL', page.url() === resultsUrl, page.url());
  check('back shows the results list', await page.isVisible('#hits .hit') && !(await page.isVisible('#article')));
  checkEqual('back keeps the chip', await chipTexts(page), ['Meta']);
  checkEqual('back keeps the filtered total', await pageTotal(page), expectedMeta.total);
  await page.goForward();
  await page.waitForSelector('#article', { state: 'visible', timeout: 10000 }).catch(() => {});
  await settled(page);
  checkEqual('forward reopens the article', await page.textContent('#article-title'), expectedMeta.hits[0].title);
  await page.keyboard.press('Escape');
  await settled(page);
  check('Escape leaves the article for the results', await page.isVisible('#hits .hit'));
  const shared = await context.newPage();
  watchPage(shared, problems);
  await shared.goto(resultsUrl);
  await settled(shared);
  check('a shared link restores query, chip and total', await shared.inputValue('#q') === QUERY
        && JSON.stringify(await chipTexts(shared)) === '["Meta"]' && await pageTotal(shared) === expectedMeta.total);
  await shared.close();

  // Removing the chip, a year and an amount bucket, sorting.
  await page.click('.chip .chip-remove');
  await settled(page);
  check('removing the chip restores the unfiltered total', (await chipTexts(page)).length === 0 && await pageTotal(page) === expected.total);
  const year = await page.getAttribute('.facet-year .facet-value', 'data-value');
  await page.click('.facet-year .facet-value');
  await settled(page);
  const byYear = searchJson(db, ['--from', `${year}-01-01`, '--to', `${year}-12-31`, QUERY]);
  const q = new URL(page.url()).searchParams;
  check('a year sets from/to', q.get('from') === `${year}-01-01` && q.get('to') === `${year}-12-31`, page.url());
  checkEqual('year chip', await chipTexts(page), [year]);
  checkEqual('year total equals searcher --from/--to', await pageTotal(page), byYear.total);
  await page.click('.chip .chip-remove');
  await settled(page);
  const bucket = expected.facets.amount[expected.facets.amount.length - 1];
  await page.click(`.facet-amount .facet-value[data-value="${bucket.label}"]`);
  await settled(page);
  const amountArgs = ['--amount-min', String(bucket.min), ...(bucket.max == null ? [] : ['--amount-max', String(bucket.max)])];
  const byAmount = searchJson(db, [...amountArgs, QUERY]);
  check('an amount bucket sets amount_min/amount_max', new URL(page.url()).searchParams.get('amount_min') === String(bucket.min), page.url());
  checkEqual('amount total equals searcher --amount-min/--amount-max', await pageTotal(page), byAmount.total);
  await page.click('.chip .chip-remove');
  await settled(page);
  await page.selectOption('#sort', 'date');
  await settled(page);
  checkEqual('sort by date equals searcher --sort date', await firstTitle(page), searchJson(db, ['--sort', 'date', QUERY]).hits[0].title);
  check('URL holds the sort', new URL(page.url()).searchParams.get('sort') === 'date', page.url());

  // Suggestion, empty state and error messages.
  const misspelt = searchJson(db, ['antropic']);
  await page.goto(`${url}?q=antropic`);
  await settled(page);
  checkEqual('"did you mean" shows the suggestion of searcher --json', await textOf(page, '#suggestion'),
             misspelt.suggestion);
  if (misspelt.suggestion) {
    await page.click('#suggestion');
    await settled(page);
    check('clicking the suggestion searches it', await page.inputValue('#q') === misspelt.suggestion
          && await pageTotal(page) === searchJson(db, [misspelt.suggestion]).total);
  }
  await page.goto(`${url}?q=zzqxv`);
  await settled(page);
  check('empty state says no articles match', /No articles match/.test(await page.textContent('#summary')));
  const malformed = encodeURIComponent('date:2025-13-01');
  const apiError = await fetch(`${url}api/search?q=${malformed}`).then((r) => r.json());
  await page.goto(`${url}?q=${malformed}`);
  check('a malformed query shows the server\'s error message', await settled(page) === 'error' && await page.isVisible('#error')
        && await page.textContent('#error') === apiError.error, `${await page.textContent('#error')} vs ${apiError.error}`);

  // Narrow: 400 px wide, facets under the results, no sideways scrolling.
  await page.setViewportSize({ width: 400, height: 800 });
  await page.goto(resultsUrl);
  await settled(page);
  const narrow = await page.evaluate(() => {
    const f = document.getElementById('facets').getBoundingClientRect();
    const r = document.getElementById('results').getBoundingClientRect();
    return { under: f.top >= r.bottom - 1, scroll: document.documentElement.scrollWidth };
  });
  check('at 400 px the facets stack under the results, nothing overflows', narrow.under && narrow.scroll <= 400, JSON.stringify(narrow));
  await page.screenshot({ path: path.join(opts.out, 'web-narrow.png') });
  check('screenshot web-narrow.png', fs.existsSync(path.join(opts.out, 'web-narrow.png')));

  // Brushing the timeline: a drag from the first month to the last sets from/to to their days.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${url}?q=${encodeURIComponent(QUERY)}`);
  await settled(page);
  const chart = await page.locator('[data-testid=timeline]').boundingBox();
  const months = await page.locator('[data-testid=timeline] rect.bar').count();
  const xOf = (i) => chart.x + ((i + 0.5) * chart.width) / months;
  await page.mouse.move(xOf(0), chart.y + chart.height / 2);
  await page.mouse.down();
  await page.mouse.move(xOf(Math.floor(months / 2)), chart.y + chart.height / 2, { steps: 5 });
  await page.mouse.move(xOf(months - 1), chart.y + chart.height / 2, { steps: 5 });
  await page.mouse.up();
  await settled(page);
  const brushed = new URL(page.url()).searchParams;
  const firstMonth = [...tally(7).keys()].sort()[0];
  check('a drag across the timeline sets from and to', brushed.get('from') === `${firstMonth}-01` && /^\d{4}-\d{2}-\d{2}$/.test(brushed.get('to') || ''),
        page.url());
  checkEqual('and the total is searcher --json --from --to', await pageTotal(page),
             searchJson(db, ['--from', brushed.get('from'), '--to', brushed.get('to'), QUERY]).total);

  // An entity hint: "facebook" names Meta; its chip adds the filter and keeps the query.
  await page.setViewportSize({ width: 1280, height: 800 });
  const hinted = 'facebook antitrust';
  await page.goto(`${url}?q=${encodeURIComponent(hinted)}`);
  await settled(page);
  const hintJson = searchJson(db, [hinted]);
  checkEqual('the hint chip names what --json hints', await page.locator('[data-testid=hint]').allTextContents(),
             hintJson.hints.map((h) => `${h.kind === 'company' ? 'Company:' : 'Case:'} ${h.value}`));
  await page.click('[data-testid=hint]');
  await settled(page);
  const hintedMeta = searchJson(db, ['--company', 'Meta', hinted]);
  checkEqual('clicking it filters by the company, the query unchanged', await pageTotal(page), hintedMeta.total);
  check('the hint is gone once its filter is on', await page.locator('[data-testid=hint]').count() === 0);
  // The entity panel: Meta's profile within the query, as searcher --summary company --company Meta.
  const profile = searchJson(db, ['--summary', 'company', '--company', 'Meta', hinted]).summary[0];
  await page.locator('[data-testid=entity-profile]').first().waitFor();
  const panelText = await page.locator('[data-testid=entity-profile]').first().textContent();
  check('the entity panel shows Meta\'s articles and first co-mention', panelText.includes('Meta')
        && panelText.includes(`${profile.articles} article`) && panelText.includes(profile.with[0].value), panelText);
  check('the URL keeps the query and adds the filter', new URL(page.url()).searchParams.get('q') === hinted
        && new URL(page.url()).searchParams.getAll('company').includes('Meta'), page.url());

  // Errors the page reported itself (the malformed query's 400 is expected once).
  const unexpected = problems.filter((p) => !/status of 400/.test(p));
  check('no script errors or CSP violations', unexpected.length === 0, unexpected.join(' | '));
  await context.close();
}

// ---- scenario 2: an article made of XSS payloads

const TITLE_PAYLOAD = '<script>window.__pwned=1</script>';
const BODY_PAYLOAD = '"><img src=x onerror="window.__pwned=1">';
const COMPANY_PAYLOAD = '"><img src=x onerror=window.__pwned=1> Corp';

async function xssScenario(browser) {
  const dir = path.join(tmp, 'xss-corpus');
  fs.mkdirSync(dir);
  // The company is the gazetteer's canonical name, found through a plain alias in the text.
  const gazetteer = path.join(tmp, 'xss-gazetteer.tsv');
  fs.writeFileSync(gazetteer, `${COMPANY_PAYLOAD}\tZyxwv Widgets\n`);
  fs.writeFileSync(path.join(dir, 'xss.md'), [
    '---',
    `title: "${TITLE_PAYLOAD} Zyxwv headline"`,
    'date: 2025-05-01',
    'url: "javascript:window.__pwned=1"',
    '---',
    `Zyxwv report. ${BODY_PAYLOAD} appeared in the body.`,   // raw HTML: the reader drops the tag
    '',
    // Escaped, markdown keeps the payloads as text: these reach the article's text.
    'Escaped: &quot;&gt;&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt; and \\<script\\>window.__pwned=1\\</script\\>.',
    '',
    'Zyxwv Widgets said on Monday it raised $5 million. Zyxwv Widgets shares rose 5%.',
    '',
    '[click](javascript:window.__pwned=1)',
    '',
    TITLE_PAYLOAD,
    '',
  ].join('\n'));
  // And one with a real link: the article view shows http(s) URLs only.
  fs.writeFileSync(path.join(dir, 'safe.md'),
                   '---\ntitle: Zyxwv linked story\ndate: 2025-05-02\nurl: https://example.com/story\n---\nA plain story.\n');
  const db = path.join(tmp, 'xss-db');
  index(db, [dir], ['--gazetteer', gazetteer]);
  const expected = searchJson(db, ['zyxwv']);
  check('XSS: the extractor found the payload company', expected.facets.company.some((v) => v.value === COMPANY_PAYLOAD),
        JSON.stringify(expected.facets.company));
  const { url } = await startServer(db, ['--gazetteer', gazetteer]);   // the article view finds the mentions again
  const context = await newContext(browser);
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss().catch(() => {}); });
  const problems = [];   // a blocked inline handler would show here as a CSP violation
  watchPage(page, problems);
  await page.goto(url);
  await settled(page);
  await page.fill('#q', 'zyxwv');
  await page.press('#q', 'Enter');
  await settled(page);
  const titles = await page.$$eval('.hit .hit-title', (els) => els.map((el) => el.textContent));
  check('XSS: the title payload shows as text in the results', titles.some((t) => t.includes(TITLE_PAYLOAD)), JSON.stringify(titles));
  check('XSS: the company payload shows as text in the facet',
        (await facetValues(page, 'company')).some((v) => v.value === COMPANY_PAYLOAD)
        && (await page.textContent('.facet-company .facet-name')).includes(COMPANY_PAYLOAD));
  await page.locator('.hit .hit-title', { hasText: TITLE_PAYLOAD }).click();
  await settled(page);
  check('XSS: article title is the payload as text', (await page.textContent('#article-title')).includes(TITLE_PAYLOAD));
  const body = await page.textContent('#article-text');
  check('XSS: article body shows the payloads as text', body.includes(BODY_PAYLOAD) && body.includes(TITLE_PAYLOAD), body);
  check('XSS: the company payload is listed as text', (await page.textContent('#article-entities')).includes(COMPANY_PAYLOAD));
  check('XSS: the company is highlighted', await page.locator('#article-text mark.ent-company').count() > 0);
  const links = page.locator('#article a', { hasText: 'click' });
  for (let i = 0; i < await links.count(); i++) await links.nth(i).click().catch(() => {});
  await page.waitForTimeout(300);   // time for an injected onerror to fire
  check('XSS: no javascript: link anywhere', await page.locator('a[href^="javascript:" i]').count() === 0);
  check('XSS: no injected element', await page.evaluate(() => document.querySelectorAll('img, script:not([src="/app.js"]), iframe').length) === 0);
  check('XSS: window.__pwned is undefined', await page.evaluate(() => typeof window.__pwned) === 'undefined');
  check('XSS: no dialog fired', dialogs === 0, `${dialogs} dialogs`);
  check('XSS: no script errors or CSP violations', problems.length === 0, problems.join(' | '));
  await page.goto(`${url}?doc=${encodeURIComponent(path.join(dir, 'safe.md'))}`);   // a shared article link
  await settled(page);
  checkEqual('an https URL becomes the article\'s link', await page.getAttribute('#article-meta a.article-url', 'href').catch(() => null),
             'https://example.com/story');
  await context.close();
}

// ---- scenario 3: a server that needs a token

async function tokenScenario(browser, db) {
  const { url } = await startServer(db, ['--token', TOKEN]);
  const bare = await fetch(`${url}api/search?q=llama`);
  checkEqual('token: /api/ without the token is 401', bare.status, 401);
  const expected = searchJson(db, ['llama']);
  const context = await newContext(browser);
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => { if (r.url().includes('/api/')) requests.push(r.headers().authorization || ''); });
  await page.goto(`${url}?q=llama`);
  check('token: the page asks for the token', await settled(page) === 'auth' && await page.isVisible('#auth'));
  checkEqual('token: no results before the token', await page.locator('.hit').count(), 0);
  await page.fill('#token', TOKEN);
  const asked = requests.length;
  await page.press('#token', 'Enter');
  check('token: search works after entering it', await settled(page) === 'ready' && !(await page.isVisible('#auth')));
  checkEqual('token: total equals searcher --json', await pageTotal(page), expected.total);
  const later = requests.slice(asked);
  check('token: every later request sends the bearer token', later.length > 0 && later.every((h) => h === `Bearer ${TOKEN}`),
        JSON.stringify(later));
  await page.reload();
  check('token: kept for the session (no form after reload)', await settled(page) === 'ready' && !(await page.isVisible('#auth')));
  await page.evaluate(() => sessionStorage.setItem('docket-token', 'wrong'));
  await page.reload();
  check('token: a rejected token asks again', await settled(page) === 'auth' && await page.isVisible('#auth'));
  await context.close();
}

// ---- scenario 4: saved searches, on a copy of the corpus that grows by one article

function savedJson(db, file) {
  const r = run(opts.searcher, ['--db', db, '--saved', '--saved-file', file, '--json']);
  if (r.status !== 0) throw new Error(`searcher --saved exited ${r.status}: ${r.stderr.trim()}`);
  return JSON.parse(r.stdout);
}

async function savedScenario(browser) {
  const dir = path.join(tmp, 'saved-corpus');
  fs.cpSync(opts.corpus, dir, { recursive: true });
  const db = path.join(tmp, 'saved-db');
  const file = path.join(tmp, 'saved.json');
  index(db, [dir]);
  const { url } = await startServer(db, ['--saved-file', file]);
  const context = await newContext(browser);
  const page = await context.newPage();
  const problems = [];
  watchPage(page, problems);
  await page.goto(url);
  await settled(page);
  check('saved: an empty list shows a hint', /None yet/.test(await page.textContent('#saved-list')));
  await page.goto(`${url}?q=revenue&company=Meta`);
  await settled(page);
  await page.click('#save-open');
  await page.fill('#save-name', 'bad name!');
  await page.click('#save-submit');
  await page.locator('#save-message').waitFor();
  const apiError = await fetch(`${url}api/saved`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'bad name!', q: 'revenue' }) }).then((r) => r.json());
  checkEqual('saved: a bad name shows the server\'s 400 inline', await page.textContent('#save-message'), apiError.error);
  await page.fill('#save-name', 'meta-revenue');
  await page.click('#save-submit');
  await page.locator('[data-testid=saved-row][data-name="meta-revenue"]').waitFor();
  check('saved: the form closes and says saved', await page.isHidden('#save-form') && /Saved/.test(await page.textContent('#save-done')));
  const row = page.locator('[data-testid=saved-row][data-name="meta-revenue"]');
  checkEqual('saved: the new row shows 0 new', await row.locator('.saved-new').getAttribute('data-count'), '0');
  const listed = savedJson(db, file).saved[0];
  checkEqual('saved: saved with the page\'s query and filter', [listed.query, listed.company], ['revenue', ['Meta']]);

  // One article more, indexed incrementally: the badge counts it, as --saved does.
  const added = path.join(dir, 'zz-meta-revenue-new.md');
  fs.writeFileSync(added, '---\ntitle: Meta posts record revenue from AI ads\ndate: 2026-11-30\n---\n'
                   + 'Meta Platforms said revenue rose on AI-driven advertising.\n');
  index(db, [dir]);
  const after = savedJson(db, file).saved[0].new;
  checkEqual('saved: searcher --saved counts the added article', after, 1);
  await page.goto(url);
  await settled(page);
  await row.locator('.saved-new[data-count]').waitFor();
  checkEqual('saved: after re-indexing the badge shows what --saved counts', await row.locator('.saved-new').getAttribute('data-count'),
             String(after));
  await row.locator('a.saved-new').click();
  await settled(page);
  const u = new URL(page.url()).searchParams;
  check('saved: the badge loads the query, filter and new=NAME', u.get('q') === 'revenue' && u.getAll('company').join() === 'Meta'
        && u.get('new') === 'meta-revenue', page.url());
  checkEqual('saved: the results are exactly the new article', await page.$$eval('.hit .hit-path', (els) => els.map((el) => el.textContent)),
             [added]);
  checkEqual('saved: its total is 1', await pageTotal(page), 1);
  check('saved: the banner names the search', (await page.textContent('#new-banner')).includes('New in meta-revenue since'));
  await page.click('#mark-read');
  await settled(page);
  await page.waitForFunction(() => document.querySelector('[data-name="meta-revenue"] .saved-new')?.dataset.count === '0');
  check('saved: Mark as read drops new from the URL', !new URL(page.url()).searchParams.has('new'), page.url());
  checkEqual('saved: the badge goes to 0', await row.locator('.saved-new').getAttribute('data-count'), '0');
  checkEqual('saved: and searcher --saved agrees', savedJson(db, file).saved[0].new, 0);
  await page.click('[data-testid=saved-row] a.saved-name');
  await settled(page);
  checkEqual('saved: the name loads the saved query and filter', await pageTotal(page), searchJson(db, ['--company', 'Meta', 'revenue']).total);

  await page.setViewportSize({ width: 400, height: 800 });
  await page.reload();
  await settled(page);
  const narrow = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth,
    shown: document.querySelector('[data-testid=saved-row]')?.getBoundingClientRect().width > 0 }));
  check('saved: at 400 px the list shows, nothing overflows', narrow.shown && narrow.scroll <= 400, JSON.stringify(narrow));
  const unexpected = problems.filter((p) => !/status of 400/.test(p));
  check('saved: no script errors or CSP violations', unexpected.length === 0, unexpected.join(' | '));
  await context.close();
}

// ---- main

let browser;
try {
  fs.mkdirSync(opts.out, { recursive: true });
  const db = path.join(tmp, 'db');
  index(db, [opts.corpus]);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  for (const [name, scenario] of [['corpus', () => corpusScenario(browser, db)], ['xss', () => xssScenario(browser)],
                                  ['token', () => tokenScenario(browser, db)], ['saved', () => savedScenario(browser)]]) {
    try {
      await scenario();
    } catch (err) {
      check(`${name} scenario ran to the end`, false, err.stack || String(err));
    }
  }
} catch (err) {
  check('setup', false, err.stack || String(err));
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopServers();
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
