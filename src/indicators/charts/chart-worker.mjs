// Draws Vega-Lite specifications as SVG, in a worker thread. vega and vega-lite
// 6 are ES modules with top-level await: CommonJS (the compiled app, and Jest)
// cannot require them, so they are imported here, in a plain ES module that
// Node loads itself. Messages: { id, spec } in; { id, svg } or { id, error } out.
// Nothing here reads files or the network: the loader refuses both, so a
// specification cannot make Vega fetch data.
import { parentPort } from 'node:worker_threads';

const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);

async function draw(spec) {
  // Vega logs a failed load and draws on without the data; a chart that asked for outside data is refused instead.
  const refused = [];
  const loader = vega.loader();
  loader.load = loader.sanitize = async (uri) => {
    refused.push(String(uri).slice(0, 100));
    throw new Error('charts load nothing');
  };
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', loader, logLevel: vega.None });
  try {
    const svg = await view.toSVG();
    if (refused.length) throw new Error(`charts load nothing: refused ${refused.join(', ')}`);
    return svg;
  } finally {
    view.finalize();
  }
}

parentPort.on('message', async ({ id, spec }) => {
  try {
    parentPort.postMessage({ id, svg: await draw(spec) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message ? error.message : error).slice(0, 500) });
  }
});

parentPort.postMessage({ ready: true });
