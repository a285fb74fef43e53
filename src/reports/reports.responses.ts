import { applyDecorators } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { CONTENT_TYPES } from './report-output';
import { REPORT_FORMATS } from './reports.dto';

/** The media type without parameters: "text/html", not "text/html; charset=utf-8". */
const mediaType = (contentType: string) => contentType.split(';')[0].trim();

const SCHEMAS: Record<(typeof REPORT_FORMATS)[number], { type: 'string'; format?: string; description: string }> = {
  html: { type: 'string', description: 'One self-contained, print-ready page (UTF-8), shown inline' },
  pdf: { type: 'string', format: 'binary', description: 'The same page printed by Chromium, as an attachment' },
  docx: { type: 'string', format: 'binary', description: 'Word tables, as an attachment' },
};

/**
 * A committee paper or board report in the format asked for with `?format=`:
 * HTML (the default), PDF or Word. The body is the document itself.
 */
export function ApiReportResponse(description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiOkResponse({
      description,
      headers: {
        'Content-Disposition': {
          description: 'inline for HTML, attachment for PDF and Word, with the file name, e.g. attachment; filename="appendix-2.pdf"',
          schema: { type: 'string' },
        },
        'Cache-Control': { description: 'no-store: plans are not public until a committee publishes them', schema: { type: 'string' } },
      },
      content: Object.fromEntries(REPORT_FORMATS.map((format) => [mediaType(CONTENT_TYPES[format]), { schema: SCHEMAS[format] }])),
    }),
  );
}
