import type { Unvalidated } from '../request';

/**
 * One Cognito API action, typed with the SDK's own `…Request` and `…Response` shapes, so the
 * twin answers what `@aws-sdk/client-cognito-identity-provider` reads. Each operation is made
 * from only the parts of the TwinContext it uses (`Pick<TwinContext, …>`).
 */
export type Operation<Request, Response> = (request: Unvalidated<Request>) => Promise<Response>;
