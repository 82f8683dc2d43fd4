//! Word banks for the demo's post texts: topics with their subjects in Indonesian and
//! English, places, people and local stories. Templates in `texts` combine them, so that a
//! few hundred phrases yield thousands of distinct, plausible texts, and a text search or a
//! topic breakdown in the app finds something real to show.

/// A news beat: its tag (as written in `tags`), its hashtag, how often the outlet covers it,
/// and what it writes about, as (Indonesian, English) pairs.
pub struct Topic {
    pub tag: &'static str,
    pub hashtag: &'static str,
    pub weight: u32,
    pub subjects: &'static [(&'static str, &'static str)],
}

pub const POLITIK: usize = 0;
pub const OLAHRAGA: usize = 2;
pub const GAYA_HIDUP: usize = 3;
pub const CUACA: usize = 5;

pub const TOPICS: &[Topic] = &[
    Topic {
        tag: "politik",
        hashtag: "#Politik",
        weight: 18,
        subjects: &[
            ("rapat anggaran DPRD", "the regional budget debate"),
            ("revisi aturan pilkada", "the revised election rules"),
            ("kinerja wali kota", "the mayor's first year"),
            ("kebijakan subsidi baru", "the new subsidy policy"),
            ("debat calon gubernur", "the governor candidates' debate"),
            ("koalisi partai di parlemen", "the coalition in parliament"),
            ("RUU perampasan aset", "the asset forfeiture bill"),
            (
                "pelantikan kepala daerah",
                "the swearing-in of regional heads",
            ),
            (
                "program makan bergizi gratis",
                "the free school meals programme",
            ),
            ("reshuffle kabinet", "the cabinet reshuffle"),
            ("data pemilih KPU", "the voter roll"),
            ("penyaluran dana desa", "village funds"),
        ],
    },
    Topic {
        tag: "ekonomi",
        hashtag: "#Ekonomi",
        weight: 18,
        subjects: &[
            ("harga beras", "rice prices"),
            ("harga cabai rawit", "chili prices"),
            ("harga BBM", "fuel prices"),
            ("nilai tukar rupiah", "the rupiah"),
            ("suku bunga BI", "Bank Indonesia's rate"),
            ("UMKM kuliner", "small food businesses"),
            ("tarif listrik", "electricity tariffs"),
            ("harga emas", "gold prices"),
            ("upah minimum", "the minimum wage"),
            ("ekspor kopi", "coffee exports"),
            ("pasar tradisional", "traditional markets"),
            ("lowongan kerja", "job openings"),
            ("harga tiket pesawat", "airfares"),
            ("pajak kendaraan", "vehicle tax"),
        ],
    },
    Topic {
        tag: "olahraga",
        hashtag: "#Olahraga",
        weight: 14,
        subjects: &[
            ("Timnas Garuda", "the national team"),
            ("laga Persib kontra Persija", "the Persib-Persija derby"),
            ("klasemen Liga 1", "the Liga 1 table"),
            ("ganda putra bulu tangkis", "our men's doubles pair"),
            ("MotoGP Mandalika", "MotoGP at Mandalika"),
            ("timnas voli putri", "the women's volleyball team"),
            ("maraton Jakarta", "the Jakarta marathon"),
            ("atlet panjat tebing", "our climbing athletes"),
            ("persiapan SEA Games", "the SEA Games build-up"),
            ("sepak bola putri", "women's football"),
            ("pencak silat", "pencak silat"),
        ],
    },
    Topic {
        tag: "gaya-hidup",
        hashtag: "#GayaHidup",
        weight: 13,
        subjects: &[
            ("kopi susu gula aren", "palm sugar iced coffee"),
            ("wisata akhir pekan", "weekend getaways"),
            ("batik tulis", "hand-drawn batik"),
            ("resep sambal rumahan", "home-made sambal"),
            ("kuliner malam", "night food stalls"),
            ("tren thrifting", "the thrifting trend"),
            ("musim konser", "the concert season"),
            ("kebun kota", "urban gardens"),
            ("mudik hemat", "budget homecoming trips"),
            ("jajanan pasar", "traditional snacks"),
            ("menu takjil", "takjil snacks"),
        ],
    },
    Topic {
        tag: "teknologi",
        hashtag: "#Teknologi",
        weight: 10,
        subjects: &[
            ("penipuan lewat WhatsApp", "WhatsApp scams"),
            ("kebocoran data pribadi", "personal data leaks"),
            ("internet di desa", "rural internet"),
            ("kecerdasan buatan", "artificial intelligence"),
            ("aplikasi ojek daring", "ride-hailing apps"),
            ("pinjol ilegal", "illegal online loans"),
            ("ponsel murah", "budget phones"),
            ("startup lokal", "local startups"),
            ("pembayaran QRIS", "QRIS payments"),
            ("satelit internet", "satellite internet"),
            ("gim daring anak", "kids and online games"),
        ],
    },
    Topic {
        tag: "cuaca",
        hashtag: "#Cuaca",
        weight: 9,
        subjects: &[
            ("hujan lebat", "heavy rain"),
            ("banjir rob", "tidal flooding"),
            ("peringatan dini BMKG", "the BMKG early warning"),
            ("cuaca panas ekstrem", "the heatwave"),
            ("angin kencang", "strong winds"),
            ("gelombang tinggi", "high waves"),
            ("kabut asap", "the haze"),
            ("musim kemarau", "the dry season"),
            ("tanah longsor", "landslides"),
            ("angin puting beliung", "a whirlwind"),
        ],
    },
    Topic {
        tag: "kesehatan",
        hashtag: "#Kesehatan",
        weight: 10,
        subjects: &[
            ("demam berdarah", "dengue fever"),
            ("polusi udara", "air pollution"),
            ("layanan BPJS", "BPJS health services"),
            ("imunisasi anak", "child immunisation"),
            ("pencegahan stunting", "stunting"),
            ("kesehatan mental remaja", "teen mental health"),
            ("puskesmas keliling", "mobile clinics"),
            ("diabetes", "diabetes"),
            ("cek kesehatan gratis", "free health checks"),
            ("gizi anak sekolah", "school nutrition"),
        ],
    },
    Topic {
        tag: "hiburan",
        hashtag: "#Hiburan",
        weight: 8,
        subjects: &[
            ("film Indonesia di bioskop", "Indonesian films in cinemas"),
            ("konser K-pop", "the K-pop concert"),
            ("sinetron terbaru", "the new soap opera"),
            ("festival musik", "the music festival"),
            ("panggung stand-up comedy", "stand-up comedy"),
            ("dangdut koplo", "dangdut"),
            ("serial horor", "the horror series"),
            ("penghargaan musik", "the music awards"),
            ("pentas wayang kulit", "shadow puppetry"),
            ("podcast populer", "popular podcasts"),
        ],
    },
];

pub const PLACES: &[&str] = &[
    "Jakarta",
    "Surabaya",
    "Bandung",
    "Medan",
    "Makassar",
    "Semarang",
    "Yogyakarta",
    "Palembang",
    "Denpasar",
    "Balikpapan",
    "Pontianak",
    "Manado",
    "Padang",
    "Malang",
    "Bogor",
    "Depok",
    "Bekasi",
    "Tangerang",
    "Solo",
    "Banjarmasin",
    "Ambon",
    "Jayapura",
    "Kupang",
    "Mataram",
    "Pekanbaru",
    "Jambi",
    "Cirebon",
    "Samarinda",
    "Banda Aceh",
    "Kendari",
];

pub const PEOPLE: &[&str] = &[
    "Bu Sri",
    "Pak Darto",
    "Mbak Rina",
    "Mas Andi",
    "Nenek Siti",
    "Bang Ucok",
    "Pak Made",
    "Daeng Rahman",
    "Kak Yohana",
    "Bu Ningsih",
    "Pak Hasan",
    "Teh Euis",
    "Opa Frans",
    "Uda Rizal",
];

/// Local stories, (Indonesian, English).
pub const STORIES: &[(&str, &str)] = &[
    (
        "penjual gorengan yang menyekolahkan tiga anaknya hingga sarjana",
        "a fritter seller who put three children through university",
    ),
    (
        "guru honorer yang mengajar di dua desa terpencil",
        "a contract teacher who works in two remote villages",
    ),
    (
        "tukang becak yang hafal sejarah kotanya",
        "a pedicab driver who knows every story of his city",
    ),
    (
        "relawan yang membersihkan sungai setiap Minggu pagi",
        "a volunteer who cleans the river every Sunday morning",
    ),
    (
        "penjahit yang membuat seragam gratis untuk anak yatim",
        "a tailor who sews free uniforms for orphans",
    ),
    (
        "petani muda yang sukses menanam melon hidroponik",
        "a young farmer who grows hydroponic melons",
    ),
    (
        "pustakawan keliling dengan motor tua",
        "a roving librarian on an old motorbike",
    ),
    (
        "penjual jamu yang sudah 40 tahun berjualan",
        "a herbal drink seller with 40 years on one street",
    ),
    (
        "barista tuli yang membuka kedai kopi sendiri",
        "a deaf barista who opened a coffee shop",
    ),
    (
        "petugas damkar yang menyelamatkan anak kucing dari gorong-gorong",
        "a firefighter who rescued a kitten from a drain",
    ),
    (
        "montir yang memperbaiki sepeda anak-anak tanpa bayaran",
        "a mechanic who fixes children's bikes for free",
    ),
    (
        "pelajar SMK yang merakit alat pendeteksi banjir",
        "vocational students who built a flood sensor",
    ),
];

/// The demo's texts name weekdays as the app does.
pub use crate::i18n::{WEEKDAYS_EN, WEEKDAYS_ID};

/// Monthly subscription prices the promo posts quote, in rupiah.
pub const PRICES: &[&str] = &["29.000", "35.000", "39.000", "49.000"];

/// A closing line per kind of media, (Indonesian, English).
pub const CTA_LINK: &[(&str, &str)] = &[
    (
        "Baca selengkapnya di tautan.",
        "Read the full story at the link.",
    ),
    ("Selengkapnya di kabarkini.id", "More at kabarkini.id"),
    (
        "Klik tautan untuk membaca beritanya.",
        "Tap the link to read on.",
    ),
];
pub const CTA_VIDEO: &[(&str, &str)] = &[
    ("Tonton videonya sampai habis.", "Watch the full video."),
    ("Putar videonya 🎥", "Watch the video 🎥"),
    ("Video: tim Kabar Kini {p}.", "Video: Kabar Kini in {p}."),
];
pub const CTA_CAROUSEL: &[(&str, &str)] = &[
    ("Geser untuk melihat datanya ➡️", "Swipe to see the data ➡️"),
    (
        "Simpan postingan ini untuk nanti.",
        "Save this post for later.",
    ),
];
pub const CTA_PHOTO: &[(&str, &str)] = &[
    ("Foto: Kabar Kini/{p}.", "Photo: Kabar Kini/{p}."),
    ("Foto: dokumentasi warga.", "Photo: courtesy of residents."),
];
