import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { uuidParam } from '../common/uuid-param.pipe';
import { IndicatorSettingsDto } from './dto/indicator.dto';
import { IndicatorsService } from './indicators.service';
import { ApiErrors, IndicatorSettingsResponse } from './indicators.responses';

/** A plan's defaults for its indicators. */
@ApiTags('indicators')
@ApiBearerAuth()
@Controller('plans/:id/indicator-settings')
export class PlanIndicatorSettingsController {
  constructor(private readonly indicators: IndicatorsService) {}

  @Get()
  @ApiOperation({ summary: "The plan's default tolerance and how many working days after month end a return is due" })
  @ApiOkResponse({ type: IndicatorSettingsResponse })
  @ApiErrors(400, 404)
  get(@Param('id', uuidParam) id: string) {
    return this.indicators.settings(id);
  }

  @Roles('admin')
  @Put()
  @ApiOperation({ summary: "Set the plan's default tolerance and return day (with the version you loaded, 0 for none yet)" })
  @ApiOkResponse({ type: IndicatorSettingsResponse })
  @ApiErrors(400, 403, 404, 409)
  put(@Param('id', uuidParam) id: string, @Body() dto: IndicatorSettingsDto) {
    return this.indicators.updateSettings(id, dto);
  }
}
