import { Body, Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Roles } from '../../accounts/roles';
import { FieldValidationException, fieldErrors } from '../../common/validation';
import { ImportUploadInterceptor } from '../../imports/import-upload.interceptor';
import type { UploadedImportFile } from '../../imports/imports.service';
import { INDICATOR_IMPORT_FORMATS, INDICATOR_LAYOUTS, IndicatorImportOptionsDto, indicatorImportFields } from '../dto/indicator-import.dto';
import { ApiErrors, ErrorAnswer } from '../../common/openapi';
import { ImportRefusalBody } from '../../imports/import.responses';
import { IndicatorImportPreviewResponse, IndicatorImportResponse } from '../indicators.responses';
import { IndicatorImportService } from './indicator-import.service';

const BODY_SCHEMA = {
  schema: {
    type: 'object',
    required: ['planId'],
    properties: {
      planId: { type: 'string', format: 'uuid', description: 'The plan the indicators belong to' },
      file: { type: 'string', format: 'binary', description: 'A .csv or .xlsx file (or .txt of a pasted table); or send text instead' },
      text: { type: 'string', description: 'A table pasted from a spreadsheet or paper (tab-separated), or CSV' },
      format: { type: 'string', enum: [...INDICATOR_IMPORT_FORMATS] },
      layout: { type: 'string', enum: [...INDICATOR_LAYOUTS], description: 'wide: the board-report table; long: indicator, period, value, numerator, denominator' },
      createSections: { type: 'boolean', description: "Add the sheet's priorities that are not sections of the plan as new sections" },
      sheet: { type: 'string' },
      encoding: { type: 'string', enum: ['utf-8', 'windows-1252'] },
      fileName: { type: 'string' },
    },
  },
};

const REFUSALS: ErrorAnswer[] = [
  {
    status: 400,
    type: ImportRefusalBody,
    description: 'Options that are not valid, or a sheet that cannot be committed (`errors` names each priority or row to fix), or input that cannot be read (`problem`)',
  },
  { status: 403, description: 'Imports are for admins' },
  { status: 404, description: 'No plan with the given planId' },
  { status: 413, type: ImportRefusalBody, description: 'The file or pasted text is larger than the import limit (IMPORT_MAX_BYTES)' },
  { status: 415, type: ImportRefusalBody, description: 'A file that is not a pasted table, CSV or Excel workbook' },
];

/**
 * Bringing a board report's indicators in: the wide board-report table or a
 * long monthly return, as CSV, XLSX or pasted text; multipart (`file`) or JSON
 * (`text`), with the same upload limit as plan imports. Admins only.
 */
@ApiTags('indicators')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('indicators/imports')
export class IndicatorImportsController {
  constructor(private readonly imports: IndicatorImportService) {}

  @Roles('admin')
  @Post('preview')
  @HttpCode(200)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(BODY_SCHEMA)
  @ApiOperation({ summary: 'What an indicator import would do: priorities matched to sections (new ones proposed), indicators, months, targets, comparators, warnings with row and column. Writes nothing' })
  @ApiOkResponse({ type: IndicatorImportPreviewResponse })
  @ApiErrors(...REFUSALS)
  preview(@Body() body: unknown, @UploadedFile() file: UploadedImportFile | undefined) {
    return this.imports.preview({ options: options(body), file: file ?? null });
  }

  @Roles('admin')
  @Post()
  @HttpCode(201)
  @UseInterceptors(ImportUploadInterceptor)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody(BODY_SCHEMA)
  @ApiOperation({ summary: 'Import indicators and their values in one transaction, or nothing; the same sheet again changes nothing, a changed figure is a correction' })
  @ApiCreatedResponse({ type: IndicatorImportResponse })
  @ApiErrors(...REFUSALS)
  commit(@Body() body: unknown, @UploadedFile() file: UploadedImportFile | undefined) {
    return this.imports.commit({ options: options(body), file: file ?? null });
  }
}

function options(body: unknown): IndicatorImportOptionsDto {
  if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new FieldValidationException({ planId: 'is required' });
  }
  // multer gives a multipart body no prototype; its fields are all strings.
  const multipart = Object.getPrototypeOf(body) === null;
  const fields = multipart ? indicatorImportFields(body as Record<string, unknown>) : (body as Record<string, unknown>);
  const dto = plainToInstance(IndicatorImportOptionsDto, fields, { enableImplicitConversion: false });
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new FieldValidationException(fieldErrors(errors));
  return dto;
}
