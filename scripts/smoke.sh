#!/usr/bin/env bash
# The walk-through of docs/local-mode.md and docs/deploy.md, every route checked, against local mode or a deployment.
usage='usage: [EMAIL=you@example.com] [NEW_EMAIL=...] [PASSWORD=...] [MAILBOX=<url>] scripts/smoke.sh <ApiUrl>

  Local mode (http://127.0.0.1 or localhost): EMAIL defaults to a fresh address, and the codes are
  read from the Cognito twin'"'"'s mailbox: MAILBOX, which npm start prints in front of this command,
  else http://127.0.0.1:9229/_local/mailbox.
  A deployment: EMAIL is required and must be an inbox you read: Cognito emails the codes to it,
  and the script asks for each one on standard input. The email must not have an account yet.
  NEW_EMAIL is where /change-email moves the account: by default EMAIL with "+moved" before the @,
  which most mail providers deliver to the same inbox; it must not have an account either.

  Steps: sign-up, resend-code, confirm, sign-in, public, secret (without and with a token), me,
  credentials and private signed with curl --aws-sigv4 (curl 7.75+; REGION defaults to the one in
  the API URL, else us-east-1, local mode'"'"'s), refresh, sign-out, refresh after sign-out (refused),
  forgot-password, reset-password, sign-in with the new password and with the old one (refused),
  then the account routes with the access token: change-password (the id token refused),
  change-email, verify-email, sign-out-everywhere (refresh refused after); two-factor sign-in:
  POST /mfa/totp, /mfa/totp/verify, sign-in answered 202 TOTP, /sign-in/totp with the next code,
  DELETE /mfa/totp and a one-step sign-in (skipped, and said so, where POST /mfa/totp is 404: a
  deployment with mfa=off); DELETE /me (sign-in refused after). The account is deleted at the end.
  With mfa=required the first sign-in (202 TOTP_SETUP) sets up a key through /sign-in/totp-setup and
  /sign-in/totp, every later sign-in answers /sign-in/totp with the next code, and the two-factor part
  is DELETE /mfa/totp refused (409 MfaRequired) and a sign-in that still asks for the code.
  Needs curl and node. TOTP codes come from oathtool (oathtool --totp -b <secret>) when it is
  installed, else from the otpauth package in this repository'"'"'s node_modules (npm ci).'
set -Eeuo pipefail
# Whatever stops the script, it says where: no exit without a message.
trap 'echo "✗ smoke.sh stopped at line $LINENO (exit $?): $BASH_COMMAND" >&2' ERR

[ $# -eq 1 ] || { echo "$usage" >&2; exit 2; }
API="${1%/}/"
PASSWORD="${PASSWORD:-correct horse battery staple}"
NEW_PASSWORD="$PASSWORD, renewed"
CHANGED_PASSWORD="$PASSWORD, changed"

fail() { echo "✗ $1: $2" >&2; exit 1; }

[[ $API =~ ^https?://([^/:]+) ]] || { echo "✗ not an http(s) URL: $1" >&2; echo "$usage" >&2; exit 2; }
host=${BASH_REMATCH[1],,}
case "$host" in
  127.0.0.1 | localhost) local_mode=true ;;
  *) local_mode=false ;;
esac
# The region SigV4 signs for: the one in an execute-api URL; local mode signs for us-east-1.
if [[ $host =~ \.execute-api\.([a-z0-9-]+)\.amazonaws\.com$ ]]; then REGION="${REGION:-${BASH_REMATCH[1]}}"; fi
REGION="${REGION:-us-east-1}"
if [ "$local_mode" = true ]; then
  EMAIL="${EMAIL:-smoke-$(date +%s)-$RANDOM@example.com}"
  MAILBOX="${MAILBOX:-http://127.0.0.1:9229/_local/mailbox}"
fi
if [ "$local_mode" = false ] && [ -z "${EMAIL:-}" ]; then
  echo "✗ EMAIL is required against a deployment ($host): Cognito emails the codes to it, so use an inbox you read." >&2
  echo "$usage" >&2
  exit 2
fi
NEW_EMAIL="${NEW_EMAIL:-${EMAIL%@*}+moved@${EMAIL#*@}}"

# json key value [key value ...]: a JSON object of strings.
json() {
  node -e 'const a = process.argv.slice(1); const o = {};
for (let i = 0; i < a.length; i += 2) o[a[i]] = a[i + 1];
process.stdout.write(JSON.stringify(o))' "$@"
}

# field <dotted.path>: that field of the last answer's body, empty when the body is not JSON or lacks it.
field() {
  node -e 'let v; try { v = process.argv[2].split(".").reduce((o, k) => o?.[k], JSON.parse(process.argv[1])) } catch {}
process.stdout.write(v === undefined || v === null ? "" : String(v))' "$body" "$1"
}

# step <name> <expected status> <method> <route> [json body] [header] [curl option ...]: one request, checked; the
# answer's body is left in $body and its status in $status. The expected status may list others: 200|404.
# A failure names the step, the status and the body.
step() {
  local name=$1 want=$2 method=$3 route=$4 data=${5:-} header=${6:-} out
  local args=(-sS --max-time 30 -w '\n%{http_code}' -X "$method" "${API}${route}" -H 'Content-Type: application/json')
  if [ -n "$data" ]; then args+=(--data-binary "$data"); fi
  if [ -n "$header" ]; then args+=(-H "$header"); fi
  # Anything after the header goes to curl as it is (the SigV4 options).
  args+=("${@:7}")
  out=$(curl "${args[@]}") || fail "$name" "$method ${API}${route} got no answer (curl exit $?; is the API URL right?)"
  body=${out%$'\n'*}
  status=${out##*$'\n'}
  [[ $status =~ ^($want)$ ]] ||
    fail "$name" "$method /$route answered HTTP $status, expected $want: ${body:-(empty body)}$(hint "$route" "$status")"
  echo "✓ $name ($status)" >&2
}

# hint <route> <status>: what to do about a failure the script can foresee (a re-run).
hint() {
  case "$1 $2" in
    "sign-up 409") echo " ($EMAIL already has an account: run it with another EMAIL, or start local mode with npm start -- --reset)" ;;
  esac
}

# expect <step> <dotted.path> <value> [<path> <value> ...]: the last answer's body has those values.
expect() {
  local step=$1 mismatch
  shift
  mismatch=$(node -e 'let b; try { b = JSON.parse(process.argv[1]) } catch {}
const pairs = process.argv.slice(2);
for (let i = 0; i < pairs.length; i += 2) {
  const v = pairs[i].split(".").reduce((o, k) => o?.[k], b);
  if (String(v) !== pairs[i + 1]) { process.stdout.write(`expected ${pairs[i]} = ${pairs[i + 1]}, got ${v}`); break; }
}' "$body" "$@")
  [ -z "$mismatch" ] || fail "$step" "$mismatch, in: ${body:-(empty body)}"
}

# mailed_code <step> [address]: the code in the newest email to the address ($EMAIL by default),
# from the local mailbox or, against a deployment, as the user types it.
mailed_code() {
  local mails to=${2:-$EMAIL}
  if [ "$local_mode" = true ]; then
    mails=$(curl -fsS --max-time 10 -G --data-urlencode "to=$to" "$MAILBOX") ||
      fail "$1" "no mailbox at $MAILBOX (curl exit $?): set MAILBOX to the one npm start prints"
    code=$(node -e 'let m; try { m = JSON.parse(process.argv[1]) } catch {}
process.stdout.write(Array.isArray(m) && m.length ? String(m[m.length - 1].code) : "")' "$mails")
    [ -n "$code" ] || fail "$1" "no code for $to in the mailbox at $MAILBOX (is it this API's twin?): $mails"
  else
    printf 'Code from the newest email to %s, for %s: ' "$to" "$1" >&2
    read -r code || true
    if [ ! -t 0 ]; then echo >&2; fi
    [ -n "$code" ] || fail "$1" "no code on standard input: run it in a terminal and type the code from the email"
  fi
}

# totp_code <secret>: the code an authenticator app with this key shows now (RFC 6238: SHA-1, 6 digits, 30 s).
totp_code() {
  if command -v oathtool >/dev/null; then
    oathtool --totp -b "$1"
  else
    node -e 'const { Secret, TOTP } = require(require.resolve("otpauth", { paths: [process.argv[2]] }));
process.stdout.write(TOTP.generate({ secret: Secret.fromBase32(process.argv[1]) }))' "$1" "$(dirname "$0")" ||
      fail "TOTP code" "neither oathtool nor the otpauth package (npm ci in this repository) is available"
  fi
}

# next_totp_code <secret> <used code>: waits (at most one 30-second step) for the authenticator to show a new code:
# a code works once.
next_totp_code() {
  local next
  for _ in $(seq 1 35); do
    next=$(totp_code "$1")
    [ "$next" = "$2" ] || { echo "$next"; return; }
    sleep 1
  done
  fail "TOTP code" "the code did not change in 35 s"
}

# say_totp_source: which tool computes the TOTP codes.
say_totp_source() {
  if command -v oathtool >/dev/null; then
    echo "  (TOTP codes from oathtool)" >&2
  else
    echo "  (TOTP codes from otpauth, with node)" >&2
  fi
}

# sign_in <step> <email> <password>: a sign-in that leaves the tokens in $body. Once the user has a TOTP key
# ($totp_on), it answers 202 TOTP, and the authenticator's next code goes to /sign-in/totp (a code works once).
sign_in() {
  local name=$1 request session
  request=$(json email "$2" password "$3")
  if [ "$totp_on" = false ]; then
    step "$name" 200 POST sign-in "$request"
    return
  fi
  step "$name asks for the TOTP code" 202 POST sign-in "$request"
  expect "$name" challenge TOTP
  session=$(field session)
  totp=$(next_totp_code "$totp_secret" "$totp")
  step "sign-in/totp with the next code" 200 POST sign-in/totp "$(json email "$2" session "$session" code "$totp")"
  expect "sign-in/totp" tokenType Bearer
}

credentials=$(json email "$EMAIL" password "$PASSWORD")
step "sign-up $EMAIL" 201 POST sign-up "$credentials"
expect "sign-up" userConfirmed false codeDelivery.medium EMAIL

step "resend-code" 200 POST resend-code "$(json email "$EMAIL")"
mailed_code "confirm"
step "confirm with the newest code" 200 POST confirm "$(json email "$EMAIL" code "$code")"
expect "confirm" confirmed true

# Under mfa=required the first sign-in of a user without a factor sets one up (202 TOTP_SETUP), and every
# later sign-in asks for the code (202 TOTP); otherwise sign-in answers the tokens until the walk enrols a key.
mfa_required=false totp_on=false
step "sign-in" '200|202' POST sign-in "$credentials"
if [ "$status" = 202 ]; then
  expect "sign-in without a factor under mfa=required" challenge TOTP_SETUP
  mfa_required=true totp_on=true
  echo "  (sign-in asks for a TOTP key to be set up: this deployment has mfa=required)" >&2
  step "sign-in/totp-setup" 200 POST sign-in/totp-setup "$(json email "$EMAIL" session "$(field session)")"
  totp_secret=$(field secret)
  session=$(field session)
  say_totp_source
  totp=$(totp_code "$totp_secret")
  step "sign-in/totp with the first code" 200 POST sign-in/totp "$(json email "$EMAIL" session "$session" code "$totp")"
fi
expect "sign-in" tokenType Bearer
id_token=$(field idToken)
refresh=$(json refreshToken "$(field refreshToken)")

step "GET /public" 200 GET public
step "GET /secret without a token is refused" 401 GET secret
# The REST API answers its own refusals in the API's envelope; an HTTP API (-c api=http) cannot shape
# them, and answers {"message":"Unauthorized"} (docs/http-api.md). Which one this is, is read here.
if [ -z "$(field code)" ] && [ "$(field message)" = Unauthorized ]; then
  flavor=http
  echo "– an HTTP API: its gateway's own refusals are checked by their fixed bodies" >&2
else
  flavor=rest
  expect "GET /secret without a token" code Unauthorized
fi
step "GET /secret with the id token" 200 GET secret '' "Authorization: Bearer $id_token"
expect "GET /secret" user.email "$EMAIL"
secret=$body
step "GET /me" 200 GET me '' "Authorization: Bearer $id_token"
expect "GET /me" email "$EMAIL" emailVerified true

step "POST /credentials with the id token" 200 POST credentials '' "Authorization: Bearer $id_token"
access_key=$(field accessKeyId); secret_key=$(field secretAccessKey); session_token=$(field sessionToken)
identity_id=$(field identityId)
if [ "$flavor" = http ]; then
  step "GET /private unsigned is refused" 403 GET private
else
  step "GET /private unsigned is refused" 404 GET private
fi
step "GET /private signed (SigV4)" 200 GET private '' "x-amz-security-token: $session_token" \
  --aws-sigv4 "aws:amz:$REGION:execute-api" --user "$access_key:$secret_key"
expect "GET /private" identityId "$identity_id" user.sub "$(node -e 'process.stdout.write(JSON.parse(process.argv[1]).user.sub)' "$secret")"

step "refresh" 200 POST refresh "$refresh"
refreshed_id_token=$(field idToken)
# With refresh-token rotation (the default) the answer has the next refresh token, and sign-out revokes
# that one, the current; without rotation it has none, and the one held stays the current one.
rotated=$(field refreshToken)
[ -z "$rotated" ] || refresh=$(json refreshToken "$rotated")
step "GET /secret with the refreshed id token" 200 GET secret '' "Authorization: Bearer $refreshed_id_token"

step "sign-out" 204 POST sign-out "$refresh"
step "refresh after sign-out is refused" 401 POST refresh "$refresh"
expect "refresh after sign-out" code NotAuthorized

step "forgot-password" 200 POST forgot-password "$(json email "$EMAIL")"
mailed_code "reset-password"
step "reset-password" 200 POST reset-password "$(json email "$EMAIL" code "$code" newPassword "$NEW_PASSWORD")"
expect "reset-password" reset true
sign_in "sign-in with the new password" "$EMAIL" "$NEW_PASSWORD"
access="Authorization: Bearer $(field accessToken)"
id_header="Authorization: Bearer $(field idToken)"
step "sign-in with the old password is refused" 401 POST sign-in "$credentials"

# The account routes take the access token; the id token is refused there.
# The REST API's authorizer refuses an id token where a scope is asked (401 Unauthorized); an HTTP
# API's JWT authorizer answers 403 {"message":"Forbidden"}.
if [ "$flavor" = http ]; then
  step "change-password with the id token is refused" 403 POST change-password \
    "$(json currentPassword "$NEW_PASSWORD" newPassword "$CHANGED_PASSWORD")" "$id_header"
  expect "change-password with the id token" message Forbidden
else
  step "change-password with the id token is refused" 401 POST change-password \
    "$(json currentPassword "$NEW_PASSWORD" newPassword "$CHANGED_PASSWORD")" "$id_header"
  expect "change-password with the id token" code Unauthorized
fi
step "change-password" 200 POST change-password "$(json currentPassword "$NEW_PASSWORD" newPassword "$CHANGED_PASSWORD")" "$access"
expect "change-password" changed true
step "change-email to $NEW_EMAIL" 200 POST change-email "$(json email "$NEW_EMAIL")" "$access"
mailed_code "verify-email" "$NEW_EMAIL"
step "verify-email" 200 POST verify-email "$(json code "$code")" "$access"
expect "verify-email" verified true
sign_in "sign-in with the new email" "$NEW_EMAIL" "$CHANGED_PASSWORD"
access="Authorization: Bearer $(field accessToken)"
refresh=$(json refreshToken "$(field refreshToken)")
step "sign-out-everywhere" 204 POST sign-out-everywhere '' "$access"
step "refresh after sign-out-everywhere is refused" 401 POST refresh "$refresh"
sign_in "sign-in again" "$NEW_EMAIL" "$CHANGED_PASSWORD"

# Two-factor sign-in, where the deployment offers it: enrol, sign in with the code, turn it off. Under
# mfa=required every sign-in above already did so with the key set up at the first one (enrolling again would
# only replace it), and the factor cannot be turned off.
access="Authorization: Bearer $(field accessToken)"
mfa_credentials=$(json email "$NEW_EMAIL" password "$CHANGED_PASSWORD")
if [ "$mfa_required" = true ]; then
  echo "– POST /mfa/totp and /mfa/totp/verify skipped: under mfa=required the key set up at the first sign-in stays" >&2
  step "DELETE /mfa/totp is refused under mfa=required" 409 DELETE mfa/totp '' "$access"
  expect "DELETE /mfa/totp under mfa=required" code MfaRequired
  step "sign-in after DELETE /mfa/totp still asks for the TOTP code" 202 POST sign-in "$mfa_credentials"
  expect "sign-in after DELETE /mfa/totp" challenge TOTP
else
  step "POST /mfa/totp" '200|404' POST mfa/totp '' "$access"
  if [ "$status" = 404 ]; then
    echo "– two-factor steps skipped: POST /mfa/totp answered 404, so this deployment has mfa=off" >&2
  else
    totp_secret=$(field secret)
    say_totp_source
    totp=$(totp_code "$totp_secret")
    step "POST /mfa/totp/verify" 200 POST mfa/totp/verify "$(json code "$totp")" "$access"
    expect "POST /mfa/totp/verify" mfa TOTP
    totp_on=true
    sign_in "sign-in" "$NEW_EMAIL" "$CHANGED_PASSWORD"
    step "DELETE /mfa/totp" 204 DELETE mfa/totp '' "Authorization: Bearer $(field accessToken)"
    step "sign-in after DELETE /mfa/totp is one step" 200 POST sign-in "$mfa_credentials"
    access="Authorization: Bearer $(field accessToken)"
  fi
fi
step "DELETE /me" 204 DELETE me '' "$access"
step "sign-in after DELETE /me is refused" 401 POST sign-in "$(json email "$NEW_EMAIL" password "$CHANGED_PASSWORD")"

echo "✓ every route answered as the docs say" >&2
echo "$secret"
