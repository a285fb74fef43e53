import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentActor } from '../../accounts/current-actor.decorator';
import type { Actor } from '../../common/request-context';
import { homePathFor } from '../navigation';
import { PageController } from '../page-controller';
import { PageRenderer } from '../page-renderer.service';
import { navigationWho } from '../reach-for-pages.interceptor';

@PageController()
export class HomeController {
  constructor(private readonly pages: PageRenderer) {}

  /**
   * Each person's home, chosen by their roles and reach (worked out before
   * this handler by ReachForPages); someone signed out is asked to sign in
   * first (by the guard).
   */
  @Get()
  home(@CurrentActor() actor: Actor, @Res() response: Response): void {
    this.pages.redirect(response, homePathFor(navigationWho(actor)));
  }
}
