"""A corpus of support tickets as customers write them, in the ten reply languages (and three others), with what
a careful agent expects ``supportctl diagnose`` to find in each. ``test_corpus.py`` runs them end to end.

Each ticket is a template; its placeholders are filled at test time:

- anvil world (``chain_world``, built once per module in ``test_corpus.py``): ``{deposit}`` the customer's deposit
  address (``{deposit_cs}`` the same in EIP-55 case), ``{customer}`` their own wallet, ``{stranger}`` somebody
  else's address, ``{lookalike}`` an address-poisoning look-alike of ``{deposit}``; transactions ``{ok300}``
  ``{ok1500}`` ``{ok75}`` ``{ok20}`` (confirmed USDT deposits of 300, 1500, 75.5 and 20), ``{eth2}`` (2 ETH,
  confirmed), ``{waiting}`` / ``{waiting45}`` (80 / 45 USDT, still confirming), ``{stranger150}`` (150 USDT to the
  stranger), ``{poisoned200}`` (200 USDT to the look-alike), ``{fake500}`` (500 of a fake "USDT"), ``{failed100}``
  (a reverted 100 USDT transfer), ``{bsc100}`` (100 USDT on the BSC node), ``{small5}`` (5 USDT, below the
  minimum), ``{missing}`` / ``{missing2}`` (hashes on no chain);
- a real recorded transaction (``real=`` names a ``tests/real/other_cases.py`` case): ``{tx}``, ``{to}`` (the
  deposit address the case is judged for), ``{memo}`` and ``{sender}`` (its recorded sender: XRP cases);
- secrets pasted by the customer (constants below): ``{seed_en}`` ``{seed_en2}`` ``{seed_en3}`` ``{seed_zh}``
  ``{seed_hant}`` ``{hex_key}`` (``{hex_key_bare}``: the same key without ``0x``).

Expectations: the reply language; the items as (kind, role) in order; claims (name, value) that must be among the
ticket's claims (and some that must not); the acceptable ticket verdicts; finding codes that must be present
(ticket or item level); strings the reply must / must not contain; what the customer reports (links, phone
numbers: exactly these); which placeholders are secrets that must never appear in any output; and the exit status
when it does not follow from the verdict alone. ``bug`` marks a ticket the product answers wrongly today: the
reason, and the harness steps (``fails``) it makes fail — every other step of that ticket is still held.
"""

from __future__ import annotations

from dataclasses import dataclass

# BIP-39 phrases (valid checksums) made from fixed entropy for this corpus — nobody's wallet.
SEED_EN = "away grid pumpkin barrel alert dress weasel path ugly trumpet force dinner"
SEED_EN2 = "exhaust sing pill endless almost host doll pluck shed happy hill mandate"
SEED_EN3 = "media oil torch winter disagree ramp course just mandate remove brave always"
SEED_ZH = "吸 醒 牧 司 多 概 艺 泪 暖 贵 乐 献"  # the Simplified Chinese word list
SEED_HANT = "累 夥 抑 哀 隨 鏈 際 苗 獻 碼 級 民"  # the Traditional Chinese word list
HEX_KEY = "0x2f1d7aed4e99bb252c936ef041ddb608200d69da727b95ea46497fdd8ba78245"  # sha256 of a sentence
SECRETS = {"seed_en": SEED_EN, "seed_en2": SEED_EN2, "seed_en3": SEED_EN3, "seed_zh": SEED_ZH,
           "seed_hant": SEED_HANT, "hex_key": HEX_KEY}
SPELLINGS = {"hex_key_bare": HEX_KEY.removeprefix("0x")}  # other ways a secret is pasted (held as the secret)

LANGS = ("en", "zh", "zh-hant", "es", "pt-br", "ru", "tr", "vi", "ko", "id")

# Harness steps a known bug may make fail (test_corpus.py names each check by one of these).
STEPS = frozenset({"exit", "json", "verdict", "items", "claims", "findings", "contains", "excludes", "reported",
                   "links", "secrets", "lang", "names_each", "stderr", "endorses", "amounts", "wording"})


@dataclass(frozen=True)
class Ticket:
    id: str  # "<lang>-<nn>-<what>", the test id
    lang: str  # the reply language (``lang.reply`` and ``reply.lang``)
    situation: str
    text: str
    verdict: frozenset[str]  # acceptable ticket verdicts (more than one only when honestly ambiguous)
    items: tuple[tuple[str, str], ...]  # (subject kind, role), in order
    claims: tuple[tuple[str, str], ...] = ()  # (name, value) present among the ticket's claims
    findings: tuple[str, ...] = ()  # codes present in the ticket's or an item's findings
    contains: tuple[str, ...] = ()  # the reply contains each (templates, filled like the text)
    excludes: tuple[str, ...] = ()  # the reply contains none
    reported: tuple[str, ...] = ()  # exactly what the ticket reports (links that are not explorers, phones)
    secrets: tuple[str, ...] = ()  # placeholders of SECRETS pasted in the ticket: never in stdout or stderr
    not_claims: tuple[tuple[str, str], ...] = ()  # (name, value) that must not be among the claims
    names_each: bool = False  # several items: the reply names each of them
    exit: int | None = None  # when the items' verdicts make it differ from the ticket verdict's status
    detected: str | None = None  # ``lang.detected`` when it must be checked (an unsupported language)
    real: str | None = None  # a RealCase name: its config and recorded responses instead of anvil
    stdin: bool = False  # ``diagnose -`` with the ticket on stdin (multi-line tickets are always)
    bug: str | None = None  # a product bug this ticket shows: its xfail reason
    fails: tuple[str, ...] = ()  # the steps that bug makes fail

    def __post_init__(self) -> None:
        assert self.lang in LANGS, self.id
        assert self.id.startswith(("de-", "ja-", "fr-") if self.detected else f"{self.lang}-"), self.id
        assert set(self.fails) <= STEPS, self.id
        assert bool(self.bug) == bool(self.fails), self.id
        assert set(self.secrets) <= set(SECRETS), self.id


def T(id: str, lang: str, situation: str, text: str, verdict: str | tuple[str, ...],
      items: tuple[tuple[str, str], ...] = (), **kw: object) -> Ticket:
    return Ticket(id=id, lang=lang, situation=situation, text=text,
                  verdict=frozenset([verdict] if isinstance(verdict, str) else verdict), items=items,
                  **kw)  # type: ignore[arg-type]


DEP = ("deposit", "deposit")
WDR_ID = ("withdrawal", "withdrawal")
ADDR_DEPOSIT = ("address", "deposit_address")
ADDR_QUESTION = ("address", "question")
ADDR_GIVEN = ("address", "given_by_someone")

# Bugs this corpus found and that were mended (issue 11): a withdrawal ID without a venue answered as the
# customer's input error; "withdrew from Binance" read as a withdrawal here; hex keys labelled in Russian, Korean,
# Indonesian not recognised; Traditional Chinese seed phrases not recognised; network words glued to CJK text
# not read; an address taking the next address's cue; "my wallet history" read as the customer's wallet; an
# explorer link's chain replacing the network the customer named; a "connect my wallet" link not a scam warning.
# A new one is recorded on its row: bug="…", fails=(the steps it makes fail).


TICKETS: tuple[Ticket, ...] = (
    # ---------------------------------------------------------------------------------------------- English
    T("en-01-confirmed-erc20-from-my-wallet", "en", "confirmed",
      "Hi, I deposited 300 USDT via ERC20 about an hour ago and it's still not in my account!! "
      "sent from my wallet {customer} to my deposit address {deposit}, txid {ok300}",
      "confirmed", (DEP,),
      claims=(("chain", "ethereum"), ("amount", "300"), ("currency", "USDT"), ("to", "{deposit}"),
              ("from", "{customer}")),
      contains=("300 USDT", "https://etherscan.io/tx/{ok300}")),
    T("en-02-awaiting-explorer-link", "en", "awaiting",
      "hello?? deposited 80 usdt 5 minutes ago https://etherscan.io/tx/{waiting} my address {deposit} "
      "still not there why",
      "awaiting_confirmations", (DEP,),
      claims=(("amount", "80"), ("currency", "USDT"), ("to", "{deposit}"), ("time", "5 minutes ago")),
      contains=("80 USDT", "12")),
    T("en-03-lookalike-can-i-send", "en", "lookalike",
      "My deposit address is {deposit}. In my wallet history I also see {lookalike} which looks the same. "
      "can I send to this one?",
      "lookalike", (ADDR_DEPOSIT, ADDR_QUESTION), findings=("TKT001",)),
    T("en-04-scam-telegram-link-phone", "en", "given_by_someone",
      "Hello support, someone from your support team on telegram told me to send USDT to {stranger} to unlock "
      "my account, is this ok? They gave me this link https://binance-support-verify.com/login and "
      "a phone +1 (555) 010-9999",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002", "TKT003"),
      reported=("https://binance-support-verify.com/login", "+1 (555) 010-9999")),
    T("en-05-seed-phrase-and-deposit", "en", "secret",
      "URGENT my wallet got drained?? here are my 12 words so you can check: {seed_en}\n"
      "also my deposit {ok300} to {deposit} is missing",
      "secret_exposed", (DEP,), secrets=("seed_en",), exit=1, stdin=True),
    T("en-06-withdrawal-id-no-venue", "en", "withdrawal_id",
      "withdrawal ID 123456 still not received after 2 days, what is happening??",
      "unknown", (WDR_ID,), excludes=("could not read",)),
    T("en-07-no-item", "en", "no_item",
      "hi i have a problem with my deposit, money not showing up in my balance. please help fast",
      "details_needed", (), contains=("TxID",)),
    T("en-08-three-hashes", "en", "several",
      "two deposits today and one from last week:\n{ok300}\n{waiting}\n{missing}\nall to {deposit}",
      "not_found", (DEP, DEP, DEP), claims=(("to", "{deposit}"),), names_each=True, exit=1, stdin=True,
      contains=("300 USDT", "80 USDT")),
    T("en-09-erc20-claim-bsc-tx", "en", "wrong_network",
      "Hi I sent 100 USDT on ERC20 to {deposit} tx {bsc100} not credited",
      "wrong_network", (DEP,), claims=(("chain", "ethereum"), ("amount", "100")), findings=("DEP002",),
      contains=("BNB Smart Chain", "Ethereum")),
    T("en-10-wrong-address-instead-of", "en", "wrong_address",
      "I sent 150 USDT by mistake to {stranger} instead of my deposit address {deposit}, tx {stranger150}. "
      "can you get it back?",
      "wrong_address", (DEP,), claims=(("to", "{deposit}"),), not_claims=(("to", "{stranger}"),)),
    T("en-11-withdrew-from-binance", "en", "confirmed",
      "I withdrew 300 USDT from Binance to you guys 2 hours ago, txid {ok300}, still nothing on my balance. "
      "the address was {deposit}",
      "confirmed", (DEP,), claims=(("to", "{deposit}"),), contains=("300 USDT",)),
    T("en-12-fake-usdt-payment", "en", "fake_token",
      "someone paid me 500 USDT for my car and sent it to my deposit address {deposit}, hash {fake500}. "
      "why is it not showing???",
      "unsupported_token", (DEP,), findings=("DEP005",), excludes=("confirmed",)),
    T("en-13-not-found", "en", "not_found",
      "where is my money?!! txid {missing} i sent 250 USDT erc20 yesterday to {deposit}",
      "not_found", (DEP,), claims=(("amount", "250"), ("time", "yesterday")), excludes=("250",)),
    T("en-14-native-eth", "en", "confirmed",
      "Good morning, I transferred 2 ETH to my deposit address {deposit} (Ethereum network), "
      "transaction hash {eth2}. Could you please check? Thanks in advance",
      "confirmed", (DEP,), claims=(("amount", "2"), ("currency", "ETH"), ("chain", "ethereum")),
      contains=("2 ETH",)),
    T("en-15-tron-usdt-below-minimum", "en", "real",
      "hi i deposit usdt trc20 to {to} txid {tx} but balance still 0", "below_minimum", (DEP,),
      claims=(("chain", "tron"), ("to", "{to}")), contains=("0.01 USDT", "1 USDT"),
      real="tron-usdt-below-minimum"),
    T("en-16-private-key-labelled", "en", "secret",
      "my private key: {hex_key} — can you see my balance? deposit {ok300} never came",
      "secret_exposed", (DEP,), secrets=("hex_key",), exit=3),
    T("en-17-typos-erc-20", "en", "confirmed",
      "pls help i send 300 usdt erc 20 to my deposite adress {deposit} but not recieve yet , hash {ok300}",
      "confirmed", (DEP,), claims=(("chain", "ethereum"), ("amount", "300"), ("to", "{deposit}")),
      contains=("300 USDT",)),
    T("en-18-tron-address-evm-hash", "en", "wrong_network",
      "I sent 300 USDT over TRC20 to my deposit address TFYJDYsKSatjohTrFd5i3J3uDSXnS5on38, the hash is {ok300}. "
      "Why is it not there?",
      ("unknown", "wrong_network"), (ADDR_DEPOSIT, DEP), claims=(("chain", "tron"),), findings=("TKT004",)),
    T("en-19-same-address-two-spellings", "en", "confirmed",
      "deposit address {deposit_cs} , hash {ok300}, I sent it to {deposit}", "confirmed", (DEP,),
      claims=(("to", "{deposit_cs}"),), contains=("300 USDT",)),
    T("en-20-xrp-wrong-tag-real", "en", "real",
      "Hello, I sent XRP to {to} with destination tag 12345 but my balance did not change. Hash: {tx}",
      "memo_mismatch", (DEP,), claims=(("memo", "12345"), ("to", "{to}")), findings=("DEP009",),
      contains=("109735445",), real="xrp-tagged-xrp-payment"),
    T("en-21-phishing-link-connect-wallet", "en", "given_by_someone",
      "support sent me this link to check my deposit https://etherscan-io.com/tx/{ok300} and asked me to "
      "connect my wallet, is it you?",
      "scam_warning", (), findings=("TKT003",), reported=("https://etherscan-io.com/tx/{ok300}",)),
    # ---------------------------------------------------------------------------------------------- 简体中文
    T("en-22-own-wallet-unmarked", "en", "unmarked_wallet",
      "tx {ok300} {customer} not arrived yet, 300 usdt", "unknown", (DEP,),
      claims=(("from", "{customer}"),), not_claims=(("to", "{customer}"),), findings=("TKT007",),
      excludes=("not sent to your deposit address", "cannot be credited", "{customer}")),
    T("en-23-own-xrp-wallet-unmarked-real", "en", "real",
      "XRP deposit missing!! hash {tx}\n{sender}\ndestination tag {memo}", "unknown", (DEP,), stdin=True,
      claims=(("from", "{sender}"), ("memo", "{memo}")), not_claims=(("to", "{sender}"),), findings=("TKT007",),
      excludes=("{sender}", "not sent to your deposit address"), real="xrp-tagged-xrp-payment"),
    T("zh-01-confirmed-erc20", "zh", "confirmed",
      "您好，我昨天充值了300USDT（ERC20），哈希 {ok300}，充值地址{deposit}，到现在还没到账，麻烦帮忙查一下，谢谢",
      "confirmed", (DEP,),
      claims=(("chain", "ethereum"), ("amount", "300"), ("currency", "USDT"), ("to", "{deposit}"),
              ("time", "昨天")),
      contains=("300 USDT",)),
    T("zh-02-800u-claimed-300-arrived", "zh", "amount",
      "充了800u 充值地址 {deposit} 哈希是{ok300} 为什么只到了一部分？？", "confirmed", (DEP,),
      claims=(("amount", "800"), ("currency", "USDT")), findings=("DEP014",),
      contains=("300 USDT", "800 USDT")),  # both amounts: DEP014's sentence
    T("zh-03-trc20-claim-bsc-tx", "zh", "wrong_network",
      "您好，我昨天充值了100u，TRC20，哈希是 {bsc100} 到现在还没到账，充值地址 {deposit} 麻烦看一下",
      ("wrong_network", "confirmed"), (DEP,), claims=(("chain", "tron"), ("amount", "100")),
      findings=("TKT004",), contains=("BNB Smart Chain",)),
    T("zh-04-fake-support-telegram", "zh", "given_by_someone",
      "有个自称币安客服的人在电报上加我，客服让我转USDT到这个地址 {stranger} 说是新的充值地址，"
      "还发了链接 https://binance-cn-kefu.top/verify 让我验证钱包，这是真的吗？",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002",), reported=("https://binance-cn-kefu.top/verify",)),
    T("zh-05-seed-chinese", "zh", "secret",
      "我的助记词是 {seed_zh} 钱包里的币被转走了，怎么办？这是我的充值记录 {ok300}",
      "secret_exposed", (DEP,), secrets=("seed_zh",), exit=3),
    T("zh-06-two-hashes", "zh", "several",
      "今天充了两笔：\n第一笔 {ok1500}\n第二笔 {waiting}\n充值地址 {deposit}，第二笔怎么还没到？",
      "awaiting_confirmations", (DEP, DEP), names_each=True, stdin=True,
      contains=("1,500 USDT", "80 USDT")),
    T("zh-07-no-item", "zh", "no_item", "你好，我充值的币一直没到账，已经两天了，怎么回事？", "details_needed", ()),
    T("zh-08-fake-usdt", "zh", "fake_token",
      "朋友给我转了500 USDT到我的充值地址 {deposit}，交易哈希 {fake500}，为什么一直没到账", "unsupported_token",
      (DEP,), findings=("DEP005",)),
    T("zh-09-erc20-glued-bsc-tx", "zh", "wrong_network",
      "我用ERC20转的100u，哈希{bsc100}，充值地址{deposit}，怎么还没到账", "wrong_network", (DEP,),
      claims=(("chain", "ethereum"), ("amount", "100")), findings=("DEP002",)),
    T("zh-10-tron-trx-real", "zh", "real",
      "你好，我从火币提了TRX到我的账户 {to}，交易 https://tronscan.org/#/transaction/{tx} 显示成功了但是还没到账",
      "confirmed", (DEP,), contains=("178.25977 TRX",), real="tron-trx-transfer-activation"),
    T("zh-11-withdrawal-id", "zh", "withdrawal_id",
      "提现单号：W20240611778899 显示已完成但是我钱包没收到，麻烦查一下", "unknown", (WDR_ID,)),
    T("zh-12-bnb-smart-chain-words", "zh", "confirmed",
      "我通过币安智能链转了100u到充值地址 {deposit}，哈希 {bsc100}，一直没到账，急！！", "confirmed", (DEP,),
      claims=(("chain", "bsc"), ("amount", "100"), ("currency", "USDT")), contains=("100 USDT", "BNB Smart Chain")),
    T("zh-13-tron-words-real", "zh", "real",
      "波场链充值的USDT没到账 地址 {to} 哈希 {tx}", "below_minimum", (DEP,),
      claims=(("chain", "tron"), ("to", "{to}")), contains=("0.01 USDT", "1 USDT"), real="tron-usdt-below-minimum"),
    T("zh-14-own-wallet-unmarked", "zh", "unmarked_wallet",
      "{ok300}\n{customer}\n300u 还没到账，帮忙看看", "unknown", (DEP,), stdin=True,
      claims=(("from", "{customer}"),), not_claims=(("to", "{customer}"),), findings=("TKT007",),
      excludes=("{customer}", "地址错误", "不是您的充值地址")),
    # ---------------------------------------------------------------------------------------------- 繁體中文
    T("zh-hant-01-confirmed", "zh-hant", "confirmed",
      "您好，我昨天從錢包轉了300 USDT到你們的充幣地址 {deposit}，交易哈希 {ok300}，請問為什麼還沒有到帳？謝謝",
      "confirmed", (DEP,), claims=(("amount", "300"), ("to", "{deposit}")), contains=("300 USDT",)),
    T("zh-hant-02-wrong-address", "zh-hant", "wrong_address",
      "請幫忙！我的充幣地址是 {deposit}，但是我好像轉錯地址了，交易 {stranger150}，150 USDT 還能找回來嗎",
      "wrong_address", (DEP,), claims=(("to", "{deposit}"),), findings=("DEP004",)),
    T("zh-hant-03-failed", "zh-hant", "failed",
      "轉帳失敗了嗎？錢包顯示 failed，哈希 {failed100}，充幣地址 {deposit}，手續費被扣了", "tx_failed", (DEP,),
      findings=("DEP001",)),
    T("zh-hant-04-no-item", "zh-hant", "no_item", "你好，我的帳戶餘額不對，充值的錢沒有顯示，請幫我查詢一下，謝謝",
      "details_needed", ()),
    T("zh-hant-05-seed-traditional", "zh-hant", "secret",
      "我的助記詞是 {seed_hant}，錢包被盜了，請幫我看看，充幣紀錄 {ok300}", "secret_exposed", (DEP,),
      secrets=("seed_hant",), exit=3),
    T("zh-hant-06-lookalike", "zh-hant", "lookalike",
      "我的充幣地址是 {deposit}，錢包紀錄裡有一個很像的地址 {lookalike} 這個地址可以轉嗎？",
      "lookalike", (ADDR_DEPOSIT, ADDR_QUESTION), findings=("TKT001",)),
    T("zh-hant-07-awaiting", "zh-hant", "awaiting",
      "請問這筆充值要等多久？{waiting} 已經過了十分鐘 充幣地址 {deposit}", "awaiting_confirmations", (DEP,),
      contains=("80 USDT",)),
    T("zh-hant-08-bsc-traditional-words", "zh-hant", "confirmed",
      "您好，我用幣安智能鏈轉了100 USDT，交易：{bsc100}，充幣地址：{deposit}，請幫忙確認，謝謝", "confirmed", (DEP,),
      claims=(("chain", "bsc"), ("amount", "100")), contains=("100 USDT",)),
    # ---------------------------------------------------------------------------------------------- Español
    T("es-01-confirmed-1.500", "es", "confirmed",
      "Hola buenas tardes, hice un depósito de 1.500 USDT por ERC20 a mi dirección de depósito {deposit} y "
      "todavía no aparece en mi cuenta. El hash es {ok1500}. Gracias",
      "confirmed", (DEP,), claims=(("amount", "1500"), ("currency", "USDT"), ("chain", "ethereum")),
      contains=("1.500 USDT",)),
    T("es-02-wrong-address", "es", "wrong_address",
      "me equivoqué de dirección!! mi dirección de depósito es {deposit} pero mandé 150 USDT, hash "
      "{stranger150}, se puede recuperar??",
      "wrong_address", (DEP,), claims=(("to", "{deposit}"),), findings=("DEP004",)),
    T("es-03-failed", "es", "failed",
      "buenas, la transacción {failed100} salió fallida? me cobraron comisión y no llegaron los 100 USDT a "
      "{deposit}",
      "tx_failed", (DEP,)),
    T("es-04-three-hashes", "es", "several",
      "Hola, tengo 3 depósitos pendientes: {ok300} , {ok75} y {missing}. Mi dirección: {deposit}",
      "not_found", (DEP, DEP, DEP), names_each=True, exit=1, contains=("300 USDT", "75,5 USDT")),
    T("es-05-seed-phrase", "es", "secret",
      "ayuda me robaron todo, mi frase semilla es {seed_en2} por favor revisen, deposité a {deposit} con hash "
      "{ok300}",
      "secret_exposed", (DEP,), secrets=("seed_en2",), exit=1),
    T("es-06-no-item", "es", "no_item",
      "Buenas noches, deposité hace 3 horas y todavía no veo mi saldo, qué pasa??", "details_needed", (),
      claims=(("time", "hace 3 horas"),)),
    T("es-07-erc20-claim-bsc-tx", "es", "wrong_network",
      "Hola, envié 100 USDT por la red ERC20 a {deposit} pero no llegan. hash: {bsc100}", "wrong_network",
      (DEP,), claims=(("chain", "ethereum"),), findings=("DEP002",), contains=("BNB Smart Chain",)),
    T("es-08-lookalike", "es", "lookalike",
      "Hola, mi dirección de depósito es {deposit}. En mi historial aparece {lookalike}, puedo enviar a esa "
      "también?",
      "lookalike", (ADDR_DEPOSIT, ADDR_QUESTION), findings=("TKT001",)),
    T("es-09-private-key-spanish", "es", "secret",
      "les paso mi clave privada {hex_key} para que revisen mi billetera, el depósito {ok300} no llegó",
      "secret_exposed", (DEP,), secrets=("hex_key",), exit=3),
    T("es-10-poisoned-copy", "es", "wrong_address",
      "copié la dirección de mi historial y mandé 200 USDT, hash {poisoned200}. Mi dirección de depósito es "
      "{deposit}, por qué no llega?",
      "wrong_address", (DEP,), findings=("DEP004",)),
    # ---------------------------------------------------------------------------------------------- Português
    T("pt-br-01-confirmed-75,5", "pt-br", "confirmed",
      "Boa tarde! Fiz um depósito de 75,5 USDT pela rede ERC20 no endereço de depósito {deposit}, hash {ok75}, "
      "ainda não caiu na conta",
      "confirmed", (DEP,), claims=(("amount", "75.5"), ("chain", "ethereum")), contains=("75,5 USDT",)),
    T("pt-br-02-awaiting", "pt-br", "awaiting",
      "Oi, depositei 80 USDT agora pouco, o hash é {waiting} e o endereço {deposit}, quanto tempo demora?",
      "awaiting_confirmations", (DEP,), contains=("80 USDT",)),
    T("pt-br-03-whatsapp-scam-phone", "pt-br", "given_by_someone",
      "Um atendente do suporte me chamou no WhatsApp e me passou este endereço {stranger} para eu depositar, "
      "disse que é o novo endereço da corretora. Também mandou o número +55 11 91234-5678. Posso confiar?",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002",), reported=("+55 11 91234-5678",)),
    T("pt-br-04-amount-1000-vs-300", "pt-br", "amount",
      "Enviei 1000 USDT mas só chegaram 300?? hash {ok300} endereço de depósito {deposit}", "confirmed", (DEP,),
      claims=(("amount", "1000"),), findings=("DEP014",), contains=("1.000 USDT",)),
    T("pt-br-05-xrp-no-tag-real", "pt-br", "real",
      "Olá, enviei 3 XRP para o endereço de depósito {to} mas esqueci a tag, hash {tx}", "memo_missing", (DEP,),
      claims=(("amount", "3"), ("currency", "XRP")), contains=("3 XRP",), real="xrp-no-tag-xrp-payment"),
    T("pt-br-06-no-item", "pt-br", "no_item",
      "Olá, fiz um depósito ontem e até agora nada, o que aconteceu? Preciso de ajuda urgente",
      "details_needed", ()),
    T("pt-br-07-withdrawal-id", "pt-br", "withdrawal_id",
      "Meu saque não chegou! ID do saque: 998877665, já faz 2 dias", "unknown", (WDR_ID,)),
    T("pt-br-08-not-found", "pt-br", "not_found",
      "Cadê meu dinheiro? mandei 200 USDT ontem, txid {missing2}, endereço {deposit}", "not_found", (DEP,),
      claims=(("time", "ontem"),)),
    # ---------------------------------------------------------------------------------------------- Русский
    T("ru-01-awaiting", "ru", "awaiting",
      "Здравствуйте, отправил 80 USDT (ERC20) на адрес пополнения {deposit}, хеш {waiting}, сколько ждать "
      "зачисления?",
      "awaiting_confirmations", (DEP,), claims=(("amount", "80"), ("chain", "ethereum")),
      contains=("80 USDT",)),
    T("ru-02-lookalike", "ru", "lookalike",
      "Добрый день. Мой адрес депозита {deposit}, а в истории кошелька вижу {lookalike}. Можно отправить на "
      "этот адрес?",
      "lookalike", (ADDR_DEPOSIT, ADDR_QUESTION), findings=("TKT001",)),
    T("ru-03-telegram-admin-scam", "ru", "given_by_someone",
      "Мне написал в телеграме «админ биржи», сказал отправить USDT на адрес {stranger} для верификации "
      "аккаунта и дал ссылку https://verify-exchange-support.ru/kyc. Это нормально?",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002",), reported=("https://verify-exchange-support.ru/kyc",)),
    T("ru-04-not-found", "ru", "not_found",
      "Где мои деньги??? перевел 500 USDT, хеш {missing}, адрес {deposit}", "not_found", (DEP,)),
    T("ru-05-private-key-russian", "ru", "secret",
      "Вот мой приватный ключ {hex_key} проверьте пожалуйста баланс, депозит {ok300} не пришёл",
      "secret_exposed", (DEP,), secrets=("hex_key",), exit=3),
    T("ru-06-no-item", "ru", "no_item",
      "Добрый день! Пополнил счет вчера вечером, деньги так и не пришли. Что делать?", "details_needed", ()),
    T("ru-07-btc-real", "ru", "real",
      "Здравствуйте, отправил BTC на адрес пополнения {to}, хеш {tx}, когда зачислят?", "confirmed", (DEP,),
      claims=(("to", "{to}"),), contains=("0,00023073 BTC",), real="btc-op-return-runes"),
    T("ru-08-amount-1-000", "ru", "amount",
      "Отправил 1 000 USDT, а пришло меньше. Хеш {ok300}, адрес {deposit}", "confirmed", (DEP,),
      claims=(("amount", "1000"),), findings=("DEP014",), contains=("1\u00a0000 USDT",)),
    T("ru-09-withdrawal-hash-no-venue", "ru", "withdrawal_id",
      "Вывел 300 USDT с вашей биржи на свой кошелек {customer}, хеш {ok300}, но ничего не пришло",
      ("unknown", "wrong_address"), (("withdrawal", "withdrawal"),)),
    # ---------------------------------------------------------------------------------------------- Türkçe
    T("tr-01-confirmed", "tr", "confirmed",
      "Merhaba, 300 USDT yatırdım ERC20 ağı ile, yatırma adresim {deposit}, işlem hash {ok300}. Hala hesabıma "
      "geçmedi",
      "confirmed", (DEP,), claims=(("amount", "300"), ("chain", "ethereum")), contains=("300 USDT",)),
    T("tr-02-wrong-address", "tr", "wrong_address",
      "Yanlış adrese gönderdim galiba, benim yatırma adresim {deposit} ama işlem {stranger150} başka yere "
      "gitmiş. 150 USDT geri alınabilir mi?",
      "wrong_address", (DEP,), findings=("DEP004",)),
    T("tr-03-fake-usdt", "tr", "fake_token",
      "Birisi bana 500 USDT gönderdi yatırma adresime {deposit}, hash {fake500}, neden bakiyemde görünmüyor?",
      "unsupported_token", (DEP,), findings=("DEP005",)),
    T("tr-04-telegram-scam", "tr", "given_by_someone",
      "Destek ekibinden biri Telegram'dan yazdı ve bu adresi verdi {stranger}, oraya USDT göndermemi istedi. "
      "Doğru mu?",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002",)),
    T("tr-05-btc-pending-real", "tr", "real",
      "Merhaba, BTC yatırma adresine {to} gönderdim ama hala gelmedi {tx}", "pending", (DEP,),
      real="btc-mempool-multi-output"),
    T("tr-06-no-item", "tr", "no_item",
      "Merhaba, dün para yatırdım ama hesabımda görünmüyor, yardım eder misiniz?", "details_needed", ()),
    T("tr-07-erc20-claim-bsc-tx", "tr", "wrong_network",
      "ERC20 ile 100 USDT gönderdim {deposit} adresine, hash {bsc100}, gelmedi", "wrong_network", (DEP,),
      claims=(("chain", "ethereum"),), findings=("DEP002",)),
    T("tr-08-withdrawal-id", "tr", "withdrawal_id",
      "Çekim ID: 55667788 hala gelmedi, 3 saattir bekliyorum", "unknown", (WDR_ID,)),
    # ---------------------------------------------------------------------------------------------- Tiếng Việt
    T("vi-01-confirmed", "vi", "confirmed",
      "Chào shop, mình nạp 300 USDT mạng ERC20 vào địa chỉ nạp {deposit} từ hôm qua mà chưa thấy về, mã giao "
      "dịch {ok300}",
      "confirmed", (DEP,), claims=(("amount", "300"), ("to", "{deposit}")), contains=("300 USDT",)),
    T("vi-02-fake-usdt", "vi", "fake_token",
      "Mình nhận được 500 USDT từ người mua, gửi vào địa chỉ nạp {deposit}, hash {fake500}, sao không thấy cộng "
      "vào tài khoản?",
      "unsupported_token", (DEP,), findings=("DEP005",)),
    T("vi-03-scam-link", "vi", "given_by_someone",
      "Có người tự xưng là nhân viên hỗ trợ bảo tôi chuyển USDT vào địa chỉ {stranger}, họ còn gửi link "
      "https://sanvn-hotro.net/xacminh để xác minh. Có phải lừa đảo không?",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002", "TKT003"), reported=("https://sanvn-hotro.net/xacminh",)),
    T("vi-04-btc-replaced-real", "vi", "real",
      "Chào anh/chị, tôi đã gửi BTC đến địa chỉ nạp {to} mã giao dịch {tx} nhưng chưa thấy", "replaced", (DEP,),
      real="btc-rbf-replaced"),
    T("vi-05-no-item", "vi", "no_item",
      "Chào bạn, tôi đã nạp tiền từ sáng mà chưa thấy vào tài khoản, giúp tôi với", "details_needed", ()),
    T("vi-06-withdrawal-id", "vi", "withdrawal_id",
      "Lệnh rút tiền của tôi chưa về, mã rút tiền 20240611001, giúp mình kiểm tra với", "unknown", (WDR_ID,)),
    T("vi-07-erc20-claim-bscscan-link", "vi", "wrong_network",
      "Mình chọn mạng ERC20 nhưng chưa nhận được 100 USDT, link giao dịch https://bscscan.com/tx/{bsc100} , "
      "địa chỉ nạp {deposit}",
      "wrong_network", (DEP,), claims=(("chain", "ethereum"),), findings=("DEP002",),
      contains=("BNB Smart Chain",)),
    # ---------------------------------------------------------------------------------------------- 한국어
    T("ko-01-confirmed", "ko", "confirmed",
      "안녕하세요. 300 USDT 입금했는데 아직 안 들어왔어요. 입금 주소 {deposit} TxID {ok300} 확인 부탁드립니다",
      "confirmed", (DEP,), claims=(("amount", "300"), ("to", "{deposit}")), contains=("300 USDT",)),
    T("ko-02-particles-erc20", "ko", "confirmed",
      "ERC20으로 USDT 300개 보냈는데요 {ok300} 입금주소는 {deposit} 입니다", "confirmed", (DEP,),
      claims=(("chain", "ethereum"), ("amount", "300")), contains=("300 USDT",)),
    T("ko-03-failed", "ko", "failed",
      "거래가 실패했다고 나오는데 수수료만 나갔어요 ㅠㅠ 해시 {failed100} 입금 주소 {deposit}", "tx_failed", (DEP,)),
    T("ko-04-lookalike", "ko", "lookalike",
      "제 입금 주소는 {deposit} 인데 지갑 기록에 {lookalike} 이 주소가 있어요. 이 주소로 보내도 되나요?",
      "lookalike", (ADDR_DEPOSIT, ADDR_QUESTION), findings=("TKT001",)),
    T("ko-05-xrp-tag-real", "ko", "real",
      "XRP 입금했는데 안들어왔어요 주소 {to} 태그 {memo} 해시 {tx}", "confirmed", (DEP,),
      claims=(("memo", "{memo}"), ("to", "{to}")), contains=("104.169972 XRP",), real="xrp-tagged-xrp-payment"),
    T("ko-06-two-one-below-minimum", "ko", "several",
      "입금 두 건 확인 부탁드립니다\n1) {ok20}\n2) {small5}\n입금 주소 {deposit}", "below_minimum", (DEP, DEP),
      names_each=True, stdin=True, contains=("20 USDT", "5 USDT", "10 USDT")),
    T("ko-07-no-item", "ko", "no_item", "입금했는데 잔고에 반영이 안 됐어요. 확인 부탁드립니다.", "details_needed", ()),
    T("ko-08-seed-phrase", "ko", "secret",
      "지갑이 해킹당한 것 같아요 제 시드 구문은 {seed_en3} 입니다 확인해주세요", "secret_exposed", (),
      secrets=("seed_en3",)),
    T("ko-09-private-key-korean", "ko", "secret",
      "제 개인키는 {hex_key_bare} 입니다 잔고 확인 부탁드려요", "secret_exposed", (), secrets=("hex_key",)),
    # ---------------------------------------------------------------------------------------------- Indonesia
    T("id-01-solana-usdc-real", "id", "real",
      "Halo kak, saya sudah kirim 1 USDC lewat Solana ke alamat deposit {to}, tx https://solscan.io/tx/{tx} "
      "belum masuk",
      "confirmed", (DEP,), claims=(("chain", "solana"), ("amount", "1"), ("currency", "USDC")),
      contains=("1 USDC",), real="sol-usdc-transfer"),
    T("id-02-awaiting", "id", "awaiting",
      "Min, saya deposit 45 USDT barusan ke alamat deposit {deposit}, hash {waiting45}, kok belum masuk ya?",
      "awaiting_confirmations", (DEP,), claims=(("amount", "45"),), contains=("45 USDT",)),
    T("id-03-failed", "id", "failed",
      "Transaksi saya gagal?? hash {failed100}, kirim ke {deposit}, biaya gas kepotong", "tx_failed", (DEP,)),
    T("id-04-telegram-admin-phone", "id", "given_by_someone",
      "Ada admin di Telegram yang memberikan alamat {stranger} dan menyuruh saya kirim USDT ke sana untuk "
      "verifikasi. Dia juga kasih nomor WA +62 812-3456-7890. Apakah ini resmi?",
      "scam_warning", (ADDR_GIVEN,), findings=("TKT002",), reported=("+62 812-3456-7890",)),
    T("id-05-amount-350-vs-300", "id", "amount",
      "Saya deposit 350 USDT tapi yang masuk cuma sedikit, hash {ok300} alamat deposit {deposit}", "confirmed",
      (DEP,), claims=(("amount", "350"),), findings=("DEP014",), contains=("350 USDT",)),
    T("id-06-two-hashes-one-wrong", "id", "several",
      "tolong cek 2 transaksi ini: {ok300} dan {stranger150}, alamat deposit saya {deposit}", "wrong_address",
      (DEP, DEP), names_each=True, contains=("300 USDT",)),
    T("id-07-no-item", "id", "no_item",
      "Halo min, saya sudah transfer dari kemarin tapi saldo belum bertambah, tolong dibantu ya", "details_needed",
      (), claims=(("time", "kemarin"),)),
    T("id-08-solana-unlisted-token-real", "id", "real",
      "kak saya kirim token ke alamat deposit saya {to} tapi tidak masuk, signature {tx}", "unsupported_token",
      (DEP,), real="sol-token2022-ai16z"),
    T("id-09-private-key-indonesian", "id", "secret",
      "ini kunci pribadi saya {hex_key_bare} tolong cek saldo saya, deposit {ok300} belum masuk",
      "secret_exposed", (DEP,), secrets=("hex_key",), exit=3),
    # ------------------------------------------------------------------------ languages without a reply catalog
    T("de-01-german-confirmed", "en", "unsupported_language",
      "Hallo, ich habe gestern 300 USDT auf meine Einzahlungsadresse {deposit} überwiesen, aber das Geld ist "
      "nicht angekommen. Hash {ok300}",
      "confirmed", (DEP,), detected="de", contains=("300 USDT",)),
    T("ja-01-japanese-confirmed", "en", "unsupported_language",
      "こんにちは。昨日300 USDTを入金しましたが、まだ反映されていません。"
      "トランザクションID {ok300} 入金アドレス {deposit}",
      "confirmed", (DEP,), detected="ja", contains=("300 USDT",)),
    T("fr-01-french-no-item", "en", "unsupported_language",
      "Bonjour, j'ai fait un dépôt il y a deux heures et toujours rien sur mon compte. Pouvez-vous vérifier ?",
      "details_needed", (), detected="fr"),
)
