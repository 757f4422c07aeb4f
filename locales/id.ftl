# Pandu — teks Bahasa Indonesia (bahasa utama). Setiap kunci di sini harus ada juga di en.ftl.
# Tulis singkat, sopan (pakai "Anda"), seperti pesan obrolan.

## Mulai dan operasional (dibaca operator di terminal)

startup-embedded-db = Pandu memakai basis data bawaan (FerretDB); data disimpan di { $dir }.
startup-building-db = Menyiapkan basis data bawaan untuk pertama kali, kira-kira satu menit…
startup-ready = Pandu siap. Pemeriksaan kesehatan di http://localhost:{ $port }/healthz
startup-metrics = Metrik dan rincian kesiapan (hanya untuk operator) di http://{ $host }:{ $port }/metrics
startup-no-channels = Belum ada kanal obrolan yang diatur, jadi Pandu mengobrol di terminal ini.
startup-channel-hint = Untuk Telegram isi TELEGRAM_BOT_TOKEN. Untuk Slack isi SLACK_BOT_TOKEN bersama SLACK_SIGNING_SECRET (atau SLACK_APP_TOKEN untuk Socket Mode). Lihat .env.example.
startup-go-missing = Basis data bawaan perlu Go untuk dibangun. Pasang Go (1.22 atau lebih baru), atau isi MONGODB_URI dengan alamat MongoDB/FerretDB Anda.
startup-db-unreachable = Tidak bisa terhubung ke basis data { $target } dalam { $seconds } detik. Periksa alamat dan pastikan servernya berjalan.
startup-flows-invalid = Pandu tidak bisa mulai karena ada berkas alur (flows/) yang salah:
config-invalid = Konfigurasi salah: { $variable } { $problem }

## Umum

help-general = Pandu membantu Anda menilai kompetensi, menemukan pelatihan yang pas, dan mencatat JP. Perintah yang tersedia:
error-generic = Maaf, ada gangguan di pihak kami. Silakan coba lagi sebentar lagi.
flood-slow-down = Pesan Anda datang terlalu cepat. Tunggu sekitar sepuluh detik, lalu kirim lagi; pesan yang masuk selama itu tidak diproses.
busy-please-wait = ⏳ Banyak orang sedang memakai Pandu saat ini. Pesan Anda sudah diterima dan akan dijawab sebentar lagi; tidak perlu dikirim ulang.
message-too-long = Pesan ini terlalu panjang untuk diproses (paling banyak { $max } karakter). Kirim versi yang lebih singkat.
error-db-unavailable = Pandu sedang tidak bisa membuka datanya. Coba lagi dalam satu-dua menit; jawaban Anda sebelumnya tetap aman.
command-unknown = Saya belum mengenal perintah { $command }. Ketik /bantuan untuk melihat daftar perintah.
coming-soon = Fitur { $feature } sedang kami siapkan dan belum bisa dipakai. Terima kasih atas kesabaran Anda.
telegram-group-only = Demi menjaga data pribadi, Pandu hanya melayani lewat obrolan pribadi. Silakan kirim pesan langsung ke saya.

## Zona waktu

zone-WIB = WIB (Waktu Indonesia Barat, UTC+7)
zone-WITA = WITA (Waktu Indonesia Tengah, UTC+8)
zone-WIT = WIT (Waktu Indonesia Timur, UTC+9)

## NIP: apa yang salah (kode dari src/domain/nip.ts)

nip-error-empty = NIP belum diisi. Ketik 18 angka NIP Anda.
nip-error-not-digits = NIP hanya berisi angka (spasi boleh). Hapus huruf atau tanda lain, lalu kirim lagi.
nip-error-wrong-length = NIP terdiri dari 18 angka, sedangkan yang Anda kirim { $count } angka. Periksa lagi, ya.
nip-error-birth-date-invalid = Delapan angka pertama NIP adalah tanggal lahir (TTTTBBHH), tetapi tanggal itu tidak ada di kalender. Periksa lagi.
nip-error-tmt-invalid = Angka ke-9 sampai ke-14 adalah tahun dan bulan TMT CPNS (TTTTBB), tetapi bulannya tidak mungkin. Periksa lagi.
nip-error-tmt-before-18 = Menurut NIP ini, pengangkatan terjadi sebelum usia 18 tahun, dan itu tidak mungkin. Periksa tanggal lahir dan TMT pada NIP.
nip-error-tmt-in-future = Menurut NIP ini, pengangkatan baru terjadi di masa depan. Periksa lagi angka ke-9 sampai ke-14.
nip-error-gender-digit = Angka ke-15 NIP menunjukkan jenis kelamin dan hanya boleh 1 atau 2. Periksa lagi.
nip-error-sequence-zero = Tiga angka terakhir NIP adalah nomor urut dan tidak mungkin 000. Periksa lagi.
nip-error-pppk-intake = Pada NIP PPPK, angka ke-14 adalah tahap pengangkatan (1–9) dan tidak mungkin 0. Periksa lagi.

## Percakapan: navigasi dan alur

nav-back = ⬅️ Kembali
nav-skip = Lewati
nav-done = Selesai ✔
nav-yes = Ya
nav-no = Tidak
flow-progress = Pertanyaan { $n } dari { $total }
flow-resumed = Kita lanjutkan dari pertanyaan terakhir Anda.
flow-idle-resumed = Percakapan ini sempat terhenti cukup lama. Jawaban Anda sebelumnya tetap tersimpan; kita lanjutkan dari pertanyaan terakhir ini.
flow-skipped = (dilewati)
flow-cancelled = Baik, { $flow } dibatalkan. Ketik /menu untuk memilih yang lain.
flow-nothing-to-cancel = Tidak ada percakapan yang sedang berjalan.
flow-button-stale = Tombol itu sudah tidak berlaku. Ini pertanyaan yang sedang berjalan:
flow-button-expired = Tombol itu sudah tidak berlaku. Ketik /menu untuk mulai lagi.
flow-staff-expired = Percakapan { $command } ini sudah terlalu lama tidak dilanjutkan, jadi Pandu menutupnya tanpa menyimpan apa pun. Ketik { $command } untuk memulai lagi.
flow-role-lost = Peran yang dibutuhkan { $command } tidak lagi Anda pegang, jadi percakapan ini dihentikan dan tidak ada yang disimpan. Hubungi admin bila ini keliru.
flow-not-yours = Maaf, tombol itu milik percakapan orang lain.
flow-version-gone = Percakapan ini memakai versi lama yang sudah diperbarui, jadi tidak bisa dilanjutkan. Silakan mulai lagi.
flow-restart = Mulai lagi
flow-cannot-go-back = Ini pertanyaan pertama, jadi tidak ada langkah sebelumnya.
flow-cannot-skip = Pertanyaan ini perlu dijawab dan tidak bisa dilewati.
flow-unsupported-input = Maaf, { $what } belum bisa saya baca di sini.
# Jenis pesan yang belum bisa dibaca, disisipkan ke flow-unsupported-input (kode dari src/engine/types.ts).
media-sticker = stiker
media-photo = foto
media-document = berkas
media-voice = pesan suara
media-video = video
media-audio = rekaman audio
media-location = lokasi
media-contact = kontak
media-animation = GIF
media-poll = jajak pendapat
media-message = pesan seperti ini
flow-expect-choice = Silakan pilih salah satu tombol, atau ketik nomornya.
flow-expect-multi = Pilih satu atau beberapa tombol, lalu tekan Selesai.
flow-expect-likert = Pilih salah satu nilai pada tombol, atau ketik angkanya.
flow-expect-confirm = Jawab dengan tombol Ya atau Tidak.
flow-expect-text = Silakan ketik jawaban Anda.
multi-too-few = Pilih paling sedikit { $min }.
multi-too-many = Pilih paling banyak { $max }.
search-hint = Tidak menemukan pilihan Anda? Ketik beberapa kata untuk mencari.
search-no-results = Tidak ada yang cocok. Coba kata lain.
search-no-match = Tidak ada pilihan yang cocok dengan "{ $query }". Pilih dari daftar ini, atau ketik kata lain.
chat-no-conversation = Saya belum menangkap maksud Anda. Pilih dari menu, atau ketik /bantuan.

## Isian dan pemeriksaannya

input-empty = Jawaban masih kosong. Silakan ketik jawaban Anda.
input-too-short = Terlalu pendek: paling sedikit { $min } karakter.
input-too-long = Terlalu panjang: paling banyak { $max } karakter.
input-pattern = Bentuknya belum sesuai. Periksa lagi, lalu ketik ulang.
input-not-number = Jawaban ini perlu berupa angka, misalnya 12 atau 2,5.
input-not-integer = Jawaban ini perlu berupa bilangan bulat, tanpa koma.
input-too-small = Angkanya terlalu kecil: paling sedikit { $min }.
input-too-large = Angkanya terlalu besar: paling banyak { $max }.
input-not-date = Tanggalnya belum terbaca. Tulis seperti 24-11-2026.
input-date-too-early = Tanggal itu terlalu awal: paling cepat { $date }.
input-date-too-late = Tanggal itu terlalu jauh: paling lambat { $date }.
input-hint-text = Ketik jawaban Anda.
input-hint-number = Ketik sebuah angka.
input-hint-date = Ketik tanggal, misalnya 24-11-2026.
input-hint-nip = Contoh bentuk NIP: 19850101 201001 1 002

## Pendaftaran

onboarding-needed = Anda belum terdaftar di Pandu. Ketik /start untuk mendaftar; hanya beberapa menit.
onboarding-activation-wrong = Kode aktivasi itu tidak cocok dengan NIP yang Anda tulis. Periksa lagi huruf dan angkanya; Anda masih punya { $left } kesempatan. Jika belum punya kode, jawab Tidak untuk mendaftar tanpa kode.
onboarding-activation-locked = Sudah terlalu banyak kode salah dari akun ini. Tunggu 10 menit lalu coba lagi, atau jawab Tidak untuk mendaftar tanpa kode.
onboarding-activation-nip-locked = Sudah terlalu banyak kode salah untuk NIP ini. Coba lagi 10 menit lagi, atau jawab Tidak untuk mendaftar tanpa kode. Jika bukan Anda yang mencoba, beri tahu admin kepegawaian Anda.
onboarding-activation-busy = Pendaftaran dengan kode sedang dihentikan sebentar karena banyak kode salah masuk. Coba lagi 10 menit lagi, atau jawab Tidak untuk mendaftar tanpa kode.
onboarding-activation-used = Kode itu baru saja dipakai atau sudah diganti. Minta kode baru kepada admin kepegawaian instansi Anda.
onboarding-unverified-note = Baik, Anda tetap bisa mendaftar tanpa kode. Status Anda nanti "belum terverifikasi" sampai admin kepegawaian Anda memeriksa NIP dan unit kerja Anda: Anda sudah bisa mengikuti asesmen mandiri dan melihat data Anda sendiri, tetapi belum masuk ringkasan resmi, belum menerima pengumuman unit, dan belum bisa diberi peran.
onboarding-unverified-done = Status Anda: belum terverifikasi. Admin kepegawaian instansi Anda akan memeriksa NIP dan unit kerja yang Anda isi; Anda akan diberi tahu setelah diverifikasi.
onboarding-jabatan-other = Jabatan saya tidak ada di daftar
contract-start-format = Bulan dan tahunnya belum terbaca. Tulis bulan lalu tahun, misalnya 03/2025 atau Maret 2025.
contract-start-future = Bulan itu belum tiba. Tulis bulan ketika kontrak Anda yang sedang berjalan mulai berlaku.
contract-start-before-appointment = Menurut NIP Anda, Anda diangkat pada tahun { $year }, jadi kontrak Anda tidak mungkin dimulai sebelum tahun itu. Periksa lagi bulan dan tahunnya.
start-welcome-back = Selamat datang kembali! Anda sudah terdaftar.

## Menu dan perintah

menu-title = Apa yang ingin Anda lakukan?
menu-asesmen = 📝 Asesmen
menu-hasil = 📊 Hasil
menu-rekomendasi = 🎯 Rekomendasi
menu-katalog = 🔎 Katalog
menu-pelatihan = 📚 Pelatihan & JP
menu-survei = ⭐ Survei
menu-profil = 👤 Profil
menu-bahasa = 🌐 Bahasa
menu-bantuan = ❓ Bantuan
language-choose = Pilih bahasa:
language-switched = Baik, saya akan memakai Bahasa Indonesia.
cmd-start = mendaftar atau kembali ke awal
cmd-menu = menu utama
cmd-asesmen = asesmen mandiri kompetensi
cmd-hasil = hasil asesmen dan kesenjangan kompetensi
cmd-rekomendasi = rekomendasi pelatihan dan mentor
cmd-katalog = cari pelatihan di katalog: kata, kompetensi, bentuk, bulan, provinsi
cmd-pelatihan = pelatihan Anda dan capaian JP tahun ini
cmd-survei = survei yang menunggu jawaban Anda
cmd-pengingat = atur pengingat dan jam tenang
cmd-profil = lihat dan ubah profil
cmd-bahasa = ganti bahasa (Indonesia/English)
cmd-bantuan = bantuan
cmd-batal = batalkan percakapan yang sedang berjalan
cmd-tautkan = hubungkan akun Telegram dan Slack Anda
cmd-dataku = unduh data pribadi Anda
cmd-hapusdata = hapus data pribadi Anda
cmd-umumkan = kirim pengumuman (koordinator)
cmd-siaran = laporan pengiriman pengumuman (koordinator)
cmd-rekap = rekap mingguan (koordinator)
cmd-ringkasan = ringkasan unit (atasan, koordinator)
cmd-ekspor = ekspor data unit (atasan, koordinator)
cmd-peserta = peserta sesi pelatihan: kehadiran, daftar hadir, tandai selesai (koordinator)
cmd-belum = siapa yang belum, dan ingatkan mereka (koordinator)
cmd-peran = kelola peran (admin)
cmd-aktivasi = kode aktivasi dan verifikasi pegawai (admin)
cmd-undangan = tautan pendaftaran dan kode QR untuk instansi (admin)
cmd-impor = impor data (admin)

## Beranda (Slack App Home)

home-title = Pandu — profil Anda
home-not-registered = Anda belum terdaftar. Kirim pesan langsung ke Pandu atau ketik /pandu start untuk mendaftar.
home-assessment = Asesmen kompetensi
home-assessed = { $gaps ->
    [0] Asesmen terakhir: semua kompetensi sudah memenuhi standar jabatan.
   *[other] Asesmen terakhir: { $gaps } kompetensi masih di bawah standar jabatan.
}
home-not-assessed = Anda belum mengikuti asesmen. Ketik /pandu asesmen untuk mulai.
home-jp = Jam pelajaran (JP)
home-trainings = Pelatihan mendatang
home-no-trainings = Tidak ada sesi pelatihan mendatang yang Anda ikuti.
# Slack App Home dengan data terkini (issue 21)
home-assessed-on = Diisi pada { $date }.
home-gap = • { $name }: level { $level }, standar jabatan { $required }
home-see-result = 📊 Hasil & grafik
home-more = …dan { $count } lainnya
home-surveys = Survei untuk Anda
home-no-surveys = Saat ini tidak ada survei yang perlu Anda isi.

## Profil

profile-title = 👤 Profil Anda
profile-name = Nama
profile-nip = NIP
profile-nip-unverified = { $nip } (belum terverifikasi: menunggu pemeriksaan admin kepegawaian)
profile-instansi = Instansi
profile-unit = Unit kerja
profile-jabatan = Jabatan
profile-region = Provinsi
profile-zone = Zona waktu
profile-language = Bahasa
profile-modes = Cara belajar
profile-employment = Status kepegawaian
profile-contract-start = Mulai kontrak
employment-CPNS = CPNS (calon PNS, masa percobaan)
employment-PNS = PNS
employment-PPPK = PPPK
profile-saved = Tersimpan. ✔
profile-region-inherited = Provinsi Anda mengikuti instansi: { $region }. Untuk mengubahnya, ganti unit kerja Anda, atau minta admin memperbaiki wilayah instansi.
profile-employment-pppk = Status PPPK mengikuti NIP atau data kepegawaian dari admin, jadi tidak diubah di sini. Yang dapat Anda perbarui adalah bulan mulai kontrak, misalnya setelah kontrak Anda diperpanjang.

## Pindah unit (/profil, /pindah)
# Unit pegawai yang terverifikasi mengikuti data kepegawaian: pindah diajukan, lalu diputuskan admin unit tujuan.

cmd-pindah = permintaan pindah unit yang menunggu keputusan Anda (admin)
unit-move-requested = 📨 Unit kerja Anda mengikuti data kepegawaian, jadi profil Anda belum berubah. Permintaan pindah ke { $unit } sudah kami teruskan ke admin unit tersebut, dan Anda akan diberi tahu begitu admin memutuskannya.
unit-move-replaced = Permintaan pindah Anda sebelumnya ke { $unit } kami batalkan, karena setiap orang hanya dapat punya satu permintaan yang menunggu.
unit-move-same = Anda sudah tercatat di { $unit }; tidak ada yang berubah.
unit-move-already = Permintaan pindah Anda ke { $unit } masih menunggu keputusan admin. Anda akan diberi tahu begitu diputuskan.
unit-move-unknown-unit = Unit itu tidak ditemukan lagi. Silakan pilih lagi.
unit-move-notify = 🔀 Ada permintaan pindah unit yang menunggu keputusan Anda.
unit-move-row = { $name } (NIP { $nip }) ingin pindah dari { $from } ke { $to }. Diajukan { $asked }.
unit-move-btn-approve = Setujui
unit-move-btn-decline = Tolak
unit-move-none = Tidak ada permintaan pindah unit yang menunggu keputusan Anda.
unit-move-list-title = 🔀 Permintaan pindah unit yang menunggu keputusan Anda: { $count }. Setujui untuk memindahkan pegawai, atau Tolak.
unit-move-list-more = …dan { $count } permintaan lain; muncul setelah yang di atas diputuskan.
unit-move-gone = Permintaan pindah ini tidak ditemukan lagi.
unit-move-not-admin = Anda tidak lagi memegang peran admin, jadi tidak dapat memutuskan permintaan pindah ini.
unit-move-out-of-scope = { $unit } di luar cakupan peran admin Anda, jadi Anda tidak dapat memutuskan permintaan pindah ke sana.
unit-move-own = Permintaan pindah Anda sendiri diputuskan oleh admin lain.
unit-move-decided = Permintaan pindah ini sudah diputuskan atau dibatalkan sebelumnya; tidak ada yang berubah.
unit-move-approved-done = ✅ Disetujui: { $name } kini tercatat di { $unit }.
unit-move-declined-done = Ditolak: { $name } tetap di unit semula.
unit-move-told = { $name } sudah diberi tahu.
unit-move-not-told = { $name } belum dapat dihubungi lewat Pandu; sampaikan keputusannya secara langsung.
unit-move-told-approved = ✅ Permintaan pindah Anda disetujui admin. Kini Anda tercatat di { $unit }. Lihat /profil.
unit-move-told-declined = Permintaan pindah Anda ke { $unit } tidak disetujui admin, jadi unit kerja Anda tetap. Hubungi admin kepegawaian bila ingin membicarakannya.

## Menautkan akun (/tautkan)

link-code-issued = Kode penautan Anda: { $code }. Dari akun Telegram atau Slack Anda yang lain, kirim /tautkan { $code } dalam { $minutes } menit, lalu setujui penautannya di akun ini. Jangan berikan kode ini kepada siapa pun.
link-code-link = Atau buka tautan ini dari akun Telegram Anda yang lain, tanpa mengetik kode: { $url }
link-code-open = Tautkan lewat Telegram
deeplink-invalid = Tautan ini tidak sah (mungkin terpotong atau diubah), jadi tidak saya buka. Minta tautan baru kepada yang membagikannya.
deeplink-expired = Masa berlaku tautan ini sudah habis. Minta tautan baru kepada yang membagikannya.
deeplink-unit-gone = Unit dalam tautan pendaftaran ini sudah tidak ada di Pandu. Minta tautan baru kepada admin instansi Anda, atau ketik /start untuk mendaftar tanpa tautan.
deeplink-already-registered = Anda sudah terdaftar di Pandu, jadi tautan pendaftaran ini tidak diperlukan lagi.
onboarding-invited = Anda mendaftar lewat tautan undangan { $unit }, jadi instansi tidak saya tanyakan lagi.
invite-choose = Untuk unit mana tautan pendaftaran ini? Pegawai yang membukanya langsung masuk ke instansi unit itu dan memilih unit kerjanya di dalamnya.
invite-none = Tidak ada unit dalam wewenang Anda untuk dibuatkan tautan pendaftaran.
invite-made = Tautan pendaftaran untuk { $unit }, berlaku sampai { $until }:
    { $url }

    Bagikan tautan ini atau kode QR di atas, misalnya di grup WhatsApp instansi. Pegawai yang membukanya mendaftar dengan { $instansi } sudah terpilih dan memilih sendiri unit kerjanya; tanpa kode aktivasi mereka tetap belum terverifikasi.
invite-open = Buka tautan
invite-no-telegram = Tautan pendaftaran dibuka lewat bot Telegram, dan Pandu ini belum tersambung ke Telegram.
invite-out-of-scope = Unit itu di luar wewenang Anda, jadi tautannya tidak saya buat.
invite-too-long = Kode unit itu terlalu panjang untuk dimuat dalam tautan Telegram.
edit-taken = ✏️ Pesan yang Anda ubah saya pakai sebagai jawaban baru.
edit-ignored = Pandu tidak membaca pesan yang diubah. Bila ingin mengganti jawaban, kirim ulang sebagai pesan baru.
import-progress = Sedang mengimpor… { $done } dari { $total } baris sudah diproses.
link-done = Akun ini sudah tertaut ke profil Anda. Data dan riwayat Anda kini sama di kedua akun.
link-already = Akun ini sudah tertaut ke profil Anda.
link-code-wrong = Kode itu tidak cocok atau sudah kedaluwarsa. Sisa percobaan: { $left }.
link-locked = Terlalu banyak kode yang salah. Demi keamanan, coba lagi setelah { $minutes } menit dengan kode baru.
link-busy = Terlalu banyak percobaan kode penautan yang salah saat ini. Demi keamanan, penautan dihentikan sementara; coba lagi setelah { $minutes } menit.
link-other-person = Akun ini sudah terdaftar atas nama profil lain, jadi tidak bisa ditautkan. Hubungi admin kepegawaian instansi Anda bila perlu digabung.
link-pending = Kode benar. Sekarang buka akun yang meminta kode itu dan tekan "Setujui" dalam { $minutes } menit; setelah itu akun ini tertaut.
link-approve-ask = Ada akun { $channel } yang mengetik kode penautan Anda dan ingin ditautkan ke profil Anda. Bila itu Anda sendiri, tekan Setujui dalam { $minutes } menit. Bila bukan, tekan Tolak: tidak ada yang ditautkan.
link-approve = Setujui
link-decline = Tolak
link-request-gone = Permintaan penautan ini sudah tidak berlaku (sudah diputuskan atau kedaluwarsa). Minta kode baru dengan /tautkan bila perlu.
link-approved = Beres: akun { $channel } itu kini tertaut ke profil Anda.
link-declined = Baik, akun { $channel } itu tidak ditautkan. Bila Anda tidak pernah meminta kode, sebaiknya beri tahu admin kepegawaian instansi Anda.
link-declined-told = Penautan akun ini ditolak dari akun pemilik profil. Tidak ada yang ditautkan.
link-notice = Pemberitahuan: sebuah akun { $channel } baru saja ditautkan ke profil Pandu Anda. Bila bukan Anda yang melakukannya, segera hubungi admin kepegawaian instansi Anda.

## Asesmen kompetensi

assessment-progress = Kompetensi { $n } dari { $total } · { $name }
assessment-row = { $assessed ->
    [0] belum mencapai level 1 (standar jabatan { $required })
   *[other] level { $assessed } (standar jabatan { $required })
}
# Sebuah level yang dikonfirmasi (atau dikoreksi) atasan: level yang berlaku, lalu kedua nilainya.
assessment-row-confirmed =
    { $level ->
        [0] belum mencapai level 1
       *[other] level { $level }
    } (penilaian diri { $self ->
        [0] belum level 1
       *[other] { $self }
    }, dikonfirmasi atasan: { $level ->
        [0] belum level 1
       *[other] { $level }
    }; standar jabatan { $required })
assessment-mixed = ⚠️ Jawaban Anda untuk { $competencies } tidak konsisten, juga setelah ditanya sekali lagi dengan pernyataan lain: misalnya Anda mengakui perilaku sebuah level, tetapi tidak perilaku level di bawahnya. Karena itu hasil yang lebih rendah yang dipakai. Ada baiknya membicarakan kompetensi ini dengan atasan Anda.
assessment-result-title = 📊 Hasil asesmen kompetensi Anda
assessment-result-summary = { $gaps ->
    [0] Semua kompetensi sudah memenuhi standar jabatan Anda. Luar biasa!
   *[other] { $gaps } kompetensi masih di bawah standar jabatan. Yang teratas paling perlu dikembangkan.
}
assessment-chart-title = Level kompetensi Anda dan standar jabatan
assessment-chart-assessed = Level Anda
assessment-chart-required = Standar jabatan
assessment-chart-below = belum level 1
assessment-chart-caption = Grafik hasil asesmen: batang hijau sudah memenuhi standar, oranye masih di bawahnya.
results-confirmed-note = ☑️ Level yang dikonfirmasi atasan Anda menggantikan penilaian diri untuk kesenjangan kompetensi, rekomendasi pelatihan dan mentoring. Penilaian diri Anda tetap tersimpan dan ditampilkan di sampingnya.
results-none = Anda belum punya hasil asesmen. Ketik /asesmen untuk mulai; sekitar 10 menit.
results-taken-on = { $previous ->
    [true] Asesmen diambil pada { $date }. Angka dalam kurung menunjukkan naik-turunnya level sejak asesmen sebelumnya.
   *[false] Asesmen diambil pada { $date }.
}
results-standard-skj = 📐 Pembandingnya: Standar Kompetensi Jabatan { $name }, yang diimpor instansi Anda.
results-standard-default = 📐 Pembandingnya: standar bawaan Pandu menurut jenjang jabatan, bukan SKJ resmi instansi Anda. Begitu instansi Anda mengimpor SKJ jabatan ini, asesmen berikutnya memakainya.

## Impor katalog pelatihan (CSV)
import-courses-done = Impor selesai: { $created } pelatihan baru, { $updated } diperbarui, { $unchanged } tidak berubah.
import-units-done = Impor selesai: { $created } unit baru, { $updated } diperbarui, { $unchanged } tidak berubah.
import-people-done = Impor selesai: { $created } pegawai baru, { $updated } diperbarui, { $unchanged } tidak berubah. Pegawai yang belum mendaftar terhubung ke akun obrolannya saat mendaftar dengan NIP dan kode aktivasinya.
import-people-codes = { $count } kode aktivasi baru ada di berkas terlampir, dikelompokkan per unit kerja. Kode ini hanya ditampilkan sekali: serahkan langsung ke masing-masing pegawai, lalu hapus berkasnya. Kode yang hilang bisa diganti dengan /aktivasi NIP.
import-people-conflicts = { $count } NIP dalam berkas ini (baris { $rows }) juga dipakai seseorang yang mendaftar tanpa kode aktivasi. Data mereka tidak diubah; periksa dan verifikasi lewat /aktivasi.
import-people-unknown-atasan = { $count } NIP atasan (baris { $rows }) belum dikenal Pandu: tidak ada di berkas ini dan belum pernah diimpor. Relasinya disimpan dan langsung berlaku begitu NIP itu diimpor; periksa kalau ada salah ketik.
import-jabatan-done = Impor selesai: { $created } jabatan baru, { $updated } diperbarui, { $unchanged } tidak berubah. Jabatan yang berisi level kompetensi kini diukur dengan SKJ itu; yang tanpa level tetap memakai standar bawaan per jenjang.
import-teknis-done = Impor selesai: { $created } kompetensi teknis baru, { $updated } diperbarui, { $unchanged } tidak berubah. Kodenya kini boleh dipakai di kolom teknis berkas jabatan.
import-jabatan-code = kode jabatan memakai huruf, angka, titik, garis bawah, atau tanda -, paling panjang 80 karakter
import-kind-tier = jenis jabatan ini tidak sejalan dengan jenjang { $tier }
import-unknown-instansi = "{ $unit }" bukan instansi (unit teratas) di struktur organisasi
import-level = level ditulis dengan satu angka dari 1 sampai 5
import-skj-incomplete = SKJ harus memuat level setiap kompetensi manajerial dan sosial kultural; isi kolom ini, atau kosongkan seluruh level dan kolom teknis serta skj agar jabatan memakai standar bawaan per jenjang
import-teknis-format = tulis sebagai KODE:LEVEL dipisah titik koma, misalnya T.AK.1:3; T.AK.2:2
import-teknis-code = kode kompetensi teknis diawali T., misalnya T.AK.1 atau T.KEU.2
import-teknis-in-catalog = kode ini sudah dipakai kompetensi di katalog Pandu; pilih kode lain
import-unknown-column-of = kolom ini tidak dikenal; kolom yang dipakai: { $columns }
import-unit-id = kode unit memakai huruf kecil, angka, titik, garis bawah, atau tanda -, paling panjang 80 karakter
import-duplicate-id = kode ini sudah dipakai di baris { $row }
import-unknown-parent = unit induk "{ $parent }" tidak ada di berkas maupun di struktur organisasi
import-parent-loop = unit induknya berputar kembali ke unit ini sendiri
import-scope-unit = unit "{ $unit }" berada di luar wilayah kewenangan admin Anda; baris ini hanya bisa diimpor oleh admin unit itu atau admin utama
import-scope-instansi = hanya admin utama (atau admin seluruh instansi "{ $unit }") yang boleh menambah atau mengubah baris ini
import-scope-shared = jabatan ini berlaku untuk semua instansi (tanpa kode instansi), jadi hanya admin utama yang boleh menambah atau mengubahnya; untuk jabatan khusus instansi Anda, pakai kode jabatan sendiri dan isi kolom instansi
import-scope-person = pegawai dengan NIP ini tercatat di unit di luar kewenangan Anda; pemindahannya diurus admin unit asalnya atau admin utama
import-duplicate-nip = NIP ini sudah ada di baris { $row }
import-unknown-unit = unit "{ $unit }" tidak ada di struktur organisasi; impor unitnya dulu
import-unknown-jabatan = kode jabatan "{ $code }" belum ada di Pandu; impor berkas jabatan lebih dulu
import-status-nip-pppk = NIP ini adalah NIP PPPK (angka ke-13 bernilai 2), jadi statusnya harus PPPK
import-status-nip-not-pppk = NIP ini bukan NIP PPPK, jadi statusnya tidak mungkin PPPK; periksa status atau NIP-nya
import-atasan-nip = NIP atasan tidak sah; tulis 18 angka NIP atasan langsung, atau kosongkan
import-atasan-self = NIP atasan sama dengan NIP pegawai itu sendiri; seseorang tidak bisa menjadi atasannya sendiri
import-contract-start-not-pppk = mulai kontrak hanya diisi untuk PPPK; kosongkan, atau periksa kolom status
import-contract-start-format = tulis tanggal sebagai TTTT-BB-HH, HH/BB/TTTT, atau HH-BB-TTTT, misalnya 2025-03-01 atau 01/03/2025
import-contract-start-future = tanggal mulai kontrak belum tiba
import-contract-start-before-appointment = tanggal mulai kontrak lebih awal dari tahun pengangkatan pada NIP ({ $year })
import-failed = { $count ->
    [one] Berkas tidak diimpor karena ada 1 masalah. Perbaiki lalu kirim lagi; tidak ada yang disimpan.
   *[other] Berkas tidak diimpor karena ada { $count } masalah. Perbaiki lalu kirim lagi; tidak ada yang disimpan.
}
import-more-problems = …dan { $count } masalah lainnya.
import-where-cell = Baris { $row }, kolom { $column }
import-where-row = Baris { $row }
import-csv-unreadable = isi berkas tidak terbaca sebagai CSV (periksa tanda kutip dan jumlah kolom)
import-missing-column = kolom wajib ini tidak ada di baris judul
import-empty = berkas tidak berisi baris data
import-differs = isinya berbeda dengan baris { $row } untuk pelatihan yang sama
import-required = wajib diisi
import-invalid = isinya tidak sah
import-too-small = terlalu kecil atau terlalu pendek (minimal { $min })
import-too-big = terlalu besar atau terlalu panjang (maksimal { $max })
import-one-of = pilih salah satu: { $options }
import-id-format = pakai huruf kecil, angka, dan tanda -, paling panjang 60 karakter
import-datetime-format = tulis sebagai TTTT-BB-HH JJ:MM, misalnya 2027-02-08 08:00
import-timezone = tulis WIB, WITA, WIT, atau zona seperti Asia/Jakarta
import-end-before-start = harus sesudah waktu mulai
import-competency-format = tulis sebagai KODE:LEVEL atau KODE:DARI-SAMPAI, dipisah titik koma, misalnya M.3:1-3; M.2:2
import-unknown-competency = kompetensi { $code } tidak ada di katalog kompetensi
import-region = kode provinsi tidak dikenal (misalnya jambi, dki-jakarta, nusa-tenggara-barat)
import-instansi-format = kode instansi tidak terbaca: huruf kecil, angka, titik atau tanda hubung, seperti pada kode unit (misalnya jambi)
import-slack-channel = tulis ID kanal Slack (diawali C atau G, misalnya C0123ABCD; ada di "Salin tautan" kanal), beberapa dipisah spasi
import-region-required = wajib diisi untuk pelatihan offline atau blended
import-reminders = bukan waktu pengingat: tulis misalnya 7d@08:00 (hari sebelum, pada jam tertentu) atau 2h (jam sebelum)
import-duplicate-session = sesi dengan waktu mulai yang sama sudah ada di baris { $row }

## Rekomendasi, katalog, pendaftaran
rec-intro = { $count ->
    [one] Ini satu pelatihan yang paling sesuai dengan kesenjangan kompetensi Anda:
   *[other] Ini { $count } pelatihan yang paling sesuai dengan kesenjangan kompetensi Anda, yang paling penting lebih dulu:
}
rec-over-ceiling = ⚠️ Pelatihan ini { $jp } JP, melebihi sisa batas JP Anda ({ $headroom } dari { $limit } JP per tahun kontrak). Bicarakan dulu dengan admin kepegawaian.
rec-reason = { $assessed ->
    [0] { $competency } Anda belum mencapai level 1, sedangkan standar jabatan Anda { $required }.
   *[other] Level { $competency } Anda { $assessed }, sedangkan standar jabatan Anda { $required }.
}
rec-also = Juga melatih: { $competencies }.
rec-session = Sesi terdekat { $date }
rec-self-paced = Belajar mandiri, bisa dimulai kapan saja
course-by-nomination = 🏛 Peserta pelatihan ini ditunjuk, bukan mendaftar sendiri. Bila Anda berminat, sampaikan ke { $contact }.
course-by-request = 📝 Untuk pelatihan ini Anda mengajukan diri, lalu koordinator menyetujui atau menolak dengan alasan. Narahubung: { $contact }.
course-contact-default = BKPSDM instansi Anda
course-request-on = Ajukan: { $date }
rec-request = Ajukan
course-not-for-you-status = Pelatihan "{ $title }" tidak untuk status kepegawaian Anda, jadi tidak bisa diikuti.
course-not-for-you-tier = Pelatihan "{ $title }" untuk jenjang jabatan lain, jadi tidak bisa Anda ikuti.
course-not-for-you-jabatan-kind = Pelatihan "{ $title }" untuk jenis jabatan lain, jadi tidak bisa Anda ikuti.
course-not-for-you-service = Pelatihan "{ $title }" mensyaratkan masa kerja tertentu yang tidak Anda penuhi (atau belum tercatat di Pandu).
place-request-list-title = 📝 Pengajuan pelatihan yang menunggu keputusan Anda: { $count }. Setujui untuk mendaftarkan pegawai (bila kursi masih ada), atau Tolak dengan alasan.
place-request-row = { $name } ({ $unit }) mengajukan diri untuk "{ $title }" pada { $asked }.
place-request-list-more = …dan { $count } pengajuan lain; muncul setelah yang di atas diputuskan.
place-request-btn-approve = Setujui
place-request-btn-decline = Tolak
place-request-sent = 📝 Pengajuan Anda untuk "{ $title }" ({ $when }) sudah diteruskan ke koordinator. Anda akan diberi tahu begitu diputuskan.
place-request-already-pending = Pengajuan Anda untuk "{ $title }" masih menunggu keputusan koordinator.
place-request-already-approved = Pengajuan Anda untuk "{ $title }" sudah disetujui; Anda terdaftar.
place-request-already-declined = Pengajuan Anda untuk "{ $title }" sudah ditolak sebelumnya. Hubungi koordinator bila ingin membicarakannya.
place-request-gone = Pengajuan ini tidak ditemukan lagi.
place-request-out-of-scope = Pengajuan ini bukan dari pegawai dalam cakupan Anda, jadi Anda tidak bisa memutuskannya.
place-request-decided = Pengajuan ini sudah diputuskan sebelumnya.
place-request-session-gone = Sesi pelatihan ini sudah dimulai atau tidak ada lagi di katalog, jadi pengajuan tidak bisa disetujui.
place-request-not-eligible = { $name } tidak (lagi) memenuhi syarat pelatihan ini, jadi pengajuan tidak bisa disetujui.
place-request-full = Kuota "{ $title }" sudah penuh. Pengajuan tetap menunggu; setujui lagi bila ada kursi yang kosong.
place-request-approved-done = ✅ Disetujui: { $name } kini terdaftar di "{ $title }" dan sudah diberi tahu.
place-request-declined-done = Ditolak: { $name } sudah diberi tahu beserta alasannya.
place-request-approved = ✅ Pengajuan Anda untuk "{ $title }" disetujui. Anda terdaftar di sesi { $when }. Lihat /pelatihan.
place-request-declined = Pengajuan Anda untuk "{ $title }" belum bisa disetujui. Alasan dari koordinator: { $reason }
rec-enrol = Daftar
rec-open = Buka
rec-detail = Detail
rec-later = Lain kali
rec-later-ok = Baik, "{ $title }" tidak kita bahas sekarang. Ketik /rekomendasi kapan saja untuk melihat daftarnya lagi.
rec-need-assessment = Rekomendasi disusun dari hasil asesmen Anda. Ketik /asesmen untuk mulai; sekitar 10 menit.
rec-no-gaps = Selamat, semua kompetensi Anda sudah memenuhi standar jabatan. Anda tetap bisa menambah JP lewat /pelatihan.
rec-none-available = Belum ada pelatihan di katalog yang cocok dengan kesenjangan kompetensi Anda dan bisa Anda ikuti. Admin menambah katalog secara berkala; coba lagi nanti.
course-online = Daring
course-blended = daring dan tatap muka
course-jp = { $jp } JP
course-jp-label = Jam pelajaran (JP)
course-provider = Penyelenggara
course-method = Bentuk
course-competencies = Kompetensi
course-levels = level { $range }
course-place = Tempat
course-link = Tautan
course-sessions = Jadwal
course-session-line = { $start } s.d. { $end }
course-no-upcoming = Belum ada jadwal baru untuk pelatihan ini.
course-self-paced-detail = Pelatihan mandiri tanpa jadwal: buka tautannya, lalu catat di /pelatihan setelah selesai.
course-enrol-on = Daftar: { $date }
course-gone = Pelatihan ini sudah tidak ada di katalog. Ketik /rekomendasi untuk daftar terbaru.

method-kind-klasikal = klasikal
method-kind-nonklasikal = nonklasikal
enrol-confirm = Daftar ke "{ $title }"?
    Waktu: { $when }
    Tempat: { $where }
    Bernilai { $jp } JP setelah selesai.
enrol-yes = Ya, daftar
enrol-no = Tidak jadi
enrol-not-now = Baik, tidak jadi. Pilihan lain ada di /rekomendasi.
enrol-done = ✅ Anda terdaftar di "{ $title }", { $when }. Lihat atau batalkan di /pelatihan.
enrol-already = Anda sudah terdaftar di "{ $title }". Lihat di /pelatihan.
enrol-full = Maaf, kuota "{ $title }" sudah penuh. Coba sesi lain lewat Detail, atau lihat /rekomendasi.
enrol-full-waitlist = Maaf, kuota "{ $title }" sudah penuh. Mau masuk daftar tunggu? Bila ada kursi yang lepas, orang pertama di daftar tunggu ditawari kursinya lewat pesan.
waitlist-join = Masuk daftar tunggu
waitlist-join-on = Daftar tunggu { $date }
waitlist-joined = Anda masuk daftar tunggu "{ $title }" di urutan { $position }. Bila kursi lepas dan giliran Anda tiba, Pandu mengirim tawaran; Anda punya { $hours } jam untuk mengambilnya.
waitlist-already = Anda sudah ada di daftar tunggu "{ $title }", urutan { $position }.
waitlist-position = ⏳ Anda di daftar tunggu sesi { $date }, urutan { $position }.
waitlist-leave = Keluar dari daftar tunggu
waitlist-leave-confirm = Keluar dari daftar tunggu "{ $title }"? Urutan Anda akan hilang.
waitlist-leave-yes = Ya, keluar
waitlist-stay = Tetap menunggu
waitlist-stayed = Baik, Anda tetap di daftar tunggu "{ $title }", urutan { $position }.
waitlist-left = Anda sudah keluar dari daftar tunggu "{ $title }".
waitlist-none = Anda tidak ada di daftar tunggu sesi ini.
waitlist-offer =
    🎟️ Ada kursi kosong untuk "{ $title }" ({ $when }), dan Anda yang pertama di daftar tunggu.
    Ambil sebelum { $until }; setelah itu kursinya ditawarkan ke orang berikutnya.
waitlist-accept = Ambil kursi
waitlist-decline = Lepaskan
waitlist-accepted = ✅ Kursi di "{ $title }" jadi milik Anda, { $when }. Lihat atau batalkan di /pelatihan.
waitlist-accept-full = Maaf, kursi "{ $title }" keburu diisi orang lain sebelum Anda menekan Ambil. Anda kembali ke daftar tunggu, urutan { $position }.
waitlist-declined = Baik, kursi "{ $title }" dilepaskan untuk orang berikutnya. Anda keluar dari daftar tunggu.
waitlist-no-offer = Belum ada kursi yang ditawarkan kepada Anda untuk "{ $title }". Pandu akan mengirim pesan bila giliran Anda tiba.
waitlist-offer-expired = Waktu untuk mengambil kursi "{ $title }" sudah lewat, jadi kursinya ditawarkan ke orang berikutnya dan Anda keluar dari daftar tunggu. Anda bisa masuk lagi lewat Detail pelatihan.
enrol-started = Sesi ini sudah dimulai, jadi pendaftaran sudah ditutup.
enrol-cancel-confirm = Batalkan pendaftaran di "{ $title }"? Kursi Anda akan diberikan kepada orang lain.
enrol-cancel-yes = Ya, batalkan
enrol-cancel-no = Tidak
enrol-cancelled = Pendaftaran di "{ $title }" dibatalkan.
enrol-cancel-none = Anda tidak terdaftar di sesi ini.
enrol-cancel-started = Sesi ini sudah dimulai, jadi pendaftarannya tidak bisa dibatalkan lagi.
training-waiting = ⏳ Daftar tunggu:
training-waiting-line = • { $title } — urutan { $position }
training-title = 🎓 Pelatihan Anda
jp-min-standing = { $total } / { $limit } JP ({ $period })
jp-min-remaining = Kurang { $remaining } JP lagi untuk memenuhi minimal JP tahunan Anda.
jp-min-reached = Minimal JP tahunan Anda sudah terpenuhi. 🎉
jp-max-standing = { $total } JP dari batas { $limit } JP ({ $period })
jp-max-headroom = Masih diperbolehkan { $headroom } JP lagi sampai akhir tahun kontrak ini.
jp-max-over = ⚠️ Catatan JP Anda melebihi batas { $limit } JP sebanyak { $over } JP. Sebaiknya bicarakan dengan admin kepegawaian sebelum mendaftar pelatihan lagi.
jp-period-contract = tahun kontrak { $start } – { $end }
jp-period-assumed = { $year }; tanggal mulai kontrak belum tercatat, jadi dihitung per tahun kalender
training-upcoming = Akan datang:
training-none-upcoming = Belum ada. Cari pelatihan di /rekomendasi.
training-running = Sedang berjalan atau sudah lewat, belum ditandai selesai:
training-completed = Selesai tahun { $year }:
training-completed-period = Selesai dalam { $period }:
training-none-completed = Belum ada.
training-cancel = Batalkan: { $title }
method-pelatihan-dasar = Pelatihan dasar CPNS (Latsar)
method-pelatihan-struktural = Pelatihan struktural kepemimpinan
method-pelatihan-manajerial = Pelatihan manajerial
method-pelatihan-teknis = Pelatihan teknis
method-pelatihan-fungsional = Pelatihan fungsional
method-pelatihan-sosial-kultural = Pelatihan sosial kultural
method-seminar = Seminar atau konferensi
method-workshop = Workshop atau lokakarya
method-kursus = Kursus
method-penataran = Penataran
method-bimtek = Bimbingan teknis
method-sosialisasi = Sosialisasi
method-coaching = Coaching
method-mentoring = Mentoring
method-e-learning = E-learning
method-jarak-jauh = Pelatihan jarak jauh
method-detasering = Detasering
method-alam-terbuka = Pembelajaran alam terbuka
method-patok-banding = Patok banding
method-pertukaran = Pertukaran PNS
method-belajar-mandiri = Belajar mandiri
method-komunitas-belajar = Komunitas belajar
method-bimbingan-di-tempat-kerja = Bimbingan di tempat kerja
method-magang = Magang atau praktik kerja

## Katalog pelatihan (/katalog)
cat-help = Cari dengan mengetik kata setelah /katalog: kata dari judul atau penyelenggara, kode atau nama kompetensi (M.4, komunikasi), bentuk pelatihan (e-learning, klasikal, bimtek), bulan (maret, Maret 2027) atau provinsi (jambi, ntb). Contoh: /katalog e-learning komunikasi
cat-all = { $count } pelatihan bisa Anda ikuti.
cat-found = { $count } pelatihan ditemukan untuk { $query }
cat-page = Halaman { $page } dari { $pages }
cat-words = kata "{ $words }"
cat-more-sessions = (+{ $count } jadwal lain)
cat-prev = ◀ Sebelumnya
cat-next = Berikutnya ▶
cat-none = Tidak ada pelatihan yang bisa Anda ikuti untuk { $query }.
cat-did-you-mean = Mungkin maksud Anda: { $query }?
cat-did-you-mean-button = 🔎 Ya, cari itu
cat-try = Coba dengan lebih sedikit kata, atau kata lain.
cat-see-all = 📚 Lihat semua pelatihan
cat-page-gone = Halaman { $page } tidak ada: hasil pencarian ini hanya { $pages } halaman.
cat-to-page = Ke halaman { $page }
cat-too-long = Pencarian ini terlalu panjang untuk dibuka per halaman, jadi hanya halaman pertama yang tampil. Pakai lebih sedikit kata untuk melihat semuanya.
cat-empty = Belum ada pelatihan di katalog yang bisa Anda ikuti. Admin menambah katalog secara berkala; coba lagi nanti.

## Perintah impor (CLI)
cli-import-usage = Pemakaian: npm run import -- courses|units|people|jabatan|teknis BERKAS.csv [BERKAS-KODE.csv]
cli-import-codes = { $count } kode aktivasi baru ditulis ke { $file } (hanya bisa dibaca akun Anda). Serahkan kode ke tiap pegawai per unit, lalu hapus berkasnya: Pandu hanya menyimpan sidik kodenya.
cli-summaries-usage = Pemakaian: npm run summaries -- rebuild (hitung ulang ringkasan unit dari data asli) atau status (berapa perubahan yang belum dihitung)
cli-summaries-status = Perubahan yang belum masuk ringkasan unit: { $pending }
cli-summaries-reading = Membaca seluruh data asesmen, JP, survei dan pengingat untuk menghitung ulang ringkasan…
cli-summaries-done = Selesai dalam { $seconds } detik: { $people } orang, { $contributions } catatan tahunan, { $units } unit; { $changed } dokumen diperbaiki.
cli-summaries-waiting = Pandu sedang berjalan dan memegang giliran penghitung ringkasan. Permintaan hitung ulang sudah dicatat; menunggu Pandu mengerjakannya (biasanya kurang dari satu menit)…
cli-summaries-done-elsewhere = Selesai: Pandu yang sedang berjalan sudah menghitung ulang ringkasan.
cli-summaries-timeout = Hitung ulang belum selesai setelah 10 menit. Permintaannya tetap tercatat dan akan dikerjakan; periksa log Pandu.
cli-import-unreadable = Berkas { $file } tidak bisa dibaca: { $problem }

## Berkas
input-hint-file-photo-pdf = Kirim foto atau berkas PDF lewat tombol lampiran 📎.
input-hint-file-csv = Kirim berkas CSV lewat tombol lampiran 📎.
input-hint-file-photo = Kirim foto lewat tombol lampiran 📎.
input-hint-file-pdf = Kirim berkas PDF lewat tombol lampiran 📎.
flow-expect-file-photo-pdf = Untuk pertanyaan ini, kirim foto atau berkas PDF.
flow-expect-file-csv = Untuk pertanyaan ini, kirim berkas CSV.
flow-expect-file-photo = Untuk pertanyaan ini, kirim foto.
flow-expect-file-pdf = Untuk pertanyaan ini, kirim berkas PDF.
input-hint-file-photo-document = Kirim foto atau berkas (PDF, dokumen, lembar kerja) lewat tombol lampiran 📎.
flow-expect-file-photo-document = Untuk pertanyaan ini, kirim foto atau berkas.
flow-file-not-expected = Berkas belum diperlukan di sini; jawab pertanyaannya dulu.

## Penyelesaian pelatihan, pengakuan, ekspor SIASN
completion-other = Kegiatan lain (coaching, mentoring, e-learning…)
completion-method-option = { $method } — { $jp } JP
completion-method-unknown = Jenis kegiatan itu tidak ada di aturan JP instansi Anda. Mulai lagi dengan /selesai.
completion-enrolment-gone = Pendaftaran itu sudah tidak ada. Ketik /pelatihan untuk melihat pelatihan Anda.
completion-saved = ✅ Tercatat: "{ $title }", { $jp } JP.
completion-already = "{ $title }" sudah tercatat sebelumnya; JP tidak dihitung dua kali.
completion-certificate-kept = Sertifikat Anda tersimpan bersama catatan ini.
recognition-jp-goal = 🎉 Selamat! Anda sudah mencapai { $goal } JP pengembangan kompetensi tahun { $year }. Pencapaian ini tercatat dan terlihat oleh atasan Anda.
recognition-gap-closed = { $count ->
    [one] 🎉 Selamat! Kompetensi { $competencies } kini sudah memenuhi standar jabatan Anda. Pencapaian ini tercatat.
   *[other] 🎉 Selamat! Kompetensi { $competencies } kini sudah memenuhi standar jabatan Anda. Pencapaian ini tercatat.
}
training-record = ✅ Tandai selesai / catat kegiatan
training-export = 📄 Ekspor untuk SIASN
training-export-empty = Belum ada pelatihan selesai yang bisa diekspor.
training-export-caption = Riwayat { $count } pelatihan Anda, berisi kolom yang diminta riwayat kursus SIASN: nama kursus, JP, nomor sertifikat, tahun, dan jenis kompetensi.
training-earlier = Ditambah { $count } pelatihan dari tahun-tahun sebelumnya (ada di ekspor).
cmd-selesai = catat pelatihan yang sudah selesai dan sertifikatnya
completion-outside = Pelatihan di luar katalog, dengan sertifikat (bimtek, seminar, e-learning…)
completion-outside-incomplete = Catatan ini belum lengkap (bentuk kegiatan, JP, atau sertifikatnya tidak terbaca), jadi belum disimpan. Silakan mulai lagi dengan /selesai.
completion-jp-question = Berapa JP yang tertulis di sertifikat? Tulis angkanya saja, misalnya 20 atau 1,5.
completion-jp-note-default = Aturan instansi Anda memberi { $jp } JP untuk { $method }. Bila sertifikat menyebut JP yang sama, catatan ini langsung dihitung; bila berbeda, koordinator memeriksanya dulu.
completion-jp-note-verify = Bentuk pelatihan ini tidak punya nilai JP bawaan di instansi Anda, jadi koordinator memeriksa sertifikatnya dulu sebelum JP-nya dihitung.
completion-pending = ⏳ Menunggu verifikasi koordinator: { $jp } JP ini belum dihitung. Anda akan diberi tahu setelah catatan ini diperiksa.
training-state-pending = ⏳ menunggu verifikasi
training-state-returned = ↩️ dikembalikan: { $reason }
training-state-unknown = ❔ belum dihitung
training-pending-total = ⏳ { $jp } JP menunggu verifikasi koordinator dan belum termasuk dalam hitungan di atas.
training-returned-hint = Catatan yang dikembalikan tidak dihitung. Perbaiki sesuai alasannya, lalu catat lagi dengan /selesai.
training-export-left-out = { $count } catatan yang menunggu verifikasi atau dikembalikan tidak ikut diekspor.

## Verifikasi catatan pelatihan (/verifikasi)

cmd-verifikasi = verifikasi catatan pelatihan di luar katalog (koordinator)
verification-empty =
    ✅ Tidak ada catatan pelatihan yang menunggu verifikasi di cakupan Anda.

    Catatan muncul di sini ketika pegawai di unit Anda mencatat pelatihan di luar katalog, atau JP di atas nilai bawaan instansi, dengan /selesai.
verification-title = 🗂️ Menunggu verifikasi di cakupan Anda: { $count } catatan, yang paling lama menunggu lebih dulu (halaman { $page } dari { $pages }).
verification-help = Periksa sertifikatnya, lalu tekan Verifikasi bila judul, tanggal, dan JP sesuai dengan sertifikat. Bila ada yang perlu diperbaiki, tekan Kembalikan dan tulis alasannya. Pegawai diberi tahu keputusan Anda.
verification-page = Halaman { $page } dari { $pages }.
verification-record =
    📄 { $title }
    Pegawai: { $name } — { $unit }
    Bentuk: { $method } ({ $kind })
    Selesai: { $date } · dicatat { $recorded }
    JP di sertifikat: { $jp } JP
verification-default-jp = Nilai bawaan instansi untuk { $method }: { $jp } JP.
verification-no-default = Bentuk ini tidak punya nilai JP bawaan di instansi.
verification-cert-number = Nomor sertifikat: { $number }
verification-cert-date = Tanggal sertifikat: { $date }
verification-btn-certificate = 📄 Lihat sertifikat
verification-btn-verify = ✅ Verifikasi
verification-btn-return = ↩️ Kembalikan
verification-btn-previous = ◀️ Sebelumnya
verification-btn-next = Berikutnya ▶️
verification-btn-list = 🗂️ Daftar verifikasi
verification-unknown = Catatan itu tidak ditemukan; mungkin sudah dihapus pemiliknya. Ketik /verifikasi untuk melihat daftar terbaru.
verification-out-of-scope = Catatan itu milik pegawai di luar cakupan peran koordinator Anda, jadi Anda tidak dapat membuka atau memutuskannya. Permintaan ini dicatat. Ketik /verifikasi untuk catatan di cakupan Anda.
verification-own = Catatan pelatihan Anda sendiri diperiksa oleh koordinator lain, jadi Anda tidak dapat memutuskannya sendiri.
verification-not-waiting = Catatan “{ $title }” tidak sedang menunggu verifikasi (sudah diverifikasi, sudah dikembalikan, atau langsung dihitung), jadi tidak diubah. Ketik /verifikasi untuk melihat daftar terbaru.
verification-verified = ✅ Diverifikasi: “{ $title }” milik { $name }. { $jp } JP kini dihitung.
verification-returned = ↩️ Dikembalikan: “{ $title }” milik { $name }, dengan alasan: { $reason }
verification-told = { $name } diberi tahu lewat chat.
verification-not-told = { $name } belum dapat dihubungi lewat chat; keputusan ini tetap terlihat di /pelatihan miliknya.
verification-return-question = Apa alasan Anda mengembalikan “{ $title }” milik { $name } ({ $jp } JP)? Tulis apa yang perlu diperbaiki, misalnya: JP di sertifikat 12, bukan 20. Pegawai akan membaca alasan ini.
verification-return-question-plain = Apa alasan Anda mengembalikan catatan ini? Tulis apa yang perlu diperbaiki. Pegawai akan membaca alasan ini.
verification-return-limit = Paling banyak { $max } karakter. Ketik /batal bila tidak jadi mengembalikan.
verification-certificate-caption = Sertifikat “{ $title }” milik { $name }.
verification-certificate-none = Catatan ini tidak disertai sertifikat.
verification-certificate-unavailable = Sertifikat ini belum dapat diambil sekarang (dikirim lewat { $channel }). Silakan coba lagi nanti.
verification-told-verified = ✅ Catatan pelatihan Anda “{ $title }” ({ $jp } JP) sudah diverifikasi koordinator dan kini dihitung.
verification-told-returned =
    ↩️ Catatan pelatihan Anda “{ $title }” ({ $jp } JP) dikembalikan oleh koordinator, jadi JP-nya tidak dihitung.
    Alasannya: { $reason }

    Perbaiki sesuai alasan itu, lalu catat lagi dengan /selesai.
verification-open-training = 🎓 Lihat pelatihan saya
verification-record-again = ✅ Catat lagi

## Impor lewat obrolan
command-not-allowed = { $command } hanya untuk petugas yang diberi peran itu. Bila Anda memerlukannya, minta admin BKPSDM instansi Anda.
import-no-file = Tidak ada berkas yang diterima. Ketik /impor untuk mencoba lagi.
import-download-failed = Berkasnya tidak bisa diambil dari aplikasi obrolan. Coba kirim lagi dengan /impor; ukuran paling besar 5 MB.
import-not-admin = Anda tidak lagi memegang peran admin, jadi berkas ini tidak diimpor. Hubungi admin utama bila ini keliru.
import-scope-courses = Katalog pelatihan dipakai semua instansi, jadi hanya admin utama yang boleh mengimpornya. Kirim berkasnya kepada admin utama, atau minta ia yang mengimpor.
import-scope-teknis = Daftar kompetensi teknis dipakai semua instansi, jadi hanya admin utama yang boleh mengimpornya. Kirim berkasnya kepada admin utama.

## Mentoring
cmd-mentor = mentoring: bersedia menjadi mentor, permintaan, dan pasangan mentoring Anda
mentor-card = 🤝 Mentoring { $competency }: ada rekan senior di instansi Anda (level { $level }) yang bersedia menjadi mentor. Namanya baru dibagikan setelah kalian berdua setuju.
mentor-card-pending = 🤝 Permintaan mentoring { $competency } Anda menunggu jawaban mentor.
mentor-card-accepted = 🤝 Mentor { $competency } Anda sudah setuju. Lihat namanya di /mentor.
mentor-ask = Minta mentoring
mentor-asked = Permintaan mentoring { $competency } terkirim tanpa nama Anda. Bila mentor setuju, nama kalian saling terlihat di /mentor.
mentor-already-asked = Anda sudah meminta mentoring { $competency }. Lihat statusnya di /mentor.
mentor-none = Saat ini belum ada rekan yang cocok untuk mentoring ini. Coba lagi nanti.
mentor-title = 🤝 Mentoring
mentor-opted-in = Anda bersedia menjadi mentor bagi rekan di instansi Anda, untuk kompetensi yang level Anda minimal satu di atas standar mereka.
mentor-opted-out = Anda belum terdaftar sebagai mentor. Rekan di instansi Anda bisa meminta bimbingan Anda untuk kompetensi yang menjadi kekuatan Anda.
mentor-opt-in = Saya bersedia menjadi mentor
mentor-opt-out = Berhenti menjadi mentor
mentor-now-in = Terima kasih! Anda kini bisa disarankan sebagai mentor. Nama Anda hanya dibagikan setelah Anda menerima permintaan.
mentor-now-out = Baik, Anda tidak lagi disarankan sebagai mentor.
mentor-incoming = Permintaan yang menunggu jawaban Anda:
mentor-incoming-line = { $competency }: { $level ->
        [0] rekan yang belum mencapai level 1
       *[other] rekan dengan level { $level }
    } { $source ->
        [skj] (SKJ jabatannya { $required })
       *[other] (standar bawaan { $required })
    }
mentor-accept = Terima: { $competency }
mentor-decline = Tolak
mentor-accepted = Terima kasih! Anda menjadi mentor { $name } untuk { $competency }. Silakan hubungi beliau; nama Anda juga kini terlihat olehnya di /mentor.
mentor-declined = Permintaan mentoring { $competency } ditolak. Nama tidak dibagikan ke siapa pun.
mentor-request-gone = Permintaan itu sudah tidak menunggu jawaban.
mentor-agreed = Pasangan mentoring:
mentor-agreed-as-mentee = Anda membimbing { $name } ({ $competency })
mentor-agreed-as-mentor = { $name } membimbing Anda ({ $competency })
mentor-waiting = Menunggu jawaban mentor: { $competencies }

## Pengingat pelatihan
rem-training = ⏰ Pengingat pelatihan: "{ $title }" dimulai { $when }. Apakah Anda akan hadir?
rem-attend = ✅ Hadir
rem-absent = Tidak bisa hadir
rem-snooze-hour = Ingatkan 1 jam lagi
rem-snooze-tomorrow = Ingatkan besok
rem-attend-noted = Terima kasih, kehadiran Anda di "{ $title }" sudah dicatat. Sampai bertemu di sana!
rem-absent-noted = Dicatat: Anda tidak bisa hadir di "{ $title }". Koordinator pelatihan akan melihat catatan ini. Kalau memang tidak ikut, lepaskan kursi Anda agar bisa dipakai rekan lain.
rem-release-seat = Lepaskan kursi saya
rem-snoozed = Baik, saya ingatkan lagi { $when }.
rem-snooze-too-late = Pelatihan "{ $title }" sudah dimulai sebelum waktu itu, jadi saya tidak akan mengingatkan lagi.
rem-started = Pelatihan "{ $title }" sudah dimulai.
rem-no-place = Anda sudah tidak terdaftar di pelatihan ini.

## /pengingat
pgr-title = 🔔 Pengaturan pengingat
pgr-quiet = Jam tenang: { $start }–{ $end } (pesan terjadwal menunggu sampai jam tenang selesai)
pgr-quiet-none = Jam tenang: tidak ada
pgr-training-on = Pengingat pelatihan: aktif (H-7, H-1 dan 2 jam sebelum mulai)
pgr-training-off = Pengingat pelatihan: mati
pgr-nudges-on = Dorongan JP bulanan: aktif
pgr-nudges-paused = Dorongan JP bulanan: dijeda sampai { $date }
pgr-nudges-off = Dorongan JP bulanan: mati
pgr-help = Pilih tombol di bawah untuk mengubahnya. Survei dan pengumuman tetap mengikuti jam tenang Anda.
pgr-set-quiet = Jam tenang { $start }–{ $end }
pgr-set-quiet-none = Tanpa jam tenang
pgr-nudges-pause = Jeda dorongan 30 hari
pgr-nudges-turn-off = Matikan dorongan JP
pgr-nudges-turn-on = Nyalakan dorongan JP
pgr-training-turn-off = Matikan pengingat pelatihan
pgr-training-turn-on = Nyalakan pengingat pelatihan
pgr-saved = ✅ Tersimpan.

## Dorongan JP
nudge-jp = 📚 Halo { $name }! Tahun ini Anda sudah mencatat { $total } dari { $goal } JP pengembangan kompetensi. Supaya target tercapai tepat waktu, idealnya sekarang sekitar { $expected } JP.
nudge-jp-course = Saran untuk Anda: "{ $title }" ({ $jp } JP). { $reason }
nudge-jp-no-course = Catat pelatihan atau kegiatan belajar yang sudah Anda ikuti lewat /selesai.
nudge-jp-see = Lihat rekomendasi
nudge-jp-settings = Atur pengingat

## Survei
srv-invite = 📝 Mohon isi { $title } ({ $count } pertanyaan, sekitar 2 menit).
srv-about = { " " }Tentang: "{ $subject }".
srv-anonymous-note = Survei ini anonim: jawaban disimpan tanpa nama Anda, dan hasil satu kelompok baru ditampilkan bila paling sedikit 5 orang menjawab.
srv-closes = Survei ditutup { $date }.
srv-start = Isi survei
srv-reminder = 🔔 Pengingat: { $title } masih menunggu jawaban Anda.
srv-progress = { $title } · pertanyaan { $n } dari { $total }
srv-back = ⬅️ Kembali
srv-thanks = 🙏 Terima kasih! Jawaban Anda tersimpan dan membantu kami memperbaiki pelatihan.
srv-thanks-anonymous = 🙏 Terima kasih! Jawaban Anda tersimpan tanpa nama Anda.
srv-already = Anda sudah mengisi survei ini. Terima kasih!
srv-closed = Maaf, survei ini sudah ditutup.
srv-gone = Survei ini tidak ditemukan. Lihat survei yang masih terbuka di /survei.
srv-none = Tidak ada survei yang menunggu jawaban Anda saat ini. Terima kasih!
srv-list-title = 📝 Survei yang menunggu jawaban Anda:
srv-until = sampai { $date }
srv-anonymous = anonim
srv-results-title = 📊 Hasil survei (indeks 25–100, mutu A–D)
srv-results-title-scoped = 📊 Hasil survei dari unit di wilayah kewenangan Anda (indeks 25–100, mutu A–D)
srv-results-line = { $group }: { $count } responden, indeks { $ikm }, mutu { $grade }
srv-results-all = Semua
srv-results-no-instansi = Tanpa instansi
srv-results-hidden = { $group }: disembunyikan (kurang dari { $min } jawaban)
srv-results-steps = { $count } jawaban terbaru belum masuk hitungan: hasil survei anonim tiap kelompok baru berubah setiap bertambah { $step } jawaban, supaya jawaban satu orang tidak bisa diketahui dari selisihnya.
srv-results-too-few = { $count } jawaban; hasil baru ditampilkan dari { $min } jawaban.

## Peran dan audit
cmd-audit = catatan audit (admin)
roles-title = 👥 Pemegang peran dalam cakupan Anda:
# Nama peran untuk dibaca orang; kode perannya (koordinator, supervisor, admin) tetap dipakai di perintah.
role-koordinator = koordinator
role-supervisor = atasan
role-admin = admin
roles-none = Belum ada pemegang peran dalam cakupan Anda.
roles-usage = Cara memakai: /peran beri NIP peran unit, atau /peran cabut NIP peran unit. Peran: koordinator, atasan, admin. Unit ditulis dengan kodenya, misalnya mataram.bkpsdm; peran berlaku untuk unit itu dan semua unit di bawahnya. NIP yang terpakai oleh orang yang salah dilepas dengan /peran lepas-nip NIP.
roles-nip-free = NIP itu belum dipakai siapa pun.
roles-nip-released = ✅ NIP dilepas dari profil { $name }. Pemilik NIP yang sebenarnya kini bisa mendaftar dengan NIP itu.
roles-unknown-unit = Unit "{ $unit }" tidak ada. Periksa kodenya.
roles-unknown-person = Tidak ada pegawai terdaftar dengan NIP itu. Orangnya perlu mendaftar di Pandu dulu.
roles-out-of-scope = { $unit } berada di luar cakupan admin Anda, jadi perubahan ini tidak dilakukan. Percobaan ini dicatat.
roles-already = { $name } sudah memegang peran { $role } di { $unit }.
roles-not-held = { $name } tidak memegang peran { $role } di { $unit }.
roles-granted = ✅ { $name } kini memegang peran { $role } di { $unit } dan semua unit di bawahnya.
roles-revoked = ✅ Peran { $role } { $name } di { $unit } dicabut.
roles-help = Kelola peran petugas dalam cakupan Anda lewat tombol di bawah: pilih orangnya, perannya dan unitnya, tanpa perlu mengetik NIP atau kode unit. Perintah ketik tetap bisa dipakai.
roles-btn-grant = ➕ Beri peran
roles-btn-revoke = ➖ Cabut peran
roles-btn-list = 👥 Daftar pemegang peran
roles-btn-next = Berikutnya ▶
roles-btn-prev = ◀ Sebelumnya
roles-btn-search = 🔎 Cari nama atau NIP
roles-btn-all = Tampilkan semua
roles-btn-cancel = ✖ Batal
roles-btn-menu = ↩ Menu peran
roles-btn-confirm-grant = ✅ Ya, beri peran
roles-btn-confirm-revoke = ✅ Ya, cabut
roles-btn-own-unit = ⭐ { $unit } (unitnya sendiri)
roles-page = Halaman { $page } dari { $pages }
roles-no-nip = tanpa NIP
roles-pick-person = Siapa yang akan diberi peran? Hanya pegawai terdaftar dalam cakupan Anda yang tampil.
roles-pick-holder = Peran siapa yang akan dicabut? Ini pemegang peran dalam cakupan Anda.
roles-pick-filter = Disaring dengan: "{ $filter }"
roles-pick-search-tip = Daftarnya panjang? Tekan Cari, atau ketik /peran beri diikuti sebagian nama atau NIP.
roles-pick-search-tip-revoke = Untuk menyaring, ketik /peran cabut diikuti sebagian nama atau NIP.
roles-pick-nobody = Belum ada pegawai terdaftar dalam cakupan Anda.
roles-pick-no-match = Tidak ada orang dalam cakupan Anda yang nama atau NIP-nya cocok dengan "{ $filter }".
roles-pick-role = Peran apa yang akan diberikan kepada { $name }?
roles-pick-current = Peran yang sudah dipegang: { $roles }
roles-pick-unit = Di unit mana { $name } memegang peran { $role }? Peran itu juga berlaku untuk semua unit di bawahnya.
roles-pick-confirm-grant = Berikan peran { $role } kepada { $name } di { $unit } dan semua unit di bawahnya?
roles-pick-grant = Peran { $name } yang mana yang dicabut?
roles-pick-confirm-revoke = Cabut peran { $role } milik { $name } di { $unit }?
roles-pick-cancelled = Baik, tidak ada yang diubah.
roles-pick-stale = Tombol itu sudah tidak berlaku. Ketik /peran untuk membuka menu peran lagi.
roles-pick-page-gone = Halaman itu sudah tidak ada karena daftarnya berubah. Ini halaman terakhirnya.
roles-pick-person-gone = Orang itu tidak lagi terdaftar dalam cakupan Anda. Ketik /peran untuk membuka daftarnya lagi.
roles-pick-person-refused = Orang itu berada di luar cakupan admin Anda, jadi tidak ada yang diubah. Percobaan ini dicatat.
roles-pick-unit-gone = Unit itu tidak lagi ada dalam cakupan Anda. Ketik /peran untuk memilih lagi.
roles-pick-grant-gone = { $name } sudah tidak memegang peran itu lagi; mungkin admin lain sudah mencabutnya. Tidak ada yang diubah.
roles-pick-no-grants = { $name } tidak lagi memegang peran apa pun dalam cakupan Anda; mungkin sudah dicabut.
roles-person-out-of-scope = Pegawai dengan NIP itu bekerja di luar cakupan admin Anda, jadi perannya tidak dapat Anda ubah. Permintaan ini dicatat.
roles-person-unverified = { $name } belum terverifikasi, jadi belum bisa diberi peran. Verifikasi dulu lewat /aktivasi.
activation-none-waiting = Tidak ada pegawai belum terverifikasi di unit-unit Anda.
activation-hint = Untuk mengganti kode aktivasi pegawai hasil impor yang belum mendaftar: /aktivasi NIP.
activation-waiting = { $count } pegawai mendaftar tanpa kode aktivasi dan menunggu verifikasi (yang terlama di atas, { $shown } ditampilkan):
activation-line = { $n }. { $name }, NIP { $nip }, { $unit }, mendaftar { $date }
activation-verify-explain = Verifikasi hanya bila Anda sudah memastikan orang dan NIP-nya sesuai data kepegawaian. Bila NIP itu milik data impor yang belum mendaftar, data kepegawaian impor itu (nama, unit, jabatan) menjadi datanya.
activation-btn-verify = Verifikasi { $n }
activation-nip-invalid = Itu bukan NIP yang utuh. Tulis 18 angka NIP, misalnya /aktivasi 198203142008012005.
activation-nip-unknown = Tidak ada pegawai hasil impor dengan NIP itu di unit-unit Anda.
activation-already-registered = { $name } sudah mendaftar di Pandu, jadi tidak perlu kode aktivasi lagi.
activation-code-issued = Kode aktivasi baru untuk { $name } (NIP { $nip }): { $code }
    Kode lama (bila ada) tidak berlaku lagi. Serahkan langsung ke orangnya; kode ini hanya ditampilkan sekali.
activation-verify-gone = Pegawai itu sudah diverifikasi atau datanya tidak ada lagi.
activation-verify-out-of-scope = Pegawai itu berada di luar unit yang Anda kelola, jadi Anda tidak bisa memverifikasinya.
activation-verify-nip-taken = NIP { $nip } sudah dipakai pegawai lain yang terdaftar. Periksa bersama orangnya dan admin kepegawaian; keduanya tidak diubah.
activation-verified = { $name } (NIP { $nip }) sudah diverifikasi dan kini dihitung di unitnya.
activation-verified-merged = { $name } (NIP { $nip }) sudah diverifikasi; data kepegawaian hasil impor kini menjadi datanya.
activation-you-are-verified = Admin kepegawaian sudah memverifikasi NIP dan unit kerja Anda di Pandu. Anda kini dihitung dalam ringkasan unit, menerima pengumuman unit, dan bisa menjadi mentor.
audit-title = 🧾 Catatan audit terbaru:
audit-title-scoped = 🧾 Catatan audit terbaru di wilayah kewenangan Anda (tindakan di unit Anda, oleh atau tentang pegawainya):
audit-empty = Belum ada catatan audit yang cocok.
audit-ok = berhasil
audit-refused = ditolak
audit-person-outside = (pegawai di luar cakupan Anda)
mentor-open = Buka /mentor
mentor-notify-request = 🤝 Ada rekan di instansi Anda yang meminta bimbingan Anda untuk { $competency }. Namanya baru terlihat bila Anda menerima. Jawab di /mentor.
mentor-notify-accepted = 🤝 Kabar baik! { $name } bersedia menjadi mentor Anda untuk { $competency }. Silakan hubungi beliau; detailnya ada di /mentor.
mentor-notify-declined = Permintaan mentoring { $competency } Anda belum bisa diterima kali ini. Lihat pilihan lain di /rekomendasi.
export-preparing = ⏳ Sedang menyiapkan berkas ekspor… Untuk banyak pegawai bisa makan waktu beberapa detik; berkasnya menyusul di sini.
export-empty = Belum ada pegawai dalam cakupan Anda.
export-caption = 📄 Data { $count } pegawai dalam cakupan Anda, tahun { $year }: pendaftaran, asesmen terakhir, jumlah kesenjangan kompetensi, JP dan pelatihan. Berisi data pribadi; simpan dengan hati-hati.

## Pengumuman
# Pertanyaan alur /umumkan (flows/umumkan.yaml) yang memuat jumlah penerima.
brd-ask-when =
    Pengumuman ini akan diterima { $count } orang.{ $extras }
    Kapan dikirim?
brd-confirm-now = Kirim sekarang ke { $count } orang{ $alsoChannel }?
brd-confirm-later = Kirim ke { $count } orang{ $alsoChannel } pada { $whenText }?
brd-nobody = Tidak ada orang terdaftar dalam cakupan Anda yang cocok dengan pilihan itu. Pilih penerima lain.
brd-time-past = Waktu itu sudah lewat. Pilih tanggal dan jam yang akan datang.
brd-sending = 📣 Pengumuman sedang dikirim ke { $count } orang. Lihat perkembangannya di /siaran.
brd-scheduled = 📅 Pengumuman dijadwalkan untuk { $count } orang pada { $when }. Anda bisa membatalkannya di /siaran sebelum waktu itu.
brd-none = Anda belum pernah mengirim pengumuman. Buat dengan /umumkan.
brd-line = { $when } · { $audience }
brd-line-cancelled = { $when } · { $audience } · dibatalkan
brd-counts = Terkirim { $sent } · menunggu { $pending } · gagal { $failed } · memblokir bot { $blocked }
brd-cancel = Batalkan yang belum terkirim
brd-cancelled = Pengumuman dibatalkan: { $count } pesan yang belum terkirim tidak akan dikirim.
brd-gone = Pengumuman itu tidak ditemukan.
brd-audience-all = semua dalam cakupan
brd-audience-unit = satu unit
brd-audience-tier = satu jenjang jabatan
brd-audience-region = satu provinsi
brd-audience-session = peserta sesi pelatihan
brd-audience-not-assessed = belum mengisi asesmen
brd-audience-below-pace = JP di bawah target
brd-audience-course = peserta sebuah pelatihan
brd-audience-units = { $count } unit
brd-attached-photo = 📎 Dengan lampiran: sebuah foto.
brd-attached-document = 📎 Dengan lampiran: berkas { $name }.
brd-attached-elsewhere = { $count } penerima memakai Slack: mereka mendapat teksnya saja, dengan catatan bahwa lampirannya hanya bisa dikirim lewat Telegram.
brd-also-channel = 💬 Juga diunggah ke kanal Slack #{ $name } (kanal tidak dihitung sebagai penerima).
brd-and-channel = dan kanal #{ $name }
brd-file-note = 📎 Pengumuman ini disertai lampiran ({ $name }) yang hanya dapat dikirim lewat Telegram. Bila Anda memerlukannya, hubungi { $sender }.
brd-file-photo = sebuah foto
brd-file-document = sebuah berkas
brd-sender-unknown = koordinator yang mengirimnya
brd-line-channel = Kanal Slack #{ $name }: { $state }
brd-channel-sent = sudah diunggah
brd-channel-pending = menunggu
brd-channel-failed = gagal (apakah Pandu masih ada di kanal itu?)
brd-channel-cancelled = dibatalkan
brd-asks-read = ✋ Penerima diminta menekan "Sudah dibaca".
brd-asks-attendance = ✋ Penerima diminta menjawab "Saya hadir" atau "Tidak bisa".
brd-ack-read = ✅ Sudah dibaca
brd-ack-attend = ✅ Saya hadir
brd-ack-absent = ❌ Tidak bisa
brd-ack-noted-read = Terima kasih, sudah tercatat bahwa Anda membaca pengumuman ini.
brd-ack-noted-attend = Terima kasih, tercatat: Anda akan hadir. Bila rencana berubah, tekan tombol lain pada pengumuman itu.
brd-ack-noted-absent = Terima kasih, tercatat: Anda tidak bisa hadir. Bila rencana berubah, tekan tombol lain pada pengumuman itu.
brd-ack-not-yours = Tombol ini hanya bisa dijawab oleh penerima pengumuman tersebut.
brd-ack-counts-read = Sudah dibaca { $read } · belum menjawab { $none }
brd-ack-counts-attendance = Hadir { $attend } · tidak bisa { $absent } · belum menjawab { $none }
brd-unanswered-show = Lihat yang belum menjawab ({ $count })
brd-unanswered-title = Belum menjawab "{ $title }": { $count } orang (halaman { $page } dari { $pages })
brd-unanswered-none = Semua penerima dalam cakupan Anda sudah menjawab.
brd-progress = 📣 Mengirim pengumuman: { $done } dari { $total } selesai (terkirim { $sent } · gagal { $failed } · diblokir { $blocked })
brd-progress-done = ✅ Pengumuman selesai: { $sent } terkirim, { $failed } gagal, { $blocked } diblokir.
pgr-share-on = Kabar capaian ke atasan: ya (saat Anda mencapai 20 JP atau menutup kesenjangan kompetensi)
pgr-share-off = Kabar capaian ke atasan: tidak
pgr-share-turn-on = Kabari atasan: 20 JP tercapai atau kesenjangan kompetensi tertutup
pgr-share-turn-off = Jangan kabari atasan lagi
improvement-jp = 🎉 { $name } ({ $unit }) sudah memenuhi batas minimal JP pengembangan kompetensi tahun { $year }. Ucapan selamat dari Anda akan berarti.
improvement-gap = 🎉 { $name } ({ $unit }) kini memenuhi standar jabatan untuk kompetensi { $competency }.

## Ringkasan unit (/ringkasan)
summary-title = 📊 Ringkasan { $unit }, tahun { $year }
summary-scope = cakupan Anda ({ $count } instansi/unit)
summary-too-few = Unit ini berisi { $count } orang. Rinciannya tidak ditampilkan karena setiap angka harus mewakili paling sedikit { $min } orang, agar tidak ada yang bisa dikenali.
summary-protected = Unit ini berisi { $count } orang, tetapi rinciannya tidak ditampilkan: bila dikurangkan dari ringkasan unit di atasnya bersama unit-unit sejajarnya, angka-angkanya akan membuka data kelompok yang kurang dari { $min } orang.
summary-few = kurang dari { $min }
summary-people = 👥 { $count } pegawai · { $registered }% sudah terdaftar di Pandu · { $assessed }% sudah asesmen ({ $assessedCount } orang)
summary-competencies = Kompetensi (rata-rata level / standar jabatan · porsi di bawah standar):
summary-competency = • { $name }: { $assessed } / { $required } · { $below }% di bawah standar ({ $people } orang)
summary-competency-hidden = • { $name }: disembunyikan (dinilai oleh kurang dari { $min } orang)
summary-competency-protected = • { $name }: disembunyikan (bersama ringkasan unit lain, angka ini akan membuka data kelompok yang kurang dari { $min } orang)
summary-top-gaps = 🎯 Kesenjangan kompetensi terbesar: { $list }
summary-standard-note = (Standar jabatan: SKJ instansi bila sudah diimpor untuk jabatan itu, selain itu standar bawaan Pandu per jenjang.)
summary-no-gaps = 🎯 Tidak ada kompetensi yang rata-ratanya di bawah standar.
summary-no-assessments = Belum ada hasil asesmen tahun ini.
summary-improvements = 📈 Peningkatan: { $gaps } kesenjangan kompetensi tertutup · { $reached } orang memenuhi minimal JP tahunannya
summary-jp = ⏱ JP: rata-rata { $average } JP per pegawai · { $reached }% sudah memenuhi minimal JP tahunannya
summary-jp-average = ⏱ JP: rata-rata { $average } JP per pegawai
summary-jp-ceiling = ℹ️ PPPK ({ $count } orang) mengikuti batas maksimal JP per tahun kontrak, bukan target minimal, jadi tidak ikut dihitung dalam persentase di atas.
summary-trainings = 🎓 Pelatihan yang diselesaikan: { $count }
summary-ikm = 😊 Kepuasan peserta pelatihan: IKM { $score } (mutu { $grade }) dari { $respondents } responden
summary-ikm-hidden = 😊 Kepuasan peserta pelatihan: belum ditampilkan ({ $respondents } responden; perlu paling sedikit { $min }).
summary-ikm-protected = 😊 Kepuasan peserta pelatihan: tidak ditampilkan di sini (bersama ringkasan unit lain, angka ini akan membuka data kelompok yang kurang dari { $min } orang).
summary-reminders = 🔔 Pengingat pelatihan: { $sent } terkirim, { $failed } gagal
summary-catching-up = ⏳ { $count } perubahan terbaru masih dihitung. Minta /ringkasan lagi sebentar lagi untuk angka yang paling baru.
summary-chart-title = { $unit } { $year }: rata-rata level dan standar
summary-chart-assessed = Rata-rata level
summary-chart-required = Rata-rata standar
summary-chart-caption = Grafik rata-rata level per kompetensi: oranye berarti di bawah standar jabatan.
summary-weekly-on = 📬 Kirimi saya ringkasan ini tiap Senin
summary-weekly-off = 🔕 Berhenti kirim ringkasan mingguan
summary-weekly-started = Baik. Ringkasan { $unit } akan dikirim setiap Senin pukul 07.00 waktu Anda. Hentikan kapan saja lewat tombol di ringkasannya.
summary-weekly-stopped = Ringkasan mingguan dihentikan. Anda tetap bisa memintanya kapan saja dengan /ringkasan.
summary-weekly-intro = Selamat pagi. Ini ringkasan mingguan Anda:
summary-weekly-open = Buka ringkasan terbaru
summary-no-scope = Anda belum memegang peran atasan atau koordinator untuk unit mana pun, jadi belum ada yang bisa diringkas. Minta admin BKPSDM memberi peran lewat /peran.
summary-bad-year = Tahun { $year } tidak bisa diringkas. Tulis tahun empat angka, misalnya /ringkasan 2026.
summary-out-of-scope = Unit itu di luar cakupan Anda, jadi ringkasannya tidak bisa ditampilkan. Permintaan ini dicatat.
summary-unit-unknown = Tidak ada unit bernama “{ $query }” dalam cakupan Anda. Tulis sebagian namanya, misalnya /ringkasan keuangan, atau /ringkasan saja untuk seluruh cakupan.
summary-choose-unit = Ada { $count } unit yang cocok. Pilih salah satu:

## Data pribadi (/dataku, /hapusdata)

privacy-export-caption = 📄 Ini salinan data pribadi Anda yang disimpan Pandu, dalam satu berkas JSON: profil, persetujuan, peran, akun obrolan, asesmen, pelatihan dan JP, mentoring, survei, pengaturan pengingat, dan pesan yang kami kirim kepada Anda. Berkas ini berisi data pribadi (termasuk NIP), jadi simpan baik-baik dan jangan diteruskan.
privacy-export-consent = Persetujuan Anda tercatat pada { $date }, untuk teks persetujuan versi { $version }.
privacy-export-consent-none = Belum ada persetujuan yang tercatat atas nama Anda.
privacy-export-note-what = Berkas ini memuat semua data yang Pandu simpan atas nama Anda saat berkas dibuat, sebagai pemenuhan hak Anda menurut UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi.
privacy-export-note-anonymous = Jawaban survei anonim tidak ada di sini. Jawaban itu sejak awal disimpan tanpa nama dan hanya dengan tanggalnya, sehingga tidak bisa dihubungkan kembali dengan Anda, juga oleh Pandu.
privacy-export-note-mentoring = Pada permintaan mentoring, nama pihak lain hanya dicantumkan bila mentor sudah menerima permintaannya.
privacy-export-note-kept = Ringkasan unit hanya berisi angka gabungan tanpa nama. Catatan audit (siapa melakukan apa, kapan) disimpan terpisah untuk akuntabilitas dan terhapus otomatis setelah masa simpannya.
privacy-erase-confirm =
    ⚠️ Hapus semua data pribadi Anda dari Pandu?

    Yang dihapus: profil (nama, NIP, unit, jabatan), persetujuan, akun Telegram/Slack yang tertaut, hasil asesmen, riwayat pelatihan dan JP, pendaftaran sesi (kursinya dilepas untuk orang lain), pencapaian, permintaan mentoring, undangan survei, pengaturan pengingat, serta pesan yang menunggu atau pernah dikirim kepada Anda.

    Yang tersisa tanpa identitas: jawaban survei Anda tetap dihitung dalam hasil survei, tetapi tanpa nama dan jam menjawab, seperti survei anonim. Ringkasan unit dihitung ulang tanpa Anda. Level yang pernah Anda konfirmasi sebagai atasan tetap berlaku pada asesmen pegawai tersebut, tanpa identitas Anda. Catatan audit atas tindakan Anda tetap disimpan untuk akuntabilitas, tanpa nama, NIP, atau akun obrolan, sampai masa simpannya habis.

    Penghapusan ini tidak bisa dibatalkan. Sesudahnya Pandu tidak mengenal Anda lagi; untuk memakai Pandu lagi, daftar ulang dengan /start.
privacy-erase-roles = Anda juga memegang peran { $roles }. Peran itu ikut terhapus; bila nanti diperlukan lagi, admin bisa memberikannya kembali lewat /peran.
privacy-erase-question = Yakin ingin menghapus data Anda?
privacy-erase-yes = Ya, hapus data saya
privacy-erase-no = Batal
privacy-erase-cancelled = Baik, tidak ada yang dihapus. Data Anda tetap seperti sebelumnya.
privacy-erase-expired = Tombol ini sudah kedaluwarsa, jadi tidak ada yang dihapus. Ketik /hapusdata lagi bila Anda masih ingin menghapus data.
privacy-erase-done = Data pribadi Anda sudah dihapus dari Pandu. Terima kasih sudah memakai Pandu. Bila suatu saat ingin kembali, ketik /start untuk mendaftar dari awal.

## /rekap: the coordinator's weekly digest
digest-title = 🗓️ Rekap mingguan koordinator: { $scope }
digest-scope = { $count } unit induk
digest-people = Pegawai dalam cakupan Anda: { $count }
digest-registered = Baru mendaftar di Pandu dalam 7 hari terakhir: { $count }
digest-assessed = Menyelesaikan asesmen dalam 7 hari terakhir: { $count }
digest-sessions-none = Tidak ada sesi pelatihan yang diikuti pegawai dalam cakupan Anda selama 7 hari ke depan.
digest-sessions-head = Sesi pelatihan 7 hari ke depan (jawaban peserta atas pengingat):
digest-session = • { $title }, { $when }: { $hadir } hadir, { $tidak } tidak bisa, { $unanswered } belum menjawab
digest-sessions-more = • dan { $count } sesi lainnya
digest-sessions-act = Daftar peserta, kehadiran dan penyelesaian sesi: /peserta
digest-open-head = Masih perlu ditindaklanjuti:
digest-open = • { $label }: { $count } orang ({ $command })
digest-summary-act = Gambaran per unit: /ringkasan · Data lengkap: /ekspor
digest-subscribe = Kirimi saya tiap Senin 07.00
digest-unsubscribe = Hentikan rekap mingguan
digest-subscribed = Baik, rekap ini akan dikirim setiap Senin pukul 07.00 waktu Anda (hari libur: pagi hari kerja berikutnya). Hentikan kapan saja lewat /rekap.
digest-stopped = Rekap mingguan dihentikan. Anda tetap bisa melihatnya kapan saja lewat /rekap.
digest-no-scope = Rekap mingguan hanya untuk koordinator, dan Anda belum memegang peran koordinator untuk unit mana pun. Minta admin BKPSDM memberi peran lewat /peran.
digest-weekly-intro = Selamat pagi. Ini rekap mingguan Anda dari Pandu:
digest-preparing = Menyusun rekap untuk cakupan yang besar, sebentar…
# /tim: atasan langsung dan izin staf / direct supervisors and staff consent
cmd-tim = staf langsung Anda yang memberi izin: level, JP, pelatihan; tinjau levelnya
team-none = Anda belum tercatat sebagai atasan langsung siapa pun di Pandu. Relasi atasan langsung diisi admin lewat impor pegawai (kolom nip_atasan) atau /profil.
team-title = { $count ->
    [0] 👥 Tim Anda: belum ada staf langsung yang memberi izin.
   *[other] 👥 Tim Anda: { $count } staf langsung yang mengizinkan hasilnya Anda lihat untuk pembinaan.
}
team-withheld = 🔒 { $count } staf langsung belum memberi izin, jadi datanya tidak ditampilkan di sini.
team-help = Tekan Tinjau untuk mengonfirmasi atau mengoreksi level penilaian diri seorang staf, dengan catatan singkat untuknya. Level yang Anda konfirmasi dipakai untuk kesenjangan, ringkasan unit dan mentoring; staf tetap melihat penilaian dirinya.
team-not-assessed = Belum mengikuti asesmen.
team-assessed-on = Asesmen { $date }: { $gaps } dari { $total } kompetensi di bawah standar
team-row = { $level ->
    [0] belum level 1
   *[other] level { $level }
    } / standar { $required }
team-row-confirmed = { $level ->
    [0] belum level 1
   *[other] level { $level }
    } / standar { $required } (penilaian diri { $self }, dikonfirmasi)
team-enrolments = 📚 { $count } pelatihan terdaftar: { $titles }
team-enrolments-none = 📚 Belum terdaftar di pelatihan mendatang.
team-requests = 📝 { $count } pengajuan menunggu keputusan: { $titles }
team-review-button = Tinjau { $name }
team-chart-title = Level staf langsung terhadap standar jabatan
team-chart-below = di bawah standar
team-chart-meets = sesuai standar
team-chart-above = di atas standar
team-chart-caption = Peta level tim Anda: setiap kotak berisi level yang berlaku / standar jabatan.
team-not-your-staff = Anda bukan (lagi) atasan langsung orang ini, jadi datanya tidak bisa dibuka. Ketik /tim untuk daftar terbaru.
team-no-consent-now = Staf ini tidak (lagi) mengizinkan hasilnya dilihat atasan langsung, jadi datanya tidak bisa dibuka. Ketik /tim untuk daftar terbaru.
team-review-not-assessed = { $name } belum mengikuti asesmen, jadi belum ada level untuk ditinjau.
team-review-gone = Hasil asesmen yang sedang ditinjau tidak ditemukan lagi (mungkin ada asesmen yang lebih baru). Ketik /tim untuk mulai lagi.
team-level-question-plain = Level berapa yang menurut Anda tepat?
team-level-question = { $competency }: penilaian diri { $self ->
    [0] belum level 1
   *[other] level { $self }
    }, standar jabatan { $required }. Level berapa yang menurut Anda tepat?
team-level-agree = Sesuai penilaian diri ({ $level ->
    [0] belum level 1
   *[other] level { $level }
    })
team-level-zero = Belum mencapai level 1
team-level-n = Level { $level }
team-review-saved = ✅ Tersimpan: { $competency } untuk { $name } kini level { $level }. { $name } diberi tahu beserta catatan Anda.
team-review-saved-unreachable = ✅ Tersimpan: { $competency } untuk { $name } kini level { $level }. { $name } belum bisa dihubungi lewat chat, jadi akan melihatnya di /hasil.
team-told = 📋 Atasan langsung Anda, { $atasan }, meninjau hasil asesmen Anda. { $competency }: penilaian diri { $self }, dikonfirmasi level { $level }.
    Catatan: { $note }
    Ketik /hasil untuk melihat kedua level.
team-consent-question = 🤝 Bolehkah atasan langsung Anda melihat hasil asesmen ini, beserta JP dan pelatihan Anda, untuk keperluan pembinaan? Atasan juga bisa mengonfirmasi level Anda. Anda bisa mengubah jawaban ini kapan saja di /profil.
team-consent-allow = Ya, boleh
team-consent-deny = Tidak
team-consent-yes = Terima kasih. Atasan langsung Anda kini bisa melihat hasil Anda di /tim. Ubah kapan saja di /profil.
team-consent-no = Baik, hasil Anda tidak ditampilkan kepada atasan langsung. Ubah kapan saja di /profil.
results-confirmed-note-text = 📝 Catatan atasan: { $note }
atasan-show = 🧑‍💼 Atasan langsung Anda: { $atasan }
    Izin melihat hasil untuk pembinaan: { $consent }
atasan-none = belum tercatat
atasan-unknown-nip = NIP { $nip } (belum terdaftar di Pandu)
atasan-consent-unanswered = belum dijawab (dianggap tidak)
atasan-consent-allowed = diizinkan
atasan-consent-refused = tidak diizinkan
atasan-action-allow = Izinkan atasan langsung melihat hasil saya
atasan-action-refuse = Jangan izinkan
atasan-action-withdraw = Tarik izin
atasan-action-staff = Atur atasan langsung pegawai (admin)
atasan-action-back = Kembali ke profil
atasan-admin-only = Mengatur atasan langsung pegawai hanya untuk admin.
atasan-staff-unknown = NIP itu tidak ditemukan di antara pegawai terverifikasi dalam cakupan Anda.
atasan-staff-current = { $name }: atasan langsung saat ini { $atasan }.
atasan-nip-invalid = Itu bukan NIP yang sah. Ketik 18 angka NIP atasan, atau hapus.
atasan-problem-self = Seseorang tidak bisa menjadi atasan langsungnya sendiri. Ketik NIP orang lain.
atasan-problem-unknown = NIP itu tidak ditemukan di antara pegawai dalam cakupan Anda. Periksa lagi, atau minta admin yang lebih luas cakupannya.
atasan-problem-unverified = Pemilik NIP itu belum terverifikasi, jadi belum bisa menjadi atasan langsung.
atasan-problem-other-instansi = Atasan langsung harus dari instansi yang sama dengan pegawainya.
atasan-confirm-set = Jadikan { $atasan } atasan langsung { $name }?
atasan-confirm-remove = Hapus atasan langsung yang tercatat untuk { $name }?
atasan-saved = ✅ Atasan langsung { $name } tersimpan.
## Peserta sesi (/peserta)
roster-not-koordinator = /peserta hanya untuk koordinator.
roster-none = Belum ada sesi pelatihan yang bisa Anda lihat: pelatihan yang diselenggarakan instansi Anda, atau yang diikuti pegawai dalam cakupan Anda (dari awal bulan lalu sampai setahun ke depan).
roster-none-match = Tidak ada sesi yang cocok dengan "{ $query }". Coba kata lain dari judul atau penyelenggaranya, atau ketik /peserta saja untuk melihat semua.
roster-list-title = 📋 Sesi pelatihan Anda, bulan ini lebih dulu (halaman { $page } dari { $pages }):
roster-list-title-query = 📋 Sesi yang cocok dengan "{ $query }" (halaman { $page } dari { $pages }):
roster-list-line = { $n }. { $title } — { $when } ({ $count } peserta, kuota { $quota })
roster-list-help = Pilih sesi untuk melihat pesertanya. Cari dengan /peserta diikuti kata dari judul atau penyelenggara, misalnya /peserta komunikasi.
roster-prev = ‹ Sebelumnya
roster-next = Berikutnya ›
roster-gone = Sesi ini tidak ada lagi di katalog. Ketik /peserta untuk memilih sesi lain.
roster-out-of-scope = Sesi atau peserta ini di luar cakupan Anda.
roster-session = { $when } · { $provider }
roster-counts = Peserta: { $count } (kuota { $quota }) · Hadir: { $hadir } · Tidak bisa hadir: { $tidak } · Belum menjawab: { $none }
roster-present = Dihitung hadir saat sesi ditandai selesai: { $present } (yang ditandai hadir, atau menjawab Hadir dan tidak ditandai tidak hadir).
roster-scope-note = Pelatihan ini diselenggarakan pihak lain: hanya peserta dalam cakupan Anda yang ditampilkan.
roster-empty = Belum ada peserta.
roster-page = Halaman { $page } dari { $pages }:
roster-erased = (data sudah dihapus)
roster-answer-hadir = ✅ Hadir
roster-answer-tidak = ❌ Tidak bisa hadir
roster-answer-none = ⏳ Belum menjawab
roster-marked-hadir = ditandai hadir
roster-marked-tidak = ditandai tidak hadir
roster-waitlist-empty = Daftar tunggu: kosong.
roster-waitlist = Daftar tunggu: { $count } orang
roster-waitlist-offered = sedang ditawari kursi
roster-help = Tekan nama peserta untuk menandai kehadiran atau mengeluarkannya. "Tandai selesai" mencatat JP bagi semua yang hadir, sekali saja.
roster-sheet = Unduh daftar hadir
roster-sheet-preparing = Daftar hadir sedang disiapkan…
roster-sheet-caption = Daftar hadir "{ $title }": { $count } peserta.
roster-complete = Tandai selesai
roster-complete-too-early = Sesi ini belum dimulai, jadi belum bisa ditandai selesai.
roster-complete-confirm = Tandai "{ $title }" selesai? { $count } peserta yang hadir akan dicatat menyelesaikannya dan mendapat { $jp } JP, dan masing-masing diberi tahu.
roster-complete-yes = Ya, tandai selesai
roster-complete-done = ✅ Sesi ditandai selesai: { $count } peserta dicatat dengan { $jp } JP dan diberi tahu. { $already } sudah tercatat sebelumnya.
roster-complete-again = Sesi ini sudah ditandai selesai untuk { $count } peserta yang hadir: tidak ada yang berubah, dan JP tidak ditambahkan lagi.
roster-complete-nobody = Belum ada peserta yang hadir: tandai kehadiran dulu lewat nama peserta.
roster-completed-person = 🎓 Kehadiran Anda di "{ $title }" sudah dicatat koordinator: { $jp } JP masuk ke catatan Anda. Lihat di /pelatihan.
roster-back = Kembali
roster-back-list = Daftar sesi
roster-person = { $name }
    NIP: { $nip } · Unit: { $unit }
    Pelatihan: { $title }
roster-mark-hadir = Tandai hadir
roster-mark-tidak = Tandai tidak hadir
roster-remove = Keluarkan
roster-remove-confirm = Keluarkan { $name } dari "{ $title }"? Kursinya akan ditawarkan ke orang pertama di daftar tunggu, dan { $name } diberi tahu.
roster-remove-yes = Ya, keluarkan
roster-remove-started = Sesi ini sudah dimulai: peserta tidak bisa dikeluarkan lagi. Tandai saja tidak hadir.
roster-person-gone = Orang ini tidak lagi terdaftar di sesi ini.
roster-removed = { $name } sudah dikeluarkan dari "{ $title }". Kursinya ditawarkan ke daftar tunggu.
roster-removed-person = Koordinator mengeluarkan Anda dari "{ $title }" ({ $when }). Bila ini keliru, hubungi koordinator pelatihan Anda.
## /belum: yang belum bertindak, dan kampanye pengingat (koordinator)
nonresp-no-scope = Anda belum memegang peran koordinator untuk unit mana pun, jadi tidak ada daftar yang bisa ditampilkan.
nonresp-out-of-scope = Unit itu di luar cakupan Anda, jadi daftarnya tidak bisa ditampilkan. Permintaan ini dicatat.
nonresp-unit-unknown = Tidak ada unit bernama "{ $query }" dalam cakupan Anda. Periksa ejaannya, atau ketik /belum saja untuk seluruh cakupan Anda.
nonresp-choose-unit = Ada { $count } unit yang cocok. Pilih salah satu:
nonresp-scope = { $count } unit dalam cakupan Anda
nonresp-title = 📋 Siapa yang belum bertindak: { $unit }
nonresp-help = Tekan salah satu tombol untuk melihat nama-namanya dan mengingatkan mereka. Untuk satu unit saja, ketik /belum diikuti nama unitnya.
nonresp-help-unit = Tekan salah satu tombol untuk melihat nama-namanya dan mengingatkan mereka. Ketik /belum saja untuk seluruh cakupan Anda.
nonresp-gone = Tombol ini sudah tidak berlaku. Ketik /belum untuk membuka daftarnya lagi.
nonresp-not-remindable = Orang-orang di daftar ini belum pernah menghubungi Pandu, jadi Pandu tidak bisa mengirimi mereka pesan. Unduh CSV-nya agar instansi menghubungi mereka langsung.
nonresp-reg-line = Belum mendaftar di Pandu: { $count } dari { $of } orang (tidak bisa dihubungi lewat Pandu)
nonresp-reg-title = Diimpor tetapi belum mendaftar di { $unit }: { $count } orang
nonresp-reg-open = Belum mendaftar ({ $count })
nonresp-asm-line = Belum asesmen tahun ini: { $count } orang
nonresp-asm-title = Sudah mendaftar tetapi belum asesmen tahun ini di { $unit }: { $count } orang
nonresp-asm-open = Belum asesmen ({ $count })
nonresp-asm-reminder = Halo { $name }, Anda belum mengisi asesmen kompetensi tahun ini. Hanya butuh sekitar 15 menit, dan hasilnya membantu memilih pelatihan yang paling pas untuk Anda.
nonresp-asm-open-button = Mulai asesmen
nonresp-srv-line = Belum mengisi survei: { $count } dari { $of } undangan
nonresp-srv-title = Diundang mengisi survei tetapi belum menjawab di { $unit }: { $count } orang (dari { $of } undangan)
nonresp-srv-open = Belum mengisi survei ({ $count })
nonresp-srv-reminder = Halo { $name }, survei { $title } masih menunggu jawaban Anda. Jawaban Anda membantu memperbaiki pelatihan berikutnya.
nonresp-jp-line = Tertinggal dari laju JP tahunan: { $count } orang
nonresp-jp-title = Tertinggal dari laju JP tahunan di { $unit }: { $count } orang
nonresp-jp-open = Tertinggal JP ({ $count })
nonresp-jp-reminder = Halo { $name }, catatan JP Anda tahun ini masih di bawah laju yang dibutuhkan untuk mencapai target. Lihat pelatihan yang cocok untuk Anda lewat tombol di bawah.
nonresp-jp-open-button = Lihat rekomendasi
nonresp-reg-label = Belum mendaftar di Pandu
nonresp-asm-label = Belum asesmen tahun ini
nonresp-srv-label = Belum mengisi survei
nonresp-jp-label = Tertinggal dari laju JP tahunan
nonresp-ack-label = Belum menjawab siaran
nonresp-ack-line = Belum menjawab siaran 30 hari terakhir: { $count } orang
nonresp-ack-title = Sudah menerima siaran yang meminta jawaban tetapi belum menjawab, di { $unit }: { $count } orang
nonresp-ack-open = Belum menjawab siaran ({ $count })
nonresp-ack-reminder = Halo { $name }, pengumuman di bawah ini meminta jawaban Anda dan belum Anda jawab. Cukup tekan salah satu tombol di bawahnya.
nonresp-uncounted = { $label }: jumlahnya dihitung saat daftarnya dibuka (cakupan ini besar)
nonresp-lag-note = ℹ️ Angka pendaftaran dan asesmen diambil dari ringkasan berjalan, jadi bisa tertinggal sampai sekitar satu menit.
nonresp-walk-title = { $label } di { $unit }
nonresp-walk-note = Cakupan ini besar, jadi daftarnya dibaca unit demi unit dan jumlah totalnya tidak ditampilkan. Tekan "Berikutnya" untuk melanjutkan.
nonresp-walk-end = Tidak ada nama lagi setelah ini.
nonresp-page-open = Halaman { $page }
nonresp-first = « Dari awal
nonresp-reading = ⏳ Membaca { $count } orang dalam cakupan ini; mohon tunggu sebentar.
nonresp-unreachable-note = ⚠️ Mereka belum pernah menghubungi Pandu, jadi tidak bisa diingatkan lewat Pandu. Unduh CSV "belum pernah dihubungi" (NIP, nama, unit) agar instansi bisa menghubungi mereka.
nonresp-none = Tidak ada. Semua sudah beres. 🎉
nonresp-page = Halaman { $page } dari { $pages }
nonresp-prev = « Sebelumnya
nonresp-next = Berikutnya »
nonresp-remind = 🔔 Ingatkan yang belum
nonresp-csv = 📄 Unduh CSV belum pernah dihubungi
nonresp-back = ↩️ Kembali ke ringkasan
nonresp-back-list = ↩️ Kembali ke daftar
nonresp-recent = { $count } orang sudah diingatkan dalam 3 hari terakhir, jadi tidak dikirimi lagi.
nonresp-unreachable = { $count } orang tidak bisa dihubungi lewat Pandu.
nonresp-deadline-now = Batas waktu kampanye ini: { $date }.
nonresp-confirm = 🔔 Pengingat akan dikirim ke { $count } orang.
nonresp-confirm-help = Pesan dikirim di luar jam tenang masing-masing dan tidak pada hari libur. Anda juga bisa memberi batas waktu: Pandu lalu mengingatkan lagi 3 hari dan 1 hari sebelumnya, hanya kepada yang masih belum.
nonresp-send = Kirim sekarang
nonresp-send-deadline = Kirim, batas { $days } hari
nonresp-cancel = Batal
nonresp-none-due = Tidak ada pengingat yang dikirim: semua orang di daftar ini sudah diingatkan dalam 3 hari terakhir. Setiap orang diingatkan paling banyak sekali dalam 3 hari; pengingat berikutnya bisa dikirim mulai { $date }.
nonresp-none-reachable = Tidak ada pengingat yang dikirim: tidak seorang pun di daftar ini bisa dihubungi lewat Pandu.
nonresp-sent = ✅ { $count } pengingat dijadwalkan. Yang sedang dalam jam tenang atau hari libur menerimanya setelahnya.
nonresp-deadline-set = Batas waktu: { $date }. Yang masih belum akan diingatkan otomatis 3 hari dan 1 hari sebelumnya.
nonresp-csv-empty = Tidak ada pegawai impor yang belum pernah menghubungi Pandu.
nonresp-csv-caption = 📄 { $count } pegawai belum pernah menghubungi Pandu: NIP, nama dan unit, agar instansi bisa menghubungi mereka langsung. Berisi data pribadi; simpan dengan hati-hati.

## Issue 21, lampiran /umumkan dari Slack (s21-files)
brd-attachment-too-large = Berkas ini lebih besar dari 5 MB, jadi Pandu tidak bisa mengunggahnya lagi ke para penerima. Kirim berkas yang lebih kecil, atau tekan Lewati.
brd-attached-elsewhere-slack = { $count } penerima memakai Telegram: mereka mendapat teksnya saja, dengan catatan bahwa lampirannya hanya ada di Slack.
brd-file-note-slack = 📎 Pengumuman ini disertai lampiran ({ $name }) yang hanya dapat dikirim lewat Slack. Bila Anda memerlukannya, hubungi { $sender }.
brd-file-unsent = 📎 Pengumuman ini semestinya disertai lampiran ({ $name }), tetapi berkas itu tidak dapat dikirim lagi (mungkin sudah dihapus). Bila Anda memerlukannya, hubungi { $sender }.

## Tanda pekerjaan panjang dan berkas Excel (isu 21: umpan balik & .xlsx)
export-progress = ⏳ Sedang menyiapkan berkas ekspor… { $done } dari { $total } baris selesai.
export-xlsx-offer = Lebih suka Excel? Berkas .xlsx berisi angka dan tanggal yang langsung bisa dihitung dan diurutkan, dengan baris judul yang tetap terlihat.
export-xlsx-button = 📊 Unduh versi Excel (.xlsx)
summary-preparing = ⏳ Sedang menyusun ringkasan… sebentar, angkanya menyusul di sini.
training-export-preparing = ⏳ Sedang menyiapkan berkas riwayat pelatihan untuk SIASN…
privacy-export-preparing = ⏳ Sedang mengumpulkan data Anda ke dalam satu berkas… sebentar lagi dikirim ke sini.
roster-sheet-xlsx = 📊 Versi Excel

# Slack modals (issue 21, modals slice)
slack-modal-submit = Lanjut
slack-modal-close = Tutup
slack-modal-answer = Jawaban Anda
slack-modal-search = Atau ketik sebagian nama untuk mencari
slack-modal-file-skip = Formulir ini belum bisa menerima berkas. Tekan Lewati untuk meneruskan tanpa berkas, atau tutup formulir lalu kirim berkasnya lewat pesan langsung ke Pandu.
slack-modal-file-chat = Langkah ini memerlukan berkas, dan formulir ini belum bisa menerimanya. Pertanyaannya sudah kami kirim ke pesan langsung Anda dengan Pandu: kirim berkasnya di sana.
slack-modal-working = Sedang diproses… Formulir ini akan berganti sendiri begitu selesai.
slack-modal-closed = Formulir ditutup. Jawaban yang sudah Anda isi tetap tersimpan: { $command } membukanya lagi di pertanyaan terakhir, atau ketik /pandu batal untuk membatalkannya.
