import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { IndicatorSettingsDto } from './dto/indicator.dto';
import { IndicatorsService } from './indicators.service';
import { IndicatorSettingsResponse } from './indicators.responses';

/** A plan's defaults for its indicators. */
@ApiTags('indicators')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('plans/:id/indicator-settings')
export class PlanIndicatorSettingsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: "The plan's default tolerance for its indicators, and how many working days after month end a return is due" })
  @ApiOkResponse({ type: IndicatorSettingsResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The plan')
  get(@Param('id', uuidParam) id: string) {
    return this.indicators.settings(id);
  }

  @Roles('admin')
  @Put()
  @ApiOperation({ summary: "Set the plan's default tolerance and return day, with the version you loaded (0 when it has none yet)" })
  @ApiOkResponse({ type: IndicatorSettingsResponse })
  @ApiErrors(400, { status: 403, description: 'Indicators are set up by admins' }, 404, 409)
  @ApiUuidParam('The plan')
  put(@Param('id', uuidParam) id: string, @Body() dto: IndicatorSettingsDto) {
    return this.indicators.updateSettings(id, dto);
  }
}
