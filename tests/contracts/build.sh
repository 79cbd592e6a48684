#!/usr/bin/env bash
# Rebuild the committed bytecode/ABI of the test contracts with solcjs 0.8.26 (npm "solc@0.8.26").
# Usage: tests/contracts/build.sh   (from anywhere; needs `make install` / the .tools npm prefix)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
solcjs="${SOLCJS:-$repo/.tools/node_modules/.bin/solcjs}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$here"
"$solcjs" --bin --abi --optimize --output-dir "$out" TestToken.sol BatchPayout.sol Reverter.sol
cp "$out/TestToken_sol_TestToken.bin" TestToken.bin
cp "$out/TestToken_sol_TestToken.abi" TestToken.abi
cp "$out/BatchPayout_sol_BatchPayout.bin" BatchPayout.bin
cp "$out/BatchPayout_sol_BatchPayout.abi" BatchPayout.abi
cp "$out/Reverter_sol_Reverter.bin" Reverter.bin
cp "$out/Reverter_sol_Reverter.abi" Reverter.abi
echo "built: TestToken.{bin,abi} BatchPayout.{bin,abi} Reverter.{bin,abi} with $("$solcjs" --version)"
