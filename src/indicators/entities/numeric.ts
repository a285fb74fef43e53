import { ValueTransformer } from 'typeorm';

/**
 * PostgreSQL numeric arrives as a string. Indicator figures ("22.1%", "1,234",
 * "45.2 per 10,000") are kept exactly as numeric and read back as numbers,
 * which hold every figure a board prints.
 */
export const numericToNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
