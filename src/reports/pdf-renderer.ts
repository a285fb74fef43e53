import { Injectable, Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { compactPdf } from './pdf-compact';

/** Debian's Chromium: the product never downloads a browser of its own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A 5,000-activity plan runs to hundreds of pages; give Chromium time, but not forever. */
const RENDER_TIMEOUT_MS = 180_000;

/** Pages printed at once: each holds a whole report in memory. */
const MAX_CONCURRENT_PAGES = 2;

/**
 * A page that printed a paper up to this size is kept for the next one; a
 * larger one (a few thousand rows) is closed, so its memory goes with it.
 */
const KEEP_PAGE_AFTER_BYTES = 1024 * 1024;

/** A page ready to print on: its own context (JavaScript off, network refused), print media set. */
interface PrintPage {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * The width of the reports' printed area (A4 landscape less 12 mm margins
 * each side, in CSS pixels): the page is laid out at this width with print
 * styles from the start, so printing finds the layout it needs already done
 * rather than laying out a few thousand rows for the screen and again for
 * paper, twice each way (a quarter of the time at 5,000 activities). A
 * report with other margins prints the same; only this saving is lost.
 */
const PRINT_VIEWPORT = { width: Math.round(((297 - 2 * 12) / 25.4) * 96), height: 700 };

/**
 * Prints report HTML to PDF with Chromium. One browser, launched on the first
 * request and reused for every later one (a launch costs far more than a
 * page), closed when the app shuts down. Each page prints in a context of its
 * own with JavaScript off and the network refused, so nothing in a report can
 * run or reach out. Pages are kept warm between papers (up to one per paper
 * printed at once): making a context and a page cost about half of a short
 * paper's time, and with no script and no network a page keeps nothing of the
 * paper before but its memory, which the next paper's content replaces.
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('PdfRenderer');
  private browser: Promise<Browser> | null = null;
  private launches = 0;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private closing = false;
  private readonly warm: PrintPage[] = [];
  private pagesOpened = 0;

  /** How many times a browser has been launched: once, unless one crashed. */
  get launchCount(): number {
    return this.launches;
  }

  /** How many print pages have been opened: one per paper printed at once, unless a page was closed after a large paper or a failure. */
  get pageCount(): number {
    return this.pagesOpened;
  }

  async render(html: string): Promise<Buffer> {
    await this.acquire();
    let printer: PrintPage | null = null;
    try {
      printer = await this.printPage();
      await printer.page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
      // Page size, margins, DRAFT and page numbers come from the report's own @page rules,
      // so printing the HTML from a browser gives the same pages.
      const pdf = await printer.page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      // Only a page that printed without a fault, and not a very large paper, is kept.
      this.putBack(printer, Buffer.byteLength(html, 'utf8') <= KEEP_PAGE_AFTER_BYTES);
      printer = null;
      // Tagged, every cell is an element of the structure tree: packed into object streams it takes a third of the bytes.
      return await compactPdf(pdf);
    } finally {
      if (printer) this.putBack(printer, false);
      this.release();
    }
  }

  /** A warm page of the browser now running, or a new one. */
  private async printPage(): Promise<PrintPage> {
    const browser = await this.browserInstance();
    while (this.warm.length > 0) {
      const printer = this.warm.pop()!;
      if (printer.browser === browser && browser.isConnected() && !printer.page.isClosed()) return printer;
      void printer.context.close().catch(() => undefined);
    }
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: PRINT_VIEWPORT });
    try {
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      this.pagesOpened += 1;
      return { browser, context, page };
    } catch (error) {
      await context.close().catch(() => undefined);
      throw error;
    }
  }

  private putBack(printer: PrintPage, keep: boolean): void {
    if (keep && !this.closing && this.warm.length < MAX_CONCURRENT_PAGES && !printer.page.isClosed()) this.warm.push(printer);
    else void printer.context.close().catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await Promise.all(this.warm.splice(0).map((printer) => printer.context.close().catch(() => undefined)));
    const browser = this.browser;
    this.browser = null;
    if (!browser) return;
    try {
      await (await browser).close();
    } catch {
      // It never started, or has gone already: nothing to close.
    }
  }

  private browserInstance(): Promise<Browser> {
    if (this.closing) throw new ServiceUnavailableException('The server is shutting down; try again shortly');
    if (!this.browser) {
      this.launches += 1;
      // playwright-core is loaded on the first PDF, not at start-up (a quarter of a second of every start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { chromium } = require('playwright-core') as typeof import('playwright-core');
      const launching = chromium
        .launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true })
        .then((browser) => {
          // A crashed browser is replaced on the next request rather than failing every one after.
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
          return browser;
        })
        .catch((error: unknown) => {
          if (this.browser === launching) this.browser = null;
          this.logger.error(`Could not start Chromium at ${CHROMIUM_PATH}: ${error instanceof Error ? error.message : String(error)}`);
          throw new ServiceUnavailableException(`PDF output needs Chromium at ${CHROMIUM_PATH}; ask for HTML or Word instead`);
        });
      this.browser = launching;
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < MAX_CONCURRENT_PAGES) {
      this.active += 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}
