import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * Every refusal the API answers (see HttpExceptionFilter): the status, a
 * sentence a person can act on and, for bad input, each field's problem.
 */
export class ErrorBody {
  @ApiProperty({ type: 'integer', example: 400 })
  statusCode!: number;

  @ApiPropertyOptional({ description: 'The status in words', example: 'Bad Request' })
  error?: string;

  @ApiProperty({ example: 'Some fields are not valid' })
  message!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'For bad input: each field (its path in the request) and what is wrong with it',
    example: { 'sections[0].title': 'must not be empty', dueDate: 'must be a real date written YYYY-MM-DD' },
  })
  errors?: Record<string, string>;

  @ApiPropertyOptional({ description: 'The database rule the request broke, when one did', example: 'lead_agencies_name_key' })
  constraint?: string;
}

/** A stale version, or a clash with another record. */
export class ConflictErrorBody extends ErrorBody {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'The record as it is now, when your version was stale: show the person what changed, then let them make their change again',
  })
  current?: Record<string, unknown>;
}
