import { Module, OnApplicationBootstrap, OnModuleInit, Type } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { DiscoveryModule, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module';
import { SsoModule } from '../accounts/sso/sso.module';
import { CalendarFileController } from '../calendar/calendar-file.controller';
import { CalendarModule } from '../calendar/calendar.module';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorPage } from '../common/http-exception.filter';
import { NotificationsModule } from '../reminders/notifications.module';
import { assertNoClash, controllerRoutes, isPagePath, pageRoutes } from './page-paths';
import { PageRenderer, WEB_ASSETS_VERSION } from './page-renderer.service';
import { AccountController } from './pages/account.controller';
import { CalendarFeedsPageController } from './pages/calendar-feeds.controller';
import { HomeController } from './pages/home.controller';
import { InformationController } from './pages/information.controller';
import { NotificationsController } from './pages/notifications.controller';
import { PasswordController } from './pages/password.controller';
import { SignInController } from './pages/sign-in.controller';
import { ActivityPagesReader } from './pages/activities/activity-pages.reader';
import { ActivityController } from './pages/activities/activity.controller';
import { YourActivitiesController } from './pages/activities/your-activities.controller';
import { PlansPagesController } from './pages/plans/plans.controller';
import { ReviewController } from './pages/review/review.controller';
import { BoardsPagesController } from './pages/boards/boards.controller';
import { MonitoringPagesController } from './pages/boards/monitoring.controller';
import { BoardsModule } from '../boards/boards.module';
import { IndicatorPagesController } from './pages/indicators/indicators.controller';
import { PriorityPagesController } from './pages/indicators/priority-pages.controller';
import { IndicatorsModule } from '../indicators/indicators.module';
import { ReachModule } from '../accounts/reach/reach.module';
import { PlansModule } from '../plans/plans.module';
import { ProgressModule } from '../progress/progress.module';
import { ReportsModule } from '../reports/reports.module';
import { ReviewsModule } from '../reviews/reviews.module';
import { SsoController } from './pages/sso.controller';
import { ADMIN_PAGE_CONTROLLERS, ADMIN_PAGE_IMPORTS, ADMIN_PAGE_PROVIDERS } from './pages/admin/admin-pages';
import { buildWebAssets, WebAssets } from './web-assets';
import { WebSecurity } from './web-security';

export const WEB_ASSETS = Symbol('WEB_ASSETS');

/** Every page controller; their routes are left out of the API's /api prefix (see webPageRoutes). */
const PAGE_CONTROLLERS: Type[] = [
  HomeController,
  SignInController,
  PasswordController,
  AccountController,
  NotificationsController,
  InformationController,
  SsoController,
  CalendarFeedsPageController,
  CalendarFileController,
  // The plan, activity and review pages (issue 12).
  YourActivitiesController,
  ActivityController,
  PlansPagesController,
  ReviewController,
  // The boards, their meetings, packs and actions (issue 14).
  BoardsPagesController,
  MonitoringPagesController,
  // A plan's performance indicators and their monthly values (issue 13).
  IndicatorPagesController,
  // Each priority's narratives and the chair's rating for a month.
  PriorityPagesController,
  // The administration pages.
  ...ADMIN_PAGE_CONTROLLERS,
];

/** The pages' routes, for createApp to leave out of the /api prefix. */
export function webPageRoutes(): RouteInfo[] {
  return pageRoutes(PAGE_CONTROLLERS);
}

/** Addresses that only lead to a page: /me is what reminder emails give for changing digest settings. */
const ALIASES: Record<string, string> = { '/me': '/account' };

/**
 * The web interface: server-rendered GOV.UK Design System pages beside the
 * JSON API, asking the same services under the same guard. Pages work without
 * JavaScript; govuk-frontend's own script improves them where it runs.
 */
@Module({
  imports: [
    DiscoveryModule,
    AccountsModule,
    NotificationsModule,
    SsoModule,
    CalendarModule,
    ReachModule,
    PlansModule,
    ProgressModule,
    ReviewsModule,
    ReportsModule,
    BoardsModule,
    IndicatorsModule,
    ...ADMIN_PAGE_IMPORTS,
  ],
  controllers: PAGE_CONTROLLERS,
  providers: [
    { provide: WEB_ASSETS, useFactory: (): WebAssets => buildWebAssets() },
    { provide: WEB_ASSETS_VERSION, inject: [WEB_ASSETS], useFactory: (assets: WebAssets) => assets.version },
    WebSecurity,
    PageRenderer,
    ActivityPagesReader,
    ...ADMIN_PAGE_PROVIDERS,
  ],
  exports: [WEB_ASSETS, PageRenderer],
})
export class WebModule implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  onModuleInit(): void {
    const others = this.discovery
      .getControllers()
      .map((wrapper) => wrapper.metatype as Type | null)
      .filter((metatype): metatype is Type => !!metatype && !PAGE_CONTROLLERS.includes(metatype));
    assertNoClash(controllerRoutes(PAGE_CONTROLLERS), controllerRoutes(others));
  }

  /**
   * After every route is in place: the aliases, and the 404 page for any other
   * page address (Nest's own "not found" only covers the /api prefix).
   */
  onApplicationBootstrap(): void {
    const express = this.adapterHost.httpAdapter.getInstance<{ get: Function; use: Function }>();
    for (const [from, to] of Object.entries(ALIASES)) {
      express.get(from, (_request: Request, response: Response) => response.redirect(303, to));
    }
    express.use((request: Request, response: Response, next: NextFunction) => {
      const errorPage = response.locals.errorPage as ErrorPage | undefined;
      if (!errorPage || !isPagePath(request.path)) return next();
      void errorPage(404, { statusCode: 404, error: 'Not Found', message: 'Page not found' });
    });
  }
}
