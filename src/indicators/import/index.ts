// Reading indicators from a board-report table or a monthly return: pure, no database.
export * from './parsed-indicators';
export * from './headings';
export * from './indicator-table';
export * from './parse-indicator-input';
