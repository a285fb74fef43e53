// Deadline arithmetic for improvement plans: plain functions, no Nest, no database.
export * from './calendar-date';
export * from './bank-holidays';
export * from './working-days';
export * from './timescale-band';
