// Performance indicators' rules: plain functions, no Nest, no database.
export * from './vocabulary';
export * from './periods';
export * from './figures';
export * from './format';
export * from './targets';
export * from './indicator-rag';
export * from './travel';
export * from './comparators';
export * from './priority-rag';
export * from './chaser';
