import { Injectable, Logger, OnModuleDestroy, ServiceUnavailableException } from '@nestjs/common';
import type { Browser } from 'playwright-core';
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
 * page), closed when the app shuts down. Each request gets its own context
 * with JavaScript off and the network refused, so nothing in a report can run
 * or reach out.
 */
@Injectable()
export class PdfRenderer implements OnModuleDestroy {
  private readonly logger = new Logger('PdfRenderer');
  private browser: Promise<Browser> | null = null;
  private launches = 0;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private closing = false;

  /** How many times a browser has been launched: once, unless one crashed. */
  get launchCount(): number {
    return this.launches;
  }

  async render(html: string): Promise<Buffer> {
    await this.acquire();
    try {
      const browser = await this.browserInstance();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true, viewport: PRINT_VIEWPORT });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.emulateMedia({ media: 'print' });
        await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        // Page size, margins, DRAFT and page numbers come from the report's own @page rules,
        // so printing the HTML from a browser gives the same pages.
        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
        // Tagged, every cell is an element of the structure tree: packed into object streams it takes a third of the bytes.
        return await compactPdf(pdf);
      } finally {
        await context.close().catch(() => undefined);
      }
    } finally {
      this.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
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
