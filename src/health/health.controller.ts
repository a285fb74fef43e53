import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../accounts/roles';
import { QueueHealthIndicator } from '../queue/queue-health.indicator';
import { HealthResponse } from './health.responses';

/**
 * For load balancers and the admin. The answer is 503 only when the database
 * is down: without the queue the API still serves plans, so the queue's state
 * is reported (up, down or off) but does not fail the check.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly queueHealth: QueueHealthIndicator,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Is the service up? For load balancers', description: 'The reminder queue is reported (up, down or off) but only the database fails the check.' })
  @ApiOkResponse({ type: HealthResponse, description: 'The database answers' })
  @ApiServiceUnavailableResponse({ type: HealthResponse, description: 'The database does not answer (status error)' })
  async check() {
    // Asked alongside the database rather than after it, so the answer takes the longer of the two.
    const queueCheck = this.queueHealth.check('queue');
    try {
      const result = await this.health.check([() => this.database.pingCheck('database', { timeout: 3000 })]);
      const queue = await queueCheck;
      return { ...result, info: { ...result.info, ...queue }, details: { ...result.details, ...queue } };
    } catch (error) {
      const queue = await queueCheck;
      if (error instanceof ServiceUnavailableException) {
        const body = error.getResponse() as Record<string, Record<string, unknown>>;
        throw new ServiceUnavailableException({ ...body, details: { ...body.details, ...queue } });
      }
      throw error;
    }
  }
}
