import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { uuidParam } from '../common/uuid-param.pipe';
import { VersionQuery } from '../common/version-query';
import { AsOfQuery, CreateProgressUpdateDto, HistoryQuery, RagOverrideDto, VerifyActivityDto } from './progress.dto';
import { ProgressService } from './progress.service';

@ApiTags('progress')
@ApiBearerAuth()
@Controller('activities/:id')
export class ProgressController {
  constructor(private readonly progress: ProgressService) {}

  /** Report progress: status, percent complete, a note (required for blocked, deferred, cancelled and complete), evidence links. */
  @Post('updates')
  addUpdate(@Param('id', uuidParam) id: string, @Body() dto: CreateProgressUpdateDto) {
    return this.progress.addUpdate(id, dto);
  }

  @Get('updates')
  listUpdates(@Param('id', uuidParam) id: string) {
    return this.progress.listUpdates(id);
  }

  /** The chair marks a complete activity verified, saying what evidence was checked. */
  @Post('verification')
  @HttpCode(200)
  verify(@Param('id', uuidParam) id: string, @Body() dto: VerifyActivityDto) {
    return this.progress.verify(id, dto);
  }

  /** The RAG rating as of a date, with its reasons, and any override beside the computed rating. */
  @Get('rag')
  rating(@Param('id', uuidParam) id: string, @Query() query: AsOfQuery) {
    return this.progress.rating(id, query.asOf);
  }

  @Put('rag-override')
  setOverride(@Param('id', uuidParam) id: string, @Body() dto: RagOverrideDto) {
    return this.progress.setOverride(id, dto);
  }

  @Delete('rag-override')
  @HttpCode(204)
  clearOverride(@Param('id', uuidParam) id: string, @Query() query: VersionQuery) {
    return this.progress.clearOverride(id, query.version);
  }

  /** Everything that happened to the activity, oldest first. */
  @Get('history')
  history(@Param('id', uuidParam) id: string, @Query() query: HistoryQuery) {
    return this.progress.history(id, query.limit);
  }
}
