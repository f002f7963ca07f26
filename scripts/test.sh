#!/usr/bin/env bash
# Install report-lint with every optional part into ./.venv and run the whole test suite.
# This is the README's test command and what .ci/run executes.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
# torch is pinned to the CPU build first so nothing pulls a CUDA wheel.
.venv/bin/python -m pip install -q --disable-pip-version-check torch==2.13.0
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[gen,batch,train,serve,test]'
# Headless Chromium renders the archive report and, driven by Playwright (never `playwright install`), the
# serve page; install it where we may (root, Debian).
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium not installed; its test will skip"
fi
# LibreOffice converts .doc/.wps drafts and renders annotated copies to PDF in the Word tests.
if ! command -v soffice >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui fonts-noto-cjk >/dev/null) || echo "LibreOffice not installed; its tests will skip"
fi
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m ruff check pipeline scripts tests
.venv/bin/python -m pytest "$@"
