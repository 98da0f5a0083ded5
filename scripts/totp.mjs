#!/usr/bin/env node
import { parseArgs } from 'node:util';
// `npm run totp -- <secret>`: the code an authenticator app with this key shows now (RFC 6238 with
// Cognito's parameters: SHA-1, 6 digits, 30-second steps), from the otpauth dependency `npm ci`
// installed, so the two-factor walk-through needs no other tool. In a script, `npm run -s totp`
// keeps npm's own lines out of the output.
import { Secret, TOTP } from 'otpauth';

const usage = `usage: npm run totp -- [--at <unix seconds>] <secret>
  <secret>  the base32 key of POST /mfa/totp or /sign-in/totp-setup ("secret"); spaces are ignored
  --at      the code at that time instead of now`;

function fail(message) {
  console.error(`totp: ${message}\n${usage}`);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({ options: { at: { type: 'string' } }, allowPositionals: true });
} catch (error) {
  fail(error.message.split('. ')[0]);
}
const key = parsed.positionals.join('').replace(/\s/g, '');
if (!key) fail('no secret given');
const at = parsed.values.at === undefined ? Date.now() : Number(parsed.values.at) * 1000;
if (!Number.isFinite(at)) fail(`--at takes seconds since the epoch, got "${parsed.values.at}"`);
let secret;
try {
  secret = Secret.fromBase32(key);
} catch {
  fail('the secret is not base32 (letters A to Z and digits 2 to 7)');
}
console.log(new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: at }));
