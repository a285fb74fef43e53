// Runs in a worker thread (see openapi-contract.ts): the validator is an ES
// module that Jest's CommonJS module system cannot load.
import { parentPort, workerData } from 'node:worker_threads';
import { Validator } from '@seriousme/openapi-schema-validator';

const validator = new Validator();
const result = await validator.validate(workerData);
parentPort.postMessage({ valid: result.valid, version: validator.version, errors: result.errors ?? null });
