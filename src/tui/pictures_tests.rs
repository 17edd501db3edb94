use std::path::Path;

use ratatui_image::picker::Picker;
use ratatui_image::FontSize;

use super::{cells, encode, header_size, local_file, Key, Pictures, Request, MAX_FILE_BYTES};

fn png(path: &Path, w: u32, h: u32) {
    image::RgbImage::from_fn(w, h, |x, y| image::Rgb([(x * 7) as u8, (y * 5) as u8, 90]))
        .save_with_format(path, image::ImageFormat::Png)
        .unwrap();
}

/// A PNG signature and header chunk (with its checksum) claiming `w` × `h`
/// pixels, and nothing after it.
fn png_header(w: u32, h: u32) -> Vec<u8> {
    let mut chunk = b"IHDR".to_vec();
    chunk.extend_from_slice(&w.to_be_bytes());
    chunk.extend_from_slice(&h.to_be_bytes());
    chunk.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    out.extend_from_slice(&13u32.to_be_bytes());
    out.extend_from_slice(&chunk);
    out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn only_relative_picture_files_beside_the_article_are_local() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("posts/a.md");
    let local = |src: &str| local_file(&article, src).map(|p| p.strip_prefix(dir.path()).unwrap().to_path_buf());
    assert_eq!(local("cat.png"), Some("posts/cat.png".into()));
    assert_eq!(local("img/My%20Cat.JPG?w=2#x"), Some("posts/img/My Cat.JPG".into()));
    assert_eq!(local("../static/a.webp"), Some("static/a.webp".into()));
    assert_eq!(local("./b.gif"), Some("posts/b.gif".into()));
    for refused in [
        "https://example.org/cat.png",
        "//example.org/cat.png",
        "/images/cat.png",
        "file:///etc/cat.png",
        "data:image/png;base64,AAAA",
        "C:\\cat.png",
        "cat.svg",
        "cat",
        "",
    ] {
        assert_eq!(local(refused), None, "{refused}");
    }
}

#[test]
fn a_picture_keeps_its_shape_and_never_grows() {
    let font = FontSize::new(10, 20);
    // 1200×800 at 80 columns and 20 rows: the height limits it to half size.
    assert_eq!(cells((1200, 800), font, 80, 20), (60, 20));
    // Narrow: the width limits it.
    assert_eq!(cells((1200, 800), font, 30, 20), (30, 10));
    // Small pictures keep their own size.
    assert_eq!(cells((40, 40), font, 80, 20), (4, 2));
    // A sliver still takes a cell.
    assert_eq!(cells((16_000, 1), font, 80, 20), (80, 1));
    assert_eq!(cells((1, 16_000), font, 80, 20), (1, 20));
}

#[test]
fn headers_say_the_size_and_hostile_files_show_no_picture() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    png(&p("ok.png"), 30, 20);
    assert_eq!(header_size(&p("ok.png")), Some((30, 20)));
    // Named .png, but a JPEG: the content decides.
    image::RgbImage::new(8, 6)
        .save_with_format(p("photo.png"), image::ImageFormat::Jpeg)
        .unwrap();
    assert_eq!(header_size(&p("photo.png")), Some((8, 6)));
    // A decompression bomb is refused by its header.
    std::fs::write(p("bomb.png"), png_header(100_000, 100_000)).unwrap();
    assert_eq!(header_size(&p("bomb.png")), None);
    std::fs::write(p("wide.png"), png_header(20_000, 10)).unwrap();
    assert_eq!(header_size(&p("wide.png")), None);
    std::fs::write(p("zero.png"), png_header(0, 10)).unwrap();
    assert_eq!(header_size(&p("zero.png")), None);
    std::fs::write(p("text.png"), "not a picture at all").unwrap();
    assert_eq!(header_size(&p("text.png")), None);
    std::fs::write(p("empty.png"), "").unwrap();
    assert_eq!(header_size(&p("empty.png")), None);
    assert_eq!(header_size(&p("missing.png")), None);
    std::fs::create_dir(p("dir.png")).unwrap();
    assert_eq!(header_size(&p("dir.png")), None);
    // A FIFO is never opened for a blocking read.
    let fifo = p("fifo.png");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        assert_eq!(header_size(&fifo), None);
    }
    // Too large a file is not read.
    let big = std::fs::File::create(p("big.png")).unwrap();
    big.set_len(MAX_FILE_BYTES + 1).unwrap();
    assert_eq!(header_size(&p("big.png")), None);
}

#[test]
fn the_worker_encodes_pictures_and_reports_broken_ones() {
    let dir = tempfile::tempdir().unwrap();
    let request = |name: &str| Request {
        key: Key {
            path: dir.path().join(name),
            cols: 8,
            rows: 4,
        },
        picker: Picker::halfblocks(),
    };
    png(&dir.path().join("ok.png"), 160, 160);
    let made = encode(&request("ok.png")).unwrap();
    assert!(made.size().width <= 8 && made.size().height <= 4);
    // A valid header over nothing: an error, not a panic.
    std::fs::write(dir.path().join("cut.png"), png_header(64, 64)).unwrap();
    assert!(encode(&request("cut.png")).is_err());
    // Half a real file.
    let whole = std::fs::read(dir.path().join("ok.png")).unwrap();
    std::fs::write(dir.path().join("half.png"), &whole[..whole.len() / 2]).unwrap();
    assert!(encode(&request("half.png")).is_err());
    std::fs::write(dir.path().join("bomb.png"), png_header(100_000, 100_000)).unwrap();
    let why = encode(&request("bomb.png")).err().unwrap();
    assert!(!why.is_empty());
    assert!(encode(&request("gone.png")).is_err());
}

#[test]
fn pictures_are_asked_for_once_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.png");
    png(&path, 100, 100);
    let mut off = Pictures::default();
    assert_eq!(off.rows(&path, 80, 20), 0);
    let mut pictures = Pictures::new(Picker::halfblocks());
    // 100×100 pixels in cells of 10×20: 10 columns, 5 rows.
    assert_eq!(pictures.rows(&path, 80, 20), 5);
    assert_eq!(pictures.rows(&dir.path().join("none.png"), 80, 20), 0);
    let key = pictures.key(&path, 80, 5).unwrap();
    assert_eq!((key.cols, key.rows), (10, 5));
    pictures.want(key.clone());
    pictures.want(key.clone());
    let requests = pictures.take_requests();
    assert_eq!(requests.len(), 1);
    assert!(pictures.get(&key).is_none());
    pictures.done((key.clone(), encode(&requests[0])));
    assert!(pictures.get(&key).is_some());
    pictures.want(key.clone());
    assert!(pictures.take_requests().is_empty());
    let broken = Key { rows: 4, ..key };
    pictures.done((broken.clone(), Err("broken".into())));
    assert_eq!(pictures.failure(&broken), Some("broken"));
}
