import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../accounts/access-policy.service';
import { Roles } from '../accounts/roles';
import { ApiErrors, PageOf } from '../common/openapi';
import { pageOf } from '../common/pagination';
import { AuditEvent } from './audit-event.entity';
import { AuditQuery } from './audit.dto';
import { auditEventView } from './audit-views';
import { AuditEventResponse } from './audit.responses';

/** The record, newest first. Admins see all of it; a chair sees the record of the plans they chair. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('admin', 'board_chair')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The record of every change, newest first: who, when, before and after',
    description: 'Admins see all of it; a chair sees the record of the plans they chair.',
  })
  @ApiOkResponse({ type: PageOf(AuditEventResponse) })
  @ApiErrors(400, 401, { status: 403, description: 'Only admins and board chairs read the record' })
  async list(@Query() query: AuditQuery) {
    const builder = await this.access.scopeToChairedPlans(this.dataSource.getRepository(AuditEvent).createQueryBuilder('event'), 'event.plan_id');
    if (query.entityType) builder.andWhere('event.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) builder.andWhere('event.entityId = :entityId', { entityId: query.entityId });
    if (query.actor) builder.andWhere('event.actorId = :actor', { actor: query.actor });
    if (query.action) builder.andWhere('event.action = :action', { action: query.action });
    if (query.from) builder.andWhere('event.occurredAt >= :from', { from: query.from });
    if (query.to) builder.andWhere('event.occurredAt < :to', { to: query.to });
    const [events, total] = await builder
      .orderBy('event.occurredAt', 'DESC')
      .addOrderBy('event.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return pageOf(events.map(auditEventView), total, query);
  }
}
