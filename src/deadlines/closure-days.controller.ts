import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { ApiErrors } from '../common/openapi';
import { FieldValidationException } from '../common/validation';
import { isCalendarDate } from './calendar-date';
import { CreateClosureDayDto } from './closure-days.dto';
import { ClosureDayResponse } from './closure-days.responses';
import { ClosureDaysService } from './closure-days.service';

@ApiBearerAuth()
@ApiTags('deadlines')
@ApiErrors(401)
@Controller('closure-days')
export class ClosureDaysController {
  constructor(private readonly closureDays: ClosureDaysService) {}

  /** Council closure days, which deadlines skip like bank holidays. */
  @Get()
  @ApiOperation({ summary: "The council's closure days, which deadlines skip like bank holidays" })
  @ApiOkResponse({ type: [ClosureDayResponse] })
  list() {
    return this.closureDays.list();
  }

  @Roles('admin')
  @Post()
  @ApiOperation({ summary: 'Add a closure day (admins)', description: 'Every due date counted in working days across it moves.' })
  @ApiCreatedResponse({ type: ClosureDayResponse })
  @ApiErrors(400, 403, { status: 409, description: 'That date is already a closure day' })
  add(@Body() dto: CreateClosureDayDto) {
    return this.closureDays.add(dto);
  }

  @Roles('admin')
  @Delete(':date')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a closure day (admins)' })
  @ApiParam({ name: 'date', type: String, format: 'date', description: 'YYYY-MM-DD' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(400, 403, { status: 404, description: 'That date is not a closure day' })
  remove(@Param('date') date: string) {
    if (!isCalendarDate(date)) throw new FieldValidationException({ date: 'must be a real date written YYYY-MM-DD' });
    return this.closureDays.remove(date);
  }
}
