import { Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { FieldValidationException } from '../common/validation';
import { DomainEvents } from '../common/domain-events';
import { BANK_HOLIDAYS_FIRST_YEAR, BANK_HOLIDAYS_LAST_YEAR, isWithinBankHolidayYears } from './bank-holidays';
import { CalendarDate } from './calendar-date';
import { ClosureDay } from './closure-day.entity';
import { CreateClosureDayDto } from './closure-days.dto';
import { WorkingDayCalendar } from './working-days';

@Injectable()
export class ClosureDaysService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  list(): Promise<ClosureDay[]> {
    return this.dataSource.manager.find(ClosureDay, { order: { date: 'ASC' } });
  }

  /** A closure day stops counting as a working day, so every derived deadline is worked out again. */
  async add(dto: CreateClosureDayDto): Promise<ClosureDay> {
    if (!isWithinBankHolidayYears(dto.date as CalendarDate)) {
      throw new FieldValidationException({
        date: `must be between ${BANK_HOLIDAYS_FIRST_YEAR} and ${BANK_HOLIDAYS_LAST_YEAR}, the years whose bank holidays are known`,
      });
    }
    const bankHoliday = new WorkingDayCalendar().bankHolidayOn(dto.date as CalendarDate);
    if (bankHoliday) throw new FieldValidationException({ date: `is already a bank holiday (${bankHoliday})` });
    return this.dataSource.transaction(async (manager) => {
      if (await manager.exists(ClosureDay, { where: { date: dto.date } })) {
        throw new FieldValidationException({ date: 'is already a closure day' });
      }
      const day = await manager.save(manager.create(ClosureDay, { date: dto.date, description: dto.description }));
      await this.events.emit(manager, 'closure-days-changed', { date: dto.date });
      await this.audit.record(manager, { action: 'create', entityType: 'closure_day', entityId: dto.date, after: { date: dto.date, description: dto.description } });
      return day;
    });
  }

  async remove(date: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      // Deleting and reading in one statement: of several people removing the
      // same day at once, only the one whose DELETE found the row records it.
      const deleted: { raw: Array<{ description: string }> } = await manager
        .createQueryBuilder()
        .delete()
        .from(ClosureDay)
        .where('date = :date', { date })
        .returning('description')
        .execute();
      const [day] = deleted.raw;
      if (!day) throw new NotFoundException(`${date} is not a closure day`);
      await this.events.emit(manager, 'closure-days-changed', { date });
      await this.audit.record(manager, { action: 'delete', entityType: 'closure_day', entityId: date, before: { date, description: day.description } });
    });
  }
}
