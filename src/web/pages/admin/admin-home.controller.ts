import { Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../../accounts/roles';
import { PageController } from '../../page-controller';
import { PageRenderer } from '../../page-renderer.service';

/** Where an administrator starts: every part of running the service, in the order a new council sets it up. */
@PageController('admin')
@Roles('admin')
export class AdminHomeController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  show(@Res() response: Response): void {
    this.pages.render(response, 'admin/index');
  }
}
