import { statusOf } from '../../contract/errors';

/**
 * web/src/messages.ts is the page's (it names the DOM's `location`, which the page's own tsconfig,
 * web/tsconfig.json, types and the root one does not), so it is loaded untyped and typed here.
 */
const { explain }: { explain: (problem: { status: number; code: string; message: string }, apiUrl: string) => { text: string } } =
  require('../../web/src/messages');

// docs/web-page.md: each error code of the contract has its own message in the page. The codes
// are the contract's (lambda/api/errors.ts); a code the page had no sentence for would fall back
// to the API's message, or to "The request failed (<code>)." when that is empty.
const apiUrl = 'http://127.0.0.1:3000/dev/';
const contractCodes = Object.keys(statusOf) as Array<keyof typeof statusOf>;
const pageText = (code: string, message: string) => explain({ status: 400, code, message }, apiUrl).text;

test.each(contractCodes)('%s has a sentence of the page, not the fallback for a code it does not know', (code) => {
  const text = pageText(code, '');
  expect(text.trim()).not.toBe('');
  expect(text).not.toBe(`The request failed (${code}).`);
});

test('no two codes of the contract share a sentence', () => {
  const texts = contractCodes.map((code) => pageText(code, ''));
  expect(new Set(texts).size).toBe(contractCodes.length);
});
