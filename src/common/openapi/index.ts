export { ApiErrors } from './api-errors.decorator';
export type { ErrorAnswer, ErrorStatus } from './api-errors.decorator';
export { ApiUuidParam } from './api-uuid-param.decorator';
export type { Assert, Describes } from './describes';
export { ConflictErrorBody, ErrorBody } from './error-body';
export { PageOf } from './page';
export { createOpenApiDocument } from './document';
