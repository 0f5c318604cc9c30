"""The API document is read by area: every operation carries one Turkish tag of a known area, and the
document lists every tag it uses (issue 15)."""
from gateway.openapi import build_spec

AREAS = {"Başvurular", "Dosyalar", "Basın", "Bilgi bankası", "Protokol", "Bildirimler", "Raporlar", "İşletim",
         "Kimlik/Oturum", "KVKK", "Open311"}


def test_every_operation_carries_one_known_turkish_tag():
    document = build_spec()
    tagged = {f"{method.upper()} {path}": operation.get("tags", [])
              for path, operations in document["paths"].items() for method, operation in operations.items()}
    assert {operation: tags for operation, tags in tagged.items() if len(tags) != 1 or tags[0] not in AREAS} == {}
    assert {tags[0] for tags in tagged.values()} <= {tag["name"] for tag in document["tags"]}
