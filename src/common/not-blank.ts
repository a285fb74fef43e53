import { ValidationOptions, registerDecorator } from 'class-validator';

/** Text that says something: not empty, and not only spaces, tabs, line breaks or other white space. */
export const isBlank = (value: string): boolean => value.trim() === '';

/**
 * Required text must not be blank. A title of three spaces passes IsNotEmpty
 * yet prints as nothing in the committee paper. Judges strings only; IsString
 * says when the value is not text at all.
 */
export function IsNotBlank(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBlank',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must not be blank', ...options },
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isBlank(value) },
    });
}
