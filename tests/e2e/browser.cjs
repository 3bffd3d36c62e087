// End-to-end checks in headless Chromium (Debian's chromium, driven by
// playwright-core as installed by ../shared/validate/setup.sh):
//  1. the newsletter renders at 600 px without horizontal overflow;
//  2. a page open in `forewarn serve` shows an edit of its notice without
//     a manual reload, then shows the error overlay for a broken file.
// Usage: NODE_PATH=…/node_modules node tests/e2e/browser.cjs path/to/forewarn
'use strict';
const { chromium } = require('playwright-core');
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

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
  } finally {
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(String(e && e.stack ? e.stack : e)); console.log(`${passed} passed, ${failed + 1} failed`); process.exit(1); });
