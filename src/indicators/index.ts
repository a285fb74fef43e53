// Performance indicators (issue 13), the database-free half: see README.md.
export * from './domain';
export * from './import';
export * from './charts';
export * from './report/performance-report.view-model';
