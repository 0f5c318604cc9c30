"""Made-up but realistic Turkish local news about Gaziemir, for the press benchmarks: headlines and
summaries built from templates and word lists (the district's neighbourhoods and places from press's
own keyword list, typical municipal news vocabulary, people's names, İzmir's numbered streets),
spread over about three years, with outlets, kinds and tones as a press office would have them.

Everything comes from one seeded `random.Random`, so two runs load the same archive. Every story
names a place on press's keyword list, so it passes press's relevance filter as a feed item.

    corpus = Corpus(seed=7, now=datetime.now(timezone.utc))
    story = corpus.story(n)          # {"title", "summary", "outlet", "published_at", ...}
    corpus.copy_rows(count)          # a file-like object of COPY text lines for `clippings`
"""
import hashlib
import json
import random
import re
import uuid
from datetime import timedelta
from functools import lru_cache

SEED = 7  # the corpus, the feeds and the query mix are the same in every run

# (outlet, host, kind, weight): print and broadcast outlets carry a page or a programme
OUTLETS = (
    ("Yeni Asır", "yeniasir.example", "feed", 14), ("Ege Telgraf", "egetelgraf.example", "feed", 12),
    ("Ege'de Son Söz", "egedesonsoz.example", "feed", 10), ("Hürriyet Ege", "hurriyetege.example", "feed", 8),
    ("Sabah Ege", "sabahege.example", "feed", 7), ("Gaziemir Haber", "gaziemirhaber.example", "feed", 9),
    ("İzmir Gazetesi", "izmirgazetesi.example", "feed", 6), ("Ticaret Gazetesi", "ticaretgazetesi.example",
                                                              "feed", 4),
    ("Egede Bugün", "egedebugun.example", "feed", 5), ("Milliyet Ege", "milliyetege.example", "feed", 4),
    ("Gaziemir Postası", "gaziemirpostasi.example", "print", 5), ("Yeni Asır (basılı)", "yeniasir.example",
                                                                   "print", 4),
    ("Ege TV", "egetv.example", "tv", 3), ("İzmir FM", "izmirfm.example", "radio", 2),
    ("Kanal Ege", "kanalege.example", "tv", 2),
)

# where a story happens: (name, the part a suffix attaches to, keyword it matches, weight)
PLACES = (
    ("Gaziemir", "Gaziemir", 40), ("Gaziemir Belediyesi", "Gaziemir Belediyesi", 20), ("Seydiköy", "Seydiköy", 1),
    ("Aktepe Mahallesi", "Aktepe Mahallesi", 3), ("Atatürk Mahallesi", "Atatürk Mahallesi", 3),
    ("Atıfbey Mahallesi", "Atıfbey Mahallesi", 3), ("Beyazevler Mahallesi", "Beyazevler Mahallesi", 3),
    ("Binbaşı Reşatbey Mahallesi", "Binbaşı Reşatbey Mahallesi", 2), ("Dokuz Eylül Mahallesi",
                                                                       "Dokuz Eylül Mahallesi", 3),
    ("Emrez Mahallesi", "Emrez Mahallesi", 3), ("Fatih Mahallesi", "Fatih Mahallesi", 2),
    ("Gazi Mahallesi", "Gazi Mahallesi", 2), ("Gazikent Mahallesi", "Gazikent Mahallesi", 3),
    ("Irmak Mahallesi", "Irmak Mahallesi", 3), ("Menderes Mahallesi", "Menderes Mahallesi", 2),
    ("Sakarya Mahallesi", "Sakarya Mahallesi", 3), ("Sarnıç Mahallesi", "Sarnıç Mahallesi", 4),
    ("Seyhan Mahallesi", "Seyhan Mahallesi", 2), ("Yeşil Mahallesi", "Yeşil Mahallesi", 2),
    ("Zafer Mahallesi", "Zafer Mahallesi", 2), ("Emrez", "Emrez", 5), ("Sarnıç", "Sarnıç", 6),
    ("Atıfbey", "Atıfbey", 2), ("Beyazevler", "Beyazevler", 3), ("Gazikent", "Gazikent", 2),
    ("Adnan Menderes Havalimanı", "Adnan Menderes Havalimanı", 3), ("Fuar İzmir", "Fuar İzmir", 2),
    ("Ege Serbest Bölgesi", "Ege Serbest Bölgesi", 2), ("ESBAŞ", "ESBAŞ", 1), ("Akçay Caddesi", "Akçay Caddesi", 3),
)

PROJECTS = ("park", "kreş", "kütüphane", "spor salonu", "semt pazarı", "kent meydanı", "yaşam merkezi",
            "taziye evi", "gençlik merkezi", "aşevi", "kapalı otopark", "bisiklet yolu", "yürüyüş parkuru",
            "hayvan bakımevi", "kültür merkezi", "çocuk oyun alanı", "kadın kooperatifi", "halı saha",
            "engelsiz yaşam merkezi", "millet bahçesi", "bilgi evi", "yüzme havuzu", "sosyal tesis",
            "hobi bahçesi")
WORKS = ("asfalt", "kaldırım", "yağmur suyu kanalı", "altyapı", "ağaçlandırma", "ilaçlama", "yol genişletme",
         "aydınlatma", "parke taşı", "peyzaj", "budama", "kanalizasyon", "içme suyu hattı", "doğalgaz",
         "sokak tabelası", "yaya geçidi", "hız kesici", "duvar boyama", "dere temizliği", "kavşak düzenlemesi")
PROBLEMS = ("çöp", "su kesintisi", "elektrik kesintisi", "trafik", "gürültü", "su baskını", "sokak köpekleri",
            "kaçak yapı", "otopark sorunu", "kötü koku", "toz", "çukur", "uçak gürültüsü", "kaçak döküm",
            "sel", "ulaşım sorunu", "kiralar", "fabrika atıkları")
EVENTS = ("konser", "festival", "tiyatro gösterisi", "kitap fuarı", "satranç turnuvası", "bayramlaşma",
          "anma töreni", "Cumhuriyet Bayramı kutlaması", "halk koşusu", "mezuniyet töreni", "kermes", "resim sergisi",
          "film gösterimi", "bilim şenliği", "çocuk şenliği", "Hıdırellez şenliği", "iftar sofrası",
          "aşure dağıtımı", "fidan dikimi", "bisiklet turu", "kan bağışı kampanyası")
SERVICES = ("evde bakım", "sosyal yardım", "gıda kolisi", "burs", "ücretsiz kurs", "engelli ulaşım",
            "cenaze hizmeti", "sıcak yemek", "kırtasiye yardımı", "psikolojik destek", "hasta nakil",
            "yaşlı bakım", "ücretsiz servis", "süt dağıtımı", "kreş desteği")
OFFICIALS = ("Belediye Başkanı", "Başkan Yardımcısı", "Fen İşleri Müdürü", "Park ve Bahçeler Müdürü",
             "Temizlik İşleri Müdürü", "Zabıta Müdürü", "mahalle muhtarı", "meclis üyesi", "Kaymakam",
             "İzmir Büyükşehir Belediye Başkanı", "CHP ilçe başkanı", "AK Parti ilçe başkanı", "esnaf odası başkanı")
FIRST_NAMES = ("Ayşe", "Mehmet", "Fatma", "Ahmet", "Zeynep", "Mustafa", "Emine", "Ali", "Hüseyin", "Elif",
               "Hatice", "İbrahim", "Merve", "Murat", "Ömer", "Esra", "Hasan", "Selin", "Kemal", "Gül",
               "Serkan", "Derya", "Onur", "Burcu", "Cem", "Özlem", "Tuncay", "Nurten", "Erdem", "Şule")
SURNAMES = ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir",
            "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koç", "Kurt", "Özkan", "Şimşek", "Polat",
            "Erdoğan", "Güneş", "Aksoy", "Tekin", "Ekinci", "Uçar", "Bulut", "Taş", "Karaca", "Akgül", "Işık")
MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül", "Ekim",
          "Kasım", "Aralık")
UNITS = (("metre", "yol"), ("ton", "çöp"), ("fidan", ""), ("aile", ""), ("öğrenci", ""), ("kişi", ""),
         ("metrekare", "alan"), ("araç", ""))
TOPICS = ("altyapı", "çevre", "kültür-sanat", "sosyal hizmet", "ulaşım", "imar", "spor", "eğitim", "sağlık",
          "meclis", "afet", None, None, None)

# headlines: (template, tone the words suggest, the tone word in it, or "")
TITLES = (
    ("{loc} yeni {project} hizmete açıldı", "lehte", "hizmete açıldı"),
    ("{loc} {work} çalışması tamamlandı", "lehte", "tamamlandı"),
    ("{gen} {project} için temel atma töreni yapıldı", "lehte", "temel atma"),
    ("Gaziemir Belediyesi {loc} {service} hizmetini genişletti", "tarafsiz", ""),
    ("{loc} {problem} tepkisi", "aleyhte", "tepki"),
    ("{loc} {problem} şikâyeti: mahalleli çözüm bekliyor", "aleyhte", "şikâyet"),
    ("{loc} {event} büyük ilgi gördü", "lehte", "büyük ilgi"),
    ("{loc} {n} {unit} {work} çalışması", "tarafsiz", ""),
    ("{loc} {street} Sokak'ta {work} çalışması başladı", "tarafsiz", ""),
    ("Gaziemir Belediye Meclisi {month} toplantısında {project} projesini görüştü", "tarafsiz", ""),
    ("{official} {name} {loc} {work} çalışmalarını inceledi", "tarafsiz", ""),
    ("{loc} {problem} sorunu çözüldü", "lehte", "sorun çözüldü"),
    ("{loc} trafik kazası: {k} kişi yaralandı", "aleyhte", "kaza"),
    ("{gen} {project} projesine ödül", "lehte", "ödül"),
    ("{loc} {problem} nedeniyle protesto", "aleyhte", "protesto"),
    ("{dat} {n} {unit} {service} desteği", "lehte", "destek"),
    ("{loc} {event} düzenlendi", "tarafsiz", ""),
    ("{loc} {project} yenilendi", "lehte", "yenilendi"),
    ("{official} {name}: \"{loc} {project} yapacağız\"", "tarafsiz", ""),
    ("{loc} {problem} krizi büyüyor", "aleyhte", "kriz"),
)
SENTENCES = (
    "{official} {name}, {loc} yürütülen {work} çalışmalarının {n} gün içinde tamamlanacağını söyledi.",
    "Gaziemir Belediyesi ekipleri {street} Sokak ve çevresinde {work} çalışması yaptı.",
    "{gen} sakinleri {problem} sorununun bir an önce çözülmesini istedi.",
    "Mahalle muhtarı {name}, \"{problem} konusunda belediyeye defalarca başvurduk\" dedi.",
    "{event} kapsamında {loc} {k} bin kişi bir araya geldi.",
    "Yeni {project} için {n} milyon lira ödenek ayrıldı.",
    "Çalışmaların {month} ayında bitirilmesi planlanıyor.",
    "{service} hizmetinden bu yıl {n} aile yararlandı.",
    "Belediye, {problem} şikâyetleri üzerine {loc} denetim başlattı.",
    "{official} {name}, emeği geçenlere teşekkür etti.",
    "İzmir Büyükşehir Belediyesi ile ortak yürütülen proje {month} ayında ihaleye çıkacak.",
    "Açıklamada {project} projesinin {k} etaptan oluştuğu belirtildi.",
    "Vatandaşlar Alo 153 hattından ve e-belediye üzerinden başvuru yapabilecek.",
    "{loc} bulunan {project}, hafta içi 08.30 ile 17.30 arasında hizmet verecek.",
    "Meclis üyesi {name}, {problem} konusunda soru önergesi verdi.",
    "Ekipler {n} {unit} {work} çalışmasını {k} haftada tamamladı.",
)
# the press office's own decision on a clipping's tone; most are not yet judged
TONES = ((None, 70), ("lehte", 14), ("tarafsiz", 11), ("aleyhte", 5))
OFFICERS = ("ayse", "mehmet", "zeynep")
_BACK, _FRONT = set("aıou"), set("eiöü")
_HARD = set("fstkçşhp")
_POSSESSIVE_ENDINGS = ("Mahallesi", "Belediyesi", "Bölgesi", "Caddesi", "Havalimanı")
_LOWER = str.maketrans({"I": "ı", "İ": "i"})


def _last_vowel(word):
    for char in reversed(word.translate(_LOWER).lower()):
        if char in _BACK or char in _FRONT:
            return char
    return "e"


@lru_cache(maxsize=None)
def _suffix(name, kind):
    """`name` with a Turkish case ending after an apostrophe: locative "Sarnıç'ta", genitive
    "Aktepe Mahallesi'nin", dative "Emrez'e" (vowel harmony, consonant hardening, buffer letters)."""
    vowel = _last_vowel(name)
    wide = "a" if vowel in _BACK else "e"
    narrow = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "i": "i", "ö": "ü", "ü": "ü"}[vowel]
    last = name[-1].translate(_LOWER).lower()
    compound = name.split()[-1] in _POSSESSIVE_ENDINGS
    ends_in_vowel = last in _BACK or last in _FRONT
    if kind == "loc":
        ending = ("n" if compound else "") + ("t" if last in _HARD and not compound else "d") + wide
    elif kind == "gen":
        ending = ("n" if ends_in_vowel else "") + narrow + "n"
    else:  # dative
        ending = ("n" if compound else "y" if ends_in_vowel else "") + wide
    return f"{name}'{ending}"


def _weighted(pairs):
    values, weights = zip(*pairs)
    cumulative, total = [], 0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return values, cumulative


class Corpus:
    """Stories numbered 0, 1, 2, …: story `n` is the same in every run with the same seed and `now`."""

    def __init__(self, seed, now, years=3.0):
        self.seed, self.now = seed, now
        self.span_seconds = int(years * 365.25 * 86400)
        self.outlets, self._outlet_cum = _weighted([(o[:3], o[3]) for o in OUTLETS])
        self.places, self._place_cum = _weighted([(p[:2], p[2]) for p in PLACES])
        self.tones, self._tone_cum = _weighted(TONES)

    def story(self, n, rng=None, recent_seconds=None):
        """One story: title, summary, outlet, kind, published_at, the keyword it names, its template tone.
        `recent_seconds` puts it within that many seconds before `now` (a feed's latest items)."""
        rng = rng or random.Random(f"{self.seed}:{n}")
        (outlet, host, kind), = rng.choices(self.outlets, cum_weights=self._outlet_cum)
        (place, keyword), = rng.choices(self.places, cum_weights=self._place_cum)
        slots = self._slots(rng, place)
        template, tone, word = TITLES[rng.randrange(len(TITLES))]
        title = _cap(template.format_map(slots))
        sentences = [rng.choice(SENTENCES) for _ in range(rng.randint(2, 4))]
        summary = " ".join(_cap(s.format_map(self._slots(rng, place if rng.random() < 0.7 else None)))
                           for s in sentences)
        span = recent_seconds or self.span_seconds
        published_at = self.now - timedelta(seconds=rng.randrange(span))
        return {"title": title, "summary": summary, "outlet": outlet, "host": host, "kind": kind,
                "published_at": published_at, "keyword": keyword, "template_tone": tone, "tone_word": word,
                "slug": f"{n}-{_slugify(title)}", "n": n}

    def _slots(self, rng, place):
        return _Slots(self, rng, place)

    def copy_rows(self, count, start=0):
        """A file-like object with `count` COPY text lines for press's `clippings` (columns `COPY_COLUMNS`)."""
        return _CopyStream(self._lines(count, start))

    def _lines(self, count, start):
        rng = random.Random(f"{self.seed}:bulk:{start}")
        tone_by = {}
        for n in range(start, start + count):
            story = self.story(n, rng)
            url = f"https://{story['host']}/haber/{story['slug']}"
            published = story["published_at"]
            captured = published + timedelta(seconds=rng.randrange(60, 7200))
            tone = rng.choices(self.tones, cum_weights=self._tone_cum)[0]
            if tone is not None:
                tone_set = f"{rng.choice(OFFICERS)}\t{_ts(captured + timedelta(hours=rng.randint(1, 30)))}"
            else:
                tone_set = "\\N\t\\N"
            important = rng.random() < 0.01
            suggestion = tone_by.get((story["template_tone"], story["tone_word"]))
            if suggestion is None:
                suggestion = tone_by[(story["template_tone"], story["tone_word"])] = _suggestion(story)
            kind = story["kind"]
            page = {"print": f"s. {rng.randint(1, 24)}", "tv": "Ana Haber", "radio": "Sabah Kuşağı"}.get(kind, "\\N")
            topic = rng.choice(TOPICS)
            yield "\t".join((
                str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                hashlib.sha256(("url\n" + url).encode()).hexdigest(), url, story["title"], story["summary"],
                story["outlet"], "\\N", kind, page, _ts(published), _ts(captured),
                "{" + _array_item(story["keyword"]) + "}", tone or "\\N", tone_set, suggestion,
                "t" if important else "f", _ts(captured) if important else "\\N", topic or "\\N",
                "t" if rng.random() < 0.03 else "f")) + "\n"


class _Slots(dict):
    """A template's slots, each drawn only when the template asks for it (most ask for two or three)."""

    def __init__(self, corpus, rng, place):
        super().__init__()
        self.corpus, self.rng, self.place = corpus, rng, place

    def _place(self):
        if self.place is None:
            self.place = self.rng.choices(self.corpus.places, cum_weights=self.corpus._place_cum)[0][0]
        return self.place

    def __missing__(self, key):
        rng = self.rng
        if key in ("loc", "gen", "dat"):
            value = _suffix(self._place(), key)
        elif key == "name":
            value = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
        elif key == "n":
            value = rng.choice((2, 3, 5, 8, 12, 15, 20, 25, 40, 50, 120, 250, 350, 500, 1200, 3500))
        elif key == "unit":
            count, noun = rng.choice(UNITS)
            value = f"{count} {noun}".strip()
        elif key == "k":
            value = rng.randint(2, 9)
        elif key == "street":
            value = f"{rng.randint(8000, 9999)}/{rng.randint(1, 40)}"
        else:
            value = rng.choice(_WORDS[key])
        self[key] = value
        return value


_WORDS = {"project": PROJECTS, "work": WORKS, "problem": PROBLEMS, "event": EVENTS, "service": SERVICES,
          "official": OFFICIALS, "month": MONTHS}

COPY_COLUMNS = ("id, dedupe_key, url, title, summary, outlet, source_id, kind, page_or_programme, published_at, "
                "captured_at, keywords, tone, tone_set_by, tone_set_at, tone_suggestion, important, important_at, "
                "topic, new_practice")


def _suggestion(story):
    """The stored shape of press's tone suggestion (`ingest.suggestion_record`), from the template's word."""
    tone = story["template_tone"]
    evidence = [] if not story["tone_word"] else [
        {"term": story["tone_word"], "tone": tone, "start": 0, "end": len(story["tone_word"]),
         "found": story["tone_word"], "snippet": story["tone_word"], "negated": False}]
    score = {"lehte": 1, "aleyhte": -1}.get(tone, 0)
    label = {"lehte": "Lehte", "aleyhte": "Aleyhte", "tarafsiz": "Tarafsız"}[tone]
    return json.dumps({"suggestion": tone, "label": label, "score": score, "final": False, "evidence": evidence},
                      ensure_ascii=False)


def _array_item(text):
    return '"' + text.replace('"', '\\\\"') + '"'


def _ts(moment):
    return moment.isoformat()


_UPPER = str.maketrans({"i": "İ", "ı": "I"})


def _cap(text):
    """The first letter in capitals, the Turkish way (i → İ, ı → I)."""
    return text[:1].translate(_UPPER).upper() + text[1:] if text else text


_SLUG = str.maketrans("çğıöşüÇĞİÖŞÜâîû", "cgiosuCGIOSUaiu")


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _slugify(title):
    return _NOT_SLUG.sub("-", title.translate(_SLUG).lower())[:60].strip("-")


class _CopyStream:
    """What psycopg2's `copy_expert` reads from: `read(size)` from a generator of lines."""

    def __init__(self, lines):
        self._lines = lines
        self._buffer = b""
        self.rows = 0

    def read(self, size=-1):
        size = size if size and size > 0 else 1 << 16
        chunks, length = [self._buffer], len(self._buffer)
        while length < size:
            line = next(self._lines, None)
            if line is None:
                break
            data = line.encode("utf-8")
            chunks.append(data)
            length += len(data)
            self.rows += 1
        data = b"".join(chunks)
        self._buffer = data[size:]
        return data[:size]

    readline = read
