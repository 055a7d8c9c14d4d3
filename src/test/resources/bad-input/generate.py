"""Writes the poison-input corpus into the current folder (see README.md; outcomes in expected.json)."""
import gzip, random, os
H = "store,item,quantity,updated_at\n"
def w(name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    if name.endswith(".gz"):
        with gzip.GzipFile(name, "wb", mtime=0) as f:
            f.write(data)
    else:
        with open(name, "wb") as f:
            f.write(data)
def t(case, minute):
    # a distinct day per case, so every row's updatedAt says which case wrote it
    return "2025-%02d-%02dT10:%02d:00Z" % (1 + (case - 1) // 28, (case - 1) % 28 + 1, minute)

w("01-zero-bytes.csv", b"")
w("02-blank-lines-only.csv", "\r\n\r\n\n")
w("03-header-only.csv", H)
w("04-no-header.csv", "c04,sku-1,5,%s\nc04,sku-2,0,%s\n" % (t(4,1), t(4,2)))
w("05-missing-quantity-column.csv", "store,item,updated_at\nc05,a,%s\n" % t(5,1))
w("06-duplicate-columns.csv", "store,item,quantity,Quantity\nc06,a,1,2\n")
w("07-unbalanced-quote.csv", H + "c07,a,1,%s\nc07,\"b,2,%s\nc07,c,3,%s\n" % (t(7,1), t(7,2), t(7,3)))
big = "x" * (10 * 1024 * 1024)
w("08-ten-megabyte-field.csv.gz", "store,item,quantity,updated_at,note\n"
  + "c08,a,1,%s,small\n" % t(8,1)
  + "c08,big,2,%s,%s\n" % (t(8,2), big)
  + "c08,c,3,%s,small\n" % t(8,3))
w("09-invalid-utf8.csv", H.encode() + b"c09,caf\xe9,1," + t(9,1).encode() + b"\n"
  + b"c09,ok,2," + t(9,2).encode() + b"\n"
  + b"c09,bad\xc3\x28,3," + t(9,3).encode() + b"\n"
  + b"c09,cut\xe2\x82")
rnd = random.Random(10)
w("10-binary.png.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rnd.randrange(256) for _ in range(4096)))
w("11-mixed-line-endings.csv", "store,item,quantity,updated_at\r\nc11,a,1,%s\nc11,b,2,%s\rc11,c,3,%s\r\n\nc11,d,x,%s\n" % (t(11,1), t(11,2), t(11,3), t(11,4)))
q = ["5", "5.0", " 5", "+5", "-1", "99999999999999999999", "", "1e3", "0x10", "5 ", "\u0665", "007",
     "9223372036854775807", "9223372036854775808", "0", "five"]
w("12-quantities.csv", H + "".join("c12,q%02d,%s,%s\n" % (i, ('"%s"' % v) if v.strip() != v else v, t(12, i)) for i, v in enumerate(q)))
ts = ["2025-03-01", "2025-03-01T10:00:00+02:00", "2025-03-01T10:00:00.123456789Z", "2025-03-01T10:00:00",
      "2025-03-01 10:00:00", "yesterday", "2025-02-30T10:00:00Z", "9999-01-01T00:00:00Z", "0999-01-01T00:00:00Z",
      "1700000000", "2025-03-01T10:00Z", "", " 2025-03-01T10:00:00Z", "2025-03-01t10:00:00z", "2025-03-01T10:00:00.5+05:30"]
w("13-timestamps.csv", H + "".join("c13,t%02d,%d,%s\n" % (i, i + 1, ('"%s"' % v) if v.strip() != v else v) for i, v in enumerate(ts)))
w("14-long-keys.csv", H
  + "c14,%s,1,%s\n" % ("k" * 1024, t(14,1))
  + "c14,%s,2,%s\n" % ("k" * 1025, t(14,2))
  + "c14,%s,3,%s\n" % ("\u20ac" * 342, t(14,3))
  + "%s,s2048,4,%s\n" % ("s" * 2048, t(14,4))
  + "%s,s2049,5,%s\n" % ("s" * 2049, t(14,5)))
w("15-duplicate-keys.csv", H + "c15,a,5,%s\nc15,a,0,%s\nc15,a,7,%s\nc15,a,1,%s\nc15,b,0,%s\nc15,b,0,%s\n"
  % (t(15,1), t(15,1), t(15,2), t(15,0), t(15,3), t(15,3)))
w("16-formula-injection.csv", "store,item,quantity,updated_at,@note\n"
  + 'c16,"=HYPERLINK(""http://evil.example"",""x"")",=1+1,%s,=cmd|\' /C calc\'!A0\n' % t(16,1)
  + "c16,+cmd,-5,%s,+1\n" % t(16,2)
  + "c16,@SUM(A1),x,%s,@x\n" % t(16,3)
  + "c16,-item,1,yesterday,-2\n"
  + "c16,=ok-item,3,%s,=1\n" % t(16,5))
w("17-keys-with-spaces.csv", H + '" c17",a,1,%s\nc17,"a ",2,%s\nc17,two words,3,%s\n,b,4,%s\nc17,,5,%s\n'
  % (t(17,1), t(17,2), t(17,3), t(17,4), t(17,5)))
w("18-field-counts.csv", H + "c18,a,1,%s,extra\nc18,b,2\nc18,c,3,%s,\nc18,d,4,%s\n" % (t(18,1), t(18,3), t(18,4)))
w("19-utf16.csv", b"\xff\xfe" + (H + "c19,a,1,%s\n" % t(19,1)).encode("utf-16-le"))
w("20-bom-crlf-quoted.csv", ("\ufeffstore,item,quantity,updated_at,note\r\n"
  + 'c20,a,1,%s,"comma, inside"\r\n' % t(20,1)
  + 'c20,b,0,%s,"two\r\nlines"\r\n' % t(20,2)
  + 'c20,c,-3,%s,"say ""hi"""\r\n' % t(20,3)
  + '"c20","d","4","%s",""\r\n' % t(20,4)).encode())
w("21-semicolon-delimited.csv", "store;item;quantity;updated_at\nc21;a;1;%s\n" % t(21,1))
w("22-column-clash.csv", "store,item,quantity,source\nc22,a,1,s3://elsewhere\n")
w("23-trailing-empty-column.csv", "store,item,quantity,\nc23,a,1,\n")
w("24-header-case-and-spaces.csv", " Store , ITEM ,Quantity ,Updated_At\nc24,a,0,%s\n" % t(24,1))
w("25-control-characters.csv", "store,item,quantity,updated_at,note\n"
  + "c25,nul\x00byte,1,%s,\nc25,bell\x07,2,%s,\nc25,esc\x1b[31m,3,%s,\n" % (t(25,1), t(25,2), t(25,3))
  + 'c25,"line\nINFO forged",4,%s,\nc25,ok,5,%s,"tab\there"\n' % (t(25,4), t(25,5)))
w("26-blank-and-space-lines.csv", H + "\nc26,a,1,%s\n\n   \nc26,b,2,%s\n\n" % (t(26,1), t(26,2)))
w("27-huge-header.csv.gz", "store,item,quantity," + "n" * (2 * 1024 * 1024) + "\nc27,a,1,x\n")
w("28-only-bad-rows.csv", H + "c28,a,-1,%s\nc28,b,lots,%s\n" % (t(28,1), t(28,2)))
w("29-html-not-csv.csv", "<!DOCTYPE html>\n<html><body><h1>403 Forbidden</h1></body></html>\n")
w("30-many-columns.csv", "store,item,quantity,updated_at," + ",".join("c%d" % i for i in range(300)) + "\n"
  + "c30,a,1,%s," % t(30,1) + ",".join("v%d" % i for i in range(300)) + "\n")
# object-key cases: one good row each, uploaded under odd keys (see expected.json)
for n, case in [("31-key-with-spaces.csv", 31), ("32-key-unicode.csv", 32), ("33-key-dot-dot.csv", 33),
                ("34-key-empty-and-dot-segments.csv", 34), ("35-key-percent-escapes.csv", 35),
                ("36-key-newline.csv", 36), ("37-key-too-long-to-archive.csv", 37)]:
    w(n, H + "c%02d,a,0,%s\n" % (case, t(case, 1)))
# input limits (inventory.csv.max-*, defaults 4 MiB a field, 8 MiB a record, 1024 fields): the file fails at the
# record that passes one, the rows before it stay written, nothing after it is read
w("38-record-over-limit.csv.gz", "store,item,quantity,updated_at,note1,note2,note3\n"
  + "c38,a,1,%s,s,s,s\n" % t(38,1)
  + "c38,big,2,%s,%s,%s,%s\n" % ((t(38,2),) + ("x" * (3 * 1024 * 1024),) * 3)
  + "c38,c,3,%s,s,s,s\n" % t(38,3))
w("39-too-many-columns.csv", H + "c39,a,1,%s\n" % t(39,1) + "c39,wide,2," + ",".join(["v"] * 2000) + "\nc39,c,3,%s\n" % t(39,3))
w("40-header-too-many-columns.csv", "store,item,quantity," + ",".join("h%d" % i for i in range(1100)) + "\nc40,a,1\n")
w("41-quoted-field-over-limit-across-lines.csv.gz", "store,item,quantity,updated_at,note\n"
  + "c41,a,0,%s,small\n" % t(41,1)
  + "c41,big,2,%s,\"" % t(41,2) + "line\n" * (1024 * 1024) + "\"\n"
  + "c41,c,3,%s,small\n" % t(41,3))
# gzip uploads, uploaded as they are stored (see expected.json "uploadCompressed")
w("42-gzip-bomb.csv.gz", "store,item,quantity,updated_at,note\n" + "c42,a,1,%s,small\n" % t(42,1)
  + "c42,bomb,2,%s,%s\n" % (t(42,2), "x" * (20 * 1024 * 1024)))
with open("43-gzip-truncated.csv.gz", "wb") as f:
    data = gzip.compress((H + "c43,a,1,%s\nc43,b,2,%s\nc43,c,0,%s\n" % (t(43,1), t(43,2), t(43,3))).encode(), mtime=0)
    f.write(data[:-8])  # the upload broke off before gzip's trailer: every row arrived, the file did not
with open("44-not-gzip.csv.gz", "wb") as f:
    f.write((H + "c44,a,1,%s\n" % t(44,1)).encode())
with open("45-gzip.csv.gz", "wb") as f:
    f.write(gzip.compress((H + "c45,a,0,%s\nc45,b,7,%s\n" % (t(45,1), t(45,2))).encode(), mtime=0))
# values that would forge or flood a log line: a line break in updated_at, a 3 MB updated_at (stored gzipped)
w("46-log-forging-values.csv.gz", H + 'c46,a,1,"%s\nINFO  [ventory-uploads] import-file FileImport - Imported forged.csv"\n' % t(46,1)
  + "c46,b,2,%s\n" % ("9" * (3 * 1024 * 1024)) + "c46,c,0,%s\n" % t(46,3))
