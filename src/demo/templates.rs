//! Headline and detail templates, each marked with the topics it fits, so that weather
//! gets evacuations, prices get percentages and football gets neither.
//!
//! Placeholders: `{s}` subject, `{S}` the same capitalised, `{p}` place, `{n}` a small
//! number, `{k}` a count, `{q}` a percentage, `{w}` a person, `{l}` their story, `{d}` a
//! weekday, `{h}` an hour, `{c}` the campaign, `{r}` a price.

use super::texts::{Kind, Lang};

/// Topics a template fits: one bit per entry of `words::TOPICS`, in its order.
pub type Fit = u8;

const POLITIK: Fit = 1;
const EKONOMI: Fit = 1 << 1;
const OLAHRAGA: Fit = 1 << 2;
const GAYA_HIDUP: Fit = 1 << 3;
const TEKNOLOGI: Fit = 1 << 4;
const CUACA: Fit = 1 << 5;
const KESEHATAN: Fit = 1 << 6;
const HIBURAN: Fit = 1 << 7;

const ANY: Fit = 0xFF;
/// Decisions by governments and institutions.
const POLICY: Fit = POLITIK | EKONOMI | TEKNOLOGI | KESEHATAN;
/// Things measured in numbers that go up and down.
const STATS: Fit = EKONOMI | TEKNOLOGI | KESEHATAN;
/// Things that happen to people.
const HAZARD: Fit = CUACA | KESEHATAN;
const TROUBLE: Fit = EKONOMI | TEKNOLOGI | CUACA | KESEHATAN;
/// Things people go to and enjoy.
const LEISURE: Fit = OLAHRAGA | GAYA_HIDUP | HIBURAN;

pub type Template = (Fit, &'static str);

pub fn headlines(kind: Kind, lang: Lang) -> &'static [Template] {
    match (kind, lang) {
        (Kind::News, Lang::Id) => &[
            (
                ANY,
                "{S} di {p} jadi sorotan hari ini. Ini perkembangan terbarunya.",
            ),
            (ANY, "Apa kata warga {p} soal {s}? Kami turun ke lapangan."),
            (ANY, "Dari {p}, laporan lengkap tentang {s} hari ini."),
            (
                POLICY,
                "Pemerintah kota {p} umumkan kebijakan baru soal {s}.",
            ),
            (POLICY, "Pembahasan {s} berlanjut hari {d} di {p}."),
            (POLICY, "{S} kembali dibahas, warga {p} menunggu kepastian."),
            (
                HAZARD,
                "{k} warga {p} terdampak {s}, petugas masih berada di lokasi.",
            ),
            (
                STATS,
                "Update {s}: angka naik {q} persen dibanding pekan lalu.",
            ),
            (
                STATS,
                "Data terbaru {s} di {p}: turun {q} persen dalam sebulan.",
            ),
            (
                TROUBLE,
                "Pantauan Kabar Kini: {s} di {p} mulai membaik sejak {d}.",
            ),
            (LEISURE, "{S} lagi ramai dibicarakan warga {p}."),
            (
                LEISURE,
                "Cerita di balik {s}: kami ngobrol dengan warga {p}.",
            ),
            (
                OLAHRAGA,
                "Kabar terbaru {s} jelang laga akhir pekan di {p}.",
            ),
        ],
        (Kind::News, Lang::En) => &[
            (
                ANY,
                "What we know so far about {s} in {p}, and what comes next.",
            ),
            (ANY, "Residents of {p} react to the latest news on {s}."),
            (ANY, "Our reporters in {p} follow {s} as it unfolds."),
            (POLICY, "The city of {p} announces new measures on {s}."),
            (
                STATS,
                "{S} in {p}: the numbers are up {q} percent from last week.",
            ),
            (LEISURE, "Why {s} is the talk of the town in {p} this week."),
        ],
        (Kind::Breaking, Lang::Id) => &[
            (ANY, "Kabar terkini dari {p}: {s}. Kami perbarui terus."),
            (ANY, "TERKINI: kabar mengejutkan soal {s} dari {p}."),
            (
                HAZARD,
                "BREAKING: {S} di {p}. Tim Kabar Kini sedang menuju lokasi.",
            ),
            (CUACA, "TERKINI: {s} di {p}, {k} orang dievakuasi."),
            (
                CUACA,
                "⚠️ {S} di {p} sejak pukul {h} WIB. Hindari area sekitar.",
            ),
            (POLICY, "BARU SAJA: keputusan soal {s} diumumkan di {p}."),
        ],
        (Kind::Breaking, Lang::En) => &[
            (
                ANY,
                "Just in from {p}: the latest on {s}. We will keep this post updated.",
            ),
            (
                HAZARD,
                "BREAKING: {s} in {p}. Our team is heading to the scene.",
            ),
            (
                POLICY,
                "Just in: a decision on {s} is expected this evening in {p}.",
            ),
        ],
        (Kind::Question, Lang::Id) => &[
            (
                ANY,
                "Menurut kamu, {s} di {p} makin baik atau makin buruk? Tulis di kolom komentar 👇",
            ),
            (
                ANY,
                "Warga {p}, apa pengalaman kamu dengan {s}? Ceritakan ke kami.",
            ),
            (ANY, "Sobat Kabar Kini di {p}, {s} terasa juga di tempatmu?"),
            (
                POLICY | TROUBLE,
                "Kalau kamu jadi wali kota {p}, apa yang kamu lakukan soal {s}?",
            ),
            (
                POLICY,
                "Setuju atau tidak: {s} perlu dibahas ulang? Kami ingin dengar pendapatmu.",
            ),
            (
                TROUBLE,
                "Pertanyaan hari ini: seberapa besar {s} memengaruhi keseharianmu?",
            ),
            (
                LEISURE,
                "Siapa yang akhir pekan ini ikut meramaikan {s}? Angkat tangan 🙋",
            ),
        ],
        (Kind::Question, Lang::En) => &[
            (
                ANY,
                "What do you think about {s} in {p}? Tell us in the comments 👇",
            ),
            (
                ANY,
                "Is {s} getting better or worse where you live? We want to hear from you.",
            ),
            (
                POLICY | TROUBLE,
                "If you were mayor of {p}, what would you do about {s}?",
            ),
        ],
        (Kind::Explainer, Lang::Id) => &[
            (
                ANY,
                "Bingung soal {s}? Kami rangkum dalam {n} poin singkat.",
            ),
            (ANY, "{n} hal yang perlu kamu tahu tentang {s} pekan ini."),
            (
                ANY,
                "Kenapa {s} jadi ramai dibicarakan? Ini duduk perkaranya.",
            ),
            (
                POLICY | TROUBLE,
                "Penjelasan sederhana: apa itu {s} dan kenapa penting buat warga {p}.",
            ),
            (
                POLICY | TROUBLE,
                "Memahami {s} dalam {n} menit: data, fakta, dan dampaknya.",
            ),
        ],
        (Kind::Explainer, Lang::En) => &[
            (
                ANY,
                "Confused about {s}? Here is the story in {n} short points.",
            ),
            (
                ANY,
                "Why is everyone talking about {s}? A quick explainer for our readers.",
            ),
            (ANY, "{n} things to know about {s} this week."),
        ],
        (Kind::Local, Lang::Id) => &[
            (ANY, "Kisah {w} dari {p}, {l}."),
            (ANY, "Kenalan dengan {w} di {p}: {l}."),
            (ANY, "Dari sudut {p}: {w}, {l}."),
            (ANY, "Cerita baik hari ini datang dari {p}: {w}, {l}."),
        ],
        (Kind::Local, Lang::En) => &[
            (ANY, "Meet {w} from {p}: {l}. This is our story of the day."),
            (ANY, "A good story from {p} for your weekend: {w}, {l}."),
        ],
        (Kind::Tips, Lang::Id) => &[
            (ANY, "Simpan dulu! Panduan singkat soal {s} untuk keluarga."),
            (TROUBLE, "{n} tips menghadapi {s} ala warga {p}."),
            (
                EKONOMI | CUACA,
                "Cara hemat menghadapi {s}: {n} langkah sederhana.",
            ),
            (
                TROUBLE | POLITIK,
                "Biar tidak panik soal {s}, lakukan {n} hal ini.",
            ),
            (
                LEISURE,
                "{n} tips menikmati {s} tanpa bikin kantong bolong.",
            ),
        ],
        (Kind::Tips, Lang::En) => &[
            (ANY, "{n} practical tips on {s} from our readers in {p}."),
            (ANY, "A short guide to {s} for you and your family."),
        ],
        (Kind::Promo, Lang::Id) => &[
            (
                ANY,
                "Langganan Kabar Kini Premium sekarang: diskon {q}% untuk {n} bulan pertama.",
            ),
            (
                ANY,
                "Promo {c}: baca tanpa iklan dengan langganan mulai Rp{r} per bulan.",
            ),
            (
                ANY,
                "Edisi terbaru Kabar Kini Mingguan sudah terbit! Langganan di kabarkini.id/langganan.",
            ),
            (
                ANY,
                "Jangan lewatkan edisi terbaru kami. Diskon {q}% untuk pelanggan baru.",
            ),
            (
                ANY,
                "Dukung jurnalisme lokal: berlangganan Kabar Kini, ada promo khusus hari ini.",
            ),
            (
                ANY,
                "Promo hemat! Paket langganan tahunan diskon {q}%, hanya sampai hari {d}.",
            ),
            (
                ANY,
                "Subscribe newsletter Kabar Kini Pagi, gratis langsung ke emailmu setiap hari.",
            ),
            (
                ANY,
                "Berlangganan sekarang dan dapatkan edisi terbaru e-paper setiap Sabtu.",
            ),
        ],
        (Kind::Promo, Lang::En) => &[
            (
                ANY,
                "Subscribe to Kabar Kini Premium: {q}% discount for the first {n} months.",
            ),
            (
                ANY,
                "The latest edition of our weekly is out. Subscribe at kabarkini.id/langganan.",
            ),
            (
                ANY,
                "Support local journalism: subscribe to Kabar Kini with a special promo today.",
            ),
            (
                ANY,
                "Subscribe to our morning newsletter and get the news in your inbox.",
            ),
            (
                ANY,
                "{c} promo: read without ads for Rp{r} a month with a subscription.",
            ),
        ],
    }
}

/// Sentences that extend a news headline, (fit, Indonesian, English).
pub const DETAILS: &[(Fit, &str, &str)] = &[
    (
        ANY,
        "Simak laporan lengkapnya.",
        "Full report on our website.",
    ),
    (
        ANY,
        "Wartawan kami melaporkan langsung dari lapangan.",
        "Our reporter spoke to residents on the ground.",
    ),
    (
        ANY,
        "Pembaruan berikutnya pukul {h} WIB.",
        "Next update at {h} WIB.",
    ),
    (
        ANY,
        "Bagikan ke keluarga agar tidak ketinggalan informasi.",
        "Share this with your family and friends.",
    ),
    (
        ANY,
        "Kami akan terus memperbarui informasi ini.",
        "We will keep this post updated.",
    ),
    (
        ANY,
        "Liputan tim Kabar Kini {p}.",
        "Reporting by the Kabar Kini team in {p}.",
    ),
    (
        ANY,
        "Sudah {n} hari kami memantau perkembangannya.",
        "We have followed this for {n} days.",
    ),
    (
        STATS | POLITIK,
        "Data diolah dari BPS dan pemerintah daerah.",
        "Data from BPS and the local government.",
    ),
    (
        POLICY | TROUBLE,
        "Sumber: keterangan resmi dan wawancara warga {p}.",
        "Sources: officials and residents of {p}.",
    ),
    (
        HAZARD,
        "Petugas mengimbau warga tetap tenang.",
        "Officials ask residents to stay calm.",
    ),
    (
        TROUBLE,
        "Menurut warga, kondisinya berubah sejak {d} lalu.",
        "Residents say things changed last {d}.",
    ),
    (
        POLICY,
        "Pemerintah daerah berjanji memberi jawaban pekan depan.",
        "The local government promises an answer next week.",
    ),
    (
        LEISURE,
        "Jangan lupa ajak teman dan keluarga.",
        "Bring your friends and family along.",
    ),
    (
        LEISURE,
        "Tiket dan jadwal lengkap ada di situs kami.",
        "Tickets and times are on our website.",
    ),
];

/// Sentences that follow a local story, (Indonesian, English).
pub const STORY_DETAILS: &[(&str, &str)] = &[
    ("Semoga menginspirasi. ❤️", "We hope it inspires you. ❤️"),
    (
        "Punya cerita serupa? Kirim ke redaksi kami.",
        "Have a story like this? Send it to our newsroom.",
    ),
    (
        "Liputan tim Kabar Kini {p}.",
        "Reporting by the Kabar Kini team in {p}.",
    ),
    (
        "Bagikan agar makin banyak yang terinspirasi.",
        "Share it so that more people see it.",
    ),
];

/// Sentences that follow a promo headline, (Indonesian, English).
pub const PROMO_DETAILS: &[(&str, &str)] = &[
    (
        "Berlaku sampai hari {d} pukul 23.59 WIB.",
        "Valid until {d} at 23:59 WIB.",
    ),
    (
        "Hanya Rp{r} per bulan.",
        "Only Rp{r} a month for all of it.",
    ),
    (
        "Pakai kode KABAR{q} saat membayar.",
        "Use the code KABAR{q} at checkout.",
    ),
    ("Bisa berhenti kapan saja.", "You can cancel at any time."),
    ("Gratis {n} hari pertama.", "The first {n} days are on us."),
    (
        "Termasuk arsip berita dan e-paper harian.",
        "Includes the archive and the daily e-paper.",
    ),
];

/// Closing lines of promo link posts, (Indonesian, English).
pub const PROMO_LINK: &[(&str, &str)] = &[
    ("Daftar lewat tautan.", "Sign up at the link."),
    (
        "Info lengkap: kabarkini.id/langganan",
        "All the details are at the link.",
    ),
];

/// Whether a template marked `fit` suits the topic at index `topic`.
pub fn fits(fit: Fit, topic: usize) -> bool {
    fit & (1 << topic) != 0
}
