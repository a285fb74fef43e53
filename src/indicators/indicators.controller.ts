import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors, ApiUuidParam } from '../common/openapi';
import { uuidParam } from '../common/uuid-param.pipe';
import { Month } from './domain';
import { CreateIndicatorDto, EnterValueDto, IndicatorListQuery, UpdateIndicatorDto, ValueListQuery } from './dto/indicator.dto';
import { IndicatorValuesService } from './indicator-values.service';
import { IndicatorsService } from './indicators.service';
import { ApiMonthParam, EnteredValueResponse, IndicatorPageResponse, IndicatorResponse, IndicatorValueHistoryResponse, IndicatorValueListResponse } from './indicators.responses';
import { monthParam } from './month-param.pipe';

const ADMINS_SET_UP: { status: 403; description: string } = { status: 403, description: 'Indicators are set up by admins' };

/** Performance indicators and their monthly values. */
@ApiTags('indicators')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('indicators')
export class IndicatorsController {
  constructor(
    private readonly indicators: IndicatorsService,
    private readonly values: IndicatorValuesService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The indicators you may read, in plan order: those of plans you read whole, and those you own or your agencies lead' })
  @ApiOkResponse({ type: IndicatorPageResponse })
  @ApiErrors(400, { status: 404, description: 'No plan with the given planId that you can open' })
  list(@Query() query: IndicatorListQuery) {
    return this.indicators.list(query);
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Set up an indicator of a plan: definition, unit, polarity, owner, lead agencies, priorities, outcome measures, targets and comparators' })
  @ApiCreatedResponse({ type: IndicatorResponse })
  @ApiErrors(400, ADMINS_SET_UP)
  create(@Body() dto: CreateIndicatorDto) {
    return this.indicators.create(dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An indicator, with its targets and comparators in force' })
  @ApiOkResponse({ type: IndicatorResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The indicator')
  get(@Param('id', uuidParam) id: string) {
    return this.indicators.get(id);
  }

  @Roles('admin')
  @Patch(':id')
  @ApiOperation({ summary: 'Change an indicator with the version you loaded; targets and comparators, when given, replace the lists, each change kept as a new version' })
  @ApiOkResponse({ type: IndicatorResponse })
  @ApiErrors(400, ADMINS_SET_UP, 404, 409)
  @ApiUuidParam('The indicator')
  update(@Param('id', uuidParam) id: string, @Body() dto: UpdateIndicatorDto) {
    return this.indicators.update(id, dto);
  }

  @Get(':id/values')
  @ApiOperation({ summary: 'The monthly values of a span of months, as they stand or as recorded by the end of a day (recordedBy)' })
  @ApiOkResponse({ type: IndicatorValueListResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The indicator')
  listValues(@Param('id', uuidParam) id: string, @Query() query: ValueListQuery) {
    return this.values.list(id, query);
  }

  @Put(':id/values/:month')
  @HttpCode(200)
  @ApiOperation({
    summary: "Enter a month's value (its owner, the service heads of its lead agencies, admins); a correction names the version it corrects and keeps the earlier value in the history",
  })
  @ApiOkResponse({ type: EnteredValueResponse })
  @ApiErrors(400, { status: 403, description: "An indicator's values are entered by its owner, the service heads of its lead agencies, and admins" }, 404, {
    status: 409,
    description: 'A value was entered or corrected since you loaded it (or you did not say which version you correct): current holds it',
  })
  @ApiUuidParam('The indicator')
  @ApiMonthParam('The month the value is for')
  enterValue(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month, @Body() dto: EnterValueDto) {
    return this.values.enter(id, month, dto);
  }

  @Get(':id/values/:month/history')
  @ApiOperation({ summary: "Every version of a month's value, oldest first: what was entered and each correction" })
  @ApiOkResponse({ type: IndicatorValueHistoryResponse })
  @ApiErrors(400, 404)
  @ApiUuidParam('The indicator')
  @ApiMonthParam('The month')
  history(@Param('id', uuidParam) id: string, @Param('month', monthParam) month: Month) {
    return this.values.history(id, month);
  }
}
