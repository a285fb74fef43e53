import { mkdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { AddressInfo } from 'net';
import { Browser, BrowserContext, BrowserContextOptions, chromium, Locator, Page } from 'playwright-core';
import { AppConfig } from '../../src/config/app-config';
import { TEST_PASSWORD, TestApp, startTestApp } from './test-app';

/** Debian's Chromium, as the PDF renderer uses; never a downloaded browser. */
export const CHROMIUM = '/usr/bin/chromium';

// Root cannot use Chromium's sandbox; the rest keeps a test browser quiet and offline apart from the app.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface WebApp extends TestApp {
  /** http://127.0.0.1:PORT, where the app listens on a real port. */
  baseUrl: string;
}

/**
 * The real app (startTestApp: its own database, migrations, demo plan and
 * people) listening on a free port for a browser. PUBLIC_URL becomes that
 * address, so links in emails (password reset, reminders) open this app.
 */
export async function startWebApp(options: { demo?: boolean; redis?: boolean; config?: Partial<AppConfig> } = {}): Promise<WebApp> {
  const t = await startTestApp(options);
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The config object is the one the app was built with (APP_CONFIG): services read publicUrl when they send mail.
  if (!options.config?.publicUrl) t.config.publicUrl = baseUrl;
  return Object.assign(t, { baseUrl });
}

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (its own cookies), JavaScript on unless asked otherwise. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page in a fresh context that fails the test on any script error or dialog (an alert means injected script ran). */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium. playwright-core's launch() starts it with a fresh
 * profile in a temporary folder of its own (user-data-dir), removed on close,
 * and each context is as clean as a new private window.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  const contexts: BrowserContext[] = [];
  const newContext = async (options: BrowserContextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London', ...options });
    context.setDefaultTimeout(20_000);
    contexts.push(context);
    return context;
  };
  return {
    browser,
    newContext,
    async newPage(options = {}) {
      const context = await newContext(options);
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
      page.on('console', (message) => {
        // A refused script or style (CSP) shows up here. A page answered with an error status (a 400
        // form, the 404 page) is logged as "Failed to load resource" too; assets are checked below.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(`console: ${message.text()}`);
      });
      page.on('response', (response) => {
        if (response.request().resourceType() !== 'document' && response.status() >= 400) problems.push(`${response.status()} for ${response.url()}`);
      });
      page.on('requestfailed', (request) => {
        // ERR_ABORTED: the page was left before the request finished (the next click came first), not a fault.
        const reason = request.failure()?.errorText ?? '';
        if (!reason.includes('ERR_ABORTED')) problems.push(`failed: ${request.url()} (${reason})`);
      });
      page.on('dialog', (dialog) => {
        problems.push(`dialog: ${dialog.message()}`);
        void dialog.dismiss();
      });
      (page as PageWithProblems).problems = problems;
      (page as PageWithProblems).scriptsOff = options.javaScriptEnabled === false;
      return page;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}

type PageWithProblems = Page & { problems?: string[]; scriptsOff?: boolean };

/** Script errors, console errors and dialogs seen on this page so far (none is the only good answer). */
export function problemsOn(page: Page): string[] {
  return (page as PageWithProblems).problems ?? [];
}

/** A JavaScript-free context, as someone with scripts blocked uses the service. */
export function withoutJavaScript(browser: TestBrowser): Promise<Page> {
  return browser.newPage({ javaScriptEnabled: false });
}

/** Signs in through the sign-in page, as a person would. */
export async function signIn(page: Page, baseUrl: string, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/sign-in'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/**
 * Presses a button that leaves the page (a form's submit, or a link drawn as
 * a button) and waits for the next page to finish loading. A bare click can
 * return before a form's post has begun on a busy machine, and the checks
 * that follow then read the page being left, or the next one half-parsed.
 */
export async function press(page: Page, name: string): Promise<void> {
  await leavePage(page, () => page.getByRole('button', { name, exact: true }).click());
}

/**
 * Follows a link that leaves the page (named exactly, or found some other
 * way) and waits for the next page to finish loading, for the same reason
 * as press: Playwright's click returns before the navigation has begun.
 * Not for a link within the page (an error summary's link to its field).
 */
export async function follow(page: Page, link: string | Locator): Promise<void> {
  const target = typeof link === 'string' ? page.getByRole('link', { name: link, exact: true }) : link;
  await leavePage(page, () => target.click());
}

/**
 * Does something that leaves the page (a click on a button found within a
 * row, Enter in a form's field) and waits for the next page to finish
 * loading. The wait starts before the action, so a page that posts back to
 * its own address is not mistaken for the next one. Never for a control
 * that stays on the page (details, checkboxes, a download): no page loads,
 * and the wait fails at the timeout.
 */
export async function leavePage(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/**
 * Runs axe-core on the page as it is now, at WCAG 2.2 AA (with 2.0 and 2.1 A
 * and AA), and fails listing every violation. Injected through the DevTools
 * protocol (page.evaluate), so the page's CSP, which allows no inline script,
 * does not stand in the way.
 */
export async function expectAccessible(page: Page): Promise<void> {
  // A page whose navigation has begun but not finished would be judged half-parsed (or vanish mid-run).
  // This cannot see a navigation that has not begun yet: the click that leaves the page waits for that.
  await page.waitForLoadState('load');
  const violations = (page as PageWithProblems).scriptsOff ? await axeOnCopy(page) : await axe(page);
  if (violations.length > 0) {
    const lines = violations.flatMap((v) => [`${v.id} (${v.impact}): ${v.help}`, ...v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)]);
    throw new Error(`axe-core found ${violations.length} accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

async function axe(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  // Written as text: this project compiles without the DOM's types, and the code runs in the page anyway.
  return (await page.evaluate(`
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] }).then((result) =>
      result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })))
  `)) as AxeViolation[];
}

/**
 * With JavaScript off, the page's timers never fire, and axe needs them. So
 * the page's HTML as it stands is loaded at the same address in a browser with
 * scripts on but forbidden to the page (script-src 'none'): the same DOM, the
 * same styles from the app, and axe run from outside.
 */
async function axeOnCopy(page: Page): Promise<AxeViolation[]> {
  const html = await page.content();
  const url = page.url();
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() ?? undefined });
  try {
    const copy = await context.newPage();
    const address = url.split('#')[0];
    await copy.route((candidate) => candidate.href.split('#')[0] === address, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html, headers: { 'content-security-policy': "script-src 'none'" } }));
    await copy.goto(url);
    return await axe(copy);
  } finally {
    await context.close();
  }
}

/** Where screenshots go: .data/screenshots (kept out of git); the README's are copied from here. */
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', '.data', 'screenshots');

export async function screenshot(page: Page, name: string, dir = SCREENSHOT_DIR): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

interface Focused {
  tag: string;
  text: string;
  label: string;
  name: string;
  type: string;
  href: string;
}

/** What has the keyboard focus, described as a person would. */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const id = element.getAttribute('id');
  const label = id ? (document.querySelector('label[for="' + CSS.escape(id) + '"]')?.textContent ?? '') : '';
  return {
    tag: element.tagName.toLowerCase(),
    text: (element.textContent ?? '').replace(/\\s+/g, ' ').trim(),
    label: label.replace(/\\s+/g, ' ').trim(),
    name: element.getAttribute('name') ?? '',
    type: element.getAttribute('type') ?? '',
    href: element.getAttribute('href') ?? '',
  };
})()`;

/**
 * Presses Tab until the focused element matches, as a keyboard user moves
 * through a page; fails if it is not reached within `limit` presses.
 */
export async function tabTo(page: Page, describe: string, matches: (element: Focused) => boolean, limit = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(FOCUSED)) as Focused | null;
    if (focused && matches(focused)) return;
    seen.push(focused ? `${focused.tag} "${focused.text || focused.label || focused.name}"` : '(nothing)');
  }
  throw new Error(`Could not reach ${describe} with ${limit} presses of Tab; focus went through: ${seen.join(', ')}`);
}
