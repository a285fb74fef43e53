import { Controller, Get, Post, RequestMethod } from '@nestjs/common';
import { pathToRegexp } from 'path-to-regexp';
import { assertNoClash, controllerRoutes, isPagePath, literalPattern, pageRoutes } from './page-paths';

@Controller()
class Home {
  @Get()
  home() {}
  @Get('me')
  me() {}
}

@Controller('account')
class Account {
  @Get()
  show() {}
  @Post('api-tokens/:id/revoke')
  revoke() {}
  helper() {}
}

describe('page paths', () => {
  it.each([
    ['/', true],
    ['/sign-in', true],
    ['/plans/1/activities/2', true],
    ['/assets/app.css', true],
    ['/administration', true],
    ['/api', false],
    ['/api/plans', false],
    ['/API/plans', false],
    ['/health', false],
    ['/admin/queues', false],
    ['/admin/queues/api/queues', false],
    ['/apiary', true],
    ['/healthy', true],
  ])('%s is a page: %p', (path, page) => {
    expect(isPagePath(path)).toBe(page);
  });

  it('lists each page route with its method', () => {
    expect(controllerRoutes([Home, Account])).toEqual([
      { path: '/', method: RequestMethod.GET },
      { path: '/me', method: RequestMethod.GET },
      { path: '/account', method: RequestMethod.GET },
      { path: '/account/api-tokens/:id/revoke', method: RequestMethod.POST },
    ]);
  });

  it('leaves out of the /api prefix only routes written exactly as a page’s, never an API route with the same shape', () => {
    const [, , , revoke] = pageRoutes([Home, Account]);
    const exclusion = pathToRegexp(revoke.path).regexp;
    expect(exclusion.test('/account/api-tokens/:id/revoke')).toBe(true);
    expect(exclusion.test('/account/api-tokens/:tokenId/revoke')).toBe(false);
    expect(pathToRegexp(literalPattern('/files/{*rest}')).regexp.test('/files/{*rest}')).toBe(true);
    expect(pathToRegexp(literalPattern('/files/{*rest}')).regexp.test('/files/a/b')).toBe(false);
  });

  it('refuses to start when an API route is written exactly as a page route', () => {
    const pages = controllerRoutes([Home, Account]);
    expect(() => assertNoClash(pages, [{ path: '/me', method: RequestMethod.GET }])).toThrow(/API routes written exactly as page routes: GET \/me/);
    expect(() => assertNoClash(pages, [{ path: '/me', method: RequestMethod.PATCH }, { path: '/account/:id', method: RequestMethod.GET }])).not.toThrow();
  });
});
