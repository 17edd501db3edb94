//! Bringing articles in: web pages (`kiosk add`) and feeds (`kiosk fetch`)
//! become Markdown files with YAML front matter in the article folder.
//!
//! Ingest sits beside the reader: it only writes files that the loader then
//! reads, and it is the only part of kiosk that touches the network. It has
//! no terminal code: callers follow a run through [`Progress`] values handed
//! to a callback (the command line draws a bar from them; the reader can send
//! them down its event channel and run [`add::add`] or [`fetch::fetch`] on a
//! thread of its own).
//!
//! The pipeline of one page: [`http`] fetches it (timeouts, capped bodies,
//! redirects, proxies), [`charset`] decodes it, [`extract`] finds the article
//! (Readability), [`markdown`] converts it, [`article_file`] writes front
//! matter and body through the sanitiser, and [`store`] picks a safe file
//! name and writes atomically, never over a file the user edited.

pub mod add;
pub mod article_file;
pub mod charset;
pub mod extract;
pub mod feed;
pub mod fetch;
pub mod filename;
pub mod http;
pub mod ledger;
pub mod markdown;
pub mod pool;
pub mod progress;
pub mod store;
pub mod subscriptions;

pub use progress::{Outcome, Progress, Summary};
