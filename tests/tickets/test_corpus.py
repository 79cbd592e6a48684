"""The ticket corpus (``corpus.py``) diagnosed end to end: ``supportctl --format json diagnose TICKET`` through the
real command line, against the anvil world (transactions made once for the module) or a real transaction's
recorded responses.

For every ticket: the documented exit status, exactly one ``supportctl.ticket/1`` object on stdout, the reply in
the expected language (``lang.reply`` and ``reply.lang``, and the text really written from that language's
catalog), the ticket's own expectations (items, claims, verdict, findings, wording), and that the reply keeps to
the facts: every amount it states is an amount of the evidence, every link it gives is an item's explorer link,
it repeats nothing the customer reported (links, phone numbers), never a secret, never calls an address someone
else gave (or a look-alike) valid, and says only what the ticket's verdicts say (no "confirmed" wording without
a confirmed item, no "not found" wording beside a confirmed deposit …).

A ticket the product answers wrongly today is ``xfail(strict=True, raises=KnownBug)``: only the steps its bug
names may fail (each is still checked, and one that passes again fails the test); any other failure is a failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import string
import sys
from collections.abc import Iterator, Mapping
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import respx

from devchain import to_checksum
from devchain.world import ETH, USDT, World
from supportctl import replies
from supportctl.core.model import Kind, Lang, Verdict
from supportctl.engine import language
from supportctl.engine.words import CURRENCIES
from supportctl.replies import numbers
from tests.real.corpus import RealCase
from tests.real.other_cases import CASES as REAL_CASES
from tests.tickets.corpus import LANGS, SECRETS, SPELLINGS, TICKETS, Ticket

REAL = {c.name: c for c in REAL_CASES}

# DESIGN.md "Exit status": 0 the verdict needs nothing from the customer, 1 a problem, 2 input error, 3 unknown.
EXIT = {"confirmed": 0, "awaiting_confirmations": 0, "pending": 0, "details_needed": 0, "valid": 0,
        "completed": 0, "unknown": 3, "invalid_input": 2}
PROBLEM = 1


class KnownBug(AssertionError):
    """A step that a ticket's known product bug makes fail (the row is xfail for exactly this)."""


# -- the anvil transactions, made once --------------------------------------------------------------------------


def _hash(label: str) -> str:
    return "0x" + hashlib.sha256(label.encode()).hexdigest()


@pytest.fixture(scope="module")
def anvil_values(chain_world: World) -> dict[str, str]:
    """Every transaction the corpus names, made on the session's anvil world once: the confirmed ones first and
    mined past every requirement, then the two still confirming (3 and 2 of 12), so nothing mines after them."""
    w = chain_world
    eth, bsc = w.eth.rpc, w.bsc.rpc
    poor = next(a for a in eth.accounts()[7:] if w.usdt.balance_of(a) == 0)  # a transfer from it reverts
    v = {
        "ok300": w.usdt.transfer(w.customer, w.deposit_address, 300 * USDT),
        "ok1500": w.usdt.transfer(w.customer, w.deposit_address, 1500 * USDT),
        "ok75": w.usdt.transfer(w.customer, w.deposit_address, 75_500_000),
        "ok20": w.usdt.transfer(w.customer, w.deposit_address, 20 * USDT),
        "eth2": eth.send_tx(w.customer, w.deposit_address, value=2 * ETH),
        "stranger150": w.usdt.transfer(w.customer, w.stranger, 150 * USDT),
        "poisoned200": w.usdt.transfer(w.customer, w.lookalike_address, 200 * USDT),
        "fake500": w.fake_usdt.transfer(w.customer, w.deposit_address, 500 * USDT),
        "failed100": w.usdt.transfer(poor, w.deposit_address, 100 * USDT, gas=100_000),
        "small5": w.usdt.transfer(w.customer, w.deposit_address, 5 * USDT),
    }
    for tx in v.values():
        eth.wait_receipt(tx)
    v["bsc100"] = w.bsc_usdt.transfer(bsc.accounts()[1], w.deposit_address, 100 * 10**18)
    bsc.wait_receipt(v["bsc100"])
    bsc.mine(20)
    eth.mine(20)
    v["waiting"] = w.usdt.transfer(w.customer, w.deposit_address, 80 * USDT)
    v["waiting45"] = w.usdt.transfer(w.customer, w.deposit_address, 45 * USDT)
    eth.wait_receipt(v["waiting"])
    eth.wait_receipt(v["waiting45"])
    eth.mine(1)
    assert eth.get_receipt(v["failed100"])["status"] == "0x0"  # type: ignore[index]
    v |= {"missing": _hash("corpus: a hash on no chain"), "missing2": _hash("corpus: another hash on no chain"),
          "deposit": w.deposit_address, "customer": w.customer, "stranger": w.stranger,
          "lookalike": w.lookalike_address, "deposit_cs": to_checksum(w.deposit_address), "config": w.extra["config"]}
    return v


def _real_values(case: RealCase) -> dict[str, str]:
    return {"tx": case.tx, "to": case.to or "", "memo": case.memo or "", "sender": case.sender or ""}


# -- running a ticket -------------------------------------------------------------------------------------------


def _diagnose(cli: Any, monkeypatch: pytest.MonkeyPatch, config: str, text: str, stdin: bool) -> Any:
    argv = ["--config", config, "--format", "json", "diagnose"]
    if stdin:
        monkeypatch.setattr(sys, "stdin", io.StringIO(text))
        return cli(*argv, "-")
    return cli(*argv, text)


def _params() -> Iterator[Any]:
    for t in TICKETS:
        marks: list[pytest.MarkDecorator] = [] if t.real else [pytest.mark.anvil]
        if t.bug:
            marks.append(pytest.mark.xfail(strict=True, raises=KnownBug, reason=t.bug))
        yield pytest.param(t, id=t.id, marks=marks)


@pytest.mark.parametrize("ticket", list(_params()))
def test_ticket(ticket: Ticket, cli: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                request: pytest.FixtureRequest) -> None:
    if ticket.real:
        case = REAL[ticket.real]
        values = _real_values(case)
        config = tmp_path / "real.toml"
        config.write_text(case.config, "utf-8")
        text = ticket.text.format_map({**values, **SECRETS, **SPELLINGS})
        with respx.mock(assert_all_called=False) as router:
            case.install(router)
            result = _diagnose(cli, monkeypatch, str(config), text, ticket.stdin or "\n" in text)
    else:
        values = request.getfixturevalue("anvil_values")
        text = ticket.text.format_map({**values, **SECRETS, **SPELLINGS})
        result = _diagnose(cli, monkeypatch, values["config"], text, ticket.stdin or "\n" in text)
    Judge(ticket, {**values, **SECRETS, **SPELLINGS}, text, result.code, result.out, result.err).run()


# -- judging one answer -----------------------------------------------------------------------------------------


class Judge:
    def __init__(self, ticket: Ticket, values: Mapping[str, str], text: str, code: int, out: str, err: str) -> None:
        self.t, self.values, self.text, self.code, self.out, self.err = ticket, values, text, code, out, err
        self.failed: dict[str, str] = {}
        self.doc: dict[str, Any] = {}

    def fill(self, template: str) -> str:
        return template.format_map(self.values)

    def step(self, name: str, ok: bool, message: str) -> None:
        if ok:
            return
        if name in self.t.fails:
            self.failed.setdefault(name, message)
            return
        raise AssertionError(f"[{self.t.id}: {name}] {message}\n--- ticket:\n{self.text}\n--- exit {self.code}; "
                             f"stderr: {self.err!r}\n--- stdout:\n{self._shown()}")

    def _shown(self) -> str:
        if not self.doc:
            return self.out[:4000]
        brief = {k: self.doc[k] for k in ("verdict", "lang", "claims", "findings", "reported", "secrets")}
        brief["items"] = [{"role": i["role"], "words": i["words"], "verdict": i["diagnosis"]["verdict"],
                           "subject": i["diagnosis"]["subject"], "summary": i["diagnosis"]["summary"]}
                          for i in self.doc["items"]]
        return json.dumps(brief, ensure_ascii=False, indent=1)[:6000] + "\n--- reply:\n" + self.reply

    @property
    def reply(self) -> str:
        return str(self.doc.get("reply", {}).get("text", ""))

    def run(self) -> None:
        t = self.t
        assert "Traceback" not in self.err, self.err
        self.secrets_never_shown()  # before anything else: even a broken answer must not echo a secret
        lines = self.out.splitlines()
        self.step("json", len(lines) == 1, f"expected exactly one JSON object on stdout, got {len(lines)} lines")
        self.doc = json.loads(lines[0])
        self.step("json", self.doc.get("schema") == "supportctl.ticket/1", f"schema {self.doc.get('schema')!r}")
        verdict = self.doc["verdict"]
        self.step("verdict", verdict in t.verdict, f"verdict {verdict!r}, expected one of {sorted(t.verdict)}")
        if t.exit is not None:
            exits = {t.exit}
        elif verdict in t.verdict:
            exits = {EXIT.get(verdict, PROBLEM)}
        else:
            exits = {EXIT.get(v, PROBLEM) for v in t.verdict}
        self.step("exit", self.code in exits, f"exit status {self.code}, expected {sorted(exits)}")
        self.language()
        self.expectations()
        self.keeps_to_the_facts()
        missing = sorted(set(t.fails) - set(self.failed))
        assert not missing, (f"{t.id}: steps {missing} pass now although the known bug says they fail — is it "
                             f"fixed? update the ticket (still failing: {sorted(self.failed)})")
        if self.failed:
            raise KnownBug("; ".join(f"{k}: {v}" for k, v in self.failed.items()))

    # -- the language ----------------------------------------------------------------------------------------

    def language(self) -> None:
        t, doc, reply = self.t, self.doc, self.reply
        self.step("lang", doc["lang"]["reply"] == t.lang and doc["reply"]["lang"] == t.lang,
                  f"reply language {doc['lang']} / {doc['reply']['lang']}, expected {t.lang}")
        if t.detected:
            self.step("lang", doc["lang"]["detected"] == t.detected,
                      f"detected {doc['lang']['detected']!r}, expected {t.detected!r}")
            name = language.NAMES[t.detected]
            self.step("stderr", f"looks {name}; replying in English" in self.err,
                      f"no note on stderr that the {name} ticket is answered in English: {self.err!r}")
        else:
            self.step("stderr", self.err == "", f"unexpected stderr {self.err!r}")
        own = [p for p in pieces(t.lang) if p in reply]
        self.step("lang", bool(own), f"the reply has no sentence of the {t.lang} catalog")
        if t.lang != "en":
            english = [p for p in pieces("en") if len(p) >= 20 and p in reply]
            self.step("lang", not english, f"English catalog text in a {t.lang} reply: {english}")
        letters = [c for c in reply if c.isalpha()]
        if t.lang in ("zh", "zh-hant"):
            self.step("lang", any(_han(c) for c in letters), "a Chinese reply without Chinese characters")
            other = language.TRADITIONAL_ONLY if t.lang == "zh" else language.SIMPLIFIED_ONLY
            wrong = sorted({c for c in reply if c in other})
            self.step("lang", not wrong, f"{t.lang} reply uses characters of the other script: {wrong}")
        if t.lang == "ko":
            self.step("lang", any("\uac00" <= c <= "\ud7a3" for c in letters), "a Korean reply without Hangul")
        if t.lang == "ru":
            self.step("lang", any("\u0400" <= c <= "\u04ff" for c in letters), "a Russian reply without Cyrillic")
        if t.lang == "vi":
            self.step("lang", any(c in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ" for c in reply.lower()),
                      "a Vietnamese reply without Vietnamese letters")

    # -- the ticket's own expectations -------------------------------------------------------------------------

    def expectations(self) -> None:
        t, doc, reply = self.t, self.doc, self.reply
        items = [(i["diagnosis"]["subject"]["kind"], i["role"]) for i in doc["items"]]
        self.step("items", items == list(t.items), f"items {items}, expected {list(t.items)}")
        claims = {(c["name"], c["value"]) for c in doc["claims"]}
        missing = [(n, self.fill(v)) for n, v in t.claims if (n, self.fill(v)) not in claims]
        self.step("claims", not missing, f"claims {missing} not found among {sorted(claims)}")
        wrong = [(n, self.fill(v)) for n, v in t.not_claims if (n, self.fill(v)) in claims]
        self.step("claims", not wrong, f"claims {wrong} should not have been read")
        codes = {f["check"] for f in self.findings() if f["severity"] != "ok"}
        absent = [c for c in t.findings if c not in codes]
        self.step("findings", not absent, f"findings {absent} absent (present: {sorted(codes)})")
        if "TKT001" in t.findings:
            suspects = {str(f["evidence"].get("lookalike")).lower() for f in doc["findings"] if f["check"] == "TKT001"}
            self.step("findings", suspects == {self.values["lookalike"].lower()},
                      f"the look-alike named is {suspects}, not the pasted look-alike {self.values['lookalike']}")
        for s in t.contains:
            self.step("contains", self.fill(s) in reply, f"the reply does not contain {self.fill(s)!r}")
        for s in t.excludes:
            self.step("excludes", self.fill(s) not in reply, f"the reply contains {self.fill(s)!r}")
        if "details_needed" in t.verdict and doc["verdict"] == "details_needed":
            asked = replies.unsigned(replies.render(Kind.INPUT, Verdict.DETAILS_NEEDED, Lang(t.lang), {}),
                                     Lang(t.lang))
            self.step("contains", asked in reply, "the reply does not ask for the TxID, network and address")
        reported = [self.fill(r) for r in t.reported]
        self.step("reported", doc["reported"] == reported, f"reported {doc['reported']}, expected {reported}")
        if t.names_each:
            inputs = [i["diagnosis"]["subject"]["input"] for i in doc["items"]]
            unnamed = [x for x in inputs if x[:8] not in reply]
            self.step("names_each", len(inputs) > 1 and not unnamed, f"the reply does not name {unnamed}")
        if t.secrets:
            self.step("secrets", bool(doc["secrets"]), "no secret reported as cut out")
            first = reply.split("\n\n")[0]
            warned = [p for p in wording(Lang(t.lang))[("input", "secret_exposed")] if p in first]
            self.step("secrets", bool(warned), "the reply does not open with the warning about the secret")

    def findings(self) -> list[dict[str, Any]]:
        return [*self.doc["findings"], *(f for i in self.doc["items"] for f in i["diagnosis"]["findings"])]

    # -- the reply keeps to the facts --------------------------------------------------------------------------

    def secrets_never_shown(self) -> None:
        shown = self.out + "\n" + self.err
        for name in self.t.secrets:
            secret = SECRETS[name]
            words = secret.split()
            if len(words) == 1:  # a key
                bare = secret.lower().removeprefix("0x")
                self.step("secrets", bare not in shown.lower(), f"the {name} appears in the output")
                continue
            pairs = [f"{a}{sep}{b}" for a, b in zip(words, words[1:], strict=False) for sep in (" ", "", "\u3000")]
            leaked = [p for p in pairs if p in shown]
            leaked += [w for w in words if len(w) > 1 and w not in catalog_words() and re.search(
                rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", shown)]
            self.step("secrets", not leaked, f"words of the {name} appear in the output: {leaked}")

    def keeps_to_the_facts(self) -> None:
        doc, reply, lang = self.doc, self.reply, Lang(self.t.lang)
        # nothing the customer reported is repeated; the only links are the items' explorer links
        for r in doc["reported"]:
            host = re.sub(r"^https?://", "", r).split("/")[0]
            digits = re.sub(r"\D", "", r) if not r.startswith("http") else None
            self.step("reported", r not in reply and host not in reply and not (digits and digits in
                      re.sub(r"\D", "", reply)), f"the reply repeats what the customer reported: {r!r}")
        explorers = {str(i["diagnosis"]["facts"].get("explorer_url")) for i in doc["items"]}
        links = re.findall(r"https?://[^\s<>()\"'，。、）]+", reply)
        foreign = [u for u in links if u.rstrip(".,;:!?") not in explorers]
        self.step("links", not foreign, f"the reply links to {foreign}, which is no item's explorer link")
        # every amount stated is an amount of the evidence
        allowed = {_space(numbers.number(d, lang)) for d in self.evidence_amounts()}
        stated = [(m.group(1), m.group(2)) for m in AMOUNT.finditer(reply)]
        wrong = [f"{n} {c}" for n, c in stated if _space(n) not in allowed]
        self.step("amounts", not wrong, f"the reply states {wrong}; the evidence holds {sorted(allowed)}")
        # an address someone else gave, or a look-alike, is never called valid; a given one is never repeated
        suspects = [i["diagnosis"]["subject"]["input"] for i in doc["items"] if i["role"] == "given_by_someone"]
        lookalikes = [str(f["evidence"].get("lookalike")) for f in doc["findings"] if f["check"] == "TKT001"]
        for a in suspects + lookalikes:
            self.step("endorses", not _calls_valid(lang, a).search(reply), f"the reply calls {a} a valid address")
        for a in suspects:
            self.step("endorses", a.lower() not in reply.lower(), f"the reply repeats the address given: {a}")
        # the reply says only what the verdicts say
        said = justified(doc)
        for key, found in wording(lang).items():
            present = [p for p in found if p in reply]
            self.step("wording", not present or key in said,
                      f"the reply uses the wording of {key[0]}.{key[1]} ({present[0] if present else ''!r}) "
                      f"but no item or ticket finding has that verdict (verdicts: {sorted(said)})")

    def evidence_amounts(self) -> set[Decimal]:
        out: set[Decimal] = set()
        for i in self.doc["items"]:
            out |= set(_amounts(i["diagnosis"]["facts"]))
            for f in i["diagnosis"]["findings"]:
                out |= set(_amounts(f["evidence"]))
        return out


_AMOUNT_KEYS = {"amount", "min_deposit", "arrived_amount", "fee", "arrived", "delivered_amount"}
_NUM = r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
AMOUNT = re.compile(rf"(?<![\d.,])({_NUM})\s?({'|'.join(sorted(CURRENCIES, key=len, reverse=True))})(?![A-Za-z])")


def _amounts(value: object, key: str = "") -> Iterator[Decimal]:
    if isinstance(value, Mapping):
        for k, v in value.items():
            yield from _amounts(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _amounts(v, key)
    elif key in _AMOUNT_KEYS and value is not None:
        with contextlib.suppress(InvalidOperation):
            yield Decimal(str(value))


def _space(s: str) -> str:
    return s.replace("\u00a0", " ").replace("\u202f", " ")


def _han(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def justified(doc: Mapping[str, Any]) -> set[tuple[str, str]]:
    """(kind, verdict) pairs whose wording the reply may use: each item's, and the ticket's own paragraphs."""
    said = {(i["diagnosis"]["subject"]["kind"], i["diagnosis"]["verdict"]) for i in doc["items"]}
    codes = {f["check"] for f in doc["findings"]}
    if doc["secrets"]:
        said.add(("input", "secret_exposed"))
    if doc["verdict"] == "scam_warning":
        said.add(("input", "scam_warning"))
    if "TKT001" in codes:
        said.add(("address", "lookalike"))
    if doc["verdict"] == "details_needed":
        said.add(("input", "details_needed"))
    return said


# -- the catalogs, read as text ---------------------------------------------------------------------------------


def _literals(template: str) -> list[str]:
    return [lit.strip() for lit, _, _, _ in string.Formatter().parse(template) if lit.strip()]


def _dense(lang: str) -> bool:
    return lang in ("zh", "zh-hant", "ko")


@cache
def pieces(lang: str) -> tuple[str, ...]:
    """The fixed text between the placeholders of every template, variant and fragment of ``lang``'s catalog,
    long enough to be that catalog's own (12 characters, 6 in Chinese and Korean)."""
    cat = replies.in_use(Lang(lang))
    texts = [t for table in cat.templates.values() for t in table.values()]
    texts += [t for table in cat.variants.values() for t in table.values()]
    texts += [*cat.fragments.values(), *cat.fallbacks.values()]
    least = 6 if _dense(lang) else 12
    return tuple(sorted({p for t in texts for p in _literals(t) if len(p) >= least}, key=len, reverse=True))


@cache
def wording(lang: Lang) -> dict[tuple[str, str], tuple[str, ...]]:
    """For each (kind, verdict): the fixed pieces of its reply (and variants) that no other verdict's reply
    shares — the words that say that verdict."""
    cat = replies.in_use(lang)
    groups: dict[tuple[str, str], list[str]] = {}
    for kind, table in cat.templates.items():
        for verdict, template in table.items():
            groups.setdefault((str(kind), str(verdict)), []).append(template)
    for kind, vtable in cat.variants.items():
        for (verdict, _), template in vtable.items():
            groups.setdefault((str(kind), str(verdict)), []).append(template)
    least = 6 if _dense(str(lang)) else 16
    out = {}
    for key, templates in groups.items():
        others = [t for k, ts in groups.items() if k != key for t in ts]
        own = {p for t in templates for p in _literals(t) if len(p) >= least}
        out[key] = tuple(p for p in own if not any(p in o for o in others))
    return out


def _calls_valid(lang: Lang, address: str) -> re.Pattern[str]:
    """The address 'valid' reply of ``lang`` said of ``address`` (any chains), as a pattern."""
    template = replies.in_use(lang).templates[Kind.ADDRESS][Verdict.VALID]
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name == "address":
            parts.append(re.escape(address))
        elif name:
            parts.append(r"[^\n]*?")
    return re.compile("".join(parts), re.IGNORECASE)


@cache
def catalog_words() -> frozenset[str]:
    """Every word of every catalog: a seed word that is also an ordinary reply word is not a leak by itself."""
    words: set[str] = set()
    for lang in LANGS:
        cat = replies.in_use(Lang(lang))
        texts = [t for table in cat.templates.values() for t in table.values()]
        texts += [t for table in cat.variants.values() for t in table.values()]
        texts += [*cat.fragments.values(), *cat.fallbacks.values()]
        for t in texts:
            words |= set(re.findall(r"[^\W\d_]+", t.lower()))
            words |= {c for c in t if _han(c)}
    return frozenset(words)


# -- the judge itself: it catches a reply that contradicts the facts -------------------------------------------

BY_ID = {t.id: t for t in TICKETS}


def _break(doc: dict[str, Any], values: Mapping[str, str], how: str) -> tuple[dict[str, Any], str]:
    """``doc`` with its reply broken in one way, and the step that must catch it."""
    reply = doc["reply"]["text"]
    en = Lang.EN
    if how == "not-found-beside-confirmed":
        text = reply + "\n\n" + replies.render(Kind.DEPOSIT, Verdict.NOT_FOUND, en, {})
        step = "wording"
    elif how == "claimed-amount-stated":
        text, step = reply + " Your deposit of 800 USDT was credited.", "amounts"
    elif how == "foreign-link":
        text, step = reply + " https://binance-support-verify.com/login", "links"
    elif how == "given-address-called-valid":
        text = reply + "\n\n" + replies.render(Kind.ADDRESS, Verdict.VALID, en,
                                                 {"address": values["stranger"], "chains": "Ethereum"})
        step = "endorses"
    elif how == "reported-phone-repeated":
        text, step = reply + " Call +1 (555) 010-9999.", "reported"
    elif how == "english-in-chinese":
        text = reply + "\n\n" + replies.render(Kind.INPUT, Verdict.DETAILS_NEEDED, en, {})
        step = "lang"
    else:
        raise AssertionError(how)
    return {**doc, "reply": {**doc["reply"], "text": text}}, step


@pytest.mark.anvil
@pytest.mark.parametrize(("ticket_id", "how"), [
    ("en-01-confirmed-erc20-from-my-wallet", "not-found-beside-confirmed"),
    ("en-01-confirmed-erc20-from-my-wallet", "claimed-amount-stated"),
    ("en-01-confirmed-erc20-from-my-wallet", "foreign-link"),
    ("en-04-scam-telegram-link-phone", "given-address-called-valid"),
    ("en-04-scam-telegram-link-phone", "reported-phone-repeated"),
    ("zh-01-confirmed-erc20", "english-in-chinese"),
])
def test_judge_catches(ticket_id: str, how: str, cli: Any, anvil_values: dict[str, str]) -> None:
    t = BY_ID[ticket_id]
    values = {**anvil_values, **SECRETS, **SPELLINGS}
    text = t.text.format_map(values)
    r = cli("--config", anvil_values["config"], "--format", "json", "diagnose", text)
    Judge(t, values, text, r.code, r.out, r.err).run()  # the real answer passes
    doc, step = _break(json.loads(r.out), values, how)
    with pytest.raises(AssertionError, match=rf"\[{re.escape(t.id)}: {step}\]"):
        Judge(t, values, text, r.code, json.dumps(doc, ensure_ascii=False) + "\n", r.err).run()


def test_judge_catches_a_leaked_seed() -> None:
    t = BY_ID["ko-08-seed-phrase"]
    out = json.dumps({"schema": "supportctl.ticket/1", "reply": {"text": "…" + SECRETS["seed_en3"]}}) + "\n"
    with pytest.raises(AssertionError, match=r"\[ko-08-seed-phrase: secrets\]"):
        Judge(t, SECRETS, "", 1, out, "").run()


# -- the corpus itself ------------------------------------------------------------------------------------------


def test_corpus_covers_the_brief() -> None:
    assert len(TICKETS) >= 60
    assert len({t.id for t in TICKETS}) == len(TICKETS)
    per_lang = {lang: sum(t.lang == lang and not t.detected for t in TICKETS) for lang in LANGS}
    assert min(per_lang.values()) >= 5, per_lang
    situations = {t.situation for t in TICKETS}
    assert situations >= {"confirmed", "awaiting", "wrong_address", "lookalike", "given_by_someone", "wrong_network",
                          "amount", "fake_token", "failed", "not_found", "several", "secret", "withdrawal_id",
                          "no_item", "unsupported_language", "real"}, situations
    assert {REAL[t.real].chain for t in TICKETS if t.real} >= {"tron", "solana", "xrp", "bitcoin"}
    for t in TICKETS:
        placeholders = {name for _, name, _, _ in string.Formatter().parse(t.text) if name}
        if t.real:
            assert placeholders <= {"tx", "to", "memo", "sender", *SECRETS}, t.id
            # the deposit address is in the text, or the customer's own wallet (the recorded sender) instead
            assert ("{to}" in t.text or "{sender}" in t.text) and "{tx}" in t.text, t.id
        assert set(t.secrets) <= {p.removesuffix("_bare") for p in placeholders}, t.id
