import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditEventResponse } from '../audit/audit.responses';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { VersionQuery } from '../common/version-query';
import { AsOfQuery, CreateProgressUpdateDto, HistoryQuery, RagOverrideDto, VerifyActivityDto } from './progress.dto';
import { ActivityResponse } from '../plans/dto/plan.responses';
import { ActivityRatingResponse, ProgressUpdateAddedResponse, ProgressUpdateResponse, RagOverrideResponse } from './progress.responses';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@ApiErrors(401)
@ApiUuidParam('The activity')
@Controller('activities/:id')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Report progress: status, percent complete, a note (required for blocked, deferred, cancelled and complete), evidence links. */
  @Post('updates')
  @ApiOperation({
    summary: 'Report progress: status, percent complete, a note, evidence links',
    description: 'For the service heads whose agencies lead the activity (or who own it) and admins. A note is required for blocked, deferred, cancelled and complete. Send the version you loaded to have a stale view refused.',
  })
  @ApiCreatedResponse({ type: ProgressUpdateAddedResponse })
  @ApiErrors(400, { status: 403, description: 'You may read this activity but do not lead or own it' }, 404, 409)
  addUpdate(@Param('id', uuidParam) id: string, @Body() dto: CreateProgressUpdateDto) {
    return this.progress.addUpdate(id, dto);
  }

  @Get('updates')
  @ApiOperation({ summary: "An activity's progress reports, newest first" })
  @ApiOkResponse({ type: [ProgressUpdateResponse] })
  @ApiErrors(400, 404)
  listUpdates(@Param('id', uuidParam) id: string) {
    return this.progress.listUpdates(id);
  }

  /** The chair marks a complete activity verified, saying what evidence was checked. */
  @Post('verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verify complete work: the chair (or an admin) says what evidence was checked' })
  @ApiOkResponse({ type: ActivityResponse, description: 'The activity, verified' })
  @ApiErrors(
    400,
    { status: 403, description: "Only the chair of this plan's improvement board (or an admin) verifies" },
    404,
    { status: 409, description: 'The activity is not complete, or someone changed it since you loaded it' },
  )
  verify(@Param('id', uuidParam) id: string, @Body() dto: VerifyActivityDto) {
    return this.progress.verify(id, dto);
  }

  /** The RAG rating as of a date, with its reasons, and any override beside the computed rating. */
  @Get('rag')
  @ApiOperation({ summary: 'The RAG rating as of a date, with its reasons, and any override beside the computed rating' })
  @ApiOkResponse({ type: ActivityRatingResponse })
  @ApiErrors(400, 404)
  rating(@Param('id', uuidParam) id: string, @Query() query: AsOfQuery) {
    return this.progress.rating(id, query.asOf);
  }

  @Put('rag-override')
  @ApiOperation({ summary: "Override the rating until a date, with the reason (the plan's chair, or an admin)", description: 'Replaces any override in force; the computed rating stays visible beside it.' })
  @ApiOkResponse({ type: RagOverrideResponse })
  @ApiErrors(400, { status: 403, description: "Only the chair of this plan's improvement board (or an admin) overrides" }, 404, 409)
  setOverride(@Param('id', uuidParam) id: string, @Body() dto: RagOverrideDto) {
    return this.progress.setOverride(id, dto);
  }

  @Delete('rag-override')
  @HttpCode(204)
  @ApiOperation({ summary: 'Clear the rating override: the computed rating shows again' })
  @ApiNoContentResponse({ description: 'Cleared' })
  @ApiErrors(
    400,
    { status: 403, description: "Only the chair of this plan's improvement board (or an admin) overrides" },
    { status: 404, description: 'No such activity within your reach, or it has no override' },
    409,
  )
  clearOverride(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.progress.clearOverride(id, query.version);
  }

  /** Everything that happened to the activity, oldest first. */
  @Get('history')
  @ApiOperation({ summary: 'Everything that happened to the activity, oldest first: changes, progress reports, verification, overrides' })
  @ApiOkResponse({ type: [AuditEventResponse] })
  @ApiErrors(400, 404)
  history(@Param('id', uuidParam) id: string, @Query() query: HistoryQuery) {
    return this.progress.history(id, query.limit);
  }
}
