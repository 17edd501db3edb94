//! Paths in the index as their bytes: a file name need not be UTF-8, and
//! serde's own form of a path fails for one that is not (which would leave
//! the whole folder without an index).

use std::ffi::OsString;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

use serde::{de, Deserializer, Serializer};

/// Writes a path as its bytes.
pub fn serialize<S: Serializer>(path: &Path, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bytes(path.as_os_str().as_bytes())
}

/// Reads a path from its bytes.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<PathBuf, D::Error> {
    struct Bytes;
    impl de::Visitor<'_> for Bytes {
        type Value = PathBuf;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("the bytes of a path")
        }
        fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<PathBuf, E> {
            Ok(PathBuf::from(OsString::from_vec(v.to_vec())))
        }
        fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<PathBuf, E> {
            Ok(PathBuf::from(OsString::from_vec(v)))
        }
    }
    deserializer.deserialize_byte_buf(Bytes)
}
