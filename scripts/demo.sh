#!/usr/bin/env bash
# The main job. Until the end-to-end patch demo exists, this runs the most
# complete real job the tool has (grows as layers land).
set -euo pipefail
build=${1:-build}
S=$build/suture
$S --version
