//! The HTTP client of ingest: blocking, rustls, bounded in every direction
//! (connect and total timeouts, capped bodies also after decompression, at
//! most five redirects), `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` honoured, and a
//! User-Agent naming kiosk and its version.

use std::time::Duration;

use ureq::{Agent, Proxy, ResponseExt};

/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!("kiosk/", env!("CARGO_PKG_VERSION"));

/// What one request may take.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Time to open the connection.
    pub connect: Duration,
    /// Time for the whole request, body included.
    pub total: Duration,
    /// Largest body accepted, counted after decompression.
    pub max_body: u64,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_body: 16 << 20,
            max_redirects: 5,
        }
    }
}

/// Proxy settings, as the environment gives them (`HTTPS_PROXY`,
/// `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`, upper or lower case).
#[derive(Clone, Debug, Default)]
pub struct ProxyEnv {
    /// Proxy for `https` URLs.
    pub https: Option<String>,
    /// Proxy for `http` URLs.
    pub http: Option<String>,
    /// Hosts reached directly: names (a leading dot or none matches
    /// subdomains too), addresses, or `*` for all.
    pub no_proxy: Vec<String>,
}

impl ProxyEnv {
    /// The settings of this process's environment.
    pub fn from_env() -> ProxyEnv {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        let all = var(&["ALL_PROXY", "all_proxy"]);
        ProxyEnv {
            https: var(&["HTTPS_PROXY", "https_proxy"]).or_else(|| all.clone()),
            http: var(&["HTTP_PROXY", "http_proxy"]).or(all),
            no_proxy: var(&["NO_PROXY", "no_proxy"])
                .map(|v| {
                    v.split(',')
                        .map(|s| s.trim().to_ascii_lowercase())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// True when `host` is reached without the proxy.
    pub fn bypasses(&self, host: &str) -> bool {
        let host = host.trim_start_matches('[').trim_end_matches(']').to_ascii_lowercase();
        self.no_proxy.iter().any(|entry| {
            let entry = entry.split(':').next().unwrap_or(entry);
            let bare = entry.trim_start_matches("*.").trim_start_matches('.');
            entry == "*" || host == bare || host.ends_with(&format!(".{bare}"))
        })
    }
}

/// Why a request failed, named for the user.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The server answered with an error status.
    #[error("HTTP {code} {reason}")]
    Status {
        /// The status code.
        code: u16,
        /// Its reason phrase.
        reason: String,
    },
    /// The request took longer than allowed.
    #[error("timed out ({0})")]
    Timeout(String),
    /// More redirects than allowed.
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    /// The body was larger than allowed.
    #[error("response larger than {0} bytes")]
    TooLarge(u64),
    /// The address is not one kiosk fetches.
    #[error("not an http or https URL: {0}")]
    BadUrl(String),
    /// The host could not be reached.
    #[error("cannot connect: {0}")]
    Connect(String),
    /// Anything else the transport reports.
    #[error("{0}")]
    Other(String),
}

/// Validators of a previous response, for a conditional GET.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    /// The `ETag` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    /// The `Last-Modified` header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

/// A response with its body read.
#[derive(Clone, Debug)]
pub struct Page {
    /// The URL after redirects: relative links resolve against it.
    pub url: String,
    /// The body, decompressed.
    pub bytes: Vec<u8>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// Validators for the next conditional GET.
    pub validators: Validators,
}

/// What a conditional GET brings.
#[derive(Clone, Debug)]
pub enum Fetched {
    /// `304 Not Modified`.
    NotModified,
    /// A new body.
    Page(Page),
}

/// A blocking HTTP client; cheap to share between threads.
#[derive(Clone, Debug)]
pub struct Client {
    direct: Agent,
    via_http: Option<Agent>,
    via_https: Option<Agent>,
    proxies: ProxyEnv,
    limits: Limits,
}

impl Client {
    /// A client with these limits and proxies. A proxy setting that is not a
    /// URL is an error here, not a surprise at the first request.
    pub fn new(limits: Limits, proxies: ProxyEnv) -> Result<Client, FetchError> {
        let agent = |proxy: Option<&str>| -> Result<Agent, FetchError> {
            let proxy = proxy
                .map(|p| Proxy::new(p).map_err(|e| FetchError::Other(format!("proxy {p}: {e}"))))
                .transpose()?;
            let config = Agent::config_builder()
                .timeout_connect(Some(limits.connect))
                .timeout_global(Some(limits.total))
                .max_redirects(limits.max_redirects)
                .http_status_as_error(false)
                .user_agent(USER_AGENT)
                .proxy(proxy)
                .build();
            Ok(config.into())
        };
        Ok(Client {
            direct: agent(None)?,
            via_http: proxies.http.as_deref().map(|p| agent(Some(p))).transpose()?,
            via_https: proxies.https.as_deref().map(|p| agent(Some(p))).transpose()?,
            proxies,
            limits,
        })
    }

    /// A client with the default limits and the environment's proxies.
    pub fn from_env() -> Result<Client, FetchError> {
        Client::new(Limits::default(), ProxyEnv::from_env())
    }

    /// The limits of this client.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Fetches `url`.
    pub fn get(&self, url: &str) -> Result<Page, FetchError> {
        match self.get_if_changed(url, &Validators::default())? {
            Fetched::Page(page) => Ok(page),
            Fetched::NotModified => Err(FetchError::Status {
                code: 304,
                reason: "Not Modified".into(),
            }),
        }
    }

    /// Fetches `url` unless it is unchanged since `previous` was seen.
    pub fn get_if_changed(&self, url: &str, previous: &Validators) -> Result<Fetched, FetchError> {
        let parsed = url::Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        let agent = match parsed.scheme() {
            "http" | "https" if parsed.host_str().is_some_and(|h| self.proxies.bypasses(h)) => &self.direct,
            "http" => self.via_http.as_ref().unwrap_or(&self.direct),
            "https" => self.via_https.as_ref().unwrap_or(&self.direct),
            _ => return Err(FetchError::BadUrl(url.to_string())),
        };
        let mut request = agent.get(parsed.as_str());
        if let Some(etag) = &previous.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &previous.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.named(e))?;
        let status = response.status();
        if status.as_u16() == 304 {
            return Ok(Fetched::NotModified);
        }
        if status.is_redirection() {
            return Err(FetchError::TooManyRedirects(self.limits.max_redirects));
        }
        if !status.is_success() {
            return Err(FetchError::Status {
                code: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_string(),
            });
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let content_type = header("content-type");
        let final_url = response.get_uri().to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.limits.max_body)
            .read_to_vec()
            .map_err(|e| self.named(e))?;
        Ok(Fetched::Page(Page {
            url: final_url,
            bytes,
            content_type,
            validators,
        }))
    }

    fn named(&self, error: ureq::Error) -> FetchError {
        match error {
            ureq::Error::StatusCode(code) => FetchError::Status {
                code,
                reason: ureq::http::StatusCode::from_u16(code)
                    .ok()
                    .and_then(|s| s.canonical_reason())
                    .unwrap_or("")
                    .to_string(),
            },
            ureq::Error::Timeout(what) => FetchError::Timeout(what.to_string()),
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects(self.limits.max_redirects),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.limits.max_body),
            ureq::Error::HostNotFound => FetchError::Connect("host not found".into()),
            ureq::Error::ConnectionFailed => FetchError::Connect("connection failed".into()),
            ureq::Error::BadUri(uri) => FetchError::BadUrl(uri),
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                FetchError::Connect("connection refused".into())
            }
            ureq::Error::Io(e) if e.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout(e.to_string()),
            other => FetchError::Other(other.to_string()),
        }
    }
}

/// The host of `url`, for the per-host limit and for file names.
pub fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_proxy_matches_hosts_and_their_subdomains() {
        let env = ProxyEnv {
            no_proxy: vec!["example.org".into(), ".corp".into(), "127.0.0.1".into()],
            ..ProxyEnv::default()
        };
        assert!(env.bypasses("example.org"));
        assert!(env.bypasses("news.example.org"));
        assert!(env.bypasses("intra.corp"));
        assert!(env.bypasses("127.0.0.1"));
        assert!(!env.bypasses("notexample.org"));
        assert!(!env.bypasses("example.com"));
        let all = ProxyEnv {
            no_proxy: vec!["*".into()],
            ..ProxyEnv::default()
        };
        assert!(all.bypasses("anything"));
    }
}
