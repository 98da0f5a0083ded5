import { ResourcePaths } from '../../../local/gateway/resource-paths';

const api = new ResourcePaths([
  '/',
  '/notes',
  '/notes/{id}',
  '/notes/latest',
  '/notes/{id}/tags/{tag}',
  '/files/{proxy+}',
  '/me',
]);

test.each([
  ['/notes/latest', '/notes/latest', null],
  ['/notes/abc', '/notes/{id}', { id: 'abc' }],
  ['/notes', '/notes', null],
  ['/', '/', null],
  ['/notes/n1/tags/red', '/notes/{id}/tags/{tag}', { id: 'n1', tag: 'red' }],
  ['/files/a/b/c.txt', '/files/{proxy+}', { proxy: 'a/b/c.txt' }],
])('%s matches %s (a literal segment beats a parameter)', (path, resource, pathParameters) => {
  expect(api.match(path)).toEqual({ resource, pathParameters });
});

test('each parameter is percent-decoded after the path is split: an encoded slash stays inside its value', () => {
  expect(api.match('/notes/a%2Fb%20c')).toEqual({ resource: '/notes/{id}', pathParameters: { id: 'a/b c' } });
  expect(api.match('/notes/caf%C3%A9')?.pathParameters).toEqual({ id: 'café' });
});

test('a segment that is not valid percent-encoding is passed as sent', () => {
  expect(api.match('/notes/%ZZ')?.pathParameters).toEqual({ id: '%ZZ' });
});

test.each(['/notes/', '/notes//tags/x', '/nope', '/notes/a/b', '/files', '/files/', '/me/x', ''])(
  '%j matches no resource (an empty segment fills no parameter)',
  (path) => {
    expect(api.match(path)).toBeUndefined();
  },
);
