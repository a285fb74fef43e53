import { ApiParam } from '@nestjs/swagger';

/** A path id, checked as a UUID by uuidParam (anything else is a 400 naming it). */
export function ApiUuidParam(description: string, name = 'id'): MethodDecorator & ClassDecorator {
  return ApiParam({ name, type: String, format: 'uuid', description });
}
