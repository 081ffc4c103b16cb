"""The Metodologi page text: each metric's definition in Bahasa Indonesia, in the words of ptr_core."""

TEKS = """
Semua angka dihitung untuk satu **bulan M** (bawaan: bulan data terakhir) oleh pustaka `ptr_core`;
angka yang sama dicetak oleh `python -m ptr_core summary --bulan YYYY-MM --json`.

### Status pekerja program
- **Terdaftar** pada bulan M: tanggal daftar paling lambat hari terakhir bulan M, dan tanggal berhenti
  kosong atau paling awal hari pertama bulan M. Pekerja dihitung mulai bulan pendaftarannya.
- **Aktif** pada bulan M: terdaftar dan iuran untuk periode M berjumlah paling sedikit {iuran}
  (dibayar kapan pun: di muka atau terlambat).
- **Menunggak**: terdaftar tetapi iuran periode M belum lunas.
- **Nonaktif**: BPJS Ketenagakerjaan tidak mengenakan denda, tetapi menonaktifkan kepesertaan BPU yang
  tidak dibayar {bulan_nonaktif} bulan berturut-turut. Mulai bulan ke-{bulan_nonaktif} yang tidak dibayar,
  pekerja tidak lagi terdaftar, tidak lagi diharapkan membayar, dan tercatat nonaktif sampai ada
  pendaftaran baru (tanggal daftar yang lebih baru).

### Cakupan
**Cakupan** kecamatan pada bulan M = peserta aktif ÷ pekerja informal dari data BPJS (snapshot) terakhir
kecamatan itu yang bertanggal paling lambat akhir bulan M, ditambah pekerja program di kecamatan itu yang
aktif pada bulan M dan mendaftar setelah tanggal snapshot tersebut (belum terhitung oleh BPJS).
Kecamatan tanpa snapshot tidak memiliki angka pekerja informal; persentasenya tidak ditampilkan.
Angka kota adalah **jumlah hitungan** semua kecamatan, baru kemudian dibagi; tidak pernah rata-rata
persentase. Persentase dibulatkan ke 2 desimal (setengah ke atas).

### Iuran
- **Iuran dibayar bulan ini** = jumlah pembayaran yang periodenya M, kapan pun dibayar.
- **Iuran tahun berjalan** = jumlah pembayaran untuk periode Januari sampai M pada tahun yang sama.
- Keduanya juga per OPD (OPD sponsor menurut roster ASN terkini) dan per kecamatan (tempat tinggal pekerja).
- **Tunggakan** sampai bulan M = untuk setiap bulan-pekerja yang terdaftar sampai dengan M:
  {iuran} dikurangi yang sudah dibayar untuk periode itu, paling kecil 0, lalu dijumlahkan.
  Bulan nonaktif tidak menimbulkan tunggakan.

### Partisipasi ASN
**Partisipasi ASN** sebuah OPD pada bulan M = jumlah ASN aktif OPD itu yang mensponsori paling sedikit
satu pekerja yang aktif pada bulan M ÷ jumlah ASN aktif OPD itu. Hitungan yang lebih longgar,
**ASN mendaftarkan**, menghitung ASN yang mensponsori pekerja terdaftar (lunas atau menunggak).
ASN dihitung di OPD tempatnya berada menurut roster terakhir (ASN yang pindah OPD ikut pindah).

Grafik **OPD dengan partisipasi ASN tertinggi** dan **terendah** (Ringkasan dan tayangan; cetakan ringkasan
dengan 5, bukan 10) memuat OPD yang punya ASN aktif (di Ringkasan: dari jenis OPD yang dipilih), diurutkan dari
partisipasi tertinggi: separuh pertama (dibulatkan ke atas, paling banyak 10) masuk grafik tertinggi, dan dari
sisanya paling banyak 10 yang terendah masuk grafik terendah. Satu OPD tidak pernah tampil di kedua grafik; judul
setiap grafik menyebut banyaknya OPD yang ditampilkan.

Di daftar ASN sebuah OPD, setiap ASN aktif berstatus **mensponsori aktif** (paling sedikit satu pekerja
aktif pada bulan M), **menunggak** (punya pekerja terdaftar, tetapi tidak satu pun lunas untuk M), atau
**belum** (tidak punya pekerja terdaftar pada M). Jumlah yang *mensponsori aktif* sama dengan pembilang
partisipasi ASN. **Tunggakan OPD** = tunggakan semua pekerja yang disponsori ASN OPD itu menurut roster
terakhir, termasuk ASN yang sudah tidak aktif (pekerjanya tetap perlu ditindaklanjuti); angka yang sama
tampil di halaman Iuran. Daftar **tunggakan per sponsor** di halaman Iuran memuat ASN OPD itu menurut roster
terakhir (termasuk yang sudah tidak aktif) yang pekerja sponsorannya punya iuran tertunggak sejak awal program
sampai bulan M, termasuk pekerja yang kini sudah nonaktif atau berhenti (bulan menunggak sebelum nonaktif tetap
terutang); jadi bukan hanya ASN yang pekerjanya menunggak pada bulan M. Untuk setiap ASN: banyaknya pekerja yang
punya tunggakan, banyaknya bulan-pekerja yang tertunggak, dan jumlah tunggakannya; jumlah seluruh daftar sama
dengan tunggakan OPD.

### Target
- **Target peserta** tahun Y (kota dan tiap kecamatan) = pembulatan ke atas dari (1 + {pertumbuhan}) ×
  peserta aktif pada snapshot terakhir tiap kecamatan yang bertanggal pada atau sebelum akhir tahun
  sebelumnya (31 Desember Y-1), kecuali ditetapkan lain lewat unggahan `target`. Kecamatan yang tidak
  memiliki snapshot di tahun Y-1 tetap dihitung dengan snapshot terakhirnya yang lebih lama.
  Target kota dihitung dari jumlah peserta kota, sehingga tidak sama persis dengan jumlah target kecamatan.
- Sebuah bulan diukur terhadap target tahunnya sendiri; bila belum ada satu pun snapshot pada atau sebelum
  akhir tahun sebelumnya (tahun dasar program), bulan itu diukur terhadap target pertama, yaitu target
  tahun berikutnya.
  Jadi Desember 2024 (data dasar) ditampilkan dengan target 2025.
- Target OPD: setiap ASN aktif mensponsori satu pekerja.
- **Kekurangan target** = target − peserta aktif saat ini (paling kecil 0).
- **Laju yang dibutuhkan** = kekurangan ÷ sisa bulan pada tahun target.
- **Proyeksi akhir tahun** = peserta saat ini + rata-rata kenaikan bersih per bulan dalam 3 bulan
  terakhir × sisa bulan. **Sesuai jalur** bila proyeksi ≥ target.
- **Biaya menutup kekurangan** = kekurangan × {iuran} × 12 per tahun.

Contoh: 31 Desember 2024, 215.243 pekerja informal dan 40.196 peserta: cakupan 18,67%
(berita peluncuran program menyebut 18,64%, yang tidak sesuai dengan hitungannya sendiri), 175.047
belum terlindungi; target 2025 = ⌈1,2 × 40.196⌉ = 48.236; kekurangan 8.040 pekerja, yang biayanya
8.040 × Rp16.800 × 12 = Rp1.620.864.000 per tahun.

### Pekerja Saya (halaman ASN)
Setiap ASN aktif dalam daftar ASN terbaru masuk dengan akun kota tanpa didaftarkan admin: dikenali dari kolom
email daftar ASN yang diunggah (atau dari NIP yang dikirim penyedia identitas kota saat masuk, bila ada).
Halaman **Pekerja Saya** menampilkan setiap pendaftaran pekerja yang disponsori ASN itu dengan status bulan M
menurut definisi di atas (**berhenti** bila pendaftarannya sudah berakhir: tanggal berhenti lewat, atau pekerja
didaftarkan ulang), **bulan lunas** (bulan berstatus aktif sampai bulan M), dan **tunggakan**: untuk setiap bulan
menunggak sampai bulan M, {iuran} dikurangi yang sudah dibayar — sama dengan tunggakan kota, dibatasi pada
pekerja ASN itu; bulan-bulannya disebut satu per satu. Piagam partisipasi tersedia untuk pekerja yang
lunas paling sedikit {bulan_piagam} bulan. NIK pekerja tampil utuh hanya untuk ASN sponsornya sendiri.
Pekerja yang pendaftarannya masih berjalan dan berusia 65 tahun (dihitung dari tanggal lahir dalam NIK) dalam
3 bulan ke depan, atau sudah, disebut kepada sponsornya di halaman ini dan didaftar untuk staf di halaman
Verifikasi Pendaftaran: kepesertaan BPU hanya sampai usia 64 tahun 11 bulan.

**Daftarkan Pekerja**: ASN mengajukan pekerja; pengajuan **menunggu verifikasi** staf program dan belum
dihitung dalam angka mana pun sampai disetujui. Disetujui, pekerja terdaftar mulai hari itu (tanggal daftar)
dan dihitung dengan aturan di atas. Pengajuan ditolak bila tanggal lahir dalam NIK tidak mungkin, pekerja
berusia 65 tahun atau lebih (kepesertaan BPU sampai 64 tahun 11 bulan), atau NIK itu masih punya pendaftaran
yang belum berakhir atau pengajuan yang masih menunggu, atau bila NIK-nya ada dalam daftar **program lain**
(misalnya jaminan dari APBD kota, unggahan `program_lain`): satu pekerja tidak dibiayai dua kali. Pekerja program
ini yang juga ada dalam daftar program lain ditampilkan untuk staf (halaman Verifikasi Pendaftaran) dengan iuran
yang sudah dibayar program ini untuknya. Daftar program lain boleh memuat bulan **mulai** dan **selesai**
perlindungannya (kosong: sejak awal / sampai sekarang; tanpa keduanya: semua bulan). **Bulan dibayar dua kali** =
bulan (periode) yang iurannya dibayar program ini dan juga dilindungi program lain; **iuran dibayar dua kali** =
jumlah pembayaran untuk bulan-bulan itu, setiap pembayaran sekali walau dua program lain melindungi bulannya.

### Dari terdaftar sampai lunas (Ringkasan, slide Pendaftaran pekerja)
Pada bulan M: **terdaftar** = pekerja program yang pendaftarannya berjalan (aktif + menunggak + nonaktif);
**masih peserta BPJS** = aktif + menunggak (yang nonaktif sudah dinonaktifkan BPJS); **lunas bulan ini** = aktif.
Persentase setiap tahap dihitung dari yang terdaftar. **Pendaftaran lewat dasbor** bulan M: *diajukan* = pengajuan
ASN yang masuk dalam bulan M; *disetujui* dan *ditolak* = yang diputus staf dalam bulan M; *menunggu* = yang
diajukan sampai akhir bulan M dan belum diputus pada saat itu.

### Rekonsiliasi dengan BPJS Ketenagakerjaan
Data program bulan M (bulan laporan BPJS terbaru) dicocokkan dengan laporan peserta BPJS: menurut NIK, atau
nomor KPJ bila NIK tidak ditemukan. **Lunas di BPJS** = bulan terakhir dibayar menurut BPJS sama dengan M atau
sesudahnya. **Terkonfirmasi BPJS** = pekerja yang lunas menurut data program, lunas di BPJS, dan berstatus aktif di
BPJS. Kelompok ketidakcocokan: terdaftar di program tetapi tidak ada di laporan; lunas di sini tetapi belum di
BPJS; lunas di BPJS tetapi iurannya belum tercatat di sini; nonaktif di sini tetapi aktif di BPJS; NIK, nomor KPJ
atau nama berbeda (nama dibandingkan tanpa huruf besar, spasi, dan tanda baca); menurut BPJS dibayar ASN lain
(bila laporan memuat NIP pembayarnya dan NIP itu bukan sponsor di program); ada di laporan BPJS tetapi tidak
pernah terdaftar di program. Satu pekerja bisa masuk lebih dari satu kelompok.

Di Ringkasan dan slide *Manfaat bagi pekerja*, **terkonfirmasi BPJS** bulan M memakai laporan BPJS terbaru yang
bertanggal paling lambat akhir bulan M (bulan laporannya disebut); tanpa laporan sampai bulan itu, angkanya
kosong.

### Manfaat program (klaim)
Staf mengunggah klaim yang dibayar BPJS Ketenagakerjaan untuk pekerja program (`klaim`): **JKK** (kecelakaan
kerja), **JKM** (kematian; seluruhnya Rp42 juta) dan **beasiswa** anak, satu baris per pembayaran. Sebuah klaim
milik pendaftaran program yang **berlaku pada tanggal kejadian** (tanggal daftar paling lambat hari itu, tanggal
berhenti kosong atau paling awal hari itu); klaim tanpa pendaftaran yang berlaku ditolak saat diunggah, karena
bukan manfaat program. Kecamatannya = kecamatan kelurahan pekerja dalam pendaftaran itu; OPD-nya = OPD sponsornya
menurut roster ASN terkini (sama dengan iuran). Bila data pekerja diubah sesudah klaim diunggah sehingga pada
tanggal kejadian tidak ada lagi pendaftaran yang berlaku, klaim itu **tidak dihitung** dan ditampilkan untuk staf
di halaman Manfaat program; pembatalan unggahan pekerja yang akan membuat klaim seperti itu ditolak (batalkan dulu
unggahan klaimnya).
- **Manfaat dibayar** bulan M = jumlah pembayaran klaim yang tanggal bayarnya dalam bulan M; **klaim dibayar** =
  banyaknya pembayaran itu. *Sejak awal program* = semua pembayaran sampai akhir bulan M.
- **Manfaat per Rp1 iuran** sampai bulan M = manfaat dibayar sejak awal program ÷ iuran dibayar untuk periode
  sampai M sejak awal program (iuran yang sama dengan halaman Iuran), dibulatkan ke 2 desimal (setengah ke atas).
  Rp0,50 berarti setiap Rp1 iuran yang dibayar program kembali sebagai Rp0,50 manfaat bagi pekerja dan
  keluarganya. Per kecamatan dan per OPD dihitung dengan jumlah yang sama, tidak pernah rata-rata rasio.
- Nama dan NIK pekerja tidak pernah tampil di layar umum; daftar kasus hanya untuk staf program, dengan tanda
  apakah pekerja atau keluarganya setuju kasusnya diceritakan di depan umum.

### Calon pekerja
ASN yang belum mengenal pekerja rentan dapat memilih **calon** dari daftar kelurahan atau data sosial yang
diunggah staf. Yang ditawarkan: calon yang NIK-nya tidak punya pendaftaran yang belum berakhir, tidak punya
pengajuan yang menunggu, tidak ada dalam daftar program lain, tidak sedang dipesan ASN lain, dan berusia di bawah
65 tahun. Urutannya: calon dari kecamatan dengan **kekurangan target** peserta terbesar lebih dulu (kekurangan
yang sama dengan halaman Kecamatan, bulan data terakhir), lalu yang terdekat dengan kecamatan OPD si ASN. Nama
dan NIK calon disamarkan sampai dipesan. Satu calon dipesan untuk satu ASN selama {hari_pesan} hari; satu ASN
memesan satu calon pada satu waktu. Pesanan berakhir saat ASN mengajukan pendaftarannya, melepasnya, atau
waktunya habis.

### Kapan angka diperbarui
Setiap kali unggahan disimpan atau dibatalkan, `ptr_core` menghitung ulang — dalam transaksi yang sama —
ringkasan per bulan × kecamatan × OPD (pekerja aktif, menunggak, nonaktif, iuran dibayar, kekurangan
bayar, ASN yang mensponsori) dan per ASN sponsor × bulan (pekerja aktif, menunggak, kekurangan bayar).
Semua angka dasbor diturunkan dari ringkasan itu dengan definisi di atas, sehingga angka yang tampil
selalu sesuai dengan data yang tersimpan. Daftar rinci (ASN dan pekerja sebuah OPD, tunggakan per
sponsor) ditampilkan per halaman (50 baris): jumlah per status dan tunggakan dari ringkasan, status
pekerja di halaman itu dihitung dari data barisnya dengan aturan yang sama. Unduhan daftar lengkap
disusun saat tombolnya diklik.

### Sumber data
- Data BPJS Ketenagakerjaan Cabang Semarang Pemuda per kecamatan (unggahan `cakupan`).
- Roster ASN dari sistem kepegawaian (unggahan `asn`), pendaftaran pekerja (`pekerja`),
  pembayaran iuran (`iuran`); laporan peserta (`peserta_bpjs`) dan klaim (`klaim`) dari BPJS Ketenagakerjaan.
- Kode kecamatan dan kelurahan: Kepmendagri No. 300.2.2-2138 Tahun 2025.
- Iuran BPU terendah: JKK 1% × Rp1.000.000 + JKM Rp6.800 = Rp16.800 per bulan (PP 44/2015 jo. PP 82/2019).
"""
