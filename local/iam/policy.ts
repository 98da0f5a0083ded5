/** One statement of an IAM policy document, its single values made lists. */
export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: string[];
  readonly resources: string[];
}

/** Why a request is allowed or not, in the words of AccessDeniedException's reason. */
export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

/**
 * IAM policy evaluation of identity-based policies for one action on one resource: an explicit Deny
 * wins, else an Allow is needed, else the request is implicitly denied. `*` and `?` are IAM's
 * wildcards; actions compare case-insensitively, resources exactly (IAM User Guide, "Policy
 * evaluation logic" and "IAM JSON policy elements: Action / Resource"). The one evaluator of local
 * mode: the gateway's AWS_IAM routes (execute-api:Invoke) and the Cognito twin's administration
 * operations (cognito-idp:Admin…) both ask it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
export function evaluatePolicies(statements: readonly PolicyStatement[], action: string, resource: string): PolicyDecision {
  const applying = statements.filter(
    (s) => s.actions.some((a) => wildcard(a, 'i').test(action)) && s.resources.some((r) => wildcard(r, '').test(resource)),
  );
  if (applying.some((s) => s.effect === 'Deny')) return 'explicit-deny';
  return applying.some((s) => s.effect === 'Allow') ? 'allow' : 'implicit-deny';
}

function wildcard(pattern: string, flags: string): RegExp {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, flags);
}
