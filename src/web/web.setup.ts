import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Response } from 'express';
import type { WebAssets } from './web-assets';
import { WEB_ASSETS } from './web.module';
import { PageRenderer } from './page-renderer.service';
import { pagePreparation } from './web.middleware';
import { WebSecurity } from './web-security';

/**
 * Serves the pages' assets at /assets: ours (compiled CSS, scripts, icon) and
 * then govuk-frontend's (images, manifest).
 */
export function mountWebAssets(app: INestApplication): void {
  const assets = app.get<WebAssets>(WEB_ASSETS);
  const options = {
    prefix: '/assets/',
    index: false,
    // Revalidated each time (a 304 when unchanged), so a new version is never hidden by a browser's cache.
    maxAge: 0,
    setHeaders: (response: Response) => response.setHeader('X-Content-Type-Options', 'nosniff'),
  };
  const express = app as NestExpressApplication;
  express.useStaticAssets(assets.dir, options);
  express.useStaticAssets(assets.govukDir, options);
}

/**
 * Prepares every page request (pagePreparation) ahead of every route: mounted
 * here, before the app's routes and route middleware are, and with no path, so
 * no address is turned away before its refusal can be a page.
 */
export function mountPagePreparation(app: INestApplication): void {
  app.use(pagePreparation(app.get(WebSecurity), app.get(PageRenderer)));
}
