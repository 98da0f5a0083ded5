#!/usr/bin/env bash
# `cdk diff` of one stage, printed and appended to the GitHub Actions job summary as a code block.
# Usage: scripts/ci/cdk-diff-summary.sh STAGE [-c key=value ...]
set -euo pipefail
stage="$1"
shift
out="$(mktemp)"
# cdk diff exits 0 whether or not there are differences (--fail is off): a difference is not a failure.
npx cdk diff -c "stage=$stage" "$@" 2>&1 | tee "$out"
{
  echo "### cdk diff: $stage"
  echo '```'
  cat "$out"
  echo '```'
} >> "${GITHUB_STEP_SUMMARY:-/dev/stdout}"
