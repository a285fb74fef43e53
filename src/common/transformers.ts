import { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; pence amounts are far inside Number's safe range. */
export const bigintToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
