"""The answers to what is not a ticket item: something that cannot be read (`invalid_input`), a source that
could not say (`unknown` for any kind), a pasted private key or seed phrase (`secret_exposed`) — never
echoed: only its kind is shown — and a ticket with nothing to look up (`details_needed`)."""

from __future__ import annotations

from supportctl.core.model import CheckCode, Diagnosis, Finding, Kind, Lang, Severity, Subject, Verdict

KIND = Kind.INPUT

PRECEDENCE: tuple[Verdict, ...] = (Verdict.SECRET_EXPOSED, Verdict.SCAM_WARNING, Verdict.INVALID_INPUT,
                                  Verdict.DETAILS_NEEDED)


def invalid(text: str, reason: str, lang: Lang) -> Diagnosis:
    from supportctl import replies

    finding = Finding(CheckCode("INP001"), "input", Severity.ERROR, reason, {}, Verdict.INVALID_INPUT)
    reply = replies.render(Kind.INPUT, Verdict.INVALID_INPUT, lang, {"input": text[:120]} if repeated(text) else {})
    return Diagnosis(Subject(Kind.INPUT, text), Verdict.INVALID_INPUT, reason, {}, (finding,), reply, lang)


def repeated(text: str) -> bool:
    """Does ``invalid``'s reply repeat ``text`` to the customer? Never a link: it may be the phishing site they
    report (the catalog's fallback words, "the details you sent", stand in for it)."""
    return not text.lstrip().lower().startswith(("http://", "https://", "www."))


def details_needed(text: str, lang: Lang) -> Diagnosis:
    """A ticket in which nothing can be looked up (no hash, link, address or ID): the reply asks the customer for
    the transaction hash, the network and the address, in their language. Nothing of the ticket is repeated."""
    from supportctl import replies

    message = ("No transaction hash, explorer link, address or ID in the ticket: the reply asks the customer for "
               "them")
    finding = Finding(CheckCode("INP004"), "details", Severity.INFO, message, {}, Verdict.DETAILS_NEEDED)
    reply = replies.render(Kind.INPUT, Verdict.DETAILS_NEEDED, lang, {})
    return Diagnosis(Subject(Kind.INPUT, text[:120]), Verdict.DETAILS_NEEDED, message, {}, (finding,), reply, lang)


def unknown(subject: Subject, reason: str, lang: Lang) -> Diagnosis:
    from supportctl import replies

    finding = Finding(CheckCode("SRC001"), "source", Severity.UNKNOWN, reason, {}, Verdict.UNKNOWN)
    reply = replies.render(subject.kind, Verdict.UNKNOWN, lang, {})
    return Diagnosis(subject, Verdict.UNKNOWN, reason, {}, (finding,), reply, lang)


def exposed(kind: str, lang: Lang) -> Diagnosis:
    """A pasted private key or seed phrase: the funds are at risk. The secret itself is never shown."""
    from supportctl import replies

    message = (f"The customer pasted a {kind}: anyone who has seen it can take the funds. Tell them to move "
               "the funds to a new wallet now; delete the secret from the ticket and never ask for it")
    finding = Finding(CheckCode("INP002"), "secret", Severity.ERROR, message, {"kind": kind}, Verdict.SECRET_EXPOSED)
    secret = replies.fragment(lang, "secret_seed" if kind.startswith("seed") else "secret_key")
    reply = replies.render(Kind.INPUT, Verdict.SECRET_EXPOSED, lang, {"secret": secret})
    return Diagnosis(Subject(Kind.INPUT, f"[redacted {kind}]"), Verdict.SECRET_EXPOSED, message, {"secret": kind},
                     (finding,), reply, lang)
