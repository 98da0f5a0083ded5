#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';
import { InvalidContextError } from '../lib/config';

try {
  buildApp(new App());
} catch (error) {
  // A bad `-c key=value` is the user's to fix: one line per key, no stack trace of ours, and exit
  // status 2, a usage error, which local/synth.ts tells from a failed synth.
  if (!(error instanceof InvalidContextError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
}
