// The browser half of tests/serve.rs: headless Chromium loads a page that
// `pathfolio serve` serves, the page's source file is edited, and the page must show
// the new text by itself (nothing here calls reload()). Then the file is broken and
// the page must show the error overlay.
//
//   node tests/browser/reload.mjs URL SOURCE_FILE [FROM TO]
//
// playwright-core comes from shared/quality/install.sh ($SITE_QUALITY_HOME, default
// ~/.cache/site-quality); Chromium is Debian's (CHROMIUM_PATH, default
// /usr/bin/chromium). SCREENSHOT=file.png saves the page with its overlay.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';

const [url, file, from = 'A first unit', to = 'A browser-edited unit'] = process.argv.slice(2);
if (!url || !file) {
  console.error('usage: node reload.mjs URL SOURCE_FILE [FROM TO]');
  process.exit(2);
}
const home = process.env.SITE_QUALITY_HOME
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'site-quality');
const { chromium } = createRequire(join(home, 'package.json'))('playwright-core');

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // serve's Content-Security-Policy must block nothing the pages need.
  const refused = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
  const origin = new URL(url).origin;
  await page.route((u) => u.origin !== origin, (route) => route.abort());
  await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
  const before = await page.evaluate(() => document.body.innerText);
  if (!before.includes(from)) throw new Error(`the page does not show "${from}"`);
  if (!(await page.isVisible('#pathfolio-preview'))) throw new Error('no preview banner');

  // A mark that only survives if the page is never reloaded.
  await page.evaluate(() => { window.notReloaded = true; });
  const source = readFileSync(file, 'utf8');
  const saved = Date.now();
  writeFileSync(file, source.replace(from, to));
  await page.waitForFunction(
    (text) => !window.notReloaded && document.body && document.body.innerText.includes(text),
    to, { timeout: 15_000 });
  console.log(`reloaded by itself ${Date.now() - saved} ms after the save`);

  writeFileSync(file, source.replace('title:', 'titel:'));
  await page.waitForSelector('#pathfolio-errors', { state: 'visible', timeout: 15_000 });
  const overlay = await page.textContent('#pathfolio-errors pre');
  if (!overlay.includes('unknown field')) throw new Error(`overlay without the problem: ${overlay}`);
  const still = await page.evaluate(() => document.body.innerText);
  if (!still.includes(to)) throw new Error('the last good page is gone');
  console.log(`error overlay shown: ${overlay.split('\n')[0]}`);
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
  await page.click('#pathfolio-hide-problems');
  await page.waitForSelector('#pathfolio-errors', { state: 'detached', timeout: 5_000 });
  console.log('overlay hidden by its button');
  if (refused.length) throw new Error(`blocked by the Content-Security-Policy:\n${refused.join('\n')}`);
} finally {
  await browser.close();
}
