import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Roles } from '../accounts/roles';
import { ApiErrors, ErrorAnswer } from '../common/openapi';
import { FieldValidationException, fieldErrors } from '../common/validation';
import { ImportOptionsDto, fromFormFields } from './dto/import-options.dto';
import { ImportUploadInterceptor } from './import-upload.interceptor';
import { ImportPreviewResponse, ImportRefusalBody, ImportResultResponse } from './import.responses';
import { ImportsService, UploadedImportFile } from './imports.service';

const BODY_SCHEMA = {
  schema: {
    type: 'object',
    properties: {
      file: { type: 'string', format: 'binary', description: 'A .txt (pasted table), .csv or .xlsx file; or send text instead' },
      text: { type: 'string', description: 'Pasted text: a table copied from Word or a PDF, CSV, or Ofsted report text' },
      format: { type: 'string', enum: ['text', 'csv', 'xlsx', 'ofsted-report'] },
      layout: { type: 'string', enum: ['ofsted', 'outcome-first'] },
      planId: { type: 'string', format: 'uuid', description: 'Import into this plan, matching what it has' },
      title: { type: 'string' },
      kind: { type: 'string' },
      publishedOn: { type: 'string', format: 'date' },
      startsOn: { type: 'string', format: 'date' },
      endsOn: { type: 'string', format: 'date' },
      mapping: { type: 'object', additionalProperties: { type: 'string' }, description: 'Field -> column heading, e.g. {"activity":"Action required"} (a JSON string in multipart)' },
      agencyAliases: { type: 'object', additionalProperties: { type: 'string' }, description: 'Spelling -> lead agency name (a JSON string in multipart)' },
      paragraphs: { type: 'array', items: { type: 'string' }, description: 'Ofsted paragraph numbers of the tables, in order' },
      sectionTitles: { type: 'array', items: { type: 'string' } },
      sectionTitle: { type: 'string' },
      sheet: { type: 'string' },
      encoding: { type: 'string', enum: ['utf-8', 'windows-1252'] },
      fileName: { type: 'string' },
    },
  },
};

const REFUSALS: ErrorAnswer[] = [
  { status: 400, type: ImportRefusalBody, description: 'Options that are not valid (`errors`), or input that cannot be read (`problem`, with the line or sheet and row)' },
  { status: 401 },
  { status: 403, description: 'Only admins import' },
  { status: 404, description: 'No plan with the given planId' },
  { status: 413, type: ImportRefusalBody, description: 'The file or pasted text is larger than the import limit (IMPORT_MAX_BYTES), or has too many rows' },
  { status: 415, type: ImportRefusalBody, description: 'A file that is not a pasted table, CSV or Excel workbook' },
];

/**
 * Bringing an existing plan in: a table pasted from a committee paper, a
 * spreadsheet, or Ofsted's report text. Send a multipart upload (field
 * "file") or JSON with "text"; the other fields are the same either way.
 */
@ApiBearerAuth()
@ApiTags('imports')
@Controller('imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  /** What the import would do: the parsed tree, agencies matched or created, costs, dates, warnings. Writes nothing. */
  @Roles('admin')
  @Post('preview')
  @HttpCode(200)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(BODY_SCHEMA)
  @ApiOperation({
    summary: 'Preview an import: what it would write, matched, created and changed, with warnings; writes nothing',
    description: 'A table pasted from a Word or PDF committee paper, a CSV or Excel sheet, an outcome-first business plan, or Ofsted\'s own list of recommendations.',
  })
  @ApiOkResponse({ type: ImportPreviewResponse })
  @ApiErrors(...REFUSALS)
  preview(@Body() body: unknown, @UploadedFile() file: UploadedImportFile | undefined) {
    return this.imports.preview({ options: options(body), file: file ?? null });
  }

  /** Writes the plan in one transaction (a new plan, or into planId), or nothing; answers what changed. */
  @Roles('admin')
  @Post()
  @HttpCode(201)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(BODY_SCHEMA)
  @ApiOperation({
    summary: 'Import: write the plan (a new one, or into planId) in one transaction, or nothing',
    description: 'Re-importing matches what the plan already has rather than duplicating it; what the plan has and the import lacks is left alone.',
  })
  @ApiCreatedResponse({ type: ImportResultResponse })
  @ApiErrors(...REFUSALS, { status: 409 })
  commit(@Body() body: unknown, @UploadedFile() file: UploadedImportFile | undefined) {
    return this.imports.commit({ options: options(body), file: file ?? null });
  }
}

/** The options, whether they came as JSON or as multipart form fields, validated as one DTO. */
function options(body: unknown): ImportOptionsDto {
  if (body === undefined || body === null) return new ImportOptionsDto();
  if (typeof body !== 'object' || Array.isArray(body)) throw new FieldValidationException({ body: 'must be a JSON object or multipart form fields' });
  // multer gives a multipart body no prototype; its fields are all strings.
  const multipart = Object.getPrototypeOf(body) === null;
  const fields = multipart ? fromFormFields(body as Record<string, unknown>) : (body as Record<string, unknown>);
  const dto = plainToInstance(ImportOptionsDto, fields, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new FieldValidationException(fieldErrors(errors));
  return dto;
}
