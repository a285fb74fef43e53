import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReportOutput } from '../reports/report-output';
import { ApiReportResponse } from '../reports/reports.responses';
import { ActionsService } from './actions.service';
import { PaperQuery } from './dto/boards.dto';

const PDF_UNAVAILABLE = { status: 503 as const, description: 'The PDF could not be printed (Chromium is not available)' };

/** A meeting's own papers beside its pack: its action log. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('meetings/:id')
export class MeetingPapersController {
  constructor(
    private readonly actions: ActionsService,
    private readonly output: ReportOutput,
  ) {}

  @Get('action-log')
  @ApiOperation({ summary: 'The actions agreed at a meeting as a paper: Action | Owner | Due | Status, in HTML, PDF or Word' })
  @ApiReportResponse('The action log, in the format asked for')
  @ApiErrors(400, 404, PDF_UNAVAILABLE)
  @ApiUuidParam('The meeting')
  async actionLog(@Param('id', uuidParam) id: string, @Query() query: PaperQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return this.output.send('action-log', await this.actions.paper(id), query.format ?? 'html', response);
  }
}
