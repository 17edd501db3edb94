//! A feed server for `bench/feeds.sh`: serves `/feed/N.xml` (N below
//! FEEDS), RSS 2.0 feeds of ITEMS items with full content, from memory,
//! on 127.0.0.1, until killed. Prints its address on the first line.
//!
//!     cargo run --release --example feed_server -- FEEDS ITEMS

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

fn feed(n: usize, items: usize) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Bench feed {n}</title><link>http://bench.invalid/{n}/</link><description>Feed {n}</description>\n"
    );
    for i in 0..items {
        let paragraphs: String = (0..6)
            .map(|p| {
                format!(
                    "<p>Paragraph {p} of item {i} in feed {n}: the council met on Tuesday to discuss the \
                     harbour bridge, the new bus lanes and the budget for the coming year, and agreed \
                     to publish its <a href=\"/report/{n}/{i}\">report</a> next week.</p>"
                )
            })
            .collect();
        out.push_str(&format!(
            "<item><title>Item {i} of feed {n}</title><link>http://bench.invalid/{n}/{i}</link>\
             <guid>bench-{n}-{i}</guid><pubDate>Tue, 05 Mar 2024 {:02}:00:00 GMT</pubDate>\
             <description>Summary of item {i}.</description>\
             <content:encoded><![CDATA[{paragraphs}]]></content:encoded></item>\n",
            i % 24
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let (feeds, items) = (args.first().copied().unwrap_or(200), args.get(1).copied().unwrap_or(20));
    let bodies: Vec<String> = (0..feeds).map(|n| feed(n, items)).collect();
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    println!("http://{}", listener.local_addr().expect("address"));
    std::thread::scope(|scope| {
        for stream in listener.incoming().flatten() {
            let bodies = &bodies;
            scope.spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let n = line
                    .split(' ')
                    .nth(1)
                    .and_then(|p| p.strip_prefix("/feed/"))
                    .and_then(|p| p.strip_suffix(".xml"))
                    .and_then(|n| n.parse::<usize>().ok());
                let mut out = &stream;
                let _ = match n.and_then(|n| bodies.get(n)) {
                    Some(body) => write!(
                        out,
                        "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                        body.len()
                    ),
                    None => write!(out, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
                };
            });
        }
    });
}
