"""R-A10 against an outside oracle: the PyPI package `smsutil` (1.1.3), whose `split`
cuts a text into SMS parts the way gateways do — GSM 03.38 with its extension table at
160/153 septets, else UTF-16 at 140/134 octets (70/67 units), never splitting an
extension character or a surrogate pair across parts.

Our counter must agree on the encoding, the number of segments, the septets or units,
and what is left in the last part, for every generated text. The one documented
difference (U+001B) is excluded from the generated texts and asserted on its own below.
"""

import random

import smsutil

from asistent import sms_count

GSM_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = "\f^{}\\[~]|€"
SLOVENIAN = "čšžćđČŠŽĆĐ"
EMOJI = ["😀", "🎉", "👍", "📚", "🏫", "𝄞"]  # outside the BMP: surrogate pairs
OTHER_BMP = "яΣ中ç°–…"  # not GSM-7, one UTF-16 unit each ("Σ" is GSM-7 and stays so)

PROFILES = [
    # (weight, alphabet pools with weights)
    ("gsm", [(GSM_BASIC, 1)]),
    ("gsm+extension", [(GSM_BASIC, 6), (GSM_EXTENSION, 1)]),
    ("extension-heavy", [(GSM_BASIC, 1), (GSM_EXTENSION, 1)]),
    ("slovenian", [(GSM_BASIC, 12), (SLOVENIAN, 1)]),
    ("slovenian+extension", [(GSM_BASIC, 8), (GSM_EXTENSION, 1), (SLOVENIAN, 1)]),
    ("emoji", [(GSM_BASIC, 8), (EMOJI, 1)]),
    ("emoji-heavy", [(GSM_BASIC, 1), (EMOJI, 1)]),
    ("everything", [(GSM_BASIC, 10), (GSM_EXTENSION, 2), (SLOVENIAN, 2), (EMOJI, 1), (OTHER_BMP, 1)]),
]

# Lengths around every boundary that matters, and anywhere in between.
BOUNDARIES = [35, 66, 67, 68, 69, 70, 71, 80, 133, 134, 135, 152, 153, 154, 159, 160, 161,
              201, 305, 306, 307, 459, 460, 461]


def oracle(text):
    r = smsutil.split(text)
    if r.encoding == "gsm0338":
        encoding, units, last = "gsm7", r.total_bytes, r.parts[-1].bytes
        single, part = 160, 153
    else:
        encoding, units, last = "ucs2", r.total_bytes // 2, r.parts[-1].bytes // 2
        single, part = 70, 67
    segments = len(r.parts)
    if segments == 1:
        return encoding, 1, units, single, single - units
    return encoding, segments, units, part, part - last


def generate(rng, n):
    texts = []
    for i in range(n):
        _, pools = PROFILES[i % len(PROFILES)]
        chars, weights = zip(*[(c, w / len(c)) for pool, w in pools for c in pool])
        if rng.random() < 0.5:
            length = rng.choice(BOUNDARIES) + rng.randint(-2, 2)
        else:
            length = rng.randint(1, 800)
        texts.append("".join(rng.choices(chars, weights=weights, k=max(1, length))))
    return texts


def ours(text):
    c = sms_count(text)
    return c.encoding, c.segments, c.units, c.per_part_limit, c.remaining_in_last_part


def test_r_a10_segment_counter_matches_smsutil_on_12000_texts():
    rng = random.Random(20261123)
    texts = generate(rng, 12_000)
    # The generated texts reach every kind of case.
    kinds = {oracle(t)[0] for t in texts}
    assert kinds == {"gsm7", "ucs2"}
    assert sum(1 for t in texts if oracle(t)[1] > 1) > 3_000
    mismatches = [(t, ours(t), oracle(t)) for t in texts if ours(t) != oracle(t)]
    assert mismatches == [], mismatches[:5]


def test_r_a10_extension_and_surrogate_boundaries_match_smsutil_exactly():
    # Every position of one extension character or one emoji around a part boundary.
    texts = []
    for before in range(140, 170):
        for after in (0, 1, 5, 150, 151, 152, 153):
            texts.append("a" * before + "€" + "b" * after)
    for before in range(60, 75):
        for after in (0, 1, 2, 60, 64, 65, 66, 67):
            texts.append("a" * before + "😀" + "b" * after)
            texts.append("č" * before + "😀" + "😀" * (after // 2))
    mismatches = [(t, ours(t), oracle(t)) for t in texts if ours(t) != oracle(t)]
    assert mismatches == [], mismatches[:5]


def test_r_a10_the_one_difference_u001b_is_not_a_gsm_character():
    # smsutil lists U+001B in its basic table and counts it as one GSM-7 septet. In
    # 3GPP TS 23.038 §6.2.1, 0x1B is the escape to the extension table, not a character:
    # a lone ESC followed by a letter would be read as an extension code, or shown as a
    # space (§6.2.1.1). We therefore send a text containing U+001B as UCS-2.
    text = "a\x1bb"
    assert oracle(text) == ("gsm7", 1, 3, 160, 157)
    assert ours(text) == ("ucs2", 1, 3, 70, 67)
