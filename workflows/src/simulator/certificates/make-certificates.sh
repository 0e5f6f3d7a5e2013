#!/bin/sh
# Makes the simulator's certificates: four provider CAs and the authority's CA, each issuing one
# certificate per signer; every private key is thrown away (the certificates only have to decode).
set -e
cd "$(mktemp -d)"
ca() { # name subject
  openssl req -x509 -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.pem" -days 3650 -utf8 \
    -subj "$2" -set_serial "0x$(openssl rand -hex 8)" 2>/dev/null
}
# `openssl ca` (not `x509 -req`) so the validity can start in the past: 2025-01-01 to 2029-01-01.
leaf() { # name subject ca
  openssl req -newkey rsa:2048 -nodes -keyout "$1.key" -out "$1.csr" -utf8 -subj "$2" 2>/dev/null
  mkdir -p "db-$3" && touch "db-$3/index.txt"
  printf '5401%s\n' "$(openssl rand -hex 14)" > "db-$3/serial"
  cat > "$3.cnf" <<CNF
[ca]
default_ca = sim
[sim]
database = db-$3/index.txt
serial = db-$3/serial
new_certs_dir = .
default_md = sha256
policy = any
unique_subject = no
[any]
countryName = optional
localityName = optional
organizationName = optional
commonName = supplied
userId = optional
CNF
  openssl ca -batch -config "$3.cnf" -cert "$3.pem" -keyfile "$3.key" -in "$1.csr" -out "$1.pem" \
    -utf8 -preserveDN -startdate 20250101000000Z -enddate 20290101000000Z -notext 2>/dev/null
}
ca viettel "/C=VN/O=Viettel Group (simulator)/CN=Viettel-CA SHA-256 (simulator)"
ca vnpt "/C=VN/O=VIETNAM POSTS AND TELECOMMUNICATIONS GROUP (simulator)/CN=VNPT-CA SHA-256 (simulator)"
ca bkav "/C=VN/O=BKAV Corporation (simulator)/CN=BKAVCA SHA-256 (simulator)"
ca misa "/C=VN/O=MISA JSC (simulator)/CN=MISA eSign (simulator)"
ca gov "/C=VN/O=Ban Cơ yếu Chính phủ (simulator)/CN=CA phục vụ các cơ quan Nhà nước G2 (simulator)"
leaf p0100109106 "/C=VN/L=Hà Nội/CN=TỔNG CÔNG TY VIỄN THÔNG MẪU/UID=MST:0100109106" viettel
leaf p0102671977 "/C=VN/L=Hà Nội/CN=Công ty cổ phần Bất động sản Mẫu/UID=MST:0102671977" vnpt
leaf p0304043037 "/C=VN/L=TP Hồ Chí Minh/CN=CÔNG TY CỔ PHẦN THỰC PHẨM MẪU/UID=MST:0304043037" bkav
leaf p0106869738-048 "/C=VN/L=Hưng Yên/CN=CHI NHÁNH DỊCH VỤ VIỄN THÔNG MẪU/UID=MST:0106869738-048" viettel
leaf p0901129841 "/C=VN/L=Hưng Yên/CN=CÔNG TY CỔ PHẦN ĐIỆN LỰC MẪU/UID=MST:0901129841" misa
leaf p0312345678 "/C=VN/L=Hà Nội/CN=CÔNG TY TNHH PHẦN MỀM MẪU/UID=MST:0312345678" vnpt
leaf p0109744141 "/C=VN/L=Hà Nội/CN=CÔNG TY CỔ PHẦN GIẢI PHÁP TÀI CHÍNH MẪU/UID=MST:0109744141" misa
leaf p0000000000 "/C=VN/CN=DOANH NGHIỆP MẪU (simulator)/UID=MST:0000000000" vnpt
leaf cqt "/C=VN/L=Hà Nội/O=BỘ TÀI CHÍNH/CN=CỤC THUẾ" gov
for f in p*.pem cqt.pem; do
  printf '%s\t%s\n' "${f%.pem}" "$(openssl x509 -in "$f" -outform der | base64 -w0)"
done
