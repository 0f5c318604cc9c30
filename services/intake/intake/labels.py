"""Turkish labels staff and citizens read."""
CHANNELS = {
    "bilgi_edinme": "Bilgi Edinme (4982)",
    "dilekce": "Dilekçe (3071)",
    "cimer": "CİMER",
    "muhtar": "Muhtarlar Masası",
    "halk_masasi": "Halk Hizmet Masası",
    "e_belediye": "e-Belediye",
    "basin": "Basın talebi",
}
TYPES = {
    "istek": "İstek",
    "sikayet": "Şikâyet",
    "gorus_oneri": "Görüş-Öneri",
    "bilgi_edinme": "Bilgi Edinme",
    "ihbar": "İhbar",
    "tesekkur": "Teşekkür",
    "basin_bilgi": "Basın: bilgi talebi",
    "basin_roportaj": "Basın: röportaj talebi",
    "kvkk_basvurusu": "KVKK ilgili kişi başvurusu",
}
STATUSES = {"received": "Alındı", "not_processed": "İşleme konulmadı"}
