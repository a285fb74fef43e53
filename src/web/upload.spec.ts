import type { Request } from 'express';
import { csrfWaitsForUpload } from './upload';

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
