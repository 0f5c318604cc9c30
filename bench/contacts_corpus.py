"""Made-up but realistic contacts of Gaziemir's information bank, for the contacts search benchmark
(issue 6): people and organisations of every category, Turkish names with Turkish letters drawn by
frequency, the district's neighbourhoods, roles at the organisations, tags, phones, e-mails and
addresses, in the record shape of `contacts.duplicates` (what the service stores).

Everything comes from one seeded `random.Random`, so two runs load the same bank. The rows are made by
contacts' own code: `contacts.records.row_of` (the search text by `contacts.search_text.document`, the
name key, the folded tags and neighbourhood: what `records.create` writes) and `records._points`
(the contact points, normalised as the service normalises them).

    corpus = ContactsCorpus(seed=11)
    contacts, points, roles = corpus.copy_text(100_000)   # COPY text of the three tables
    corpus.people, corpus.organisations                  # a sample of what was made, for the queries
"""
import io
import random
import uuid
from datetime import date, timedelta

from contacts import categories, phones, records
from servicekit.turkish import fold

SEED = 11

NEIGHBOURHOODS = ("Aktepe", "Atatürk", "Atıfbey", "Beyazevler", "Binbaşı Reşatbey", "Dokuz Eylül", "Emrez",
                  "Fatih", "Gazi", "Gazikent", "Irmak", "Menderes", "Sakarya", "Sarnıç", "Seyhan", "Yeşil",
                  "Zafer")

# most frequent first; drawn with weight 1 / (rank + 10), so "Mehmet" and "Yılmaz" come up often, as they do
MALE = ("Mehmet", "Mustafa", "Ahmet", "Ali", "Hüseyin", "Hasan", "İbrahim", "İsmail", "Osman", "Yusuf", "Murat",
        "Ömer", "Ramazan", "Halil", "Süleyman", "Abdullah", "Mahmut", "Salih", "Kemal", "Recep", "Fatih", "Kadir",
        "Emre", "Hakan", "Burak", "Serkan", "Erkan", "Volkan", "Cem", "Can", "Barış", "Onur", "Oğuz", "Şükrü",
        "Şahin", "Tuncay", "Ümit", "Gökhan", "Özgür", "Çağlar", "Ercan", "Eren", "Berk", "Arda", "Yiğit", "Doğan",
        "İlker", "Sinan", "Tolga", "Levent", "Cengiz", "Erdal", "Kenan", "Nihat", "Orhan", "Rıza", "Sabri",
        "Tayfun", "Uğur", "Yavuz", "Zeki", "İlhan", "Necati", "Cüneyt", "Selçuk", "Tamer", "Ilgaz", "Çetin")
FEMALE = ("Fatma", "Ayşe", "Emine", "Hatice", "Zeynep", "Elif", "Meryem", "Şerife", "Zehra", "Sultan", "Hanife",
          "Merve", "Özlem", "Esra", "Büşra", "Yasemin", "Derya", "Gülsüm", "Hülya", "Sevgi", "Songül", "Nur", "Gül",
          "Aysel", "Filiz", "Sibel", "Serpil", "Dilek", "Nurcan", "Gülşen", "Şenay", "Çiğdem", "Gökçe", "Işıl",
          "Ilgın", "İpek", "Tuğba", "Ebru", "Pınar", "Melek", "Nermin", "Nesrin", "Aynur", "Gülay", "Canan",
          "Selin", "Ece", "Buse", "Duygu", "Müge", "Şule", "Öznur", "Ümran", "Sevim", "Necla", "Nazlı", "Damla",
          "Cansu", "Seda", "Aslı")
SECOND = {"Mehmet": "Ali", "Ayşe": "Gül", "Fatma": "Nur", "Mustafa": "Kemal", "Hatice": "Kübra", "Ahmet": "Can",
          "Zeynep": "Su", "Ali": "Rıza", "Emine": "Nur", "Hüseyin": "Hüsnü", "Elif": "Naz", "Ömer": "Faruk"}
SURNAMES = ("Yılmaz", "Kaya", "Demir", "Çelik", "Şahin", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
            "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
            "Özcan", "Korkmaz", "Çakır", "Erdoğan", "Yavuz", "Can", "Acar", "Şen", "Aktaş", "Güler", "Yalçın",
            "Güneş", "Bozkurt", "Bulut", "Keskin", "Ünal", "Turan", "Gül", "Özer", "Işık", "Kaplan", "Avcı", "Sarı",
            "Tekin", "Taş", "Köse", "Yüksel", "Ateş", "Aksoy", "Karataş", "Altun", "Uçar", "Ekinci", "Tunç",
            "Sönmez", "Akın", "Coşkun", "Erdem", "Akbulut", "Tuncer", "Kocabaş", "Uysal", "Karakaya", "Durmaz",
            "Çiftçi", "Başaran", "Metin", "Ayhan", "Duman", "Bayram", "Kahraman", "İnce", "Türkmen", "Akgül",
            "Gündoğdu", "Toprak", "Ağca", "Savaş", "Şeker", "Özgür", "Karaca", "Soylu", "Dinç", "Gök", "Bilgin",
            "Oral", "Bayrak", "Kılınç", "Eren", "Özbek", "Üstün", "Ergün", "Çınar", "Aydoğan", "Akyüz", "Sezer",
            "Bektaş", "Gürbüz", "Önal", "Ağaoğlu", "Bağcı", "Çalışkan", "Dağ", "Ilgaz", "Işıklar", "Ilıcak",
            "Ünlü", "Ölmez", "Şahbaz", "Çavuşoğlu", "Öğüt", "Güngör", "Gümüş", "Değirmenci", "Sağlam", "Tuğrul",
            "Büyükkaya", "Küçük", "Söğüt", "Çoban", "Iğdırlı", "Şişman", "Gökçe", "Uzun", "Kısa", "Ilgın")

TAGS = ("gazi", "şehit yakını", "engelli", "gönüllü", "yaşlı", "öğrenci", "esnaf", "sanatçı", "sporcu",
        "kadın kooperatifi", "afet gönüllüsü", "kan bağışçısı", "iftar davetlisi", "bayramlaşma", "29 Ekim",
        "mahalle temsilcisi", "hemşehri derneği", "çevre", "hayvan hakları", "emekli", "kültür sanat",
        "spor kulübü", "basın", "protokol", "yardım alan", "burslu öğrenci", "halk eğitim", "engelsiz Gaziemir")

HOMETOWNS = ("Sivaslılar", "Erzurumlular", "Mardinliler", "Karslılar", "Trabzonlular", "Rizeliler", "Malatyalılar",
             "Manisalılar", "Aydınlılar", "Denizlililer", "Balıkesirliler", "Konyalılar", "Ardahanlılar",
             "Bitlisliler", "Giresunlular", "Çorumlular", "Kastamonulular", "Yozgatlılar", "Tokatlılar",
             "Şanlıurfalılar", "Diyarbakırlılar", "Muşlular", "Ağrılılar", "Afyonlular", "Uşaklılar")
CAUSES = ("Güzelleştirme ve Yardımlaşma", "Engelliler", "Kadın Dayanışma", "Gençlik ve Spor", "Kültür ve Sanat",
          "Eğitim Gönüllüleri", "Hayvan Dostları", "Çevre Koruma", "Emekliler", "Şehit Aileleri ve Gaziler",
          "Afet Gönüllüleri", "Kan Bağışçıları", "Halk Oyunları", "Satranç", "Doğa Sporları", "Yaşlılara Saygı")
PARTIES = ("AK Parti", "CHP", "MHP", "İYİ Parti", "DEM Parti", "Yeniden Refah Partisi", "Zafer Partisi",
           "Türkiye İşçi Partisi", "Saadet Partisi", "DEVA Partisi", "Gelecek Partisi", "Demokrat Parti")
CHAMBERS = ("İzmir Barosu", "İzmir Tabip Odası", "İzmir Ticaret Odası", "Ege Bölgesi Sanayi Odası",
            "İzmir Eczacı Odası", "TMMOB Makina Mühendisleri Odası İzmir Şubesi",
            "TMMOB İnşaat Mühendisleri Odası İzmir Şubesi", "TMMOB Mimarlar Odası İzmir Şubesi",
            "İzmir Serbest Muhasebeci Mali Müşavirler Odası", "İzmir Diş Hekimleri Odası",
            "İzmir Veteriner Hekimler Odası", "TMMOB Elektrik Mühendisleri Odası İzmir Şubesi")
TRADES = ("Gaziemir Esnaf ve Sanatkârlar Odası", "İzmir Kahveciler Odası", "İzmir Berberler ve Kuaförler Odası",
          "İzmir Lokantacılar Odası", "İzmir Şoförler ve Otomobilciler Odası", "İzmir Bakkallar Odası",
          "İzmir Terziler Odası", "İzmir Fırıncılar Odası", "İzmir Oto Tamirciler Odası",
          "İzmir Manavlar ve Seyyar Satıcılar Odası")
MEDIA = ("Yeni Asır", "Ege Telgraf", "Ege'de Son Söz", "Hürriyet Ege", "Sabah Ege", "Gaziemir Haber",
         "İzmir Gazetesi", "Ticaret Gazetesi", "Egede Bugün", "Milliyet Ege", "Gaziemir Postası", "Ege TV",
         "İzmir FM", "Kanal Ege", "Anadolu Ajansı İzmir Bürosu", "İhlas Haber Ajansı İzmir",
         "Demirören Haber Ajansı İzmir", "TRT Ege", "Radyo Gaziemir", "Gaziemir Gündem")
PUBLIC = ("Gaziemir Kaymakamlığı", "Gaziemir İlçe Milli Eğitim Müdürlüğü", "Gaziemir İlçe Emniyet Müdürlüğü",
          "Gaziemir İlçe Jandarma Komutanlığı", "Gaziemir İlçe Sağlık Müdürlüğü", "Gaziemir İlçe Müftülüğü",
          "Gaziemir Nüfus Müdürlüğü", "Gaziemir Malmüdürlüğü", "SGK Gaziemir Sosyal Güvenlik Merkezi",
          "Gaziemir Devlet Hastanesi", "Gaziemir Halk Eğitim Merkezi", "Gaziemir Tapu Müdürlüğü",
          "Gaziemir Adliyesi", "İzmir Valiliği", "İzmir Büyükşehir Belediyesi", "İZSU Genel Müdürlüğü",
          "ESHOT Genel Müdürlüğü", "Ege Serbest Bölgesi (ESBAŞ)", "Adnan Menderes Havalimanı Mülki İdare Amirliği",
          "Gaziemir Gençlik Merkezi", "Gaziemir İlçe Tarım ve Orman Müdürlüğü", "Gaziemir Sosyal Hizmet Merkezi")
DIRECTORATES = ("Fen İşleri", "Park ve Bahçeler", "Temizlik İşleri", "Zabıta", "İmar ve Şehircilik",
                "Kültür ve Sosyal İşler", "Basın Yayın ve Halkla İlişkiler", "Sosyal Destek Hizmetleri",
                "Mali Hizmetler", "İnsan Kaynakları ve Eğitim", "Yazı İşleri", "Emlak ve İstimlak",
                "Destek Hizmetleri", "Bilgi İşlem", "Hukuk İşleri", "Veteriner İşleri", "Çevre Koruma ve Kontrol",
                "Kadın ve Aile Hizmetleri", "Gençlik ve Spor Hizmetleri", "Ruhsat ve Denetim", "Plan ve Proje",
                "Strateji Geliştirme", "İklim Değişikliği ve Sıfır Atık", "Muhtarlık İşleri", "Afet İşleri")
SCHOOL_KINDS = ("İlkokulu", "Ortaokulu", "Anadolu Lisesi", "Mesleki ve Teknik Anadolu Lisesi", "Anaokulu",
                "İmam Hatip Ortaokulu")
SCHOOL_NAMES = ("Atatürk", "Cumhuriyet", "Gazi", "İnönü", "Fatih Sultan Mehmet", "Mimar Sinan", "Yunus Emre",
                "Mehmet Akif Ersoy", "Necip Fazıl Kısakürek", "Şehit Piyade Er Ali Kaya", "Şehit Polis Murat Çelik",
                "Hasan Ali Yücel", "Sabiha Gökçen", "Ahmet Piriştina", "Dokuz Eylül", "Barış Manço", "Aşık Veysel",
                "Cahit Arf", "Aziz Sancar", "Halide Edip Adıvar", "Sarnıç", "Emrez", "Irmak", "Gazikent", "Zafer",
                "Beyazevler", "Aktepe", "Seyhan")

# (office code on contacts' precedence list, title as staff write it, category of the person, where)
PROTOCOL = (
    ("kaymakam", "Gaziemir Kaymakamı", "ilce_protokolu", "Gaziemir Kaymakamlığı"),
    ("belediye_baskani", "Gaziemir Belediye Başkanı", "ilce_protokolu", None),
    ("garnizon_komutani", "Gaziemir Garnizon Komutanı", "ilce_protokolu", None),
    ("cumhuriyet_bassavcisi", "Gaziemir Cumhuriyet Başsavcısı", "ilce_protokolu", "Gaziemir Adliyesi"),
    ("hakim", "Hâkim", "ilce_protokolu", "Gaziemir Adliyesi"),
    ("cumhuriyet_savcisi", "Cumhuriyet Savcısı", "ilce_protokolu", "Gaziemir Adliyesi"),
    ("ilce_jandarma_komutani", "İlçe Jandarma Komutanı", "ilce_protokolu", "Gaziemir İlçe Jandarma Komutanlığı"),
    ("ilce_emniyet_muduru", "İlçe Emniyet Müdürü", "ilce_protokolu", "Gaziemir İlçe Emniyet Müdürlüğü"),
    ("belediye_baskan_yardimcisi", "Belediye Başkan Yardımcısı", "ilce_protokolu", None),
    ("belediye_meclis_uyesi", "Belediye Meclis Üyesi", "ilce_protokolu", None),
    ("siyasi_parti_ilce_baskani", "İlçe Başkanı", "ilce_protokolu", "party"),
    ("ilce_muftusu", "İlçe Müftüsü", "ilce_protokolu", "Gaziemir İlçe Müftülüğü"),
    ("ilce_muduru", "İlçe Milli Eğitim Müdürü", "ilce_protokolu", "Gaziemir İlçe Milli Eğitim Müdürlüğü"),
    ("ilce_muduru", "İlçe Sağlık Müdürü", "ilce_protokolu", "Gaziemir İlçe Sağlık Müdürlüğü"),
    ("belediye_muduru", "Müdür", "ilce_protokolu", "directorate"),
    ("esnaf_odasi_baskani", "Oda Başkanı", "ilce_protokolu", "trade"),
    ("meslek_odasi_baskani", "Oda Başkanı", "ilce_protokolu", "chamber"),
    ("milletvekili", "İzmir Milletvekili", "il_protokolu", None),
    (None, "İzmir Valisi", "il_protokolu", "İzmir Valiliği"),
    (None, "Vali Yardımcısı", "il_protokolu", "İzmir Valiliği"),
    (None, "Büyükşehir Belediye Başkanı", "il_protokolu", "İzmir Büyükşehir Belediyesi"),
    (None, "İl Emniyet Müdürü", "il_protokolu", None),
    (None, "İl Milli Eğitim Müdürü", "il_protokolu", None),
    (None, "Rektör", "il_protokolu", None),
)
JOURNALIST_TITLES = ("Muhabir", "Editör", "Haber Müdürü", "Genel Yayın Yönetmeni", "Foto Muhabiri", "Kameraman",
                     "Köşe Yazarı", "Yazı İşleri Müdürü", "Program Yapımcısı", "Spiker")
MEMBER_TITLES = ("Başkan", "Başkan Yardımcısı", "Yönetim Kurulu Üyesi", "Sayman", "Genel Sekreter", "Üye",
                 "Koordinatör", "Gönüllü", "Denetim Kurulu Üyesi", "Onursal Başkan")
SCHOOL_TITLES = ("Okul Müdürü", "Müdür Yardımcısı", "Öğretmen", "Okul Aile Birliği Başkanı", "Rehber Öğretmen")
MAIL_HOSTS = (("gmail.com", 50), ("hotmail.com", 22), ("yahoo.com", 6), ("outlook.com", 8), ("icloud.com", 3),
              ("yandex.com", 3), ("windowslive.com", 2), ("superonline.com", 1), ("ttmail.com", 1))
MOBILE_PREFIXES = ("530", "531", "532", "533", "535", "536", "537", "538", "539", "541", "542", "543", "544",
                   "545", "546", "505", "506", "507", "551", "552", "553", "554", "555", "501")
STREETS = ("Akçay Caddesi", "İnönü Caddesi", "Gazi Caddesi", "Menderes Caddesi", "Kazım Karabekir Caddesi",
           "Atatürk Caddesi", "Dokuz Eylül Caddesi")
TODAY = date(2026, 11, 26)  # a fixed day, so the bank is the same whichever day it runs


def _weights(names, offset=10):
    return [1 / (rank + offset) for rank in range(len(names))]


def copy_text(value):
    """One value for COPY's text format: \\N for None, arrays as array literals, the rest escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, (list, tuple)):
        value = "{" + ",".join('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in value) + "}"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


CONTACT_COLUMNS = ("id", "kind", "name", "category", "neighbourhood", "tags", "notes", "consent_basis",
                   "consent_given_on", "opted_out_on", "last_verified_on", "external_ref", "search_text", "name_key",
                   "tag_keys", "neighbourhood_key", "merged_into", "created_by", "updated_by")
POINT_COLUMNS = ("contact_id", "kind", "value", "normalised", "mobile", "position")
ROLE_COLUMNS = ("person_id", "organisation_id", "organisation_name", "office", "title", "started_on", "ended_on",
                "created_by")


class ContactsCorpus:
    """The bank: organisations first (people's roles point to them), then people. `people` and
    `organisations` keep a sample of the records made (with their phones and e-mails) for the queries."""

    SAMPLE_EVERY = 25

    def __init__(self, seed=SEED):
        self.rng = random.Random(seed)
        self.uuid_rng = random.Random(seed + 1)
        self.people, self.organisations = [], []
        self.counts = {"person": 0, "organisation": 0, "merged": 0, "phones": 0, "emails": 0, "addresses": 0,
                       "roles": 0, "ended_roles": 0, "categories": {}}
        self._orgs_by_category = {}
        self._male_w, self._female_w, self._surname_w = _weights(MALE), _weights(FEMALE), _weights(SURNAMES)

    def _uuid(self):
        return uuid.UUID(int=self.uuid_rng.getrandbits(128), version=4)

    # -- the records -----------------------------------------------------------------------------
    def organisations_to_make(self, total):
        """About 12 % of the bank are organisations, in the proportions a district's PR desk has them."""
        count = max(len(DIRECTORATES) + len(PUBLIC), total * 12 // 100)
        return count

    def _organisation(self, n):
        rng = self.rng
        fixed = [("mudurluk", f"{d} Müdürlüğü") for d in DIRECTORATES] + [("kamu_kurumu", p) for p in PUBLIC] + \
            [("medya", m) for m in MEDIA] + [("meslek_odasi", c) for c in CHAMBERS] + \
            [("esnaf_odasi", t) for t in TRADES] + [("siyasi_parti", f"{p} Gaziemir İlçe Başkanlığı") for p in PARTIES]
        neighbourhood = rng.choice(NEIGHBOURHOODS) if rng.random() < 0.6 else None
        if n < len(fixed):
            category, name = fixed[n]
            neighbourhood = None
        else:
            category = rng.choices(("dernek", "stk", "vakif", "egitim_kurumu", "esnaf_odasi", "medya", "kamu_kurumu",
                                    "siyasi_parti"), (40, 14, 8, 16, 6, 5, 6, 1))[0]
            if category == "dernek":
                if rng.random() < 0.4:
                    name = f"Gaziemir {rng.choice(HOMETOWNS)} Derneği"
                else:
                    place = f"{neighbourhood} Mahallesi" if neighbourhood else "Gaziemir"
                    name = f"{place} {rng.choice(CAUSES)} Derneği"
            elif category == "stk":
                name = rng.choice((f"Gaziemir {rng.choice(CAUSES)} Platformu",
                                   f"Türkiye {rng.choice(CAUSES)} Federasyonu Gaziemir Temsilciliği",
                                   f"{rng.choice(NEIGHBOURHOODS)} Kent Gönüllüleri",
                                   f"Gaziemir Kent Konseyi {rng.choice(CAUSES)} Meclisi"))
            elif category == "vakif":
                name = rng.choice((f"Gaziemir {rng.choice(CAUSES)} Vakfı", "Türkiye Diyanet Vakfı Gaziemir Şubesi",
                                   f"{rng.choice(SCHOOL_NAMES)} Eğitim ve Kültür Vakfı",
                                   "Türkiye Eğitim Gönüllüleri Vakfı İzmir Temsilciliği"))
            elif category == "egitim_kurumu":
                name = f"{rng.choice(SCHOOL_NAMES)} {rng.choice(SCHOOL_KINDS)}"
            elif category == "esnaf_odasi":
                place = rng.choice(NEIGHBOURHOODS)
                name = f"{place} {rng.choice(('Esnaf Dayanışma Derneği', 'Pazarcılar Derneği', 'Kooperatifi'))}"
            elif category == "medya":
                name = f"{rng.choice(MEDIA)} {rng.choice(('Gaziemir Temsilciliği', 'Haber Merkezi', 'Ege Bürosu'))}"
            elif category == "kamu_kurumu":
                place = rng.choice(NEIGHBOURHOODS)
                name = f"{place} " + rng.choice(("Aile Sağlığı Merkezi", "Halk Kütüphanesi", "Polis Merkezi",
                                                 "Taziye Evi", "Semt Pazarı"))
            else:
                name = f"{rng.choice(PARTIES)} {rng.choice(NEIGHBOURHOODS)} Mahalle Temsilciliği"
        slug = "".join(ch for ch in fold(name) if ch.isalnum())[:24]
        host = {"kamu_kurumu": "gov.tr", "mudurluk": "bel.tr", "egitim_kurumu": "k12.tr",
                "medya": "com.tr"}.get(category, "org.tr")
        if category == "mudurluk":
            phone_list = ["+902322510000"]  # the municipality's switchboard: every müdürlük behind it
            emails = [f"{slug}@gaziemir.bel.tr"]
        else:
            phone_list = [self._landline()] + ([self._mobile()] if rng.random() < 0.3 else [])
            emails = [f"info@{slug}.{host}"] if rng.random() < 0.8 else []
        record = {"kind": "organisation", "name": name, "category": category, "neighbourhood": neighbourhood,
                  "tags": rng.sample(("STK", "protokol", "basın", "hemşehri derneği", "kültür sanat", "çevre",
                                      "spor kulübü", "engelsiz Gaziemir"), rng.choice((0, 0, 1, 1, 2))),
                  "phones": phone_list, "emails": emails,
                  "addresses": [self._address(neighbourhood)] if rng.random() < 0.7 else [],
                  "consent": {"basis": rng.choice(("kanunda_ongorulme", "alenilestirme", "mesru_menfaat"))},
                  "roles": []}
        return record

    def _person(self):
        rng = self.rng
        female = rng.random() < 0.48
        first = rng.choices(FEMALE if female else MALE, self._female_w if female else self._male_w)[0]
        if first in SECOND and rng.random() < 0.3:
            first = f"{first} {SECOND[first]}"
        surname = rng.choices(SURNAMES, self._surname_w)[0]
        if rng.random() < 0.03:  # a married woman's two surnames
            surname = f"{rng.choices(SURNAMES, self._surname_w)[0]} {surname}"
        category = rng.choices((None, "gazeteci", "ilce_protokolu", "il_protokolu", "muhtar"),
                               (74, 9, 10, 4, 3))[0]
        neighbourhood = rng.choice(NEIGHBOURHOODS) if rng.random() < 0.85 else None
        roles = self._roles(category, neighbourhood)
        if category == "muhtar":
            neighbourhood = roles[-1]["organisation_name"].split(" Mahallesi")[0]
        tags = rng.sample(TAGS, rng.choices((0, 1, 2, 3), (40, 35, 18, 7))[0])
        phone_list = []
        if rng.random() < 0.88:
            phone_list.append(self._mobile())
        if rng.random() < 0.15:
            phone_list.append(self._landline())
        emails = []
        if rng.random() < 0.62 or category in ("gazeteci", "il_protokolu", "ilce_protokolu"):
            local = f"{fold(first).replace(' ', '')}{rng.choice(('.', '', '_'))}{fold(surname).replace(' ', '')}"
            if rng.random() < 0.5:
                local += str(rng.choice((rng.randrange(1, 100), rng.randrange(1950, 2008))))
            emails.append(f"{local}@{rng.choices([h for h, _ in MAIL_HOSTS], [w for _, w in MAIL_HOSTS])[0]}")
        opted_out = TODAY - timedelta(days=rng.randrange(1, 900)) if rng.random() < 0.02 else None
        basis = rng.choice(tuple(categories.LAWFUL_BASES)) if rng.random() < 0.6 else None
        return {"kind": "person", "full_name": f"{first} {surname}", "category": category,
                "neighbourhood": neighbourhood, "tags": tags, "phones": phone_list, "emails": emails,
                "addresses": [self._address(neighbourhood)] if rng.random() < 0.3 else [],
                "consent": {"basis": basis, "opted_out_on": opted_out,
                            "given_on": TODAY - timedelta(days=rng.randrange(1, 1500)) if basis else None},
                "last_verified_on": TODAY - timedelta(days=rng.randrange(1, 1100)) if rng.random() < 0.5 else None,
                "roles": roles}

    def _org_of(self, category):
        found = self._orgs_by_category.get(category)
        return self.rng.choice(found) if found else None

    def _named_org(self, name):
        return self._orgs_by_name.get(name)

    def _roles(self, category, neighbourhood):
        rng = self.rng
        roles = []
        if category == "muhtar":
            place = neighbourhood or rng.choice(NEIGHBOURHOODS)
            held_since = rng.choice((date(2019, 4, 8), date(2024, 4, 8), date(2014, 4, 7)))
            ended = None if held_since.year == 2024 or rng.random() < 0.3 else date(held_since.year + 5, 3, 31)
            roles.append({"office": "muhtar", "title": f"{place} Mahallesi Muhtarı",
                          "organisation_name": f"{place} Mahallesi Muhtarlığı", "organisation_id": None,
                          "started_on": held_since, "ended_on": ended})
        elif category == "gazeteci":
            org = self._org_of("medya")
            title = rng.choice(JOURNALIST_TITLES)
            roles.append({"office": title, "title": title, "organisation_name": org["name"],
                          "organisation_id": org["id"], "ended_on": None,
                          "started_on": TODAY - timedelta(days=rng.randrange(30, 4000))})
        elif category in ("ilce_protokolu", "il_protokolu"):
            office, title, _, where = rng.choice([p for p in PROTOCOL if p[2] == category])
            org = None
            if where == "party":
                org = self._org_of("siyasi_parti")
                title = f"{org['name'].replace(' Gaziemir İlçe Başkanlığı', '')} Gaziemir İlçe Başkanı"
            elif where == "directorate":
                org = self._org_of("mudurluk")
                title = org["name"].replace("Müdürlüğü", "Müdürü")
            elif where == "trade":
                org = self._named_org(TRADES[0])
            elif where == "chamber":
                org = self._org_of("meslek_odasi")
            elif where:
                org = self._named_org(where)
            roles.append({"office": office or title, "title": title,
                          "organisation_name": org["name"] if org else None, "organisation_id": org and org["id"],
                          "started_on": TODAY - timedelta(days=rng.randrange(30, 2500)), "ended_on": None})
        elif rng.random() < 0.35:
            kind = rng.choices(("dernek", "stk", "vakif", "egitim_kurumu", "esnaf_odasi", "meslek_odasi"),
                               (45, 15, 8, 20, 7, 5))[0]
            org = self._org_of(kind)
            title = rng.choice(SCHOOL_TITLES if kind == "egitim_kurumu" else MEMBER_TITLES)
            roles.append({"office": title, "title": title, "organisation_name": org["name"],
                          "organisation_id": org["id"], "ended_on": None,
                          "started_on": TODAY - timedelta(days=rng.randrange(30, 3000))})
        if roles and rng.random() < 0.15:  # an office held before, now ended: history, not searched
            org = self._org_of(rng.choice(("dernek", "stk", "egitim_kurumu")))
            started = TODAY - timedelta(days=rng.randrange(3100, 6000))
            title = rng.choice(MEMBER_TITLES)
            roles.insert(0, {"office": title, "title": title, "organisation_name": org["name"],
                             "organisation_id": org["id"], "started_on": started,
                             "ended_on": started + timedelta(days=rng.randrange(300, 2500))})
        return roles

    def _mobile(self):
        rng = self.rng
        while True:
            e164 = f"+90{rng.choice(MOBILE_PREFIXES)}{rng.randrange(2000000, 9999999)}"
            if phones.is_mobile(e164):
                return e164

    def _landline(self):
        return f"+90232{self.rng.choice(('2', '2', '2', '4', '3'))}{self.rng.randrange(100000, 999999)}"

    def _address(self, neighbourhood):
        rng = self.rng
        street = rng.choice(STREETS) if rng.random() < 0.3 else \
            f"{rng.randrange(200, 299)}/{rng.randrange(1, 40)} Sokak"
        return (f"{neighbourhood or rng.choice(NEIGHBOURHOODS)} Mah. {street} No:{rng.randrange(1, 140)}"
                f"{'/' + str(rng.randrange(1, 20)) if rng.random() < 0.5 else ''} Gaziemir/İzmir")

    # -- the COPY text ---------------------------------------------------------------------------
    def copy_text(self, total):
        """(contacts, contact_points, roles) as file-like COPY text for `total` records."""
        contacts, points, roles = io.StringIO(), io.StringIO(), io.StringIO()
        self._orgs_by_name = {}
        made = []
        organisations = self.organisations_to_make(total)
        for n in range(total):
            if n < organisations:
                record = self._organisation(n)
            else:
                record = self._person()
            record["id"] = self._uuid()
            if record["kind"] == "organisation":
                slim = {"id": record["id"], "name": record["name"], "category": record["category"]}
                self._orgs_by_category.setdefault(record["category"], []).append(slim)
                self._orgs_by_name.setdefault(record["name"], slim)
            merged_into = None
            if n > organisations and self.rng.random() < 0.01 and made:
                merged_into = self.rng.choice(made)  # merged into an earlier record by a duplicates review
                self.counts["merged"] += 1
            self._write(record, merged_into, contacts, points, roles)
            if record["kind"] == "person" and len(made) < 5000:
                made.append(record["id"])
            if n % self.SAMPLE_EVERY == 0 and merged_into is None and not (record.get("consent") or {}).get(
                    "opted_out_on"):
                sample = {key: record.get(key) for key in ("id", "kind", "full_name", "name", "category",
                                                           "neighbourhood", "tags", "phones", "emails")}
                (self.people if record["kind"] == "person" else self.organisations).append(sample)
        for buffer in (contacts, points, roles):
            buffer.seek(0)
        return contacts, points, roles

    def _write(self, record, merged_into, contacts, points, roles):
        row = records.row_of(record)  # what records.create writes: the search text, keys, folded copies
        row.update(id=record["id"], merged_into=merged_into, created_by="bench-import", updated_by="bench-import")
        contacts.write("\t".join(copy_text(row[c]) for c in CONTACT_COLUMNS) + "\n")
        for point in records._points(record):  # noqa: SLF001  (the service's own normalisation)
            points.write("\t".join(copy_text(v) for v in (record["id"], point["kind"], point["value"],
                                                          point["normalised"], point["mobile"],
                                                          point["position"])) + "\n")
            self.counts[{"phone": "phones", "email": "emails", "address": "addresses"}[point["kind"]]] += 1
        for role in record.get("roles") or ():
            roles.write("\t".join(copy_text(v) for v in (record["id"], role.get("organisation_id"),
                                                         role.get("organisation_name"), role.get("office"),
                                                         role.get("title"), role.get("started_on"),
                                                         role.get("ended_on"), "bench-import")) + "\n")
            self.counts["roles"] += 1
            self.counts["ended_roles"] += role.get("ended_on") is not None
        self.counts[record["kind"]] += 1
        key = record.get("category") or "-"
        self.counts["categories"][key] = self.counts["categories"].get(key, 0) + 1
