import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** What @nestjs/terminus says of the database: up, or down with why. */
export class DatabaseHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiPropertyOptional({ type: 'number', minimum: 0, description: 'How long the database took to answer, in milliseconds' })
  responseTime?: number;

  @ApiPropertyOptional({ description: 'Why it is down' })
  message?: string;
}

/** The reminder queue is reported but never fails the check: without it the API still serves plans. */
export class QueueHealthResponse {
  @ApiProperty({ enum: ['up', 'down'] })
  status!: 'up' | 'down';

  @ApiProperty({ enum: ['up', 'down', 'off'], description: 'off: this installation has no Redis, so reminders are off' })
  state!: 'up' | 'down' | 'off';

  @ApiProperty({ example: 'reminders are being sent' })
  message!: string;
}

export class HealthIndicatorsResponse {
  @ApiPropertyOptional({ type: () => DatabaseHealthResponse })
  database?: DatabaseHealthResponse;

  @ApiPropertyOptional({ type: () => QueueHealthResponse })
  queue?: QueueHealthResponse;
}

/** The answer of GET /health: 200 with status ok, or 503 with status error when the database is down. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok', 'error', 'shutting_down'] })
  status!: 'ok' | 'error' | 'shutting_down';

  @ApiPropertyOptional({ type: () => HealthIndicatorsResponse, description: 'What is up' })
  info?: HealthIndicatorsResponse;

  @ApiPropertyOptional({ type: () => HealthIndicatorsResponse, description: 'What is down' })
  error?: HealthIndicatorsResponse;

  @ApiProperty({ type: () => HealthIndicatorsResponse, description: 'Everything checked' })
  details!: HealthIndicatorsResponse;
}
