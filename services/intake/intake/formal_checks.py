"""The formal checks of DOMAIN.md §2: what makes an application *işleme konulmaz*.

A formally defective application is not rejected at the door: it is stored, numbered and counted
as not processed, and the applicant is told why. The rules are data, each with its source article,
so that a lawyer can read and amend them without reading code.
"""
from dataclasses import dataclass

from stdnum.tr import tckimlik

from contracts.inbound import KVKK_REQUEST, PETITION_TYPES

FOUR_ELEVEN = "bilgi_edinme"  # Law 4982, right to information
KVKK = "kvkk"  # Law 6698, a data subject's request to the data controller (art. 11, 13)
KVKK_ARTICLE = "KVKK m. 13; Veri Sorumlusuna Başvuru Usul ve Esasları Hakkında Tebliğ m. 5"


@dataclass(frozen=True)
class Defect:
    code: str
    message: str
    article: str


def law_of(submission):
    """Which law governs the application: '4982' for information requests, '3071' for petitions,
    'kvkk' for data subjects' requests (6698), None for channels with no statutory form (muhtar, public
    service desk)."""
    if submission["type"] == FOUR_ELEVEN:
        return "4982"
    if submission["type"] == KVKK_REQUEST:
        return KVKK
    if submission["channel"] in ("dilekce", "cimer", "e_belediye") and submission["type"] in PETITION_TYPES:
        return "3071"
    return None


def _has(applicant, field):
    return bool((applicant.get(field) or "").strip())


def _tckn_valid(submission):
    """A TC Kimlik No given whose checksum holds (a missing one is `tckn_yok`'s)."""
    number = (submission["applicant"].get("tc_kimlik_no") or "").strip()
    return not number or tckimlik.is_valid(number)


def _has_address(submission):
    applicant = submission["applicant"]
    if _has(applicant, "postal_address"):
        return True
    # an application made electronically may be answered at the e-mail address it came from
    return submission["channel"] != "dilekce" and _has(applicant, "email")


# (law, code, test that passes when the application is in order, Turkish reason, source article)
RULES = (
    ("3071", "ad_soyad_yok", lambda s: _has(s["applicant"], "full_name"),
     "Dilekçe sahibinin adı ve soyadı yazılmamış.", "3071 s. Kanun m. 4; CİMER Yön. m. 5"),
    ("3071", "imza_yok", lambda s: s["channel"] != "dilekce" or s["applicant"].get("signed", True),
     "Dilekçe imzalanmamış.", "3071 s. Kanun m. 4"),
    ("3071", "adres_yok", _has_address,
     "Dilekçede iş veya yerleşim yeri adresi belirtilmemiş.", "3071 s. Kanun m. 4"),
    ("3071", "konu_belirsiz", lambda s: len((s.get("subject") or "").strip()) + len(s["body"].strip()) >= 10,
     "Dilekçenin konusu belirli değil.", "3071 s. Kanun m. 6"),
    ("4982", "ad_soyad_yok", lambda s: _has(s["applicant"], "full_name"),
     "Başvuru sahibinin adı ve soyadı yazılmamış.", "4982 s. Kanun m. 6; Yön. m. 9"),
    ("4982", "tckn_yok", lambda s: _has(s["applicant"], "tc_kimlik_no"),
     "Başvuruda T.C. Kimlik Numarası bulunmuyor.", "Bilgi Edinme Yön. m. 9, 10, 14"),
    ("4982", "tckn_gecersiz", _tckn_valid,
     "Başvurudaki T.C. Kimlik Numarası geçerli değil.", "Bilgi Edinme Yön. m. 9, 10, 14"),
    ("4982", "adres_yok", _has_address,
     "Başvuruda yerleşim yeri veya iş adresi (elektronik başvuruda e-posta adresi) yok.",
     "4982 s. Kanun m. 6; Yön. m. 10"),
    ("4982", "konu_belirsiz", lambda s: len(s["body"].strip()) >= 10,
     "İstenen bilgi veya belge açıkça belirtilmemiş.", "Bilgi Edinme Yön. m. 11"),
    # KVKK: the data controller must identify the person whose data is asked about, so the TC Kimlik No
    # is required besides what a petition needs (Tebliğ m. 5: name, signature if written, TCKN, address,
    # the subject of the request)
    (KVKK, "ad_soyad_yok", lambda s: _has(s["applicant"], "full_name"),
     "Başvuru sahibinin adı ve soyadı yazılmamış.", KVKK_ARTICLE),
    (KVKK, "imza_yok", lambda s: s["channel"] != "dilekce" or s["applicant"].get("signed", True),
     "Yazılı başvuru imzalanmamış.", KVKK_ARTICLE),
    (KVKK, "tckn_yok", lambda s: _has(s["applicant"], "tc_kimlik_no"),
     "Başvuruda T.C. Kimlik Numarası bulunmuyor: veri sorumlusu başvuru sahibinin kimliğini belirleyemez.",
     KVKK_ARTICLE),
    (KVKK, "tckn_gecersiz", _tckn_valid,
     "Başvurudaki T.C. Kimlik Numarası geçerli değil: veri sorumlusu başvuru sahibinin kimliğini belirleyemez.",
     KVKK_ARTICLE),
    (KVKK, "adres_yok", _has_address,
     "Başvuruda tebligata esas yerleşim yeri veya iş yeri adresi (elektronik başvuruda e-posta adresi) yok.",
     KVKK_ARTICLE),
    (KVKK, "konu_belirsiz", lambda s: len((s.get("subject") or "").strip()) + len(s["body"].strip()) >= 10,
     "Başvurunun talep konusu belirli değil.", KVKK_ARTICLE),
)


def find_defects(submission):
    """Every formal defect of a loaded submission (empty when it can be processed)."""
    law = law_of(submission)
    return [Defect(code, message, article)
            for rule_law, code, in_order, message, article in RULES
            if rule_law == law and not in_order(submission)]
