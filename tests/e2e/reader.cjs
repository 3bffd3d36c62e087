// Reader experience checks of the default theme in headless Chromium
// (Debian's chromium, driven by playwright-core as installed by
// ../shared/validate/setup.sh), on the sample site built as of
// SOURCE_DATE_EPOCH=1795392000:
//  1. no sideways scrolling on any page type from 320 to 1440 px
//     (tables and code scroll inside their own box, selects fit);
//  2. no request leaves the site (no web fonts, no framework, no CDN);
//  3. axe-core finds no WCAG 2.x A/AA violation on the index, a notice,
//     the improvements page and an area page, in light and in dark mode;
//  4. the contract with site.js: every notice card and row and every
//     improvement carries data-area, data-audience, data-impact, data-kind
//     and data-state, month groups carry data-group, filter pages have
//     #filter-status, and every page has the search box;
//  5. smaller defects stay fixed: subscribe options in the first screen of
//     the index, a maintenance window reads "Starts"/"Ends", task-list items
//     show a checkbox and no bullet, no "1 improvements"-style plurals.
// SCREENSHOT_DIR=dir also keeps the index and a breaking notice at 1280 and
// 390 px, light and dark (the README's docs/screenshots/).
// Usage: NODE_PATH=…/node_modules node tests/e2e/reader.cjs path/to/forewarn
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const os = require('os');
const path = require('path');

const BIN = path.resolve(process.argv[2] || 'target/release/forewarn');
const REPO = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const WIDTHS = [320, 390, 1280, 1440];
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MIME = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.ics': 'text/calendar', '.txt': 'text/plain; charset=utf-8',
};
// Every page type, with a page of each that is hard to lay out: long audience
// names, wide tables, code blocks, a maintenance window.
const PAGES = {
  index: '/',
  'notices list': '/notices/',
  notice: '/notices/webhook-signature-sha256/',
  'notice with tables and a task list': '/notices/api-v1-retirement/',
  'maintenance notice': '/notices/ledger-maintenance-january-2027/',
  improvements: '/improvements/',
  'areas index': '/areas/',
  'area page': '/areas/api/',
  'audiences index': '/audiences/',
  'audience page': '/audiences/finance-teams-running-scheduled-payment-batches/',
  'impact page': '/impact/breaking/',
  page: '/pages/notice-policy/',
  404: '/404.html',
  'newsletter archive': '/newsletter/',
  search: '/search/',
};
const AXE_PAGES = ['index', 'notice', 'improvements', 'area page'];

let passed = 0;
let failed = 0;

async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok: ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAILED: ${name}: ${e && e.message ? e.message : e}`);
  }
}

function build() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forewarn-reader-'));
  fs.cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'forewarn.toml'), path.join(dir, 'forewarn.toml'));
  execFileSync(BIN, ['--root', dir, 'build', '--quiet'], {
    env: { ...process.env, SOURCE_DATE_EPOCH: '1795392000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return path.join(dir, 'public');
}

// Serves `root` on 127.0.0.1: folders by their index.html, else 404.html.
function serve(root) {
  const server = http.createServer((req, res) => {
    let file;
    try { file = path.normalize(path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname))); } catch (e) { file = root; }
    if (file.startsWith(root) && fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': MIME['.html'] });
      res.end(fs.readFileSync(path.join(root, '404.html')));
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// What sticks out of the viewport, for the failure message.
function overflowReport() {
  const vw = window.innerWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && r.right > vw + 0.5) {
      let clipped = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (s.overflowX !== 'visible' && p.getBoundingClientRect().right <= vw + 0.5) { clipped = true; break; }
      }
      if (!clipped) {
        const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
        out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${cls} (right edge ${Math.round(r.right)} px)`);
      }
    }
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: vw, culprits: out.slice(0, 5) };
}

async function main() {
  const out = build();
  const server = await serve(out);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const foreign = new Set();
  const newContext = async (options) => {
    const context = await browser.newContext(options);
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith(origin + '/') || u.startsWith('data:')) return route.continue();
      foreign.add(u);
      return route.abort('blockedbyclient');
    });
    return context;
  };
  // axe's violations on `page` (the same tags as the page checks), with
  // the search dropdown open: results and the box are checked as shown.
  const axeRun = async (page) => {
    await page.addScriptTag({ content: axeSource });
    return page.evaluate(async (tags) => {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
    }, TAGS);
  };
  const open = async (context, url) => {
    const page = await context.newPage();
    const resp = await page.goto(origin + url, { waitUntil: 'load' });
    if (!resp || resp.status() !== 200) throw new Error(`${url}: HTTP ${resp ? resp.status() : 'no response'}`);
    return page;
  };
  try {
    // 1. No sideways scrolling.
    for (const width of WIDTHS) {
      const context = await newContext({ viewport: { width, height: width < 600 ? 844 : 900 } });
      try {
        for (const [name, url] of Object.entries(PAGES)) {
          await check(`${name} (${url}) has no sideways scrolling at ${width} px`, async () => {
            const page = await open(context, url);
            try {
              const r = await page.evaluate(overflowReport);
              if (r.scrollWidth > r.innerWidth) {
                throw new Error(`the page is ${r.scrollWidth} px wide in a ${r.innerWidth} px window; sticking out: ${r.culprits.join(', ') || 'unknown'}`);
              }
            } finally {
              await page.close();
            }
          });
        }
      } finally {
        await context.close();
      }
    }

    // 3. axe, light and dark.
    for (const colorScheme of ['light', 'dark']) {
      const context = await newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
      try {
        for (const name of AXE_PAGES) {
          const url = PAGES[name];
          await check(`axe finds no violation on the ${name} (${url}) in ${colorScheme} mode`, async () => {
            const page = await open(context, url);
            try {
              await page.addScriptTag({ content: axeSource });
              const violations = await page.evaluate(async (tags) => {
                const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
                return r.violations.map((v) => `${v.id} (${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')})`);
              }, TAGS);
              if (violations.length) throw new Error(violations.join(', '));
            } finally {
              await page.close();
            }
          });
        }
      } finally {
        await context.close();
      }
    }

    // 4 and 5: markup the scripts rely on, and the smaller defects.
    const context = await newContext({ viewport: { width: 390, height: 844 } });
    try {
      await check('every notice card and row and every improvement carries the filter data attributes', async () => {
        const problems = [];
        for (const url of ['/', '/notices/', '/areas/api/', '/impact/breaking/', '/improvements/', PAGES.notice]) {
          const page = await open(context, url);
          try {
            const found = await page.evaluate(() => {
              const attrs = ['data-area', 'data-audience', 'data-impact', 'data-kind', 'data-state'];
              const items = [...document.querySelectorAll('main .card, main .row, main .improvement')];
              const missing = items.filter((el) => attrs.some((a) => !el.hasAttribute(a)))
                .map((el) => `${el.className.split(' ')[0]} ${el.querySelector('a, h3') ? el.querySelector('a, h3').textContent.trim().slice(0, 40) : ''}`);
              const badState = items.filter((el) => !el.classList.contains('improvement') &&
                !['upcoming', 'in-effect', 'ended', 'withdrawn'].includes(el.getAttribute('data-state'))).length;
              const badKind = items.filter((el) => el.classList.contains('improvement') && el.getAttribute('data-kind') !== 'improvement').length;
              const groups = [...document.querySelectorAll('main .group, main .month-group')].filter((g) => !g.hasAttribute('data-group')).length;
              return { count: items.length, missing, badState, badKind, groups };
            });
            if (!found.count) problems.push(`${url}: no cards, rows or improvements`);
            if (found.missing.length) problems.push(`${url}: missing attributes on ${found.missing.slice(0, 3).join('; ')}`);
            if (found.badState) problems.push(`${url}: ${found.badState} notices with an unknown data-state`);
            if (found.badKind) problems.push(`${url}: ${found.badKind} improvements without data-kind="improvement"`);
            if (found.groups) problems.push(`${url}: ${found.groups} month groups without data-group`);
          } finally {
            await page.close();
          }
        }
        const areas = await open(context, '/areas/api/');
        try {
          const slugs = await areas.$$eval('main .improvement', (els) => els.map((e) => e.getAttribute('data-area')));
          if (!slugs.length || slugs.some((s) => !s.split(' ').includes('api'))) problems.push(`/areas/api/: improvement data-area ${JSON.stringify(slugs)}`);
        } finally {
          await areas.close();
        }
        if (problems.length) throw new Error(problems.join(' | '));
      });

      await check('pages with filters have an empty #filter-status live region', async () => {
        for (const url of ['/', '/notices/']) {
          const page = await open(context, url);
          try {
            const s = await page.evaluate(() => {
              const p = document.getElementById('filter-status');
              return p && { role: p.getAttribute('role'), live: p.getAttribute('aria-live'), near: !!p.closest('.filters') };
            });
            if (!s || s.role !== 'status' || s.live !== 'polite' || !s.near) throw new Error(`${url}: ${JSON.stringify(s)}`);
          } finally {
            await page.close();
          }
        }
      });

      await check('every page has the search box in its header, and it fits at 390 px', async () => {
        for (const [name, url] of Object.entries(PAGES)) {
          const page = await open(context, url);
          try {
            const s = await page.evaluate(() => {
              const form = document.querySelector('header form[role=search].site-search');
              const input = form && form.querySelector('input[type=search]#site-search[name=q]');
              const label = input && document.querySelector('label[for=site-search]');
              const results = form && form.querySelector('#search-results.search-results');
              const r = input && input.getBoundingClientRect();
              return { form: !!form, input: !!input, label: !!label, results: !!results, fits: !!r && r.left >= 0 && r.right <= window.innerWidth, action: form && form.getAttribute('action') };
            });
            if (!s.form || !s.input || !s.label || !s.results || !s.fits || !/\/search\/$/.test(s.action || '')) {
              throw new Error(`${name}: ${JSON.stringify(s)}`);
            }
          } finally {
            await page.close();
          }
        }
      });

      await check('the index offers subscribe options in its first screen (390 and 1280 px)', async () => {
        for (const viewport of [{ width: 390, height: 844 }, { width: 1280, height: 900 }]) {
          const page = await context.newPage();
          try {
            await page.setViewportSize(viewport);
            await page.goto(origin + '/', { waitUntil: 'load' });
            const top = await page.evaluate(() => {
              const a = document.querySelector('main a[href$="calendar.ics"], main a[href$="feed.xml"]');
              return a ? a.getBoundingClientRect().top : Infinity;
            });
            if (!(top < viewport.height)) throw new Error(`the first subscribe link is ${top} px down a ${viewport.height} px screen`);
          } finally {
            await page.close();
          }
        }
      });

      await check('a maintenance window reads "Starts" and "Ends", not "Takes effect"', async () => {
        const page = await open(context, PAGES['maintenance notice']);
        try {
          const labels = await page.$$eval('dl.facts dt', (dts) => dts.map((d) => d.textContent.trim()));
          if (labels[0] !== 'Starts' || !labels.includes('Ends') || labels.includes('Takes effect')) throw new Error(JSON.stringify(labels));
        } finally {
          await page.close();
        }
      });

      await check('task-list items show a checkbox and no bullet', async () => {
        const page = await open(context, PAGES['notice with tables and a task list']);
        try {
          const items = await page.$$eval('main li', (lis) => lis.filter((li) => li.querySelector(':scope > input[type=checkbox]'))
            .map((li) => getComputedStyle(li).listStyleType));
          if (!items.length) throw new Error('no task-list item on the page');
          if (items.some((t) => t !== 'none')) throw new Error(`list-style-type: ${items.join(', ')}`);
        } finally {
          await page.close();
        }
      });

      await check('a notice does not list itself as a related notice', async () => {
        const page = await open(context, PAGES.notice);
        try {
          const self = await page.$$eval('main .related a', (as) => as.filter((a) => new URL(a.href).pathname === location.pathname).length);
          if (self) throw new Error(`${self} links to the page itself`);
        } finally {
          await page.close();
        }
      });

      await check('a filter set in the URL shows only matching notices and improvements, survives reload and back', async () => {
        const page = await open(context, '/?area=api');
        try {
          const visible = () => page.$$eval('[data-kind]', (els) => els
            .filter((e) => !e.hidden && e.offsetParent !== null)
            .map((e) => [e.getAttribute('data-kind'), ` ${e.getAttribute('data-area') || ''} `]));
          const shown = await visible();
          if (!shown.length) throw new Error('nothing shown for area=api');
          const wrong = shown.filter(([, areas]) => !areas.includes(' api '));
          if (wrong.length) throw new Error(`${wrong.length} shown items are not in the API area`);
          if (!shown.some(([kind]) => kind === 'improvement')) throw new Error('no improvement shown for area=api');
          if (await page.$eval('select[data-filter="areas"]', (s) => s.value) !== 'api') throw new Error('the select does not show the filter');
          const status = await page.$eval('#filter-status', (e) => e.textContent);
          if (!/^\d+ notices? and \d+ improvements? match$/.test(status)) throw new Error(`status: "${status}"`);
          const emptyGroups = await page.$$eval('[data-group]', (gs) => gs.filter((g) => !g.hidden && g.offsetParent !== null
            && !g.querySelector('[data-kind]:not([hidden])')).length);
          if (emptyGroups) throw new Error(`${emptyGroups} empty groups still shown`);
          await page.reload({ waitUntil: 'load' });
          const again = await visible();
          if (again.length !== shown.length) throw new Error(`after reload ${again.length} items, before ${shown.length}`);
          await page.selectOption('select[data-filter="impact"]', 'breaking');
          if (!page.url().includes('impact=breaking')) throw new Error(`the URL does not keep the filter: ${page.url()}`);
          await page.goBack({ waitUntil: 'load' });
          if (await page.$eval('select[data-filter="impact"]', (s) => s.value) !== '') throw new Error('back does not restore the filters');
          await page.goto(origin + '/?area=api&impact=low&kind=removal', { waitUntil: 'load' });
          const none = await page.$eval('#filter-status', (e) => e.textContent);
          if (!/^Nothing matches/.test(none)) throw new Error(`no match says: "${none}"`);
        } finally {
          await page.close();
        }
      });

      await check('typing a word of a notice title in the search box shows a link to that notice; keys move and open', async () => {
        const page = await open(context, '/improvements/');
        try {
          await page.fill('#site-search', 'webhook signatures');
          await page.waitForSelector('#search-results a', { timeout: 5000 });
          const links = await page.$$eval('#search-results a', (as) => as.map((a) => new URL(a.href).pathname));
          if (!links.includes(PAGES.notice)) throw new Error(`results: ${links.join(', ')}`);
          if (await page.$eval('#site-search', (e) => e.getAttribute('aria-expanded')) !== 'true') throw new Error('aria-expanded is not true');
          await page.keyboard.press('ArrowDown');
          const active = await page.$eval('#site-search', (e) => e.getAttribute('aria-activedescendant'));
          if (!active) throw new Error('ArrowDown selects no result');
          await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
          if (new URL(page.url()).pathname === '/improvements/') throw new Error('Enter did not open the result');
          await page.goto(origin + '/search/?q=webhook', { waitUntil: 'load' });
          await page.waitForSelector('#search-page-results a', { timeout: 5000 });
          const results = await page.$$eval('#search-page-results a', (as) => as.length);
          if (!results) throw new Error('the search page lists nothing for "webhook"');
          await page.fill('#site-search', 'webhook');
          await page.waitForSelector('#search-results a', { timeout: 5000 });
          const violations = await axeRun(page);
          if (violations.length) throw new Error(`axe on search results: ${violations.join('; ')}`);
        } finally {
          await page.close();
        }
      });

      await check('counts read "1 thing", never "1 things"', async () => {
        const problems = [];
        for (const [name, url] of Object.entries(PAGES)) {
          const page = await open(context, url);
          try {
            const text = await page.evaluate(() => document.body.innerText);
            const m = text.match(/(?:^|[^\w.,])1 (notices|improvements|requests|changes|days|issues|matching notices)\b/);
            if (m) problems.push(`${name}: "${m[0].trim()}"`);
          } finally {
            await page.close();
          }
        }
        if (problems.length) throw new Error(problems.join(', '));
      });
    } finally {
      await context.close();
    }

    if (process.env.SCREENSHOT_DIR) {
      await check(`screenshots in ${process.env.SCREENSHOT_DIR}`, async () => {
        fs.mkdirSync(process.env.SCREENSHOT_DIR, { recursive: true });
        for (const [shot, url] of [['index', '/'], ['notice', PAGES.notice]]) {
          for (const [device, viewport] of [['desktop', { width: 1280, height: 860 }], ['mobile', { width: 390, height: 844 }]]) {
            for (const colorScheme of ['light', 'dark']) {
              const ctx = await newContext({ viewport, colorScheme, timezoneId: 'America/New_York', locale: 'en-US', deviceScaleFactor: device === 'mobile' ? 2 : 1 });
              try {
                const page = await ctx.newPage();
                await page.clock.setFixedTime(new Date(1795392000 * 1000));
                await page.goto(origin + url, { waitUntil: 'load' });
                await page.screenshot({ path: path.join(process.env.SCREENSHOT_DIR, `${shot}-${device}-${colorScheme}.png`) });
              } finally {
                await ctx.close();
              }
            }
          }
        }
      });
    }

    // 2. Nothing fetched from elsewhere, on any of the pages above.
    await check('no page requests anything from another origin', async () => {
      if (foreign.size) throw new Error([...foreign].slice(0, 5).join(', '));
    });
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(String(e && e.stack ? e.stack : e)); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); });
