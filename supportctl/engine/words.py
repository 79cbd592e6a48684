"""The words customers use, in the ten reply languages: what gives an address or a hash its role in a ticket,
and what makes a network, an amount, a memo, an ID or a time a claim. Data only; ``ticket.py`` reads it.

Every entry is lower case. A word made of Latin, Cyrillic or Vietnamese letters matches only as a whole word
(``to`` never inside ``token``); a Chinese or Korean word matches anywhere (those scripts do not put spaces
between words). Add a language's words here, beside its reply catalog.
"""

from __future__ import annotations

# -- roles: the words just before an address or a hash say what it is to the customer ------------------------

# An address someone else gave the customer to send to: a fake "support agent", a Telegram "admin" …
GIVEN_BY_SOMEONE = (
    "told me to send", "asked me to send", "told me to deposit", "asked me to deposit", "gave me this address",
    "gave me the address", "sent me this address", "sent me this link", "sent me a link", "support sent me",
    "asked me to connect", "support agent", "support team told", "admin told",
    "admin gave", "on telegram", "on whatsapp", "someone told me", "he told me", "they told me",
    "客服让我", "客服叫我", "客服给", "让我转", "让我充", "叫我转", "给我的地址", "发给我的地址", "客服說", "讓我轉",
    "叫我轉", "給我的地址",
    "me pidió que enviara", "me pidieron", "me dijo que enviara", "me dijeron que enviara", "me dio esta dirección",
    "me pediu para enviar", "me pediram", "me mandou este endereço", "me passou este endereço",
    "попросил отправить", "попросили отправить", "сказал отправить", "сказали отправить", "дал адрес",
    "дали адрес", "прислал адрес",
    "gönder dedi", "göndermemi istedi", "adres verdi", "bu adresi verdi",
    "bảo tôi gửi", "bảo tôi chuyển", "yêu cầu tôi chuyển", "đưa cho tôi địa chỉ", "gửi cho tôi địa chỉ",
    "보내라고", "입금하라고", "알려준 주소", "준 주소",
    "disuruh kirim", "menyuruh saya", "meminta saya mengirim", "memberi alamat", "memberikan alamat",
)

# The customer's own wallet: where the funds came from, or where a withdrawal should arrive.
OWN_WALLET = (
    "my wallet", "from my", "sent from", "from wallet", "my metamask", "my trust wallet", "my own address",
    "我的钱包", "我钱包", "从我的", "我的錢包", "從我的",
    "mi billetera", "mi cartera", "desde mi", "desde la billetera",
    "minha carteira", "da minha", "de minha",
    "мой кошелек", "мой кошелёк", "моего кошелька", "с кошелька", "с моего", "свой кошелек", "свой кошелёк",
    "cüzdanım", "cüzdanımdan", "benim adresim",
    "ví của tôi", "từ ví", "địa chỉ ví của tôi",
    "내 지갑", "제 지갑", "내 주소",
    "dompet saya", "dari dompet", "alamat saya",
)

# The venue's deposit address for the customer.
DEPOSIT_ADDRESS = (
    "deposit address", "your address", "your deposit address", "to my account", "address on your site",
    "address you gave", "my deposit address", "sent to", "to the address", "to address",
    "充值地址", "充币地址", "充幣地址", "充值的地址", "转到", "轉到", "打到", "转入",
    "dirección de depósito", "enviado a", "envié a",
    "endereço de depósito", "enviei para", "enviado para",
    "адрес депозита", "адрес пополнения", "на адрес",
    "yatırma adresi", "yatırım adresi", "adresine",
    "địa chỉ nạp", "địa chỉ nạp tiền", "gửi đến", "chuyển đến",
    "입금 주소", "입금주소", "으로 보냈",
    "alamat deposit", "dikirim ke", "kirim ke",
)

# A word that, right before an address, says where the funds went ("… from my wallet to 0x…").
DESTINATION = ("to", "into", "para", "hacia", "на", "в", "đến", "vào", "ke", "adresine", "转到", "轉到", "转入", "到")

# "Can I send to this one?": an address the customer asks about.
QUESTION = (
    "can i send", "is this address", "is this the right", "is it safe", "can i use", "wallet history",
    "transaction history", "in my history", "i also see", "历史记录", "歷史紀錄", "historial", "histórico",
    "истории", "geçmiş", "lịch sử", "내역", "riwayat",
    "这个地址", "可以转", "能转", "這個地址", "可以轉",
    "puedo enviar", "es correcta", "esta dirección",
    "posso enviar", "este endereço", "está correto",
    "можно отправить", "этот адрес", "правильный ли",
    "gönderebilir miyim", "bu adres",
    "có thể gửi", "địa chỉ này",
    "보내도 되", "이 주소",
    "bisakah saya kirim", "boleh kirim", "alamat ini",
)

# A transaction the venue sent to the customer (their withdrawal) rather than one they sent to it.
WITHDRAWAL = (
    "withdraw", "withdrawal", "withdrew", "提现", "提币", "提幣", "提現", "出金", "retiro", "retirada", "retirar",
    "saque", "sacar", "вывод", "вывел", "вывести", "çekim", "çektim", "rút", "rút tiền", "출금", "penarikan",
    "tarik", "menarik",
)
# Funds withdrawn from another platform or wallet: the customer's deposit here, whatever "withdraw" says.
FROM_ELSEWHERE = tuple(
    f"{prep} {place}" for prep in ("from", "desde", "de", "da", "с", "из", "dari", "từ", "'den", "'dan")
    for place in ("binance", "okx", "bybit", "coinbase", "kraken", "kucoin", "huobi", "htx", "gate", "bitget",
                  "mexc", "bitfinex", "crypto.com", "trust wallet", "metamask", "my wallet", "another exchange",
                  "other exchange")
) + ("从币安", "从欧易", "从火币", "從幣安", "从钱包", "從錢包", "binance에서", "업비트에서", "빗썸에서")
DEPOSIT = (
    "deposit", "deposited", "top up", "充值", "充币", "充幣", "入金", "depósito", "deposité", "depositei",
    "депозит", "пополн", "зачисл", "yatır", "nạp", "입금", "setor", "setoran",
)

# -- claims -------------------------------------------------------------------------------------------------

# Network words → chain key. Only words that name a network: a currency ("ETH", "USDT") names none.
NETWORKS: dict[str, str] = {
    "erc20": "ethereum", "erc-20": "ethereum", "erc 20": "ethereum", "ethereum": "ethereum",
    "ethereum network": "ethereum", "以太坊": "ethereum", "以太网": "ethereum", "이더리움": "ethereum",
    "эфириум": "ethereum", "эфир": "ethereum", "ethereum ağı": "ethereum", "mạng ethereum": "ethereum",
    "trc20": "tron", "trc-20": "tron", "trc 20": "tron", "tron": "tron", "波场": "tron", "波場": "tron",
    "트론": "tron", "трон": "tron",
    "bep20": "bsc", "bep-20": "bsc", "bep 20": "bsc", "bsc": "bsc", "bnb smart chain": "bsc", "bnb chain": "bsc",
    "币安智能链": "bsc", "幣安智能鏈": "bsc", "币安链": "bsc", "幣安鏈": "bsc", "bnb 스마트 체인": "bsc",
    "polygon": "polygon", "matic network": "polygon", "폴리곤": "polygon",
    "arbitrum": "arbitrum", "arbitrum one": "arbitrum", "optimism": "optimism", "op mainnet": "optimism",
    "base network": "base", "base chain": "base", "avalanche": "avalanche", "avax c-chain": "avalanche",
    "c-chain": "avalanche",
    "solana": "solana", "spl": "solana", "솔라나": "solana", "солана": "solana",
    "bitcoin network": "bitcoin", "btc network": "bitcoin", "比特币网络": "bitcoin",
    "litecoin": "litecoin", "xrp ledger": "xrp", "ripple": "xrp", "瑞波": "xrp",
}

# Symbols an amount may be given in (beside the venue's own assets), and slang for them.
CURRENCIES = (
    "USDT", "USDC", "DAI", "BUSD", "FDUSD", "TUSD", "ETH", "BTC", "BNB", "TRX", "SOL", "XRP", "LTC", "MATIC", "POL",
    "ARB", "OP", "AVAX", "WBTC", "WETH", "SHIB", "PEPE", "DOGE", "TON",
)
CURRENCY_SLANG = {"u": "USDT", "刀": "USDT", "个u": "USDT", "個u": "USDT"}

MEMO = (
    "destination tag", "dest tag", "memo", "tag", "标签", "標籤", "备注", "備註", "메모", "태그", "etiqueta", "тег",
    "мемо", "etiket", "nhãn", "catatan",
)

WITHDRAWAL_ID = (
    "withdrawal id", "withdraw id", "withdrawal no", "withdrawal number", "withdrawal #", "提现id", "提币id",
    "提现单号", "提币单号", "提現id", "提幣id", "id de retiro", "número de retiro", "id do saque", "id da retirada",
    "id вывода", "номер вывода", "çekim id", "çekim numarası", "mã rút tiền", "id rút tiền", "출금 id",
    "출금 번호", "id penarikan", "nomor penarikan",
)
ORDER_ID = (
    "order id", "order no", "order number", "order #", "订单号", "订单id", "訂單號", "訂單id", "id de orden",
    "número de orden", "id do pedido", "id da ordem", "número da ordem", "номер ордера", "id ордера",
    "номер заказа", "emir no", "emir id", "emir numarası", "mã lệnh", "id lệnh", "주문 번호", "주문 id", "주문번호",
    "id order", "nomor order", "id pesanan",
)

# When the customer says it happened: shown to the agent (a claim no check holds yet).
TIME = (
    r"yesterday", r"today", r"last night", r"this morning", r"\d+\s*(?:hours?|hrs?|minutes?|mins?|days?)\s+ago",
    r"昨天", r"今天", r"前天", r"昨晚", r"今早", r"\d+\s*个?小时前", r"\d+\s*分钟前", r"\d+\s*天前",
    r"昨日", r"\d+\s*個?小時前", r"\d+\s*分鐘前",
    r"ayer", r"hoy", r"hace\s+\d+\s+(?:horas?|minutos?|días?)",
    r"ontem", r"hoje", r"há\s+\d+\s+(?:horas?|minutos?|dias?)",
    r"вчера", r"сегодня", r"\d+\s+(?:час(?:а|ов)?|минут[уы]?|дн(?:я|ей)|день)\s+назад",
    r"dün", r"bugün", r"\d+\s+(?:saat|dakika|gün)\s+önce",
    r"hôm qua", r"hôm nay", r"\d+\s+(?:giờ|phút|ngày)\s+trước",
    r"어제", r"오늘", r"\d+\s*(?:시간|분|일)\s*전",
    r"kemarin", r"hari ini", r"\d+\s+(?:jam|menit|hari)\s+(?:yang\s+)?lalu",
    r"\d{4}-\d{2}-\d{2}(?:[ T]\d{1,2}:\d{2})?", r"\d{1,2}:\d{2}(?:\s*(?:am|pm|utc))?",
)

# Words that say the customer reports a scam (with a link or an address someone gave them).
SCAM = (
    "scam", "scammer", "phishing", "fake", "hacked", "airdrop", "verify your wallet", "validate your wallet",
    "connect my wallet", "connect your wallet", "connect wallet",
    "骗", "诈骗", "詐騙", "钓鱼", "假客服", "estafa", "estafador", "falso", "golpe", "golpista", "falsa",
    "мошенн", "фишинг", "развод", "dolandırıcı", "sahte", "lừa đảo", "giả mạo", "사기", "피싱", "가짜",
    "penipuan", "penipu", "palsu",
)
