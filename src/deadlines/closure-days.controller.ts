import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../accounts/roles';
import { FieldValidationException } from '../common/validation';
import { isCalendarDate } from './calendar-date';
import { CreateClosureDayDto } from './closure-days.dto';
import { ClosureDaysService } from './closure-days.service';

@ApiBearerAuth()
@ApiTags('deadlines')
@Controller('closure-days')
export class ClosureDaysController {
  constructor(private readonly closureDays: ClosureDaysService) {}

  /** Council closure days, which deadlines skip like bank holidays. */
  @Get()
  list() {
    return this.closureDays.list();
  }

  @Roles('admin')
  @Post()
  add(@Body() dto: CreateClosureDayDto) {
    return this.closureDays.add(dto);
  }

  @Roles('admin')
  @Delete(':date')
  @HttpCode(204)
  remove(@Param('date') date: string) {
    if (!isCalendarDate(date)) throw new FieldValidationException({ date: 'must be a real date written YYYY-MM-DD' });
    return this.closureDays.remove(date);
  }
}
