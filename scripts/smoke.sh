#!/usr/bin/env bash
# The README's walk-through against any deployment of cognito-auth-api:
#   scripts/smoke.sh <ApiUrl>
# Signs up a new user, confirms it, signs in, calls /public, /secret and /me, refreshes the tokens,
# signs out and checks that the refresh token is then refused, checking each answer.
# The confirmation code comes from CODE=…, else from the local mailbox (local mode; MAILBOX_URL
# overrides where it is), else it is asked for on the terminal (a real deployment emails it).
# Needs curl and node. EMAIL and PASSWORD may be set; by default a fresh address is used.
set -euo pipefail

API="${1:?usage: scripts/smoke.sh <ApiUrl>  (e.g. http://127.0.0.1:3000/dev/)}"
API="${API%/}/"
EMAIL="${EMAIL:-smoke-$(date +%s)-$RANDOM@example.com}"
PASSWORD="${PASSWORD:-correct horse battery staple}"

# field <json> <name>: one top-level field of a JSON document, empty when absent.
field() { node -e 'const v = JSON.parse(process.argv[1])[process.argv[2]]; process.stdout.write(v === undefined ? "" : String(v))' "$1" "$2"; }

# call <method> <route> [body] [header]: prints the body, then the status on a line of its own.
call() {
  local args=(-s -w '\n%{http_code}' -X "$1" "${API}$2" -H 'Content-Type: application/json')
  [ -n "${3:-}" ] && args+=(-d "$3")
  [ -n "${4:-}" ] && args+=(-H "$4")
  curl "${args[@]}"
}

# expect <step> <want-status> <response>: fails the run with the body when the status differs.
expect_status() {
  local body status
  body=$(printf '%s' "$3" | sed '$d')
  status=$(printf '%s' "$3" | tail -n 1)
  if [ "$status" != "$2" ]; then
    echo "✗ $1: expected $2, got $status: $body" >&2
    exit 1
  fi
  echo "✓ $1 ($status)" >&2
  printf '%s' "$body"
}

credentials=$(node -e 'process.stdout.write(JSON.stringify({ email: process.argv[1], password: process.argv[2] }))' "$EMAIL" "$PASSWORD")

expect_status "sign-up $EMAIL" 201 "$(call POST sign-up "$credentials")" >/dev/null

if [ -z "${CODE:-}" ]; then
  host=$(node -e 'process.stdout.write(new URL(process.argv[1]).hostname)' "$API")
  if [ -n "${MAILBOX_URL:-}" ] || [ "$host" = 127.0.0.1 ] || [ "$host" = localhost ]; then
    mails=$(curl -sf "${MAILBOX_URL:-http://127.0.0.1:${COGNITO_PORT:-9229}/_local/mailbox}?to=$(node -e 'process.stdout.write(encodeURIComponent(process.argv[1]))' "$EMAIL")")
    CODE=$(node -e 'const m = JSON.parse(process.argv[1]); process.stdout.write(m.length ? m[m.length - 1].code : "")' "$mails")
  elif [ -t 0 ]; then
    read -r -p "Code emailed to $EMAIL: " CODE
  fi
fi
[ -n "${CODE:-}" ] || { echo "✗ no confirmation code: set CODE=… (it was emailed to $EMAIL)" >&2; exit 1; }

confirmation=$(node -e 'process.stdout.write(JSON.stringify({ email: process.argv[1], code: process.argv[2] }))' "$EMAIL" "$CODE")
expect_status "confirm" 200 "$(call POST confirm "$confirmation")" >/dev/null

tokens=$(expect_status "sign-in" 200 "$(call POST sign-in "$credentials")")
ID_TOKEN=$(field "$tokens" idToken)
REFRESH_TOKEN=$(field "$tokens" refreshToken)

expect_status "GET /public" 200 "$(call GET public)" >/dev/null
expect_status "GET /secret without a token is refused" 401 "$(call GET secret)" >/dev/null
secret=$(expect_status "GET /secret with the id token" 200 "$(call GET secret '' "Authorization: Bearer $ID_TOKEN")")

me=$(expect_status "GET /me" 200 "$(call GET me '' "Authorization: Bearer $ID_TOKEN")")
[ "$(field "$me" email)" = "$EMAIL" ] && [ "$(field "$me" emailVerified)" = true ] || { echo "✗ GET /me: expected $EMAIL, verified, got: $me" >&2; exit 1; }

refresh=$(node -e 'process.stdout.write(JSON.stringify({ refreshToken: process.argv[1] }))' "$REFRESH_TOKEN")
refreshed=$(expect_status "refresh" 200 "$(call POST refresh "$refresh")")
expect_status "GET /secret with the refreshed id token" 200 "$(call GET secret '' "Authorization: Bearer $(field "$refreshed" idToken)")" >/dev/null

expect_status "sign-out" 204 "$(call POST sign-out "$refresh")" >/dev/null
expect_status "refresh after sign-out is refused" 401 "$(call POST refresh "$refresh")" >/dev/null

echo "$secret"
