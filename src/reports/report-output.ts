import { Injectable, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { DocxRenderer } from './docx-renderer';
import { HtmlRenderer, ReportKind, ReportViews } from './html-renderer';
import { PdfRenderer } from './pdf-renderer';
import { ReportFormat } from './reports.dto';

export const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** The HTML's own Content-Security-Policy, repeated as a header: a report runs no script and loads nothing. */
const HTML_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Renders a view model in the asked-for format and answers with the right headers. */
@Injectable()
export class ReportOutput {
  constructor(
    private readonly html: HtmlRenderer,
    private readonly pdf: PdfRenderer,
    private readonly docx: DocxRenderer,
  ) {}

  async render<K extends ReportKind>(kind: K, view: ReportViews[K], format: ReportFormat): Promise<Buffer> {
    switch (format) {
      case 'html':
        return Buffer.from(this.html.render(kind, view), 'utf8');
      case 'pdf':
        return this.pdf.render(this.html.render(kind, view));
      case 'docx':
        return this.docx.render(kind, view);
    }
  }

  /** Word goes out as it is written (a stream, so no Content-Length); HTML and PDF whole. */
  async send<K extends ReportKind>(kind: K, view: ReportViews[K] & { fileName: string }, format: ReportFormat, response: Response): Promise<StreamableFile> {
    const disposition = answerHeaders(view.fileName, format, response);
    if (format === 'docx') return new StreamableFile(this.docx.stream(kind, view), { type: CONTENT_TYPES.docx, disposition });
    const body = await this.render(kind, view, format);
    return new StreamableFile(body, { type: CONTENT_TYPES[format], length: body.length, disposition });
  }

  /** Answers with bytes rendered earlier (an issued board pack, kept as it was sent), with the same headers as a fresh report. */
  sendBytes(body: Buffer, fileBaseName: string, format: ReportFormat, response: Response): StreamableFile {
    const disposition = answerHeaders(fileBaseName, format, response);
    return new StreamableFile(body, { type: CONTENT_TYPES[format], length: body.length, disposition });
  }
}

/** Sets a report's headers and answers its Content-Disposition. */
function answerHeaders(fileBaseName: string, format: ReportFormat, response: Response): string {
  // Plans are not public until a committee publishes them: keep reports out of shared caches.
  response.setHeader('Cache-Control', 'no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  if (format === 'html') response.setHeader('Content-Security-Policy', HTML_POLICY);
  return `${format === 'html' ? 'inline' : 'attachment'}; filename="${fileBaseName}.${format}"`;
}
