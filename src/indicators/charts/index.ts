// Server-side charts: Vega-Lite specifications drawn to SVG in worker threads.
export * from './chart-model';
export * from './chart-renderer';
export * from './svg-tree';
