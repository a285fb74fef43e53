// Preloaded (NODE_OPTIONS=--require) into a process under test: says on stderr
// whenever the process creates an HTTP(S) or TCP server, whether or not it
// ever listens, so a test can prove that a process builds no server at all.
const { syncBuiltinESMExports } = require('module');
for (const name of ['http', 'https', 'net']) {
  const builtin = require(name);
  const original = builtin.createServer;
  builtin.createServer = function createServer(...args) {
    process.stderr.write(`[report-servers] ${name}.createServer called\n`);
    return original.apply(this, args);
  };
}
// ES modules (NestJS 12 ships as ESM) import the built-ins' named exports: update those too.
syncBuiltinESMExports();
