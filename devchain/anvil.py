"""Run a throwaway local anvil node and drive it over JSON-RPC (tests, demo, benchmarks only)."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

import httpx
from Crypto.Hash import keccak
from eth_abi.abi import decode, encode

REPO_ROOT = Path(__file__).resolve().parents[1]
CONTRACTS_DIR = REPO_ROOT / "tests" / "contracts"
ANVIL_NPM_PATH = REPO_ROOT / ".tools" / "node_modules" / "@foundry-rs" / "anvil-linux-amd64" / "bin" / "anvil"

# keccak256("Transfer(address,address,uint256)")
TRANSFER_TOPIC = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef"
# keccak256("Approval(address,address,uint256)")
APPROVAL_TOPIC = "0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925"

Receipt = dict[str, Any]


# --------------------------------------------------------------------------- helpers


def keccak256(data: bytes) -> bytes:
    return keccak.new(digest_bits=256, data=data).digest()


def selector(signature: str) -> bytes:
    """4-byte function selector, e.g. ``selector("transfer(address,uint256)")``."""
    return keccak256(signature.encode("ascii"))[:4]


def to_checksum(address: str) -> str:
    """EIP-55 checksummed form of a 20-byte hex address (with or without ``0x``)."""
    hex_addr = address.lower().removeprefix("0x")
    if len(hex_addr) != 40 or any(c not in "0123456789abcdef" for c in hex_addr):
        raise ValueError(f"not a 20-byte hex address: {address!r}")
    digest = keccak256(hex_addr.encode("ascii")).hex()
    return "0x" + "".join(
        c.upper() if c.isalpha() and int(digest[i], 16) >= 8 else c for i, c in enumerate(hex_addr)
    )


def calldata(signature: str, types: Sequence[str] = (), args: Sequence[Any] = ()) -> str:
    """``0x``-prefixed calldata: selector of ``signature`` followed by ABI-encoded ``args``."""
    return "0x" + (selector(signature) + encode(list(types), list(args))).hex()


def _hexint(value: int) -> str:
    return hex(value)


def load_bytecode(name: str) -> str:
    """Creation bytecode of ``tests/contracts/<name>.bin`` as ``0x``-prefixed hex."""
    return "0x" + (CONTRACTS_DIR / f"{name}.bin").read_text().strip().removeprefix("0x")


def load_abi(name: str) -> list[dict[str, Any]]:
    abi: list[dict[str, Any]] = json.loads((CONTRACTS_DIR / f"{name}.abi").read_text())
    return abi


# --------------------------------------------------------------------------- JSON-RPC


class RpcError(RuntimeError):
    """The node answered a JSON-RPC call with an ``error`` object."""

    def __init__(self, method: str, code: int | None, message: str, data: Any = None) -> None:
        super().__init__(f"{method}: {message} (code {code})" + (f" data={data!r}" if data else ""))
        self.method = method
        self.code = code
        self.message = message
        self.data = data


class Rpc:
    """Tiny synchronous JSON-RPC client (httpx, 10 s timeout by default)."""

    def __init__(self, url: str, timeout: float = 10.0) -> None:
        self.url = url
        self._client = httpx.Client(timeout=timeout)
        self._ids = itertools.count(1)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def call(self, method: str, *params: Any) -> Any:
        """Call ``method`` and return its ``result``; raise :class:`RpcError` on an error reply."""
        payload = {"jsonrpc": "2.0", "id": next(self._ids), "method": method, "params": list(params)}
        resp = self._client.post(self.url, json=payload)
        resp.raise_for_status()
        body = resp.json()
        if body.get("error") is not None:
            err = body["error"]
            raise RpcError(method, err.get("code"), str(err.get("message", err)), err.get("data"))
        return body.get("result")

    # ---- node state

    def accounts(self) -> list[str]:
        """anvil's unlocked dev accounts, as the node returns them (lowercase hex)."""
        accts: list[str] = self.call("eth_accounts")
        return accts

    def chain_id(self) -> int:
        return int(self.call("eth_chainId"), 16)

    def block_number(self) -> int:
        return int(self.call("eth_blockNumber"), 16)

    def mine(self, n: int = 1) -> None:
        self.call("anvil_mine", _hexint(n))

    def set_automine(self, on: bool) -> None:
        self.call("evm_setAutomine", on)

    def balance(self, address: str) -> int:
        return int(self.call("eth_getBalance", address, "latest"), 16)

    # ---- transactions

    def send_tx(
        self, frm: str, to: str | None = None, value: int = 0, data: str = "0x", gas: int | None = None
    ) -> str:
        """``eth_sendTransaction`` from an unlocked account; returns the tx hash.

        With ``gas`` given, no gas estimation happens, so a reverting call is still mined
        (receipt ``status == "0x0"``) instead of being rejected up front.
        """
        tx: dict[str, Any] = {"from": frm, "value": _hexint(value), "data": data}
        if to is not None:
            tx["to"] = to
        if gas is not None:
            tx["gas"] = _hexint(gas)
        tx_hash: str = self.call("eth_sendTransaction", tx)
        return tx_hash

    def get_transaction(self, tx_hash: str) -> dict[str, Any] | None:
        tx: dict[str, Any] | None = self.call("eth_getTransactionByHash", tx_hash)
        return tx

    def get_receipt(self, tx_hash: str) -> Receipt | None:
        receipt: Receipt | None = self.call("eth_getTransactionReceipt", tx_hash)
        return receipt

    def wait_receipt(self, tx_hash: str, timeout: float = 10.0, poll: float = 0.02) -> Receipt:
        """Poll until the receipt exists (immediate with automine); ``TimeoutError`` otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            receipt = self.get_receipt(tx_hash)
            if receipt is not None:
                return receipt
            if time.monotonic() >= deadline:
                raise TimeoutError(f"no receipt for {tx_hash} after {timeout:.1f}s (automine off?)")
            time.sleep(poll)

    def eth_call(self, to: str, data: str, block: str = "latest") -> bytes:
        result: str = self.call("eth_call", {"to": to, "data": data}, block)
        return bytes.fromhex(result.removeprefix("0x"))

    def deploy(
        self,
        bytecode_hex: str,
        ctor_types: Sequence[str] = (),
        ctor_args: Sequence[Any] = (),
        frm: str | None = None,
    ) -> str:
        """Deploy creation code + ABI-encoded constructor args; return the EIP-55 checksummed address.

        ``frm`` defaults to the first dev account. Needs automine (or a block time) to get a receipt.
        """
        sender = frm if frm is not None else self.accounts()[0]
        code = bytecode_hex.strip().removeprefix("0x") + encode(list(ctor_types), list(ctor_args)).hex()
        receipt = self.wait_receipt(self.send_tx(sender, data="0x" + code))
        if receipt.get("status") != "0x1" or not receipt.get("contractAddress"):
            raise RpcError("deploy", None, f"deployment failed: {receipt!r}")
        return to_checksum(receipt["contractAddress"])


# --------------------------------------------------------------------------- anvil process


def anvil_path() -> str:
    """Path of the anvil binary: ``$SUPPORTCTL_ANVIL``, else ``.tools/`` (npm), else ``$PATH``."""
    env = os.environ.get("SUPPORTCTL_ANVIL")
    if env:
        if not (os.path.isfile(env) and os.access(env, os.X_OK)):
            raise RuntimeError(f"SUPPORTCTL_ANVIL={env!r} is not an executable file")
        return env
    if ANVIL_NPM_PATH.is_file() and os.access(ANVIL_NPM_PATH, os.X_OK):
        return str(ANVIL_NPM_PATH)
    found = shutil.which("anvil")
    if found:
        return found
    raise RuntimeError(
        "anvil not found: run `make install` (installs @foundry-rs/anvil-linux-amd64 into .tools/), "
        "put anvil on PATH, or set SUPPORTCTL_ANVIL=/path/to/anvil"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _pdeathsig_preexec() -> Callable[[], None] | None:
    """On Linux, have the kernel SIGTERM anvil if the Python process dies without cleaning up."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None
    pr_set_pdeathsig = 1

    def preexec() -> None:
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)

    return preexec


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    """Terminate then kill if needed, always reaping the process (no zombies)."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            proc.kill()
        proc.wait()


class Anvil:
    """A local anvil node on a free 127.0.0.1 port; use as a context manager.

    >>> with Anvil(chain_id=56) as node:
    ...     node.rpc.chain_id()
    56
    """

    def __init__(self, chain_id: int = 1, block_time: float | None = None, extra_args: Sequence[str] = ()):
        self.chain_id = chain_id
        self.block_time = block_time
        self.extra_args = tuple(extra_args)
        self.port = 0
        self.url = ""
        self._proc: subprocess.Popen[bytes] | None = None
        self._rpc: Rpc | None = None
        self._finalizer: weakref.finalize[Any, Any] | None = None

    @property
    def rpc(self) -> Rpc:
        if self._rpc is None:
            raise RuntimeError("anvil is not running (use `with Anvil() as node:` or call start())")
        return self._rpc

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def start(self, timeout: float = 10.0) -> Self:
        """Start anvil and wait until it answers ``eth_chainId`` (``RuntimeError`` with stderr if not)."""
        if self._proc is not None:
            raise RuntimeError("anvil already started")
        binary = anvil_path()
        last_error = ""
        for _attempt in range(3):  # the free port can be grabbed by someone else before anvil binds it
            port = _free_port()
            args = [
                binary,
                "--host", "127.0.0.1",
                "--port", str(port),
                "--chain-id", str(self.chain_id),
                "--silent",
            ]  # fmt: skip
            if self.block_time is not None:
                args += ["--block-time", str(self.block_time)]
            args += self.extra_args
            url = f"http://127.0.0.1:{port}"
            rpc = Rpc(url)
            with tempfile.TemporaryFile() as stderr:
                proc = subprocess.Popen(
                    args,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                    preexec_fn=_pdeathsig_preexec(),
                )
                finalizer = weakref.finalize(self, _terminate, proc)
                try:
                    self._wait_ready(proc, rpc, stderr, timeout)
                except BaseException as exc:
                    rpc.close()
                    finalizer()
                    if isinstance(exc, _AnvilDied) and "in use" in str(exc).lower():
                        last_error = str(exc)
                        continue
                    if isinstance(exc, _AnvilDied):
                        raise RuntimeError(f"anvil ({binary}) exited during startup: {exc}") from None
                    raise
            self._proc, self._rpc, self._finalizer = proc, rpc, finalizer
            self.port, self.url = port, url
            return self
        raise RuntimeError(f"anvil could not bind a free port after 3 attempts: {last_error}")

    @staticmethod
    def _wait_ready(proc: subprocess.Popen[bytes], rpc: Rpc, stderr: IO[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                stderr.seek(0)
                err = stderr.read().decode("utf-8", "replace").strip()
                raise _AnvilDied(f"exit code {proc.returncode}; stderr: {err or '(empty)'}")
            try:
                rpc.call("eth_chainId")
                return
            except (httpx.TransportError, RpcError):
                pass
            if time.monotonic() >= deadline:
                _terminate(proc)
                stderr.seek(0)
                err = stderr.read().decode("utf-8", "replace").strip()
                raise RuntimeError(
                    f"anvil did not answer eth_chainId within {timeout:.0f}s; stderr: {err or '(empty)'}"
                )
            time.sleep(0.02)

    def stop(self) -> None:
        """Terminate (then kill if needed) and reap anvil. Idempotent."""
        if self._rpc is not None:
            self._rpc.close()
            self._rpc = None
        if self._finalizer is not None:
            self._finalizer()  # runs _terminate once
            self._finalizer = None
        self._proc = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"url={self.url!r}" if self._proc is not None else "stopped"
        return f"Anvil(chain_id={self.chain_id}, {state})"


class _AnvilDied(Exception):
    pass


# --------------------------------------------------------------------------- test contracts


@dataclass(frozen=True)
class Token:
    """Handle on a deployed ``tests/contracts/TestToken.sol``. Write methods return the tx hash
    without waiting (use ``rpc.wait_receipt``); with automine the tx is already mined."""

    rpc: Rpc
    address: str
    deployer: str

    def mint(self, to: str, amount_units: int, frm: str | None = None) -> str:
        """Anyone may mint; sent from ``frm`` (default: the deployer)."""
        data = calldata("mint(address,uint256)", ["address", "uint256"], [to, amount_units])
        return self.rpc.send_tx(frm or self.deployer, self.address, data=data)

    def transfer(self, frm: str, to: str, amount_units: int, gas: int | None = None) -> str:
        """Pass ``gas`` to get a mined, reverted tx (status ``0x0``) when the balance is too low."""
        data = calldata("transfer(address,uint256)", ["address", "uint256"], [to, amount_units])
        return self.rpc.send_tx(frm, self.address, data=data, gas=gas)

    def approve(self, frm: str, spender: str, amount_units: int) -> str:
        data = calldata("approve(address,uint256)", ["address", "uint256"], [spender, amount_units])
        return self.rpc.send_tx(frm, self.address, data=data)

    def balance_of(self, addr: str) -> int:
        out = self.rpc.eth_call(self.address, calldata("balanceOf(address)", ["address"], [addr]))
        value: int = decode(["uint256"], out)[0]
        return value

    def call_symbol(self) -> str:
        symbol: str = decode(["string"], self.rpc.eth_call(self.address, calldata("symbol()")))[0]
        return symbol

    def call_name(self) -> str:
        name: str = decode(["string"], self.rpc.eth_call(self.address, calldata("name()")))[0]
        return name

    def call_decimals(self) -> int:
        decimals: int = decode(["uint8"], self.rpc.eth_call(self.address, calldata("decimals()")))[0]
        return decimals


def deploy_token(rpc: Rpc, frm: str, name: str, symbol: str, decimals: int) -> Token:
    """Deploy a TestToken (needs automine or a block time). ``Token.address`` is EIP-55 checksummed."""
    ctor_types = ["string", "string", "uint8"]
    address = rpc.deploy(load_bytecode("TestToken"), ctor_types, [name, symbol, decimals], frm)
    return Token(rpc=rpc, address=address, deployer=frm)


def deploy_payout(rpc: Rpc, frm: str) -> str:
    """Deploy BatchPayout; returns its EIP-55 checksummed address."""
    return rpc.deploy(load_bytecode("BatchPayout"), [], [], frm)


def payout(
    rpc: Rpc,
    frm: str,
    payout_addr: str,
    token_addr: str,
    transfers: Sequence[tuple[str, int]],
    gas: int | None = None,
) -> str:
    """``BatchPayout.payout(token, to[], amounts[])`` from ``frm``; returns the tx hash.

    ``frm`` must first have approved ``payout_addr`` on the token for the total amount.
    """
    recipients = [to for to, _ in transfers]
    amounts = [amount for _, amount in transfers]
    data = calldata(
        "payout(address,address[],uint256[])",
        ["address", "address[]", "uint256[]"],
        [token_addr, recipients, amounts],
    )
    return rpc.send_tx(frm, payout_addr, data=data, gas=gas)
