"""The slow baseline of bench/bulk.py: a sequential loop of single web3.py lookups (transaction, receipt, block
number), as a script written without batching or concurrency would do it. Runs in its own virtual environment
(`.bench-venv`, web3 only, made by `make bench`): web3's eth-keyfile pins pycryptodome below 4, which supportctl
does not.

    .bench-venv/bin/python bench/web3_loop.py URL < hashes.txt    # prints the seconds the loop took
"""

import sys
import time

from web3 import Web3

url = sys.argv[1]
hashes = [line.strip() for line in sys.stdin if line.strip()]
w3 = Web3(Web3.HTTPProvider(url, request_kwargs={"timeout": 30}))
start = time.perf_counter()
for tx in hashes:
    w3.eth.get_transaction(tx)
    w3.eth.get_transaction_receipt(tx)
    _ = w3.eth.block_number
print(f"{time.perf_counter() - start:.3f}")
