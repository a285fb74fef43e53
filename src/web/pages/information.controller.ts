import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../../accounts/roles';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { CSRF_COOKIE, PAGE_SESSION_MS } from '../session-cookie';
import { SESSION_COOKIE } from '../../accounts/roles';

/** Pages anyone may read, signed in or not: the accessibility statement and the cookies we set. */
@PageController()
export class InformationController {
  constructor(private readonly pages: PageRenderer) {}

  @Public()
  @Get('accessibility')
  accessibility(@Res() response: Response): void {
    this.pages.render(response, 'accessibility');
  }

  @Public()
  @Get('cookies')
  cookies(@Res() response: Response): void {
    this.pages.render(response, 'cookies', {
      cookies: [
        { name: SESSION_COOKIE, purpose: 'Keeps you signed in. It holds a signed reference to your session, which ends when you sign out.', expires: `After ${PAGE_SESSION_MS / 3_600_000} hours, or when you sign out` },
        { name: CSRF_COOKIE, purpose: 'Checks that forms you send came from this service, not another website.', expires: 'When you close your browser' },
      ],
    });
  }
}
