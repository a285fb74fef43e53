import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
const upperFirst = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The OpenAPI document served at /api/docs and /api/docs-json: a contract a
 * client can be generated from. OpenAPI 3.1, whose schemas are plain JSON
 * Schema (2020-12), so the same engine that validates the document validates
 * real answers against it in test/openapi.e2e-spec.ts.
 *
 * Everything in it is declared with decorators (@ApiProperty, @ApiOkResponse,
 * @ApiErrors…), and the @nestjs/swagger compiler plugin is off (nest-cli.json):
 * the tests compile with SWC, where the plugin does not run, so with it on
 * production would serve a document the tests never see.
 */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Improvement Plan Manager')
    .setDescription(
      [
        'Ofsted improvement plans: recommendations, activities, outcome measures, costs, lead agencies and deadlines;',
        'progress, RAG ratings, reviews for the board chair, committee papers, imports and reminders.',
        '',
        'Sign in at `POST /api/auth/sign-in` and send `Authorization: Bearer <accessToken>` (or a personal API token, `ipm_…`).',
        'Every refusal is JSON `{ statusCode, message, errors? }`: `errors` names each field of bad input and its problem;',
        'a stale `version` is refused with 409 and the record as it is now in `current`. Anything outside your reach answers 404.',
        'Lists answer `{ items, page, pageSize, total }` and take `page` (from 1) and `pageSize` (1 to 200, default 50).',
        'Dates are calendar dates in Europe/London, written YYYY-MM-DD.',
      ].join('\n'),
    )
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      description: 'An access token from POST /api/auth/sign-in (15 minutes), or a personal API token (ipm_…) from POST /api/me/api-tokens',
    })
    .build();
  return SwaggerModule.createDocument(app, config, {
    // PlansController.list -> plansList: the names a generated client's methods get.
    operationIdFactory: (controllerKey, methodKey) => `${lowerFirst(controllerKey.replace(/Controller$/, ''))}${upperFirst(methodKey)}`,
  });
}
