import { ValidateIf, ValidationOptions } from 'class-validator';

/**
 * The field may be left out, but not sent as null. @IsOptional lets null
 * through, which for a field that must have a value (a status, a list of
 * measures) would reach the database as a NOT NULL violation instead of a 400.
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
