import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReportOutput } from '../reports/report-output';
import { ApiReportResponse } from '../reports/reports.responses';
import { ActionsService } from './actions.service';
import { PaperQuery } from './dto/boards.dto';
import { ScrutinyService } from './scrutiny.service';

const PDF_UNAVAILABLE = { status: 503 as const, description: 'The PDF could not be printed (Chromium is not available)' };

/** A meeting's own papers beside its pack: its action log; a scrutiny panel's monitoring appendix. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('meetings/:id')
export class MeetingPapersController {
  constructor(
    private readonly actions: ActionsService,
    private readonly scrutiny: ScrutinyService,
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

  @Get('scrutiny-monitoring')
  @ApiOperation({
    summary: 'A scrutiny panel\'s monitoring appendix for the meeting ("Scrutiny Monitoring — 21 July 2022"): Date | Title | Action proposed | Action taken | Progress status, grouped by meeting date',
  })
  @ApiReportResponse('The monitoring appendix, in the format asked for')
  @ApiErrors(400, 404, PDF_UNAVAILABLE)
  @ApiUuidParam("The panel's meeting")
  async scrutinyMonitoring(@Param('id', uuidParam) id: string, @Query() query: PaperQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    return this.output.send('scrutiny-monitoring', await this.scrutiny.paper(id), query.format ?? 'html', response);
  }
}
