import { httpHandler } from './api/handler';

export const handler = httpHandler<'public'>('public', async () => ({
  status: 200,
  body: { message: 'Hello from a public route: no token needed.' },
}));
