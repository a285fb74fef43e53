import { Body, Controller, Get, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { ReportOutput } from '../reports/report-output';
import { ApiReportResponse } from '../reports/reports.responses';
import { PackResponse } from './boards.responses';
import { BuildPackDto, PackQuery } from './dto/boards.dto';
import { PacksService } from './packs.service';

const CHAIR_ONLY = { status: 403 as const, description: "Building and issuing a meeting's pack is for the board's chair (and admins)" };
const PDF_UNAVAILABLE = { status: 503 as const, description: 'The PDF could not be printed (Chromium is not available)' };

/** A meeting's pack: built as a draft, issued and frozen, fetched as issued. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('meetings/:id/pack')
export class PacksController {
  constructor(
    private readonly packs: PacksService,
    private readonly output: ReportOutput,
  ) {}

  @Post()
  @ApiOperation({
    summary: "Build the meeting's draft pack from the record as of a date: matters arising, and each plan's progress, exception and performance reports",
    description: 'Replaces the earlier draft. For the board’s chair and admins.',
  })
  @ApiCreatedResponse({ type: PackResponse })
  @ApiErrors(400, CHAIR_ONLY, 404)
  @ApiUuidParam('The meeting')
  build(@Param('id', uuidParam) id: string, @Body() dto: BuildPackDto) {
    return this.packs.build(id, dto);
  }

  @Post('issue')
  @ApiOperation({
    summary: 'Issue the pack: build it from the record and freeze it as the next version (its HTML, PDF and Word kept byte for byte)',
    description: 'A correction is another issue, version 2, 3…; every version stays. For the board’s chair and admins.',
  })
  @ApiCreatedResponse({ type: PackResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, { status: 409, description: 'Someone issued the same version meanwhile' }, PDF_UNAVAILABLE)
  @ApiUuidParam('The meeting')
  issue(@Param('id', uuidParam) id: string, @Body() dto: BuildPackDto) {
    return this.packs.issue(id, dto);
  }

  @Get()
  @ApiOperation({
    summary: "The meeting's pack in HTML, PDF or Word: an issued version exactly as issued (the latest by default), or the draft (version=0)",
    description: 'For whoever sits at the board, and admins.',
  })
  @ApiReportResponse('The pack, in the format asked for')
  @ApiErrors(400, { status: 404, description: 'No such meeting within your reach, or no such pack version' }, PDF_UNAVAILABLE)
  @ApiUuidParam('The meeting')
  async file(@Param('id', uuidParam) id: string, @Query() query: PackQuery, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const format = query.format ?? 'html';
    const { body, fileName } = await this.packs.file(id, query.version, format);
    return this.output.sendBytes(body, fileName, format, response);
  }
}
