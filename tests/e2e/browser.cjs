// End-to-end checks in headless Chromium (Debian's chromium, driven by
// playwright-core as installed by ../shared/validate/setup.sh):
//  1. the newsletter renders at 600 px without horizontal overflow;
//  2. a page open in `forewarn serve` shows an edit of its notice without
//     a manual reload, then shows the error overlay for a broken file;
//  3. the in-app banner (banner.js) on a page of another origin under a
//     strict Content-Security-Policy: right audience only, styled, keyboard
//     dismissal that survives a reload, no cookie, no other request, no
//     axe violation (light and dark).
// SCREENSHOT=file.png keeps the newsletter, SCREENSHOT_DIR=dir the banner
// at 390 and 1280 px.
// Usage: NODE_PATH=…/node_modules node tests/e2e/browser.cjs path/to/forewarn
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const http = require('http');

const BIN = path.resolve(process.argv[2] || 'target/release/forewarn');
const REPO = path.resolve(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0;
let failed = 0;

function copySample() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forewarn-e2e-'));
  fs.cpSync(path.join(REPO, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.copyFileSync(path.join(REPO, 'forewarn.toml'), path.join(dir, 'forewarn.toml'));
  return dir;
}

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
}

// Serves `handler(url) -> {status, headers, body}` on 127.0.0.1.
function listen(handler) {
  const server = http.createServer((req, res) => {
    let reply;
    try { reply = handler(new URL(req.url, 'http://x')); } catch (e) { reply = null; }
    reply = reply || { status: 404, headers: { 'content-type': 'text/plain' }, body: 'not found' };
    res.writeHead(reply.status || 200, reply.headers || {});
    res.end(reply.body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const MIME = { '.js': 'text/javascript; charset=utf-8', '.json': 'application/json', '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8' };

async function bannerCheck(browser) {
  const site = copySample();
  const out = path.join(site, 'public');
  execFileSync(BIN, ['--root', site, 'build', '--quiet'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1795392000' } });
  const siteServer = await listen((u) => {
    const file = path.normalize(path.join(out, decodeURIComponent(u.pathname)));
    if (!file.startsWith(out + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
    return { headers: { 'content-type': MIME[path.extname(file)] || 'application/octet-stream' }, body: fs.readFileSync(file) };
  });
  const siteOrigin = `http://127.0.0.1:${siteServer.address().port}`;
  // The host app: another origin, a strict CSP that allows scripts of the
  // site's origin and nothing else (no connect-src, no inline style), and
  // a stylesheet that would wreck a banner without a shadow root.
  const csp = `default-src 'none'; script-src ${siteOrigin}; style-src 'self'; base-uri 'none'; form-action 'none'`;
  const esc = (v) => String(v).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const hostServer = await listen((u) => {
    if (u.pathname === '/host.css') {
      return { headers: { 'content-type': MIME['.css'] }, body: [
        'body{font-family:serif;line-height:3;text-transform:uppercase;letter-spacing:.1em;color:#222;background:#fff}',
        'div,ul,li{border:0;margin:0;padding:0} ul{list-style:square} a{color:#060} button{background:#b00;color:#fff;padding:1rem 2rem;border:0}',
        'span{font-size:2rem} time{display:none} *{box-sizing:content-box}',
      ].join('\n') };
    }
    if (u.pathname !== '/app') return null;
    const attrs = ['audience', 'area', 'days'].filter((k) => u.searchParams.has(k))
      .map((k) => ` data-${k}="${esc(u.searchParams.get(k))}"`).join('');
    const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host app</title>
<link rel="stylesheet" href="/host.css"></head><body>
<script src="${siteOrigin}/banner.js"${attrs} async></script>
<main><h1>Host app</h1><p>The product a vendor embeds the banner in. <a href="/app">Home</a></p>
<button type="button">Save</button></main></body></html>`;
    return { headers: { 'content-type': MIME['.html'], 'content-security-policy': csp }, body };
  });
  const hostOrigin = `http://127.0.0.1:${hostServer.address().port}`;
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const problems = [];
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    context.on('console', (m) => { if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`); });
    context.on('weberror', (e) => problems.push(`uncaught: ${e.error().message}`));
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const page = await context.newPage();
    // Sample notices are months after the build's "now"; the banner picks
    // by the reader's clock: four days before the January ledger window.
    await page.clock.setFixedTime(new Date('2027-01-20T12:00:00Z'));
    const open = async (query) => {
      const resp = await page.goto(`${hostOrigin}/app?${query}`, { waitUntil: 'load' });
      if (!resp.ok()) throw new Error(`host page: HTTP ${resp.status()}`);
    };
    const items = () => page.locator('forewarn-banner li');
    const region = page.getByRole('region', { name: 'Larkspur change notices' });

    // Not for another audience, nor beyond data-days.
    for (const q of ['audience=sales-teams', 'audience=administrators', 'audience=api-users&area=exports']) {
      await open(q);
      const n = await page.locator('forewarn-banner').count();
      if (n) throw new Error(`a banner shows for ${q}: ${await page.locator('forewarn-banner').innerText()}`);
    }
    // data-days widens the window; names work as well as slugs.
    await open('audience=Administrators&days=30');
    const wide = await items().allInnerTexts();
    if (wide.length !== 1 || !/EU workspaces move/.test(wide[0])) throw new Error(`30 days for administrators shows ${JSON.stringify(wide)}`);

    // The right audience sees the maintenance window four days ahead.
    await open('audience=api-users');
    if (!(await region.isVisible())) throw new Error('no banner region for api-users');
    const shown = await items().allInnerTexts();
    if (shown.length !== 1 || !/Planned maintenance/.test(shown[0]) || !/Maintenance/.test(shown[0])) {
      throw new Error(`api-users sees ${JSON.stringify(shown)}`);
    }
    const link = region.getByRole('link');
    const href = await link.getAttribute('href');
    if (href !== 'https://changes.larkspur.example/notices/ledger-maintenance-january-2027/') throw new Error(`link to ${href}`);
    // Its own styles apply (a constructed sheet under style-src 'self'),
    // the page's do not reach in, and its own do not leak out.
    const look = await page.evaluate(() => {
      const host = document.querySelector('forewarn-banner');
      const root = host.shadowRoot;
      const cs = (e) => getComputedStyle(e);
      return {
        border: cs(root.querySelector('[role=region]')).borderLeftWidth,
        transform: cs(root.querySelector('a')).textTransform,
        font: cs(root.querySelector('a')).fontFamily,
        time: cs(root.querySelector('time')).display,
        button: cs(root.querySelector('button')).backgroundColor,
        pageButton: cs(document.querySelector('main button')).backgroundColor,
        before: host.nextElementSibling && host.nextElementSibling.tagName,
      };
    });
    if (look.border !== '6px') throw new Error(`the banner's stylesheet did not apply: ${JSON.stringify(look)}`);
    if (look.transform !== 'none' || /serif/.test(look.font.replace('sans-serif', '')) || look.time === 'none') {
      throw new Error(`the page's CSS reaches into the banner: ${JSON.stringify(look)}`);
    }
    if (look.button !== 'rgba(0, 0, 0, 0)' || look.pageButton !== 'rgb(187, 0, 0)') throw new Error(`styles cross the shadow root: ${JSON.stringify(look)}`);
    if (look.before !== 'SCRIPT') throw new Error(`the banner is not where its script tag is: ${JSON.stringify(look)}`);

    const axe = async (what) => {
      if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] }, resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
      });
      if (violations.length) throw new Error(`axe (${what}): ${violations.join('; ')}`);
    };
    await axe('light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await axe('dark');
    const shots = process.env.SCREENSHOT_DIR;
    if (shots) {
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const width of [390, 1280]) {
          await page.setViewportSize({ width, height: 500 });
          await page.screenshot({ path: path.join(shots, `banner-${width}-${scheme}.png`) });
        }
      }
      await page.setViewportSize({ width: 1280, height: 800 });
    }
    await page.emulateMedia({ colorScheme: 'light' });

    // The keyboard reaches the dismiss button; Enter dismisses.
    let focused = '';
    for (let i = 0; i < 10 && !focused.startsWith('Dismiss'); i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const a = document.activeElement;
        const inner = a && a.shadowRoot && a.shadowRoot.activeElement;
        return inner ? inner.getAttribute('aria-label') || inner.textContent : '';
      });
    }
    if (!focused.startsWith('Dismiss: Planned maintenance')) throw new Error(`Tab never reached the dismiss button (${focused})`);
    await page.keyboard.press('Enter');
    if (await page.locator('forewarn-banner').count()) throw new Error('the banner stays after its only item is dismissed');
    await page.reload({ waitUntil: 'load' });
    if (await page.locator('forewarn-banner').count()) throw new Error('the dismissed banner is back after a reload');
    // Only that notice is dismissed: another still shows.
    await open('audience=administrators&days=30');
    if ((await items().count()) !== 1) throw new Error('dismissing one notice hid another');
    const stored = await page.evaluate(() => Object.keys(localStorage));
    if (stored.length !== 1 || !stored[0].startsWith('forewarn-banner:')) throw new Error(`localStorage holds ${JSON.stringify(stored)}`);

    // Under way: the window shows as maintenance now.
    await page.clock.setFixedTime(new Date('2027-01-24T00:30:00Z'));
    await page.evaluate(() => localStorage.clear());
    await open('audience=all-customers');
    const now = await items().allInnerTexts();
    if (now.length !== 1 || !/Maintenance now/.test(now[0]) || !/Under way until/.test(now[0])) throw new Error(`during the window: ${JSON.stringify(now)}`);

    const cookies = await context.cookies();
    if (cookies.length) throw new Error(`cookies set: ${JSON.stringify(cookies)}`);
    const foreign = requests.filter((u) => !u.startsWith(hostOrigin + '/') && u !== `${siteOrigin}/banner.js`);
    if (foreign.length) throw new Error(`requests beyond the page and banner.js: ${[...new Set(foreign)].join(', ')}`);
    if (problems.length) throw new Error(problems.join('; '));
  } finally {
    await context.close();
    siteServer.close();
    hostServer.close();
  }
}

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

async function main() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await check('newsletter has no horizontal overflow at 600 px', async () => {
      const site = copySample();
      execFileSync(BIN, ['--root', site, 'build', '--quiet'], { env: { ...process.env, SOURCE_DATE_EPOCH: '1795392000' } });
      const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
      await page.route('**/*', (r) => (r.request().url().startsWith('file:') ? r.continue() : r.abort()));
      await page.goto('file://' + path.join(site, 'public', 'newsletter', 'latest.html'));
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 600) throw new Error(`page is ${width} px wide at a 600 px viewport`);
      const items = await page.locator('h3 a').count();
      if (items < 3) throw new Error(`only ${items} items in the newsletter`);
      if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
      await page.close();
    });

    await check('an open page follows edits in serve (reload and overlay)', async () => {
      const site = copySample();
      const port = await freePort();
      const server = spawn(BIN, ['--root', site, 'serve', '--port', String(port)], { stdio: 'ignore' });
      try {
        const url = `http://127.0.0.1:${port}/notices/api-v1-retirement/`;
        const deadline = Date.now() + 20000;
        const page = await browser.newPage();
        for (;;) {
          try { await page.goto(url); break; } catch (e) {
            if (Date.now() > deadline) throw e;
            await new Promise((r) => setTimeout(r, 100));
          }
        }
        const file = path.join(site, 'content', 'notices', 'api-v1-retirement.md');
        const text = fs.readFileSync(file, 'utf8');
        const title = /^title = "(.*)"$/m.exec(text)[1];
        const h1 = await page.textContent('h1');
        if (!h1.includes(title)) throw new Error(`page shows "${h1}", not "${title}"`);
        // Give the event stream a moment to connect, then edit on disk.
        await page.waitForTimeout(300);
        fs.writeFileSync(file, text.replace(`title = "${title}"`, 'title = "Edited while the page was open"'));
        await page.waitForFunction(() => document.querySelector('h1').textContent.includes('Edited while the page was open'), null, { timeout: 10000 });
        // A broken file: the overlay appears over the last good page.
        fs.writeFileSync(file, text.replace('impact = "breaking"', 'impact = "enormous"'));
        await page.waitForSelector('#forewarn-overlay', { timeout: 10000 });
        const overlay = await page.textContent('#forewarn-overlay');
        if (!overlay.includes('api-v1-retirement.md:')) throw new Error(`overlay does not name the file: ${overlay}`);
        // The fix clears it.
        fs.writeFileSync(file, text);
        await page.waitForFunction(() => !document.querySelector('#forewarn-overlay'), null, { timeout: 10000 });
        await page.close();
      } finally {
        server.kill();
      }
    });

    await check('the in-app banner works on another origin under a strict CSP', () => bannerCheck(browser));
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(String(e && e.stack ? e.stack : e)); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); });
