import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { IamPrincipal, IamPrincipals } from './cognito-twin';
import type { PolicyStatement } from './iam/policy';
import type { FunctionModel } from './stack-model';

/** What Lambda puts in a function's environment for its execution role (Lambda Developer Guide, "Defined runtime environment variables"). */
export interface CredentialVariables {
  AWS_ACCESS_KEY_ID: string;
  AWS_SECRET_ACCESS_KEY: string;
  AWS_SESSION_TOKEN: string;
}

/** The file in the state folder that `npm run admin` reads to reach the local pool, and sign as its operator. */
export const OPERATOR_FILE = 'operator.json';

export interface OperatorFile {
  /** The Cognito twin's URL. */
  endpoint: string;
  region: string;
  userPoolId: string;
  credentials: CredentialVariables;
}

/**
 * Temporary credentials local mode issues, each standing for an IAM principal of the template: a
 * function gets its execution role's, as Lambda hands a function `AWS_ACCESS_KEY_ID`,
 * `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN` of an `assumed-role/<role>/<function>` session
 * (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime).
 * The Cognito twin asks this registry who signed an administration call and what its policies allow.
 * New credentials at every start, in memory only: none outlives the local mode that issued it.
 */
export class LocalCredentials implements IamPrincipals {
  private readonly byKey = new Map<string, IamPrincipal>();

  constructor(private readonly accountId: string) {}

  find(accessKeyId: string): IamPrincipal | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** Credentials for the function's execution role; none for a function without one. */
  forFunction(fn: FunctionModel): CredentialVariables | undefined {
    if (!fn.role) return undefined;
    const roleName = fn.role.arn.split('/').pop() ?? fn.logicalId;
    return this.issue(`arn:aws:sts::${this.accountId}:assumed-role/${roleName}/${fn.logicalId}`, fn.role.statements);
  }

  /**
   * The machine's operator, for `npm run admin`: every Cognito action on this pool, as an
   * administrator's own credentials would allow on AWS. Written with where to reach the pool to the
   * state folder, mode 0600, so only this user can administer the local pool.
   */
  writeOperatorFile(stateDir: string, pool: Omit<OperatorFile, 'credentials'>): void {
    const poolArn = `arn:aws:cognito-idp:${pool.region}:${this.accountId}:userpool/${pool.userPoolId}`;
    const statements: PolicyStatement[] = [{ effect: 'Allow', actions: ['cognito-idp:*'], resources: [poolArn] }];
    const credentials = this.issue(`arn:aws:sts::${this.accountId}:assumed-role/LocalOperator/npm-run-admin`, statements);
    const file = path.join(stateDir, OPERATOR_FILE);
    fs.mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    fs.rmSync(file, { force: true });
    fs.writeFileSync(file, JSON.stringify({ ...pool, credentials } satisfies OperatorFile), { mode: 0o600 });
  }

  /** Local mode has stopped: its operator's credentials stand for nothing any more. */
  static removeOperatorFile(stateDir: string): void {
    fs.rmSync(path.join(stateDir, OPERATOR_FILE), { force: true });
  }

  private issue(arn: string, statements: PolicyStatement[]): CredentialVariables {
    // STS's forms: ASIA + 16 characters for a temporary key, 40 for the secret.
    const accessKeyId = `ASIA${randomBytes(10).toString('hex').toUpperCase().slice(0, 16)}`;
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(96).toString('base64');
    this.byKey.set(accessKeyId, { accessKeyId, secretAccessKey, sessionToken, arn, statements });
    return { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken };
  }
}
