// One warm Lambda container: a worker thread with its own process.env and module registry, which
// loads one bundle at init and then runs one invocation at a time, as Lambda does.
// Plain CommonJS because it is started as a worker both under tsx (`npm start`) and under jest.
const { parentPort, workerData } = require('node:worker_threads');
const path = require('node:path');
const { patchConsole } = require('./lambda-console.cjs');

const { codeDir, handler, functionName, memoryMb } = workerData;
let currentRequestId = '';
patchConsole(console, { env: process.env, requestId: () => currentRequestId, write: (line) => process.stdout.write(line) });
const [file, exportName] = [handler.slice(0, handler.lastIndexOf('.')), handler.slice(handler.lastIndexOf('.') + 1)];

let run;
try {
  run = require(path.join(codeDir, file))[exportName];
  if (typeof run !== 'function') throw new TypeError(`${handler} is not a function`);
  parentPort.postMessage({ type: 'ready' });
} catch (error) {
  parentPort.postMessage({ type: 'init-error', error: { name: error.name, message: error.message } });
}

parentPort.on('message', async ({ id, event, requestId, deadline }) => {
  currentRequestId = requestId;
  const context = {
    awsRequestId: requestId,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memoryMb),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  try {
    const result = await run(event, context);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: { name: error?.name ?? 'Error', message: String(error?.message ?? error) } });
  }
});
