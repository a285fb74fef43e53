import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { csrfWaitsForUpload, overLimitOf } from './upload';

function request(method: string, url: string, type: string): Request {
  return { method, originalUrl: url, is: (wanted: string) => (type.startsWith(wanted) ? wanted : false) } as unknown as Request;
}

describe('which forms have their CSRF token checked after the upload is read', () => {
  it.each([
    ['POST', '/admin/imports/new', 'multipart/form-data; boundary=x', true],
    ['POST', '/admin/imports/new?step=1', 'multipart/form-data; boundary=x', true],
    // Anything else is checked before any route runs, as every form is.
    ['POST', '/admin/imports/new', 'application/x-www-form-urlencoded', false],
    ['POST', '/admin/closure-days/new', 'multipart/form-data; boundary=x', false],
    ['POST', '/admin/imports/new/', 'multipart/form-data; boundary=x', false],
    ['POST', '/ADMIN/imports/new', 'multipart/form-data; boundary=x', false],
    ['PUT', '/admin/imports/new', 'multipart/form-data; boundary=x', false],
  ])('%s %s as %s: %s', (method, url, type, waits) => {
    expect(csrfWaitsForUpload(request(method, url, type))).toBe(waits);
  });
});

describe('which refusals of an upload are said on its form as over the limit', () => {
  // As Nest's FileInterceptor hands multer's errors on: an HttpException whose cause is multer's error, with its code and field.
  const multer = (code: string, field?: string) => Object.assign(new Error(code), { code, field });
  it.each([
    ['a file over the limit', new PayloadTooLargeException('File too large', { cause: multer('LIMIT_FILE_SIZE', 'file') }), { part: 'file' }],
    ['pasted text over the limit', new BadRequestException('Field value too long - text', { cause: multer('LIMIT_FIELD_VALUE', 'text') }), { part: 'field', field: 'text' }],
    // Anything else about the form is not a matter of size, and keeps its own answer.
    ['too many parts', new BadRequestException('Too many parts', { cause: multer('LIMIT_PART_COUNT') }), null],
    ['a second file', new BadRequestException('Unexpected field - other', { cause: multer('LIMIT_UNEXPECTED_FILE', 'other') }), null],
    ['a field over the limit with no name', new BadRequestException('Field value too long', { cause: multer('LIMIT_FIELD_VALUE') }), null],
    ['a 413 with no cause', new PayloadTooLargeException('File too large'), null],
    ['not an HTTP error', multer('LIMIT_FILE_SIZE', 'file'), null],
  ])('%s', (_case, error, expected) => {
    expect(overLimitOf(error)).toEqual(expected);
  });
});
