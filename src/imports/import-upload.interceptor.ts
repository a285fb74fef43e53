import { CallHandler, ExecutionContext, HttpException, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ImportProblem } from './import-model';
import { ImportRefusedException, importMaxBytes } from './imports.service';

function megabytes(bytes: number): string {
  return bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * Receives a multipart upload (one file in the field "file", options in the
 * other fields) into memory, stopping at the configured size limit: a file
 * over it is refused with 413 before the rest of it is read. JSON bodies pass
 * straight through.
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly upload: NestInterceptor;
  private readonly limit: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.limit = importMaxBytes(config);
    const Upload = FileInterceptor('file', { limits: { fileSize: this.limit, fieldSize: this.limit, files: 1, fields: 30, parts: 40 } });
    this.upload = new Upload();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await (this.upload.intercept(context, next) as Promise<Observable<unknown>>);
    } catch (error) {
      throw this.explain(error);
    }
  }

  private explain(error: unknown): unknown {
    const code = (error as { cause?: { code?: string; field?: string } })?.cause?.code;
    const field = (error as { cause?: { field?: string } })?.cause?.field;
    if (code === 'LIMIT_FILE_SIZE' || code === 'LIMIT_FIELD_VALUE') {
      return new ImportRefusedException(new ImportProblem('too_large', `The ${code === 'LIMIT_FILE_SIZE' ? 'file' : `field "${field ?? 'text'}"`} is larger than the import limit of ${megabytes(this.limit)}`));
    }
    if (code === 'LIMIT_UNEXPECTED_FILE' || code === 'LIMIT_FILE_COUNT') {
      return new ImportRefusedException(new ImportProblem('invalid_options', `Upload one file, in the form field named "file"${field && field !== 'file' ? ` (not "${field}")` : ''}`));
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      return new ImportRefusedException(new ImportProblem(status === 415 ? 'unsupported_file' : 'invalid_options', `The upload cannot be read: ${error.message}`));
    }
    return error;
  }
}
