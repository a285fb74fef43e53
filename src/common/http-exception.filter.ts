import { STATUS_CODES } from 'http';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  column?: string;
}

/** Web pages (src/web) put one of these on response.locals to answer errors with a page instead of JSON. */
export type ErrorPage = (status: number, body: Record<string, unknown>) => Promise<void>;

/**
 * The last line of defence for "never a 500 for bad input": database
 * constraint failures become 4xx answers naming what clashed; anything else
 * unexpected is logged in full and answered without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.describe(exception);
    if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const errorPage = (response.locals as { errorPage?: ErrorPage } | undefined)?.errorPage;
    if (errorPage) {
      errorPage(status, body).catch((error: unknown) => this.logger.error(error instanceof Error ? error.stack : String(error)));
      return;
    }
    response.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const payload = exception.getResponse();
      const body =
        typeof payload === 'string'
          ? { statusCode: exception.getStatus(), error: STATUS_CODES[exception.getStatus()], message: payload }
          : (payload as Record<string, unknown>);
      return { status: exception.getStatus(), body };
    }
    if (exception instanceof EntityNotFoundError) {
      return notFound('The record was not found');
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as PgError;
      switch (pg.code) {
        case '23505':
          return {
            status: HttpStatus.CONFLICT,
            body: { statusCode: 409, error: 'Conflict', message: uniqueMessage(pg), constraint: pg.constraint },
          };
        case '23503':
          return {
            status: HttpStatus.CONFLICT,
            body: {
              statusCode: 409,
              error: 'Conflict',
              message: 'This record is still referred to by other records, or refers to one that does not exist',
              constraint: pg.constraint,
            },
          };
        case '23502':
          return {
            status: HttpStatus.BAD_REQUEST,
            body: { statusCode: 400, error: 'Bad Request', message: `${pg.column ?? 'A field'} must have a value`, errors: pg.column ? { [camel(pg.column)]: 'must have a value' } : undefined },
          };
        case '22021':
        case '23514':
        case '22P02':
        case '22007':
        case '22008':
        case '22003':
          return {
            status: HttpStatus.BAD_REQUEST,
            body: { statusCode: 400, error: 'Bad Request', message: 'A value is not valid for its field', constraint: pg.constraint },
          };
        case '40001':
        case '40P01':
          return {
            status: HttpStatus.CONFLICT,
            body: { statusCode: 409, error: 'Conflict', message: 'Someone else changed the same records at the same time; try again' },
          };
      }
    }
    if (isBodyParserError(exception)) {
      return {
        status: exception.status,
        // Named by the status itself: a body too large is 413 "Payload Too Large", an unknown charset 415, not "Bad Request".
        body: { statusCode: exception.status, error: STATUS_CODES[exception.status] ?? 'Bad Request', message: exception.message },
      };
    }
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side; it has been logged' },
    };
  }
}

const camel = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function notFound(message: string) {
  return { status: HttpStatus.NOT_FOUND, body: { statusCode: 404, error: 'Not Found', message } };
}

const UNIQUE_MESSAGES: Record<string, string> = {
  recommendations_section_number_key: 'This section already has a recommendation with that number',
  lead_agencies_name_key: 'A lead agency with that name already exists',
  lead_agency_spellings_pkey: 'Another lead agency is already written that way (names and aliases are compared ignoring case, dashes and spacing)',
  closure_days_pkey: 'That date is already a closure day',
};

function uniqueMessage(pg: PgError): string {
  return (pg.constraint && UNIQUE_MESSAGES[pg.constraint]) ?? `A record with the same ${pg.detail ?? 'values'} already exists`;
}

function isBodyParserError(error: unknown): error is { status: number; message: string } {
  const candidate = error as { type?: string; status?: number } | null;
  return !!candidate && typeof candidate.status === 'number' && candidate.status >= 400 && candidate.status < 500 && typeof candidate.type === 'string';
}
