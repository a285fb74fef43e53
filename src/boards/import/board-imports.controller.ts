import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiUuidParam } from '../../common/openapi';
import { uuidParam } from '../../common/uuid-param.pipe';
import { ActionImportPreviewResponse, ActionImportResponse, MonitoringImportPreviewResponse, MonitoringImportResponse } from '../boards.responses';
import { PastedImportDto } from '../dto/boards.dto';
import { ActionImportsService } from './action-imports.service';
import { MonitoringImportsService } from './monitoring-imports.service';

const CHAIR_ONLY = { status: 403 as const, description: "Importing a meeting's actions is for the board's chair (and admins)" };
const PANEL_CHAIR_ONLY = { status: 403 as const, description: "A scrutiny panel's monitoring list is kept by its chair (and admins)" };

/** Action logs pasted from minutes: previewed, then recorded. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('meetings/:id/actions/import')
export class ActionImportsController {
  constructor(private readonly imports: ActionImportsService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview an action log pasted from the minutes: owners matched from initials ("AW/AA/FB") to the people at the board, the ambiguous flagged; nothing is written' })
  @ApiOkResponse({ type: ActionImportPreviewResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 413)
  @ApiUuidParam('The meeting that agreed the actions')
  preview(@Param('id', uuidParam) id: string, @Body() dto: PastedImportDto) {
    return this.imports.preview(id, dto.text);
  }

  @Post()
  @ApiOperation({ summary: "Record an action log pasted from the minutes; initials not matched stay on the action for the chair to settle, and actions already in the log are not recorded twice" })
  @ApiCreatedResponse({ type: ActionImportResponse })
  @ApiErrors(400, CHAIR_ONLY, 404, 413)
  @ApiUuidParam('The meeting that agreed the actions')
  commit(@Param('id', uuidParam) id: string, @Body() dto: PastedImportDto) {
    return this.imports.commit(id, dto.text);
  }
}

/** A scrutiny panel's monitoring list pasted from a paper: previewed, then recorded. */
@ApiBearerAuth()
@ApiTags('boards')
@ApiErrors(401)
@Controller('boards/:id/scrutiny-recommendations/import')
export class MonitoringImportsController {
  constructor(private readonly imports: MonitoringImportsService) {}

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Preview a monitoring list pasted from a scrutiny paper (Date | Title | Action proposed | Action taken | Progress status); nothing is written' })
  @ApiOkResponse({ type: MonitoringImportPreviewResponse })
  @ApiErrors(400, PANEL_CHAIR_ONLY, 404, 413)
  @ApiUuidParam('The scrutiny panel')
  preview(@Param('id', uuidParam) id: string, @Body() dto: PastedImportDto) {
    return this.imports.preview(id, dto.text);
  }

  @Post()
  @ApiOperation({ summary: "Record a monitoring list pasted from a scrutiny paper; items already on the panel's list are not recorded twice" })
  @ApiCreatedResponse({ type: MonitoringImportResponse })
  @ApiErrors(400, PANEL_CHAIR_ONLY, 404, 413)
  @ApiUuidParam('The scrutiny panel')
  commit(@Param('id', uuidParam) id: string, @Body() dto: PastedImportDto) {
    return this.imports.commit(id, dto.text);
  }
}
